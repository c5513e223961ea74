import 'server-only';
import { mapWithConcurrency } from '@/lib/concurrency';
import { database } from '@/lib/db';
import { insertSamples, pruneSamples } from '@/lib/activity/store';
import { runExclusive } from '@/lib/db/locks';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import { ACTIVITY_WINDOW_MS, activityCounts, type ActivityCounts } from './shared';

export const SAMPLE_EVERY_MS = 30_000;
/** A room's webhooks sample it at most this often per replica; the last change of a burst is still sampled. */
export const WEBHOOK_SAMPLE_GAP_MS = 2_000;
const LIST_CONCURRENCY = 8;
/** a little more than the chart shows, so its left edge is never empty */
const KEEP_MS = ACTIVITY_WINDOW_MS + 5 * 60_000;

/** The room's counts now; a room that has ended counts nobody. */
async function countRoom(room: string): Promise<ActivityCounts | undefined> {
  try {
    return activityCounts(await livekit.listParticipantsOfListedRoom(room));
  } catch (error) {
    if (error instanceof LiveKitError && error.code === 'not_found') return { participants: 0, speakers: 0, hands: 0 };
    return undefined;
  }
}

export interface SampleReport {
  rooms: number;
  sampled: number;
  durationMs: number;
}

/**
 * One sample of every live room: one ListRooms, then one ListParticipants per room, 8 at a time, and
 * one insert; then samples older than the chart's window go. Once per cluster at a time: null when
 * another replica (or caller) is sampling now.
 */
export async function sampleAllRooms(): Promise<SampleReport | null> {
  const run = await runExclusive('activity:sample', async () => {
    const started = performance.now();
    const rooms = await livekit.listRooms();
    const counted = await mapWithConcurrency(rooms, LIST_CONCURRENCY, async ({ name }) => {
      const counts = await countRoom(name);
      return counts && { room: name, ...counts };
    });
    const samples = counted.filter((sample) => sample !== undefined);
    const db = await database();
    await insertSamples(db, samples);
    await pruneSamples(db, new Date(Date.now() - KEEP_MS));
    return { rooms: rooms.length, sampled: samples.length, durationMs: Math.round(performance.now() - started) };
  });
  return run.ran ? run.value : null;
}

/** Every 30 s on every replica; one of them samples. A failure is logged once until a sample succeeds again. */
export function sampleActivityContinuously(): void {
  let failing = false;
  const sample = () =>
    void sampleAllRooms().then(
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
  setInterval(sample, SAMPLE_EVERY_MS).unref();
}

/**
 * Per room, when this replica last sampled it for a webhook and whether a trailing sample is due.
 * Only spacing: losing it (a restart) costs at most one extra sample.
 */
const webhookSampling = new Map<string, { last: number; trailing: boolean }>();

/** Samples the room soon after a join, leave or track change: at once, or at most every 2 s with the burst's last state. */
export function sampleRoomSoon(room: string): void {
  const now = Date.now();
  const state = webhookSampling.get(room);
  if (state?.trailing) return;
  const wait = state ? Math.max(0, state.last + WEBHOOK_SAMPLE_GAP_MS - now) : 0;
  webhookSampling.set(room, { last: state?.last ?? now, trailing: true });
  setTimeout(() => {
    webhookSampling.set(room, { last: Date.now(), trailing: false });
    void sampleRoom(room);
    setTimeout(() => {
      if (webhookSampling.get(room)?.trailing === false) webhookSampling.delete(room);
    }, WEBHOOK_SAMPLE_GAP_MS).unref();
  }, wait).unref();
}

async function sampleRoom(room: string): Promise<void> {
  try {
    const counts = await countRoom(room);
    if (counts) await insertSamples(await database(), [{ room, ...counts }]);
  } catch (error) {
    console.error(`[activity] could not sample ${room}`, error instanceof Error ? error.message : error);
  }
}
