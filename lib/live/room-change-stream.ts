/**
 * One shared follower of `/api/rooms/stream` for a page's panels that re-read their own state when a
 * change of theirs is pushed (e.g. `lobby_changed`). Panels subscribe; the EventSource opens with the
 * first and closes with the last. `onOpen` runs whenever the stream (re)opens, since changes sent
 * while it was closed are lost: a panel re-reads then.
 */
export interface PushedChange {
  kind: string;
  room: string | null;
}

interface Follower {
  onChange: (change: PushedChange) => void;
  onOpen?: () => void;
}

const RETRY_DELAYS_MS = [1_000, 2_000, 5_000, 10_000];

const followers = new Set<Follower>();
let source: EventSource | undefined;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let failures = 0;

function open() {
  const current = new EventSource('/api/rooms/stream');
  source = current;
  current.addEventListener('hello', () => {
    failures = 0;
    for (const follower of [...followers]) follower.onOpen?.();
  });
  current.addEventListener('room', (message) => {
    const change = parse((message as MessageEvent<string>).data);
    if (change) for (const follower of [...followers]) follower.onChange(change);
  });
  // the server ends each stream after a while so the session is checked again: reopen at once
  current.addEventListener('reconnect', () => {
    current.close();
    if (source === current) open();
  });
  current.onerror = () => {
    current.close();
    if (source !== current || followers.size === 0) return;
    const delay = RETRY_DELAYS_MS[Math.min(failures, RETRY_DELAYS_MS.length - 1)]!;
    failures += 1;
    retryTimer = setTimeout(open, delay);
  };
}

function parse(data: string): PushedChange | null {
  try {
    const value = JSON.parse(data) as PushedChange;
    return typeof value === 'object' && value !== null && typeof value.kind === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Follows pushed room changes until the returned function is called. Best effort: callers also poll. */
export function followRoomChanges(onChange: Follower['onChange'], onOpen?: Follower['onOpen']): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  const follower: Follower = { onChange, onOpen };
  followers.add(follower);
  if (!source) open();
  return () => {
    followers.delete(follower);
    if (followers.size > 0) return;
    clearTimeout(retryTimer);
    source?.close();
    source = undefined;
    failures = 0;
  };
}
