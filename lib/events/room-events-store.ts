import 'server-only';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { database, type Database } from '@/lib/db';
import { env, type Env } from '@/lib/env';
import type { ParticipantView } from '@/lib/livekit/types';
import { ROOM_LIST_KINDS, ROOM_PAGE_KINDS } from '@/lib/live/room-change-kinds';
import { listenForNotifications, type NotificationListener } from './notification-listener';

/**
 * Room changes fanned out to every replica: the replica a LiveKit webhook reaches sends a small
 * message with PostgreSQL's NOTIFY, and each replica's one LISTEN connection hands it to the rooms
 * pages that replica serves (through their event streams). Messages name the room and what
 * happened; pages re-list the rooms themselves, so a lost message costs a late row, never a wrong one.
 */
export const ROOM_EVENTS_CHANNEL = 'stagekeeper_rooms';

export const ROOM_CHANGE_KINDS = [...ROOM_LIST_KINDS, ...ROOM_PAGE_KINDS] as const;

export const roomChangeSchema = z.strictObject({
  kind: z.enum(ROOM_CHANGE_KINDS),
  /** null when the name would not fit in a NOTIFY payload */
  room: z.string().nullable(),
  /** when LiveKit saw it, epoch milliseconds */
  at: z.number(),
  /**
   * who joined or left: room pages show a join or leave from this at once, since LiveKit tells
   * participants about those who do not publish only every few seconds. The participant's row is
   * left out when it would not fit a NOTIFY payload.
   */
  participant: z
    .object({ identity: z.string(), sid: z.string(), row: z.custom<ParticipantView>((value) => typeof value === 'object' && value !== null).optional() })
    .optional(),
});
export type RoomChange = z.infer<typeof roomChangeSchema>;

/** NOTIFY payloads must stay under 8000 bytes; a room name is at most a few hundred in practice. */
const MAX_PAYLOAD_BYTES = 4000;

const ATTENDANCE_KINDS: ReadonlySet<RoomChange['kind']> = new Set(['participant_joined', 'participant_left']);

export function roomChangeFrom(event: {
  event: string;
  room?: string;
  createdAt: number;
  participant?: ParticipantView;
}): RoomChange | null {
  const kind = ROOM_CHANGE_KINDS.find((known) => known === event.event);
  if (!kind) return null;
  const change: RoomChange = { kind, room: event.room ?? null, at: Number.isFinite(event.createdAt) ? event.createdAt : Date.now() };
  const fits = (candidate: RoomChange) => Buffer.byteLength(JSON.stringify(candidate)) <= MAX_PAYLOAD_BYTES;
  if (!fits(change)) return { ...change, room: null };
  const { participant } = event;
  if (!participant || !ATTENDANCE_KINDS.has(kind)) return change;
  const withRow: RoomChange = { ...change, participant: { identity: participant.identity, sid: participant.sid, row: participant } };
  if (fits(withRow)) return withRow;
  const withWho: RoomChange = { ...change, participant: { identity: participant.identity, sid: participant.sid } };
  return fits(withWho) ? withWho : change;
}

export async function notifyRoomChange(db: Database, change: RoomChange): Promise<void> {
  await db.execute(sql`select pg_notify(${ROOM_EVENTS_CHANNEL}, ${JSON.stringify(change)})`);
}

/**
 * For the webhook route, once the event is accepted: tells every replica's rooms pages. Never
 * throws: a lost message is repaired by the pages' safety poll, and LiveKit must not resend for it.
 */
export async function publishRoomEvent(event: Parameters<typeof roomChangeFrom>[0]): Promise<void> {
  const change = roomChangeFrom(event);
  if (!change) return;
  try {
    await notifyRoomChange(await database(), change);
  } catch (error) {
    console.error(`[rooms] could not publish ${change.kind} for ${change.room ?? 'a room'}`, error);
  }
}

/** A change of the dashboard's own room state (claims, moderators, alerts): pages re-read it. Never throws. */
export async function publishRoomSignal(kind: 'claims_changed' | 'presence_changed' | 'alerts_changed', room: string): Promise<void> {
  try {
    await notifyRoomChange(await database(), { kind, room, at: Date.now() });
  } catch (error) {
    console.error(`[rooms] could not publish ${kind} for ${room}`, error);
  }
}

export interface RoomEventSubscriber {
  change(change: RoomChange): void;
  /** the LISTEN connection dropped: messages may be lost until it is back */
  down(): void;
}

export interface RoomEventHub {
  subscribe(subscriber: RoomEventSubscriber): () => void;
  subscriberCount(): number;
  /** resolves true once LISTEN is in place, false if it is not within the time given */
  listening(withinMs: number): Promise<boolean>;
  close(): Promise<void>;
}

/** One hub per process: a LISTEN connection and the subscribers it feeds. */
export function openRoomEventHub(config: Env['database'], db: Promise<Database>): RoomEventHub {
  const subscribers = new Set<RoomEventSubscriber>();
  let up = false;
  let waiters: Array<() => void> = [];
  const listener: NotificationListener = listenForNotifications(config, db, ROOM_EVENTS_CHANNEL, {
    notification(payload) {
      const parsed = roomChangeSchema.safeParse(safeJson(payload));
      if (!parsed.success) return console.error('[rooms] ignored a malformed room event', payload.slice(0, 200));
      for (const subscriber of [...subscribers]) subscriber.change(parsed.data);
    },
    up() {
      up = true;
      for (const wake of waiters) wake();
      waiters = [];
    },
    down() {
      up = false;
      for (const subscriber of [...subscribers]) subscriber.down();
    },
  });
  return {
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => void subscribers.delete(subscriber);
    },
    subscriberCount: () => subscribers.size,
    async listening(withinMs) {
      if (up) return true;
      let timer: NodeJS.Timeout | undefined;
      const woke = await Promise.race([
        new Promise<boolean>((resolve) => waiters.push(() => resolve(true))),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), withinMs))),
      ]);
      clearTimeout(timer);
      return woke;
    },
    close: () => listener.close(),
  };
}

// On globalThis, not in module scope: the webhook route and the stream route are separate bundles
// that may each load this module, and a process needs one LISTEN connection, not one per bundle.
const HUB = Symbol.for('stagekeeper.roomEventHub');
type Holder = { [HUB]?: RoomEventHub };

/** The process's hub, listening from its first use until the process ends. */
export function roomEventHub(): RoomEventHub {
  const holder = globalThis as Holder;
  holder[HUB] ??= openRoomEventHub(env().database, database());
  return holder[HUB];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
