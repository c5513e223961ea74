import 'server-only';
import { mapWithConcurrency } from '@/lib/concurrency';
import { database } from '@/lib/db';
import { insertSamples, pruneSamples } from '@/lib/activity/store';
import { runExclusive } from '@/lib/db/locks';
import * as livekit from '@/lib/livekit';
import { countRoom } from './service';
import { ACTIVITY_WINDOW_MS } from './shared';

export const SAMPLE_EVERY_MS = 30_000;
const LIST_CONCURRENCY = 8;
/** a little more than the chart shows, so its left edge is never empty */
const KEEP_MS = ACTIVITY_WINDOW_MS + 5 * 60_000;

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
