import 'server-only';
import { log } from './log';
import { metrics } from './metrics';
import { safely } from './safely';
import { failSpan, inSpan, traceIdOf } from './trace';

/** What this replica saw of one background job since it started (for Diagnostics). */
export interface JobRuns {
  job: string;
  runs: number;
  failures: number;
  /** ticks another replica took (runExclusive answered `ran: false`) */
  skips: number;
  last?: { at: Date; durationMs: number; outcome: 'ok' | 'failed' };
  lastFailureAt?: Date;
  /** when this job's last info line was written: a job ticking every second writes one a minute (the rest at debug) */
  loggedAt?: Date;
}

const INFO_LINE_EVERY_MS = 60_000;

// per replica and since its start, as the metrics are: losing it on a restart loses nothing the database needs
const JOB_RUNS = Symbol.for('stagekeeper.jobRunsSinceStart');
type Holder = { [JOB_RUNS]?: Map<string, JobRuns> };

function seenOf(job: string): JobRuns {
  const runs = ((globalThis as Holder)[JOB_RUNS] ??= new Map());
  let seen = runs.get(job);
  if (!seen) runs.set(job, (seen = { job, runs: 0, failures: 0, skips: 0 }));
  return seen;
}

export function recentJobRuns(): JobRuns[] {
  return [...((globalThis as Holder)[JOB_RUNS]?.values() ?? [])].sort((a, b) => a.job.localeCompare(b.job));
}

/** Records the run; true when it earns an info line (a failure, or the first run of its job in a minute). */
function remember(job: string, outcome: 'ok' | 'failed' | 'skipped', durationMs: number): boolean {
  const seen = seenOf(job);
  if (outcome === 'skipped') {
    seen.skips += 1;
    return false;
  }
  const at = new Date();
  seen.runs += 1;
  seen.last = { at, durationMs: Math.round(durationMs), outcome };
  if (outcome === 'failed') {
    seen.failures += 1;
    seen.lastFailureAt = at;
  }
  const info = outcome === 'failed' || !seen.loggedAt || at.getTime() - seen.loggedAt.getTime() >= INFO_LINE_EVERY_MS;
  if (info) seen.loggedAt = at;
  return info;
}

/** A background job's run under runExclusive: its span, log line and metrics when it ran here, `skipped` when another replica held it. */
export function observeJob<T extends { ran: boolean }>(job: string, run: () => Promise<T>): Promise<T> {
  return inSpan(`job ${job}`, { 'stagekeeper.job': job }, async (span) => {
    const started = performance.now();
    const record = (outcome: 'ok' | 'failed' | 'skipped', error?: unknown) =>
      safely(() => {
        const durationMs = performance.now() - started;
        metrics().jobRuns.inc({ job, outcome });
        span?.setAttribute('stagekeeper.outcome', outcome);
        const info = remember(job, outcome, durationMs);
        const line = { kind: 'job', job, outcome, durationMs: Math.round(durationMs), traceId: traceIdOf(span) };
        if (outcome === 'skipped') return log().debug(line, `job ${job} skipped: another replica runs it`);
        metrics().jobDuration.observe({ job }, durationMs / 1000);
        if (outcome === 'ok') return log()[info ? 'info' : 'debug'](line, `job ${job} ok`);
        const message = error instanceof Error ? error.message : String(error);
        failSpan(span, message);
        log().error({ ...line, error: message }, `job ${job} failed`);
      });
    try {
      const result = await run();
      record(result.ran ? 'ok' : 'skipped');
      return result;
    } catch (error) {
      record('failed', error);
      throw error;
    }
  });
}
