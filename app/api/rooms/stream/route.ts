import { currentAccount } from '@/lib/auth/session';
import { roleAllows } from '@/lib/auth/roles';
import { validationError } from '@/lib/actions/define-action';
import { roomEventHub } from '@/lib/events/room-events-store';
import { roomEventStream } from '@/lib/events/room-stream';
import { streamPresence } from '@/lib/teamwork/presence-schema';
import { presenceForStream } from '@/lib/teamwork/presence-service';

export const dynamic = 'force-dynamic';

/**
 * The live feed of rooms pages and room pages: one server-sent-events stream per open page, for any
 * signed-in role. A room page names its room and tab (`?present=…&tab=…`): while its stream is open,
 * the other moderators see it on the room's presence strip.
 */
export async function GET(request: Request) {
  const account = await currentAccount();
  if (!account) return Response.json({ error: 'Sign in to follow the rooms' }, { status: 401 });
  if (!roleAllows(account.role, 'read')) return Response.json({ error: 'Your role cannot see rooms' }, { status: 403 });
  const query = streamPresence.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) {
    return Response.json({ error: `Bad stream address: ${validationError(query.error).message}` }, { status: 400 });
  }
  const present = query.data;
  return roomEventStream(roomEventHub(), request.signal, {
    ...(present && {
      lifetime: () => presenceForStream({ room: present.present, tab: present.tab, accountId: account.id, name: account.name || account.email }),
    }),
  });
}
