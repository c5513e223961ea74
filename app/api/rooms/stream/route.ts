import { currentAccount } from '@/lib/auth/session';
import { roleAllows } from '@/lib/auth/roles';
import { roomEventHub } from '@/lib/events/room-events-store';
import { roomEventStream } from '@/lib/events/room-stream';

export const dynamic = 'force-dynamic';

/** The rooms page's live feed: one server-sent-events stream per open page, for any signed-in role. */
export async function GET(request: Request) {
  const account = await currentAccount();
  if (!account) return Response.json({ error: 'Sign in to follow the rooms' }, { status: 401 });
  if (!roleAllows(account.role, 'read')) return Response.json({ error: 'Your role cannot see rooms' }, { status: 403 });
  return roomEventStream(roomEventHub(), request.signal);
}
