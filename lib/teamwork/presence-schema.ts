import { z } from 'zod';
import { roomName } from '@/lib/actions/schemas';

/** A room page's tab: its own id, kept across its stream's reconnects. */
export const presenceTab = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'tab must be 8–64 letters, digits or dashes');

/** `/api/rooms/stream?present=<room>&tab=<id>`: the page holding the stream has that room open; both or neither. */
export const streamPresence = z.union([
  z.strictObject({}).transform(() => null),
  z.strictObject({ present: roomName, tab: presenceTab }),
]);
