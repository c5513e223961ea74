import { describe, expect, it } from 'vitest';
import { readableLine } from '@/lib/observability/log-format';

describe('the readable log line of npm run dev', () => {
  it('shows time, level and message first, then the fields', () => {
    const json = JSON.stringify({ level: 30, time: Date.UTC(2026, 0, 1, 12, 0, 1), msg: 'action rooms.list ok', kind: 'action', durationMs: 4, actor: { id: 'a' } });
    expect(readableLine(json)).toBe('12:00:01 INFO  action rooms.list ok  kind=action durationMs=4 actor={"id":"a"}\n');
  });

  it('passes a line that is not JSON through', () => {
    expect(readableLine('plain\n')).toBe('plain\n');
  });
});

describe('the request id an action logs', () => {
  it("takes the caller's x-request-id only when it is a plain token", async () => {
    const { acceptedRequestId } = await import('@/lib/observability/observe');
    expect(acceptedRequestId('haproxy-7f3a:0001.2')).toBe('haproxy-7f3a:0001.2');
    for (const refused of [null, '', 'a b', 'x\n{"level":60}', 'x'.repeat(129)]) expect(acceptedRequestId(refused)).toBeUndefined();
  });
});
