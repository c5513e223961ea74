import 'server-only';
import { recentJobRuns, type JobRuns } from '@/lib/observability/observe';
import { ago, type Check } from './shared';

/** The background jobs as this replica saw them since it started: last run, its duration, failures. */
export function jobChecks(now = Date.now()): Check[] {
  const seen = recentJobRuns();
  if (seen.length === 0) {
    return [{ id: 'jobs.none', section: 'jobs', label: 'Background jobs', status: 'info', detail: 'none has run on this replica yet (they start with the server)' }];
  }
  return seen.map((job) => jobCheck(job, now));
}

function jobCheck({ job, runs, failures, skips, last, lastFailureAt }: JobRuns, now: number): Check {
  const elsewhere = skips > 0 ? `; another replica took ${skips} of its ticks` : '';
  const failed = failures > 0 && lastFailureAt ? `, ${failures} failed (the last ${ago(now - lastFailureAt.getTime())})` : ', none failed';
  const check = { id: `jobs.${job}`, section: 'jobs' as const, label: job };
  if (!last) return { ...check, status: 'info', detail: `not run here: another replica took all ${skips} of its ticks` };
  const detail = `last run ${ago(now - last.at.getTime())}, took ${last.durationMs} ms, ${last.outcome}; ${runs} runs since this replica started${failed}${elsewhere}`;
  if (last.outcome === 'ok') return { ...check, status: 'ok', detail };
  return { ...check, status: 'fail', detail, fix: `Find "job ${job} failed" in this replica's log for the error; the job tries again at its next tick.` };
}
