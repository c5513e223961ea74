/** A task longer than this blocks input (the long-task API's and Lighthouse's threshold). */
export const BLOCKING_MS = 50;

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** the thread's CPU time in the event, µs: what the task cost, whatever else ran on the machine */
  tdur?: number;
  args?: { name?: string };
}

export interface MainThreadCpu {
  /** Σ CPU time of the renderer main thread's tasks */
  cpuMs: number;
  longestTaskCpuMs: number;
  /** total blocking time counted in each task's CPU time rather than its wall time */
  blockingCpuMs: number;
  /** the same tasks' wall time over 50 ms: the long-task observer's view, for comparison */
  blockingWallMs: number;
}

/**
 * The page's main-thread tasks from a Chromium trace (`devtools.timeline`), counted in CPU time.
 * On a machine where the browser shares its cores with the server, LiveKit and the participants,
 * a task's wall time includes the time it waited for a core; its CPU time is what the page costs.
 * The renderer main thread with the most task time is the page's (others are idle renderers).
 */
export function mainThreadCpu(trace: Buffer): MainThreadCpu {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mainThreads = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasksByThread = new Map<string, TraceEvent[]>();
  for (const event of events) {
    const thread = `${event.pid}:${event.tid}`;
    if (event.ph !== 'X' || event.name !== 'RunTask' || !mainThreads.has(thread)) continue;
    tasksByThread.set(thread, [...(tasksByThread.get(thread) ?? []), event]);
  }
  const cpuOf = (tasks: TraceEvent[]) => tasks.reduce((total, task) => total + (task.tdur ?? 0), 0);
  const tasks = topLevel([...tasksByThread.values()].sort((a, b) => cpuOf(b) - cpuOf(a))[0] ?? []);
  const cpu = tasks.map((task) => (task.tdur ?? 0) / 1000);
  const wall = tasks.map((task) => (task.dur ?? 0) / 1000);
  const overBlocking = (values: number[]) => values.reduce((total, value) => total + Math.max(0, value - BLOCKING_MS), 0);
  return {
    cpuMs: cpu.reduce((total, value) => total + value, 0),
    longestTaskCpuMs: Math.max(0, ...cpu),
    blockingCpuMs: overBlocking(cpu),
    blockingWallMs: overBlocking(wall),
  };
}

/** A nested message loop runs tasks inside a task: count only the outer one. */
function topLevel(tasks: TraceEvent[]): TraceEvent[] {
  const sorted = [...tasks].sort((a, b) => a.ts - b.ts);
  const outer: TraceEvent[] = [];
  let endOfLast = -Infinity;
  for (const task of sorted) {
    if (task.ts < endOfLast) continue;
    outer.push(task);
    endOfLast = task.ts + (task.dur ?? 0);
  }
  return outer;
}
