import 'server-only';
import { and, eq, inArray } from 'drizzle-orm';
import { auditEntries, type Database } from '@/lib/db';

/**
 * How often this process tells the shared database that its pending entries' calls still run (a
 * bulk request or an incident can run for minutes). Well under the pending sweep's bound
 * (`pendingBoundMs` in lib/startup), so a live run is never marked interrupted, and a run whose
 * process died is, once its heartbeat is older than that bound.
 */
export const PENDING_HEARTBEAT_MS = 15_000;

const LIVE = Symbol.for('stagekeeper.livePendingEntries');
const TIMER = Symbol.for('stagekeeper.pendingHeartbeat');
// per process by design: when the process dies its runs die with it, and their heartbeats stop
type Holder = { [LIVE]?: Map<Database, Set<number>>; [TIMER]?: ReturnType<typeof setInterval> };

function live(): Map<Database, Set<number>> {
  return ((globalThis as Holder)[LIVE] ??= new Map());
}

/** The pending entry `id`'s call runs in this process: it gets a heartbeat until `pendingEnded`. */
export function keepPendingAlive(db: Database, id: number): void {
  const ids = live().get(db) ?? new Set<number>();
  ids.add(id);
  live().set(db, ids);
  const holder = globalThis as Holder;
  holder[TIMER] ??= setInterval(() => void beatAll(), PENDING_HEARTBEAT_MS).unref();
}

export function pendingEnded(db: Database, id: number): void {
  const ids = live().get(db);
  ids?.delete(id);
  if (ids?.size === 0) live().delete(db);
}

/** Writes `at` as the heartbeat of every entry still pending whose call this process runs; answers how many. */
export async function beatLivePending(db: Database, at = new Date()): Promise<number> {
  const ids = [...(live().get(db) ?? [])];
  if (ids.length === 0) return 0;
  const beaten = await db
    .update(auditEntries)
    .set({ heartbeatAt: at })
    .where(and(inArray(auditEntries.id, ids), eq(auditEntries.outcome, 'pending')))
    .returning({ id: auditEntries.id });
  return beaten.length;
}

async function beatAll(): Promise<void> {
  for (const db of live().keys()) {
    await beatLivePending(db).catch((error: unknown) => console.error('[audit] could not write the heartbeat of pending entries', error));
  }
}
