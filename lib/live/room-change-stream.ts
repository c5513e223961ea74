/**
 * One `/api/rooms/stream` connection per page, shared by everything that follows pushed room changes
 * (joins and leaves, unmute requests, …): a browser keeps only six connections open to one server
 * over HTTP/1.1, and server actions need them too. The stream closes when its last follower stops.
 */
export interface RoomChangeFollower {
  /** the `data` of one `room` event: a RoomChange as JSON */
  change(data: string): void;
  /** the stream (re)opened: changes may have been missed while it was down */
  opened?(): void;
}

let shared: { source: EventSource; followers: Set<RoomChangeFollower> } | undefined;

export function followRoomChanges(follower: RoomChangeFollower): () => void {
  if (typeof EventSource === 'undefined') return () => {};
  if (!shared) {
    const source = new EventSource('/api/rooms/stream');
    const followers = new Set<RoomChangeFollower>();
    source.addEventListener('room', (message) => {
      for (const each of [...followers]) each.change((message as MessageEvent<string>).data);
    });
    source.addEventListener('hello', () => {
      for (const each of [...followers]) each.opened?.();
    });
    shared = { source, followers };
  }
  const current = shared;
  current.followers.add(follower);
  return () => {
    current.followers.delete(follower);
    if (current.followers.size > 0) return;
    current.source.close();
    if (shared === current) shared = undefined;
  };
}
