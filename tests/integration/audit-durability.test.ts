import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/db';
import { ANONYMOUS_REFUSAL_LIMITS, databaseAuditSink, insertAnonymousRefusal, insertAuditEntry, insertPendingEntry, markInterrupted, pruneAuditLog, queryAudit } from '@/lib/actions/audit-store';
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

  it.skipIf(!config)('records anonymous refusals at most so many a minute per address; other addresses still get theirs', async () => {
    const open = await openDatabase(config!());
    const room = uniqueRoom('flood');
    const refusal = (identity: string) => ({
      at: new Date(),
      action: 'tracks.mute',
      access: 'moderate' as const,
      actor: null,
      target: { room, identity },
      input: { room, identity },
      outcome: { ok: false as const, error: { code: 'unauthorized' as const, message: 'Sign in' } },
      durationMs: 1,
    });
    const flooder = `192.0.2.${Math.floor(Math.random() * 250)}-${room}`;
    const written = [];
    for (let call = 0; call < ANONYMOUS_REFUSAL_LIMITS.perAddressPerMinute + 10; call += 1) {
      written.push(await insertAnonymousRefusal(open.db, refusal(`flood-${call}`), flooder));
    }
    const other = await insertAnonymousRefusal(open.db, refusal('neighbour'), `198.51.100.7-${room}`);
    const { total } = await queryAudit(open.db, { room });
    await open.close();
    expect(written.filter(Boolean)).toHaveLength(ANONYMOUS_REFUSAL_LIMITS.perAddressPerMinute);
    expect(other).toBe(true);
    expect(total).toBe(ANONYMOUS_REFUSAL_LIMITS.perAddressPerMinute + 1);
  });

  it.skipIf(!config)('prunes old anonymous refusals with old reads, keeps signed-in refusals and the system\'s own acts; pruning again deletes nothing', async () => {
    const open = await openDatabase(config!());
    const room = uniqueRoom('prune-anonymous');
    const DAY = 24 * 60 * 60 * 1000;
    const at = new Date(Date.now() - 40 * DAY);
    const refused = { ok: false as const, error: { code: 'unauthorized' as const, message: 'no' } };
    const base = { at, action: 'tracks.mute', access: 'moderate' as const, input: {}, durationMs: 1 };
    await insertAuditEntry(open.db, { ...base, actor: null, target: { room, identity: 'anonymous' }, outcome: refused }, '203.0.113.9');
    await insertAuditEntry(open.db, {
      ...base,
      actor: { id: 'v1', email: 'viewer@test.example', role: 'viewer', label: 'Viewer' },
      target: { room, identity: 'signed-in' },
      outcome: { ok: false, error: { code: 'forbidden', message: 'no' } },
    });
    await insertAuditEntry(open.db, { ...base, action: 'bans.autoEject', actor: null, target: { room, identity: 'auto-eject' }, outcome: { ok: false, error: { code: 'internal', message: 'LiveKit down' } } });

    await pruneAuditLog(open.db, new Date(Date.now() - 30 * DAY));
    const again = await pruneAuditLog(open.db, new Date(Date.now() - 30 * DAY));
    const { rows } = await queryAudit(open.db, { room });
    await open.close();
    expect(again).toBe(0);
    expect(rows.map((row) => row.targetIdentity).sort()).toEqual(['auto-eject', 'signed-in']);
  });

  it.skipIf(!config)('marking pending entries interrupted twice marks nothing the second time', async () => {
    const open = await openDatabase(config!());
    const room = uniqueRoom('interrupted');
    await insertPendingEntry(open.db, {
      at: new Date(Date.now() - 60_000),
      action: 'tracks.mute',
      access: 'moderate',
      actor: { id: 'm1', email: 'mod@test.example', role: 'moderator', label: 'Mod' },
      target: { room, identity: 'a' },
      input: { room, identity: 'a' },
    });
    const first = await markInterrupted(open.db, new Date());
    const second = await markInterrupted(open.db, new Date());
    const { rows } = await queryAudit(open.db, { room });
    await open.close();
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBe(0);
    expect(rows).toMatchObject([{ outcome: 'interrupted', errorCode: 'interrupted' }]);
  });
});

describe.each(databases)('audit entries written together on %s', (_kind, config) => {
  it.skipIf(!config)('concurrent changes share statements, and each completion lands on its own row', async () => {
    const open = await openDatabase(config!());
    const sink = databaseAuditSink(async () => open.db);
    const room = uniqueRoom('group-commit');
    const actor = { id: 'm1', email: 'mod@test.example', role: 'moderator' as const, label: 'Mod' };
    const identities = Array.from({ length: 60 }, (_, index) => `p${index}`);
    const ids = await Promise.all(
      identities.map((identity) =>
        sink.begin({ at: new Date(), action: 'tracks.mute', access: 'moderate', actor, target: { room, identity }, input: { room, identity } }),
      ),
    );
    const pendingRows = (await queryAudit(open.db, { room }, { pageSize: 100 })).rows;
    await Promise.all(
      identities.map((identity, index) =>
        sink.complete(ids[index]!, {
          at: new Date(),
          action: 'tracks.mute',
          access: 'moderate',
          actor,
          target: { room, identity },
          input: { room, identity },
          after: { identity },
          // every third fails, so a row that got another's completion would show
          outcome: index % 3 === 0 ? { ok: false, error: { code: 'not_found', message: `${identity} left` } } : { ok: true },
          durationMs: index,
        }),
      ),
    );
    const { rows } = await queryAudit(open.db, { room }, { pageSize: 100 });
    await open.close();
    expect(new Set(ids).size).toBe(identities.length);
    expect(pendingRows.map((row) => row.outcome)).toEqual(identities.map(() => 'pending'));
    expect(rows).toHaveLength(identities.length);
    for (const row of rows) {
      const index = identities.indexOf(row.targetIdentity!);
      expect(row.id).toBe(ids[index]);
      expect(row.after).toEqual({ identity: row.targetIdentity });
      expect(row.durationMs).toBe(index);
      expect(row.outcome).toBe(index % 3 === 0 ? 'error' : 'ok');
      expect(row.errorMessage).toBe(index % 3 === 0 ? `${row.targetIdentity} left` : null);
    }
  });
});
