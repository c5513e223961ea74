import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Pool } from 'pg';
import { env } from '@/lib/env';
import { enterWork } from '@/lib/lifecycle/drain';
import { observeJob } from '@/lib/observability/observe';

/**
 * Locks that hold across dashboard replicas. On PostgreSQL they are session advisory locks taken on
 * connections of their own (so a held lock never starves the pool the work itself writes with); on
 * the embedded PGlite there is only ever one process, and an in-process lock is the whole truth.
 * Inside one process, callers of the same key queue on a promise chain first, so a process takes at
 * most one connection per key.
 */

const LOCK_POOL = Symbol.for('stagekeeper.lockPool');
type Holder = { [LOCK_POOL]?: Pool };

function lockPool(): Pool | undefined {
  const config = env().database;
  if (config.kind !== 'postgres') return undefined;
  const holder = globalThis as Holder;
  holder[LOCK_POOL] ??= new Pool({ connectionString: config.url, max: 20, idleTimeoutMillis: 10_000 });
  return holder[LOCK_POOL];
}

const QUEUES = Symbol.for('stagekeeper.lockQueues');
const WAITING = Symbol.for('stagekeeper.lockWaiting');
type QueueHolder = { [QUEUES]?: Map<string, Promise<void>>; [WAITING]?: Map<string, number> };

/** How many callers in this process are queued behind the holder of `key` now. */
export function lockWaiters(key: string): number {
  return (globalThis as QueueHolder)[WAITING]?.get(key) ?? 0;
}

function countWaiting(key: string, delta: number) {
  const waiting = ((globalThis as QueueHolder)[WAITING] ??= new Map());
  const count = (waiting.get(key) ?? 0) + delta;
  if (count > 0) waiting.set(key, count);
  else waiting.delete(key);
}

/** Runs `work` with `key` held in this process: callers of one key go one after another. */
async function inProcess<T>(key: string, work: () => Promise<T>): Promise<T> {
  const holder = globalThis as QueueHolder;
  const queues = (holder[QUEUES] ??= new Map());
  const previous = queues.get(key) ?? Promise.resolve();
  let release!: () => void;
  const mine = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => mine);
  queues.set(key, tail);
  countWaiting(key, 1);
  await previous.finally(() => countWaiting(key, -1));
  try {
    return await work();
  } finally {
    release();
    if (queues.get(key) === tail) queues.delete(key);
  }
}

/** A name as the two 32-bit keys pg_advisory_lock(int, int) takes, computed in the same round trip as the lock. */
const KEYS = 'hashtext($1), hashtext(reverse($1))';

/** The keys this async context holds: work that already holds a key runs on inside it, not behind itself. */
const heldKeys = new AsyncLocalStorage<ReadonlySet<string>>();

/**
 * Runs `work` while holding `key` across every replica (and every caller in this process), waiting
 * for it when another holds it. Keys name what they guard, e.g. `participant:<room>:<identity>`.
 * Re-entrant: inside work that holds `key`, withLock(key) runs at once (an action that took the
 * participant's lock to read its "before" calls a service that takes the same lock).
 */
export async function withLock<T>(key: string, work: () => Promise<T>): Promise<T> {
  const held = heldKeys.getStore();
  if (held?.has(key)) return work();
  const holding = () => heldKeys.run(new Set([...(held ?? []), key]), work);
  return inProcess(key, async () => {
    const pool = lockPool();
    if (!pool) return holding();
    const client = await pool.connect();
    let broken = false;
    try {
      await client.query(`select pg_advisory_lock(${KEYS})`, [key]);
      try {
        return await holding();
      } finally {
        await client.query(`select pg_advisory_unlock(${KEYS})`, [key]).catch(() => (broken = true));
      }
    } finally {
      client.release(broken);
    }
  });
}

/**
 * Runs `work` only if no other replica (or caller in this process) is running the job `key` now;
 * answers `{ ran: false }` otherwise. For timers that must run once per cluster, not once per replica.
 * A replica that is shutting down starts no run, and its drain waits for the runs in flight.
 */
export async function runExclusive<T>(key: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  const leave = enterWork();
  if (!leave) return { ran: false };
  try {
    return await observeJob(key, () => tryExclusive(key, work));
  } finally {
    leave();
  }
}

async function tryExclusive<T>(key: string, work: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  const holder = globalThis as QueueHolder;
  const queues = (holder[QUEUES] ??= new Map());
  if (queues.has(key)) return { ran: false };
  return inProcess(key, async () => {
    const pool = lockPool();
    if (!pool) return { ran: true as const, value: await work() };
    const client = await pool.connect();
    let broken = false;
    try {
      const { rows } = await client.query<{ locked: boolean }>(`select pg_try_advisory_lock(${KEYS}) as locked`, [key]);
      if (!rows[0]?.locked) return { ran: false as const };
      try {
        return { ran: true as const, value: await work() };
      } finally {
        await client.query(`select pg_advisory_unlock(${KEYS})`, [key]).catch(() => (broken = true));
      }
    } finally {
      client.release(broken);
    }
  });
}
