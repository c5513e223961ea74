import 'server-only';
import { and, eq, gt, lte, ne, or, sql } from 'drizzle-orm';
import type { ClaimTarget, ClaimView } from '@/lib/teamwork/shared';
import { claims, type Database } from '@/lib/db';

type ClaimRow = typeof claims.$inferSelect;

export interface Claimer {
  id: string;
  name: string;
}

export type ClaimOutcome = { ok: true; claim: ClaimView } | { ok: false; heldBy: ClaimView };

function view(row: ClaimRow): ClaimView {
  return {
    kind: row.kind,
    room: row.room,
    identity: row.identity,
    claimedBy: row.claimedBy,
    claimedByName: row.claimedByName,
    claimedAt: row.claimedAt.getTime(),
    expiresAt: row.expiresAt.getTime(),
  };
}

const targetIs = ({ room, kind, identity }: ClaimTarget) => and(eq(claims.room, room), eq(claims.kind, kind), eq(claims.identity, identity));

/**
 * Claims the target for `ttlMs` in one statement, so two moderators claiming at once get one winner.
 * It is free when unclaimed or expired; the claimer's own claim is renewed and keeps its start; someone
 * else's live claim stands unless `takeOver`, and is answered as `heldBy`.
 */
export async function claimTarget(db: Database, target: ClaimTarget, claimer: Claimer, ttlMs: number, takeOver = false): Promise<ClaimOutcome> {
  const expiresAt = sql`now() + make_interval(secs => ${ttlMs / 1000})`;
  const live = sql`${claims.expiresAt} > now()`;
  const mine = sql`${claims.claimedBy} = excluded.claimed_by`;
  const [row] = await db
    .insert(claims)
    .values({ ...target, claimedBy: claimer.id, claimedByName: claimer.name, expiresAt })
    .onConflictDoUpdate({
      target: [claims.room, claims.kind, claims.identity],
      set: {
        claimedBy: sql`excluded.claimed_by`,
        claimedByName: sql`excluded.claimed_by_name`,
        claimedAt: sql`case when ${mine} and ${live} then ${claims.claimedAt} else now() end`,
        expiresAt,
      },
      setWhere: takeOver ? undefined : sql`not (${live}) or ${mine}`,
    })
    .returning();
  if (row) return { ok: true, claim: view(row) };
  const [held] = await db.select().from(claims).where(targetIs(target));
  if (!held) return claimTarget(db, target, claimer, ttlMs, takeOver); // released in between: try again
  return { ok: false, heldBy: view(held) };
}

/** Releases the claimer's own claim; false when they hold none on it (expired, taken over, released). */
export async function releaseClaim(db: Database, target: ClaimTarget, claimerId: string): Promise<boolean> {
  const released = await db
    .delete(claims)
    .where(and(targetIs(target), eq(claims.claimedBy, claimerId)))
    .returning({ room: claims.room });
  return released.length > 0;
}

/** Releases every claim `claimerId` holds on this participant and their hand (they acted on them). */
/** Releases the claims the given moderators hold on the participants they acted on (not lobby requests); the rooms that had one. */
export async function releaseClaimsActedOn(
  db: Database,
  actedOn: readonly { room: string; identity: string; claimerId: string }[],
): Promise<string[]> {
  if (actedOn.length === 0) return [];
  const released = await db
    .delete(claims)
    .where(
      and(
        ne(claims.kind, 'lobby'),
        or(...actedOn.map(({ room, identity, claimerId }) => and(eq(claims.room, room), eq(claims.identity, identity), eq(claims.claimedBy, claimerId)))),
      ),
    )
    .returning({ room: claims.room });
  return [...new Set(released.map(({ room }) => room))];
}

/** The room's live claims, and the database's clock; expired ones are deleted on the way. */
export async function roomClaims(db: Database, room: string): Promise<{ claims: ClaimView[]; serverNow: number }> {
  await db.delete(claims).where(and(eq(claims.room, room), lte(claims.expiresAt, sql`now()`)));
  const rows = await db.select().from(claims).where(and(eq(claims.room, room), gt(claims.expiresAt, sql`now()`)));
  return { claims: rows.map(view).sort((a, b) => a.claimedAt - b.claimedAt), serverNow: await databaseNow(db) };
}

/** The database's clock, epoch milliseconds: every replica and tab measures ages against it. */
export async function databaseNow(db: Database): Promise<number> {
  const result = await db.execute<{ now: string | Date }>(sql`select now() as now`);
  // PGlite answers { rows }, node-postgres a QueryResult with rows as well
  const [row] = ((result as { rows?: Array<{ now: string | Date }> }).rows ?? (result as unknown as Array<{ now: string | Date }>));
  return new Date(row!.now).getTime();
}
