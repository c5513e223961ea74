/**
 * One `/api/rooms/stream` connection per tab, shared by every part of the room page that follows a
 * kind of room change (a browser holds at most six connections to one origin over HTTP/1.1, so each
 * panel opening its own stream would soon starve the page's requests). Subscribers get every change
 * and `opened` whenever the stream (re)opens, since changes sent while it was closed are lost. It
 * reconnects by itself with backoff. Module state is safe to lose: it only mirrors the open stream.
 */
export interface RoomChangeMessage {
  kind: string;
  room: string | null;
}

export interface RoomChangeSubscriber {
  change(change: RoomChangeMessage): void;
  opened(): void;
}

const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];
const subscribers = new Set<RoomChangeSubscriber>();
let source: EventSource | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

function open() {
  retryTimer = undefined;
  const stream = new EventSource('/api/rooms/stream');
  source = stream;
  stream.addEventListener('hello', () => {
    failures = 0;
    for (const subscriber of [...subscribers]) subscriber.opened();
  });
  stream.addEventListener('room', (message) => {
    const change = parse((message as MessageEvent<string>).data);
    if (change) for (const subscriber of [...subscribers]) subscriber.change(change);
  });
  stream.addEventListener('reconnect', () => reopen(0));
  stream.onerror = () => reopen(RETRY_DELAYS_MS[Math.min(failures++, RETRY_DELAYS_MS.length - 1)]!);
}

function reopen(delayMs: number) {
  source?.close();
  source = undefined;
  clearTimeout(retryTimer);
  if (subscribers.size > 0) retryTimer = setTimeout(open, delayMs);
}

function parse(data: string): RoomChangeMessage | null {
  try {
    const value = JSON.parse(data) as RoomChangeMessage;
    return typeof value?.kind === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Follows the room changes; the returned function stops, and the last one to stop closes the stream. */
export function subscribeRoomChanges(subscriber: RoomChangeSubscriber): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  subscribers.add(subscriber);
  if (!source && retryTimer === undefined) open();
  return () => {
    subscribers.delete(subscriber);
    if (subscribers.size > 0) return;
    clearTimeout(retryTimer);
    retryTimer = undefined;
    source?.close();
    source = undefined;
  };
}
