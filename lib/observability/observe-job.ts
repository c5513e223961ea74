import 'server-only';
import { log } from './log';
import { metrics } from './metrics';
import { safely } from './safely';
import { failSpan, inSpan, traceIdOf } from './trace';

/** What this replica saw of one background job since it started (for Diagnostics). */
export interface JobRuns {
  job: string;
  lastRunAt: Date;
  lastDurationMs: number;
  lastOutcome: 'ok' | 'failed';
  runs: number;
  failures: number;
  lastFailureAt?: Date;
  /** when this job's last info line was written: a job ticking every second writes one a minute (the rest at debug) */
  loggedAt?: Date;
}

const INFO_LINE_EVERY_MS = 60_000;

// per replica and since its start, as the metrics are: losing it on a restart loses nothing the database needs
const JOB_RUNS = Symbol.for('stagekeeper.jobRunsSinceStart');
type Holder = { [JOB_RUNS]?: Map<string, JobRuns> };
const jobRunsSinceStart = () => ((globalThis as Holder)[JOB_RUNS] ??= new Map());

export function recentJobRuns(): JobRuns[] {
  return [...jobRunsSinceStart().values()].sort((a, b) => a.job.localeCompare(b.job));
}

/** Records the run; true when it earns an info line (a failure, or the first run of its job in a minute). */
function remember(job: string, outcome: 'ok' | 'failed', durationMs: number): boolean {
  const seen = jobRunsSinceStart().get(job);
  const at = new Date();
  const failures = (seen?.failures ?? 0) + (outcome === 'failed' ? 1 : 0);
  const lastFailureAt = outcome === 'failed' ? at : seen?.lastFailureAt;
  const info = outcome === 'failed' || !seen?.loggedAt || at.getTime() - seen.loggedAt.getTime() >= INFO_LINE_EVERY_MS;
  const loggedAt = info ? at : seen?.loggedAt;
  const runs = (seen?.runs ?? 0) + 1;
  jobRunsSinceStart().set(job, { job, lastRunAt: at, lastDurationMs: Math.round(durationMs), lastOutcome: outcome, runs, failures, ...(lastFailureAt && { lastFailureAt }), ...(loggedAt && { loggedAt }) });
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
        const line = { kind: 'job', job, outcome, durationMs: Math.round(durationMs), traceId: traceIdOf(span) };
        if (outcome === 'skipped') return log().debug(line, `job ${job} skipped: another replica runs it`);
        metrics().jobDuration.observe({ job }, durationMs / 1000);
        const info = remember(job, outcome, durationMs);
        if (outcome === 'ok') return log()[info ? 'info' : 'debug'](line, `job ${job} ok`);
        failSpan(span, error instanceof Error ? error.message : String(error));
        log().error({ ...line, error: error instanceof Error ? error.message : String(error) }, `job ${job} failed`);
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
