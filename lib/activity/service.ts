import 'server-only';
import { database } from '@/lib/db';
import { insertSamples } from '@/lib/activity/store';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import { activityCounts, type ActivityCounts } from './shared';

/** A room's webhooks sample it at most this often per replica; the last change of a burst is still sampled. */
export const WEBHOOK_SAMPLE_GAP_MS = 2_000;

/** The room's counts now; a room that has ended counts nobody. */
export async function countRoom(room: string): Promise<ActivityCounts | undefined> {
  try {
    return activityCounts(await livekit.listParticipantsOfListedRoom(room));
  } catch (error) {
    if (error instanceof LiveKitError && error.code === 'not_found') return { participants: 0, speakers: 0, hands: 0 };
    return undefined;
  }
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
