import 'server-only';
import { and, asc, eq, gte, inArray, lt, max } from 'drizzle-orm';
import type { ActivityCounts, ActivitySample } from '@/lib/activity/shared';
import { activitySamples, type Database } from '@/lib/db';

/** Rows per statement: five parameters each, far below PostgreSQL's 65,535. */
const CHUNK = 1000;

/** One sample per room at the database's time; two replicas sampling the same room at the same microsecond keep one. */
export async function insertSamples(db: Database, samples: Array<{ room: string; at?: Date } & ActivityCounts>): Promise<void> {
  for (let start = 0; start < samples.length; start += CHUNK) {
    await db.insert(activitySamples).values(samples.slice(start, start + CHUNK)).onConflictDoNothing();
  }
}

/** The room's samples since `since`, oldest first. */
export async function samplesSince(db: Database, room: string, since: Date): Promise<ActivitySample[]> {
  const rows = await db
    .select()
    .from(activitySamples)
    .where(and(eq(activitySamples.room, room), gte(activitySamples.at, since)))
    .orderBy(asc(activitySamples.at));
  return rows.map(({ at, participants, speakers, hands }) => ({ at: at.getTime(), participants, speakers, hands }));
}

export async function pruneSamples(db: Database, before: Date): Promise<void> {
  await db.delete(activitySamples).where(lt(activitySamples.at, before));
}

/** Per room among `rooms`, when it was last sampled (rooms never sampled, or pruned since, are absent). */
export async function latestSampleTimes(db: Database, rooms: readonly string[]): Promise<Map<string, Date>> {
  if (rooms.length === 0) return new Map();
  const rows = await db
    .select({ room: activitySamples.room, at: max(activitySamples.at) })
    .from(activitySamples)
    .where(inArray(activitySamples.room, [...rooms]))
    .groupBy(activitySamples.room);
  return new Map(rows.flatMap(({ room, at }) => (at ? [[room, at] as const] : [])));
}
