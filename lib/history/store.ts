import 'server-only';
import { and, desc, eq, isNotNull, isNull, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { compareNewestFirst, encodeCursor, type HistoryCursor } from '@/lib/history/cursor-shared';
import { auditHistoryItem, type HistoryItem, type HistoryPage } from '@/lib/history/items-shared';
import { auditEntries, bans, handsSeen, attendanceEvents, type Database } from '@/lib/db';

/** Ties at the same microsecond: an action before a join or leave, before a lifted ban, before a hand. */
const RANK = { audit: 3, attendance: 2, banLifted: 1, hand: 0 } as const;

const micros = (column: AnyColumn) => sql<string>`(extract(epoch from ${column}) * 1000000)::bigint`;

/** Rows of one source that come after the cursor in newest-first order. */
function olderThan(column: AnyColumn, id: SQL | AnyColumn, rank: number, cursor: HistoryCursor | null): SQL | undefined {
  if (!cursor) return undefined;
  const at = micros(column);
  const micro = cursor.micros.toString();
  if (rank < cursor.rank) return sql`${at} <= ${micro}::bigint`;
  if (rank > cursor.rank) return sql`${at} < ${micro}::bigint`;
  return sql`(${at}, ${id}) < (${micro}::bigint, ${cursor.id})`;
}

interface Sorted {
  cursor: HistoryCursor;
  item: HistoryItem;
}

/**
 * Everything that happened to `identity` in `room`, newest first, `limit` at a time: the moderation
 * actions of the audit log naming them (every outcome; reads left out; bans of every room too), the
 * joins and leaves LiveKit's webhooks told of, bans lifted, and the hand the dashboard sees raised now.
 * Keyset-paged: each source reads at most `limit + 1` rows after the cursor, by an index.
 */
export async function participantHistory(
  db: Database,
  { room, identity, before, limit }: { room: string; identity: string; before: HistoryCursor | null; limit: number },
): Promise<HistoryPage> {
  const take = limit + 1;
  const [audit, presence, lifted, hands] = await Promise.all([
    db
      .select({ row: auditEntries, micros: micros(auditEntries.at) })
      .from(auditEntries)
      .where(
        and(
          eq(auditEntries.targetIdentity, identity),
          or(eq(auditEntries.room, room), isNull(auditEntries.room)),
          ne(auditEntries.access, 'read'),
          olderThan(auditEntries.at, auditEntries.id, RANK.audit, before),
        ),
      )
      .orderBy(desc(auditEntries.at), desc(auditEntries.id))
      .limit(take),
    db
      .select({ row: attendanceEvents, micros: micros(attendanceEvents.at) })
      .from(attendanceEvents)
      .where(
        and(
          eq(attendanceEvents.room, room),
          eq(attendanceEvents.identity, identity),
          olderThan(attendanceEvents.at, attendanceEvents.id, RANK.attendance, before),
        ),
      )
      .orderBy(desc(attendanceEvents.at), desc(attendanceEvents.id))
      .limit(take),
    db
      .select({ row: bans, micros: micros(bans.liftedAt) })
      .from(bans)
      .where(
        and(
          eq(bans.identity, identity),
          or(eq(bans.room, room), isNull(bans.room)),
          isNotNull(bans.liftedAt),
          olderThan(bans.liftedAt, bans.id, RANK.banLifted, before),
        ),
      )
      .orderBy(desc(bans.liftedAt), desc(bans.id))
      .limit(take),
    db
      .select({ row: handsSeen, micros: micros(handsSeen.firstSeenAt) })
      .from(handsSeen)
      .where(and(eq(handsSeen.room, room), eq(handsSeen.identity, identity), olderThan(handsSeen.firstSeenAt, sql`0`, RANK.hand, before))),
  ]);

  const sorted: Sorted[] = [
    ...audit.map(({ row, micros }) => ({ cursor: { micros: BigInt(micros), rank: RANK.audit, id: row.id }, item: auditHistoryItem(row) })),
    ...presence.map(({ row, micros }) => ({
      cursor: { micros: BigInt(micros), rank: RANK.attendance, id: row.id },
      item: {
        key: `attendance:${row.id}`,
        at: row.at.toISOString(),
        kind: row.event,
        title: row.event === 'joined' ? `Joined${row.name ? ` as ${row.name}` : ''}` : 'Left',
        actor: null,
        ...(row.participantSid && { detail: `session ${row.participantSid}` }),
      } satisfies HistoryItem,
    })),
    ...lifted.map(({ row, micros }) => ({
      cursor: { micros: BigInt(micros), rank: RANK.banLifted, id: row.id },
      item: {
        key: `ban:${row.id}`,
        at: row.liftedAt!.toISOString(),
        kind: 'ban_lifted',
        title: 'Ban lifted',
        actor: row.liftedBy,
        detail: `${row.room === null ? 'every room' : 'this room'}${row.reason ? ` · reason was: ${row.reason}` : ''}`,
      } satisfies HistoryItem,
    })),
    ...hands.map(({ row, micros }) => ({
      cursor: { micros: BigInt(micros), rank: RANK.hand, id: 0 },
      item: {
        key: `hand:${micros}`,
        at: row.firstSeenAt.toISOString(),
        kind: 'hand',
        title: 'Hand raised (still up)',
        actor: null,
        detail: `raised at ${row.raisedValue}`,
      } satisfies HistoryItem,
    })),
  ].sort((a, b) => compareNewestFirst(a.cursor, b.cursor));

  const page = sorted.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(({ item }) => item), next: sorted.length > limit && last ? encodeCursor(last.cursor) : null };
}
