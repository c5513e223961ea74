/**
 * One `/api/rooms/stream` EventSource per page, shared by everything on it that follows pushed room
 * changes (joins and leaves, the lobby, slots, unmute requests, claims, moderators, alerts): a browser
 * holds only six connections to one server over HTTP/1.1, and server actions need them too. The
 * stream opens with the first follower and closes with the last; it reopens by itself, at once when
 * the server ends it to check the session again, after a growing pause when it fails. A room page
 * names its room on the stream (`presentOnStream`): the open stream is its presence. Module state is
 * safe to lose: it only counts the page's own followers.
 */
import { ROOM_LIST_KINDS as ROOM_LIST_KIND_NAMES } from './room-change-kinds';

export interface StreamFollower {
  /** each `event: room` message's data */
  message?: (data: string) => void;
  /** the stream (re)opened: messages sent while it was closed are lost, so re-read what you show */
  opened?: () => void;
}

/** The kinds the rooms list shows; the others are for room pages (a slot, a claim, …). */
export const ROOM_LIST_KINDS: ReadonlySet<string> = new Set(ROOM_LIST_KIND_NAMES);

const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];
const followers = new Set<StreamFollower>();
let source: EventSource | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;
/** the room this page has open, and the page's own id, kept across reconnects */
let presence: { room: string; tab: string } | undefined;
let pageTab: string | undefined;

export function followRoomStream(follower: StreamFollower): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  followers.add(follower);
  // opened after the effects of the same render: a room page names its room before the first open
  if (!source && retryTimer === undefined) retryTimer = setTimeout(open, 0);
  return () => {
    followers.delete(follower);
    if (followers.size > 0) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    source?.close();
    source = undefined;
    failures = 0;
  };
}

/** While it lasts, this page's stream says it has `room` open, which puts it on the room's presence strip. */
export function presentOnStream(room: string): () => void {
  pageTab ??= crypto.randomUUID();
  presence = { room, tab: pageTab };
  if (source) reopen(source, 0);
  return () => {
    if (presence?.room !== room) return;
    presence = undefined;
    if (source) reopen(source, 0);
  };
}

function streamUrl(): string {
  return presence ? `/api/rooms/stream?${new URLSearchParams({ present: presence.room, tab: presence.tab })}` : '/api/rooms/stream';
}

function open() {
  retryTimer = undefined;
  const stream = new EventSource(streamUrl());
  source = stream;
  stream.addEventListener('hello', () => {
    failures = 0;
    for (const each of [...followers]) each.opened?.();
  });
  stream.addEventListener('room', (event) => {
    const data = (event as MessageEvent<string>).data;
    for (const each of [...followers]) each.message?.(data);
  });
  stream.addEventListener('reconnect', () => reopen(stream, 0));
  // EventSource retries a dropped stream by itself, but gives up for good after a non-200 answer (a 503)
  stream.onerror = () => reopen(stream, RETRY_DELAYS_MS[Math.min(failures++, RETRY_DELAYS_MS.length - 1)]!);
}

function reopen(stream: EventSource, delayMs: number) {
  stream.close();
  if (source !== stream) return;
  source = undefined;
  clearTimeout(retryTimer);
  if (followers.size > 0) retryTimer = setTimeout(open, delayMs);
}

/** The room and kind of a pushed message, without trusting its shape. */
export function pushedKind(data: string): { kind: string; room: string | null } | null {
  try {
    const value = JSON.parse(data) as { kind?: unknown; room?: unknown };
    if (typeof value?.kind !== 'string') return null;
    return { kind: value.kind, room: typeof value.room === 'string' ? value.room : null };
  } catch {
    return null;
  }
}

/**
 * Follows one kind of change of one room: `onSignal` runs when it is pushed, and whenever the stream
 * (re)opens. A change whose room name was too long for the push (room null) counts for every room.
 */
export function followRoomSignal(room: string, kind: string, onSignal: () => void): () => void {
  return followRoomStream({
    message: (data) => {
      const pushed = pushedKind(data);
      if (pushed?.kind === kind && (pushed.room === room || pushed.room === null)) onSignal();
    },
    opened: onSignal,
  });
}
