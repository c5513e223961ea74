import 'server-only';
import { randomUUID } from 'node:crypto';
import { database } from '@/lib/db';
import { publishRoomSignal } from '@/lib/events/room-events-store';
import type { StreamLifetime } from '@/lib/events/room-stream';
import { enterPresence, leavePresence, sweepPresence, touchPresence, type PresentTab } from './presence-store';

/** A tab is on the presence strip while a replica vouches for its open stream at least this often… */
const VOUCH_EVERY_MS = 5_000;
/** …and is dropped once none has for this long (its replica died without ending the stream). */
export const PRESENCE_TTL_MS = 15_000;

/** The streams this replica holds open, by stream id. */
const open = new Map<string, PresentTab>();
let vouching: ReturnType<typeof setInterval> | undefined;

/**
 * A room page's event stream is its presence: the tab enters when the stream opens and leaves when
 * it ends. While any stream is open, this replica writes once per interval for all of them and drops
 * the tabs that no replica vouched for.
 */
export async function presenceForStream(who: Omit<PresentTab, 'stream'>): Promise<StreamLifetime> {
  const tab = { ...who, stream: randomUUID() };
  open.set(tab.stream, tab);
  if (!vouching) {
    vouching = setInterval(() => void vouch(), VOUCH_EVERY_MS);
    vouching.unref?.();
  }
  try {
    if (await enterPresence(await database(), tab)) await publishRoomSignal('presence_changed', tab.room);
  } catch (error) {
    // the stream serves its page all the same; the tab shows once its next stream enters
    console.error(`[presence] could not record that a tab opened ${tab.room}`, error);
  }
  return { ended: () => void leave(tab) };
}

async function leave(tab: PresentTab): Promise<void> {
  open.delete(tab.stream);
  if (open.size === 0) {
    clearInterval(vouching);
    vouching = undefined;
  }
  try {
    if (await leavePresence(await database(), tab)) await publishRoomSignal('presence_changed', tab.room);
  } catch (error) {
    // the row goes stale and the next sweep drops it
    console.error(`[presence] could not record that a tab left ${tab.room}`, error);
  }
}

async function vouch(): Promise<void> {
  try {
    const db = await database();
    await touchPresence(db, [...open.keys()]);
    for (const room of await sweepPresence(db, PRESENCE_TTL_MS)) await publishRoomSignal('presence_changed', room);
  } catch (error) {
    console.error('[presence] could not vouch for the open room pages', error);
  }
}
