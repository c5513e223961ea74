import { eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { PendingEntry } from '@/lib/actions/gate';
import { databaseAuditSink, insertPendingEntry, markInterrupted } from '@/lib/actions/audit-store';
import { beatLivePending } from '@/lib/actions/heartbeat-store';
import { auditEntries, database } from '@/lib/db';
import { pendingBoundMs } from '@/lib/startup';
import { actorWith } from '../helpers/actors';

const entry = (room: string): PendingEntry => ({
  at: new Date(),
  action: 'bulk.mute',
  access: 'moderate',
  actor: actorWith('moderator'),
  target: { room },
  input: { items: 500 },
});

async function outcomes(ids: number[]) {
  const rows = await (await database()).select({ id: auditEntries.id, outcome: auditEntries.outcome }).from(auditEntries).where(inArray(auditEntries.id, ids));
  return Object.fromEntries(rows.map((row) => [row.id, row.outcome]));
}

describe('the pending sweep on a shared database', () => {
  it('leaves a run this process still runs pending past the fixed bound, and marks one whose process died interrupted', async () => {
    const db = await database();
    const sink = databaseAuditSink(database);
    const running = await sink.begin(entry('long-bulk'));
    // begun by a replica that died: nothing beats for it
    const orphan = await insertPendingEntry(db, entry('dead-replica'));

    // ten minutes on, the bulk run is still going: its heartbeat, then the other replica's sweep
    const later = new Date(Date.now() + 10 * 60_000);
    await beatLivePending(db, later);
    await markInterrupted(db, new Date(later.getTime() - pendingBoundMs(2_000)));
    expect(await outcomes([running, orphan])).toEqual({ [running]: 'pending', [orphan]: 'interrupted' });

    await sink.complete(running, { ...entry('long-bulk'), outcome: { ok: true }, durationMs: 600_000 });
    const [completed] = await db.select().from(auditEntries).where(eq(auditEntries.id, running));
    expect(completed).toMatchObject({ outcome: 'ok' });
  });

  it('stops beating for a run once it ends', async () => {
    const db = await database();
    const sink = databaseAuditSink(database);
    const ended = await sink.begin(entry('ended'));
    await sink.complete(ended, { ...entry('ended'), outcome: { ok: true }, durationMs: 5 });
    expect(await beatLivePending(db, new Date(Date.now() + 60_000))).toBe(0);
  });
});
