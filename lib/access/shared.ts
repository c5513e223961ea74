/** How a room lets people in; shared by the server and the room page. */
export const ROOM_ACCESS_MODES = ['open', 'knock', 'locked'] as const;
export type RoomAccessMode = (typeof ROOM_ACCESS_MODES)[number];

export const ROOM_ACCESS_LABELS: Record<RoomAccessMode, string> = { open: 'Open', knock: 'Knock', locked: 'Locked' };

export const ROOM_ACCESS_HINTS: Record<RoomAccessMode, string> = {
  open: 'The token endpoint lets anyone in who is not banned.',
  knock: 'New identities wait in the lobby until a moderator admits them.',
  locked: 'No new identity gets in; a join with an older token is removed. Those already in stay.',
};

export interface RoomAccessState {
  room: string;
  mode: RoomAccessMode;
  /** ISO time of the last change; null while the room has never left open */
  changedAt: string | null;
  changedBy: string | null;
}

/** Someone knocking: who, under which name, since when (epoch milliseconds, the database's clock). */
export interface LobbyEntry {
  identity: string;
  name: string;
  preset: 'audience' | 'speaker';
  since: number;
}

export interface LobbyView {
  access: RoomAccessState;
  /** the longest-waiting first */
  waiting: LobbyEntry[];
}

/** What the event's app learns about its ticket; see docs/app-contract.md. */
export const TICKET_STATES = ['waiting', 'admitted', 'denied', 'locked', 'expired'] as const;
export type TicketState = (typeof TICKET_STATES)[number];
