import 'server-only';
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { lobbyTickets, type Database, type LobbyTicketRow } from '@/lib/db';

/** A waiting ticket nobody has asked about for this long is expired: the app (or its user) went away. */
export const TICKET_IDLE_SECONDS = 60;
/** An admitted ticket hands out tokens for this long after the admission; then it is expired. */
export const ADMITTED_TICKET_SECONDS = 5 * 60;
/** Decided and expired tickets are deleted this long after they were last asked about. */
const KEEP_FINISHED_SECONDS = 60 * 60;

const secondsAgo = (seconds: number) => sql`now() - interval '${sql.raw(String(Math.trunc(seconds)))} seconds'`;
const idle = sql`${lobbyTickets.status} = 'waiting' and ${lobbyTickets.lastSeenAt} < ${secondsAgo(TICKET_IDLE_SECONDS)}`;

export interface Knock {
  room: string;
  identity: string;
  name: string;
  metadata: string | null;
  preset: 'audience' | 'speaker';
}

/**
 * The identity's waiting ticket for the room, opened now or (when it already knocks) refreshed with
 * this request's name, metadata and preset, so the lobby keeps its first "since".
 */
export async function openTicket(db: Database, knock: Knock): Promise<LobbyTicketRow> {
  await db
    .update(lobbyTickets)
    .set({ status: 'expired' })
    .where(and(eq(lobbyTickets.room, knock.room), eq(lobbyTickets.identity, knock.identity), idle));
  const [row] = await db
    .insert(lobbyTickets)
    .values({ id: `tk_${randomBytes(18).toString('base64url')}`, status: 'waiting', ...knock })
    .onConflictDoUpdate({
      target: [lobbyTickets.room, lobbyTickets.identity],
      targetWhere: sql`${lobbyTickets.status} = 'waiting'`,
      set: { name: knock.name, metadata: knock.metadata, preset: knock.preset, lastSeenAt: sql`now()` },
    })
    .returning();
  await db.delete(lobbyTickets).where(lt(lobbyTickets.lastSeenAt, secondsAgo(KEEP_FINISHED_SECONDS)));
  return row!;
}

/** The ticket as stored, its wait kept alive when it is still waiting; an idle one is expired first. */
export async function touchTicket(db: Database, id: string): Promise<LobbyTicketRow | undefined> {
  await db.update(lobbyTickets).set({ status: 'expired' }).where(and(eq(lobbyTickets.id, id), idle));
  const [touched] = await db
    .update(lobbyTickets)
    .set({ lastSeenAt: sql`now()` })
    .where(eq(lobbyTickets.id, id))
    .returning();
  return touched;
}

/** Whether an admitted ticket is still within its window to hand out a token (the database's clock). */
export async function admissionStillValid(db: Database, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: lobbyTickets.id })
    .from(lobbyTickets)
    .where(and(eq(lobbyTickets.id, id), eq(lobbyTickets.status, 'admitted'), sql`${lobbyTickets.decidedAt} >= ${secondsAgo(ADMITTED_TICKET_SECONDS)}`));
  return row !== undefined;
}

/** The room's lobby, the longest-waiting first; idle tickets are expired on the way. */
export async function waitingTickets(db: Database, room: string): Promise<LobbyTicketRow[]> {
  await db.update(lobbyTickets).set({ status: 'expired' }).where(and(eq(lobbyTickets.room, room), idle));
  return db
    .select()
    .from(lobbyTickets)
    .where(and(eq(lobbyTickets.room, room), eq(lobbyTickets.status, 'waiting')))
    .orderBy(asc(lobbyTickets.createdAt));
}

/** expired: the app withdrew its knock */
export type Decision = 'admitted' | 'denied' | 'locked' | 'expired';

/**
 * Decides the waiting tickets of these identities (every waiting one when `identities` is
 * undefined); answers the tickets it decided. A ticket another moderator decided first, or that
 * expired, is not among them.
 */
export async function decideTickets(
  db: Database,
  room: string,
  identities: readonly string[] | undefined,
  decision: Decision,
  decidedBy: string | null,
): Promise<LobbyTicketRow[]> {
  await db.update(lobbyTickets).set({ status: 'expired' }).where(and(eq(lobbyTickets.room, room), idle));
  if (identities?.length === 0) return [];
  return db
    .update(lobbyTickets)
    .set({ status: decision, decidedAt: sql`now()`, decidedBy })
    .where(
      and(
        eq(lobbyTickets.room, room),
        eq(lobbyTickets.status, 'waiting'),
        identities ? inArray(lobbyTickets.identity, [...identities]) : undefined,
      ),
    )
    .returning();
}
