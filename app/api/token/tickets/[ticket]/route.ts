import { appEndpoint } from '@/lib/app-endpoint';
import { awaitTicket, withdrawTicket } from '@/lib/access/lobby-service';
import { MAX_TICKET_WAIT_SECONDS, ticketAnswer } from '@/lib/access/ticket-service';

export const dynamic = 'force-dynamic';

type Params = Promise<{ ticket: string }>;

const TICKET = /^tk_[A-Za-z0-9_-]{16,64}$/;

function unknownTicket(): Response {
  return Response.json({ error: 'unknown_ticket', message: 'There is no such ticket (or it was deleted an hour after it ended)' }, { status: 404 });
}

/**
 * The event's app waits on its lobby ticket: `?wait=N` (0–25 s, default 25) holds the request until a
 * moderator decides or N seconds pass. 202 while waiting (ask again), 200 with a join token once
 * admitted, 403 denied or room_locked, 410 expired.
 */
export async function GET(request: Request, { params }: { params: Params }) {
  const endpoint = appEndpoint(request);
  if (!endpoint.ok) return endpoint.response;
  const { ticket } = await params;
  if (!TICKET.test(ticket)) return unknownTicket();
  const waitParam = new URL(request.url).searchParams.get('wait');
  const wait = waitParam === null ? MAX_TICKET_WAIT_SECONDS : Number(waitParam);
  if (!Number.isInteger(wait) || wait < 0 || wait > MAX_TICKET_WAIT_SECONDS) {
    return Response.json(
      { error: 'validation', message: `wait is a whole number of seconds from 0 to ${MAX_TICKET_WAIT_SECONDS}` },
      { status: 400 },
    );
  }
  const answer = await awaitTicket(ticket, wait * 1000, request.signal);
  return answer ? ticketAnswer(answer, endpoint.ttlSeconds) : unknownTicket();
}

/**
 * The app stops waiting (its user left the lobby): a waiting ticket expires and leaves the moderators'
 * lobby (200); one decided already is left as it is (409, with its state).
 */
export async function DELETE(request: Request, { params }: { params: Params }) {
  const endpoint = appEndpoint(request);
  if (!endpoint.ok) return endpoint.response;
  const { ticket } = await params;
  if (!TICKET.test(ticket)) return unknownTicket();
  const answer = await withdrawTicket(ticket);
  if (!answer) return unknownTicket();
  if (answer.withdrawn) return Response.json({ status: 'expired', withdrawn: true });
  return Response.json(
    { status: answer.state, error: 'already_decided', message: `The ticket is ${answer.state} already; nothing was withdrawn` },
    { status: 409 },
  );
}
