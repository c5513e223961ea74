import 'server-only';
import { banReason } from '@/lib/bans/service';
import type { LobbyTicketRow } from '@/lib/db';
import { TICKET_IDLE_SECONDS } from '@/lib/access/lobby-store';
import { createParticipantToken } from '@/lib/livekit/tokens';
import type { TicketAnswer } from '@/lib/access/lobby-service';

/** The longest a ticket request is held; below common proxies' 30 s idle timeouts. */
export const MAX_TICKET_WAIT_SECONDS = 25;

export function ticketPath(id: string): string {
  return `/api/token/tickets/${id}`;
}

export function waitingAnswer(ticket: LobbyTicketRow): Response {
  return Response.json(
    {
      status: 'waiting',
      ticket: ticket.id,
      room: ticket.room,
      identity: ticket.identity,
      since: ticket.createdAt.getTime(),
      poll: `${ticketPath(ticket.id)}?wait=${MAX_TICKET_WAIT_SECONDS}`,
      message: `${ticket.room} lets new participants in from its lobby: wait on the ticket until a moderator admits ${ticket.identity}`,
      expiresIfIdleSeconds: TICKET_IDLE_SECONDS,
    },
    { status: 202 },
  );
}

export function lockedAnswer(room: string): Response {
  return Response.json(
    { status: 'locked', error: 'room_locked', message: `${room} is locked: no one new may join until a moderator opens it` },
    { status: 403 },
  );
}

/** The ticket's state as the app's answer; an admitted ticket carries a fresh join token (unless a ban came since). */
export async function ticketAnswer({ row, state }: TicketAnswer, ttlSeconds: number): Promise<Response> {
  const { room, identity } = row;
  switch (state) {
    case 'waiting':
      return waitingAnswer(row);
    case 'admitted': {
      const banned = await banReason(room, identity);
      if (banned) return Response.json({ status: 'denied', error: 'banned', message: banned }, { status: 403 });
      const token = await createParticipantToken({
        room,
        identity,
        name: row.name || undefined,
        metadata: row.metadata ?? undefined,
        preset: row.preset,
        ttlSeconds,
      });
      return Response.json({ status: 'admitted', ...token, room, preset: row.preset });
    }
    case 'denied':
      return Response.json(
        { status: 'denied', error: 'denied', message: `A moderator did not let ${identity} into ${room}` },
        { status: 403 },
      );
    case 'locked':
      return lockedAnswer(room);
    case 'expired':
      return Response.json(
        {
          status: 'expired',
          error: 'ticket_expired',
          message: `The ticket expired (nobody asked about it for ${TICKET_IDLE_SECONDS} s, it was withdrawn, or it was admitted over 5 minutes ago): request a token again`,
        },
        { status: 410 },
      );
  }
}
