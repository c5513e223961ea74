import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushTraces, onTracesFlush } from '@/lib/observability/trace';

const never = () => new Promise<void>(() => {});

describe('flushTraces at exit', () => {
  afterEach(() => onTracesFlush(() => Promise.resolve()));

  it('waits for the tracer to send its last spans', async () => {
    let sent = false;
    onTracesFlush(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sent = true;
    });
    await flushTraces(1_000);
    expect(sent).toBe(true);
  });

  it('gives up at the bound when the collector does not answer, and never throws', async () => {
    onTracesFlush(never);
    const started = Date.now();
    await flushTraces(50);
    expect(Date.now() - started).toBeLessThan(1_000);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    onTracesFlush(() => Promise.reject(new Error('collector down')));
    await expect(flushTraces(50)).resolves.toBeUndefined();
    expect(logged).toHaveBeenCalledWith('[tracing] could not send the last spans', expect.any(Error));
    logged.mockRestore();
  });
});
