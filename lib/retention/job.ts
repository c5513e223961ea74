import 'server-only';
import { database } from '@/lib/db';
import { runExclusive } from '@/lib/db/locks';
import { env } from '@/lib/env';
import { pruneExpiredRows, type PrunedRows } from '@/lib/retention/store';

const DAY_MS = 24 * 60 * 60_000;

/**
 * Every table's retention (lib/retention/store), with event data kept STAGEKEEPER_EVENT_RETENTION_DAYS.
 * Once per cluster at a time: null when another replica is pruning now.
 */
export async function pruneRetention(now = new Date()): Promise<PrunedRows | null> {
  const eventsBefore = new Date(now.getTime() - env().eventRetentionDays * DAY_MS);
  const run = await runExclusive('retention:prune', async () => pruneExpiredRows(await database(), { eventsBefore, now }));
  return run.ran ? run.value : null;
}

/** For the job table in lib/startup. */
export async function pruneRetentionLogged(): Promise<void> {
  try {
    const pruned = await pruneRetention();
    const total = pruned ? Object.values(pruned).reduce((sum, rows) => sum + rows, 0) : 0;
    if (pruned && total > 0) console.log(`[retention] pruned ${total} rows`, pruned);
  } catch (error) {
    console.error('[retention] could not prune', error);
  }
}
