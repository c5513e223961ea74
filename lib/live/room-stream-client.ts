/**
 * One `/api/rooms/stream` EventSource per page, shared by everything on the page that follows it (the
 * pushed joins and leaves, claims, moderators, alerts): a browser holds only a few connections per
 * server, and each stream is one more on every replica. Module state is safe to lose: it only counts
 * the page's own followers.
 */
export interface StreamFollower {
  /** each `event: room` message's data */
  message?: (data: string) => void;
  /** the stream (re)opened: messages sent while it was closed are lost, so re-read what you show */
  opened?: () => void;
}

const followers = new Set<StreamFollower>();
let source: EventSource | undefined;

export function followRoomStream(follower: StreamFollower): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  followers.add(follower);
  if (!source) open();
  return () => {
    followers.delete(follower);
    if (followers.size === 0) {
      clearTimeout(retryTimer);
      source?.close();
      source = undefined;
    }
  };
}

let retryTimer: ReturnType<typeof setTimeout> | undefined;

function open() {
  const opened = new EventSource('/api/rooms/stream');
  source = opened;
  opened.addEventListener('hello', () => {
    for (const each of [...followers]) each.opened?.();
  });
  opened.addEventListener('room', (event) => {
    const data = (event as MessageEvent<string>).data;
    for (const each of [...followers]) each.message?.(data);
  });
  // EventSource retries a dropped stream by itself, but gives up for good after a non-200 answer (503)
  opened.onerror = () => {
    if (opened.readyState !== EventSource.CLOSED || source !== opened) return;
    retryTimer = setTimeout(() => {
      if (source === opened && followers.size > 0) open();
    }, RETRY_MS);
  };
}

const RETRY_MS = 2_000;

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
