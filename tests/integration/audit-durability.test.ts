import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db';
import { insertAuditEntry, pruneAuditLog, queryAudit } from '@/lib/db/audit';
import { freshDataDir, POSTGRES_URL } from '../helpers/actors';
import { uniqueRoom } from '../helpers/participants';

type Where = Parameters<typeof openDatabase>[0];

// PostgreSQL runs where DATABASE_URL points at a server (.ci/run starts one); elsewhere it shows as skipped
const databases: Array<[string, (() => Where) | undefined]> = [
  ['PGlite', () => ({ kind: 'pglite', dir: path.join(freshDataDir(), 'pglite') })],
  ['PostgreSQL', POSTGRES_URL ? () => ({ kind: 'postgres', url: POSTGRES_URL! }) : undefined],
];

describe.each(databases)('the audit table on %s', (_kind, config) => {
  it.skipIf(!config)('keeps every entry when the database is closed and opened again', async () => {
    const where = config!();
    const room = uniqueRoom('durable');
    const first = await openDatabase(where);
    for (const identity of ['a', 'b', 'c']) {
      await insertAuditEntry(first.db, {
        at: new Date(),
        action: 'participants.remove',
        access: 'moderate',
        actor: { id: 'm1', email: 'mod@test.example', role: 'moderator', label: 'Mod' },
        target: { room, identity },
        input: { room, identity, note: 'ünïcødé ✓' },
        before: { identity },
        after: null,
        outcome: identity === 'c' ? { ok: false, error: { code: 'not_found', message: 'gone' } } : { ok: true },
        durationMs: 3,
      });
    }
    await first.close();

    const second = await openDatabase(where);
    const { rows, total } = await queryAudit(second.db, { room });
    await second.close();
    expect(total).toBe(3);
    expect(rows.map((row) => [row.targetIdentity, row.outcome, row.errorCode])).toEqual([
      ['c', 'error', 'not_found'],
      ['b', 'ok', null],
      ['a', 'ok', null],
    ]);
    expect(rows[0]).toMatchObject({ actorEmail: 'mod@test.example', input: { note: 'ünïcødé ✓' }, before: { identity: 'c' } });
  });

  it.skipIf(!config)('prunes old successful reads and keeps changes, refusals and recent reads', async () => {
    const open = await openDatabase(config!());
    const room = uniqueRoom('retention');
    const DAY = 24 * 60 * 60 * 1000;
    const entry = (identity: string, access: 'read' | 'moderate', ok: boolean, daysAgo: number) =>
      insertAuditEntry(open.db, {
        at: new Date(Date.now() - daysAgo * DAY),
        action: access === 'read' ? 'participants.list' : 'participants.remove',
        access,
        actor: { id: 'm1', email: 'mod@test.example', role: 'moderator', label: 'Mod' },
        target: { room, identity },
        input: { room, identity },
        outcome: ok ? { ok: true } : { ok: false, error: { code: 'forbidden', message: 'no' } },
        durationMs: 1,
      });
    await entry('old-read', 'read', true, 40);
    await entry('old-refused-read', 'read', false, 40);
    await entry('old-change', 'moderate', true, 40);
    await entry('recent-read', 'read', true, 1);

    const pruned = await pruneAuditLog(open.db, new Date(Date.now() - 30 * DAY));
    const { rows } = await queryAudit(open.db, { room, includeReads: true });
    await open.close();
    expect(pruned).toBeGreaterThanOrEqual(1);
    expect(rows.map((row) => row.targetIdentity).sort()).toEqual(['old-change', 'old-refused-read', 'recent-read']);
  });
});
