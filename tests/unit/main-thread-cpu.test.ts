import { describe, expect, it } from 'vitest';
import { mainThreadCpu } from '../../bench/lib/main-thread-cpu';

// A synthetic Chromium trace (pure logic): one page renderer whose tasks waited for a core, and an idle renderer.
const name = (pid: number, tid: number, thread: string) => ({ ph: 'M', name: 'thread_name', pid, tid, ts: 0, args: { name: thread } });
const task = (pid: number, tid: number, ts: number, durMs: number, cpuMs: number) => ({ ph: 'X', name: 'RunTask', pid, tid, ts, dur: durMs * 1000, tdur: cpuMs * 1000 });
const trace = (events: object[]) => Buffer.from(JSON.stringify({ traceEvents: events }));

describe('the main thread of a traced page, in CPU time', () => {
  it('counts the busiest renderer main thread, its outer tasks only, blocking by CPU and by wall time', () => {
    const cpu = mainThreadCpu(
      trace([
        name(1, 1, 'CrRendererMain'),
        name(1, 2, 'Compositor'),
        name(2, 1, 'CrRendererMain'),
        task(1, 1, 0, 120, 70), // waited 50 ms for a core: blocks 70 by wall, 20 by CPU
        task(1, 1, 10_000, 5, 4), // nested in the first: not counted again
        task(1, 1, 200_000, 40, 40),
        task(1, 2, 0, 500, 500), // not a main thread
        task(2, 1, 0, 60, 10), // the idle renderer
      ]),
    );
    expect(cpu).toEqual({ cpuMs: 110, longestTaskCpuMs: 70, blockingCpuMs: 20, blockingWallMs: 70 });
  });

  it('answers zeros for a trace without a renderer main thread', () => {
    expect(mainThreadCpu(trace([task(1, 1, 0, 80, 80)]))).toEqual({ cpuMs: 0, longestTaskCpuMs: 0, blockingCpuMs: 0, blockingWallMs: 0 });
  });
});
