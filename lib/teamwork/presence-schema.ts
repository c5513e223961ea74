import { z } from 'zod';
import { roomName } from '@/lib/actions/schemas';

/** A room page's tab: its own id, kept across its stream's reconnects. */
export const presenceTab = z.string().regex(/^[A-Za-z0-9-]{8,64}$/, 'tab must be 8–64 letters, digits or dashes');

/** `/api/rooms/stream?present=<room>&tab=<id>`: the page holding the stream has that room open; both or neither. */
export const streamPresence = z
  .strictObject({ present: roomName.optional(), tab: presenceTab.optional() })
  .refine(({ present, tab }) => (present === undefined) === (tab === undefined), 'present and tab go together: give both, or neither')
  .transform(({ present, tab }) => (present && tab ? { present, tab } : null));
