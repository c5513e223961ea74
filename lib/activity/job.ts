import 'server-only';
import { mapWithConcurrency } from '@/lib/concurrency';
import { database } from '@/lib/db';
import { insertSamples, latestSampleTimes, pruneSamples } from '@/lib/activity/store';
import { runExclusive } from '@/lib/db/locks';
import * as livekit from '@/lib/livekit';
import { countRoom } from './service';
import { ACTIVITY_WINDOW_MS } from './shared';
import { safetyNetDue } from '@/lib/room-checks';

export const SAMPLE_EVERY_MS = 30_000;
/**
 * A room's joins, leaves and track changes sample it as their webhooks arrive (lib/activity/service);
 * the periodic sampler lists only a room nothing has sampled for this long: 0.1 calls a minute for
 * a quiet room. The chart draws the last sample on until the next.
 */
export const QUIET_SAMPLE_EVERY_MS = 10 * 60_000;
const LIST_CONCURRENCY = 8;
/** a little more than the chart shows, so its left edge is never empty */
const KEEP_MS = ACTIVITY_WINDOW_MS + 5 * 60_000;

export interface SampleReport {
  rooms: number;
  sampled: number;
  /** live rooms left unlisted: sampled less than `quietAfterMs` ago */
  quiet: number;
  durationMs: number;
}

/**
 * One sample of every live room whose safety net has come round since its last sample, at most
 * `quietAfterMs` apart (lib/room-checks; 0: every live room): one
 * ListRooms, then one ListParticipants per such room, 8 at a time, and one insert; then samples older
 * than the chart's window go. When each room was last sampled is read from the samples themselves, so
 * every replica agrees. Once per cluster at a time: null when another replica (or caller) is sampling now.
 */
export async function sampleAllRooms({ quietAfterMs = 0, now = Date.now } = {}): Promise<SampleReport | null> {
  const run = await runExclusive('activity:sample', async () => {
    const started = performance.now();
    const live = await livekit.listRooms();
    const lastSampled = quietAfterMs > 0 ? await latestSampleTimes(await database(), live.map(({ name }) => name)) : new Map<string, Date>();
    // on the safety net's grid, so the sweeps' turn for the room comes in the same round
    const rooms = live.filter(({ name }) => quietAfterMs === 0 || safetyNetDue(name, lastSampled.get(name)?.getTime() ?? 0, now(), quietAfterMs));
    const counted = await mapWithConcurrency(rooms, LIST_CONCURRENCY, async ({ name }) => {
      const counts = await countRoom(name);
      // dated by the clock the sampler decides by (its safety net's grid)
      return counts && { room: name, at: new Date(now()), ...counts };
    });
    const samples = counted.filter((sample) => sample !== undefined);
    const db = await database();
    await insertSamples(db, samples);
    await pruneSamples(db, new Date(Date.now() - KEEP_MS));
    return { rooms: live.length, sampled: samples.length, quiet: live.length - rooms.length, durationMs: Math.round(performance.now() - started) };
  });
  return run.ran ? run.value : null;
}

/**
 * Every 30 s on every replica, one of them samples the rooms no webhook has sampled for
 * `quietAfterMs`. A failure is logged once until a sample succeeds again.
 */
export function sampleActivityContinuously({ everyMs = SAMPLE_EVERY_MS, quietAfterMs = QUIET_SAMPLE_EVERY_MS } = {}): void {
  let failing = false;
  const sample = () =>
    void sampleAllRooms({ quietAfterMs }).then(
      () => {
        if (failing) console.log('[activity] sampling the rooms again');
        failing = false;
      },
      (error: unknown) => {
        if (!failing) console.error('[activity] could not sample the rooms', error instanceof Error ? error.message : error);
        failing = true;
      },
    );
  sample();
  setInterval(sample, everyMs).unref();
}
