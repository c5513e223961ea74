import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/lib/actions/gate';
import { database } from '@/lib/db';
import { allAuditEntries, insertAuditEntry } from '@/lib/actions/audit-store';
import { uniqueRoom } from '../helpers/participants';
import { actorWith } from '../helpers/actors';

async function insertEach(db: Awaited<ReturnType<typeof database>>, entries: AuditEntry[]): Promise<void> {
  for (const entry of entries) await insertAuditEntry(db, entry);
}

function entry(room: string, at: Date, identity: string): AuditEntry {
  return {
    at,
    action: 'participants.updateName',
    access: 'moderate',
    actor: actorWith('moderator'),
    target: { room, identity },
    input: { room, identity, name: identity },
    outcome: { ok: true },
    durationMs: 1,
  };
}

describe('the CSV export pages by a stable key', () => {
  it('rows written while an export runs neither repeat nor push earlier rows out of it', async () => {
    const db = await database();
    const room = uniqueRoom('export');
    const start = Date.parse('2026-01-01T00:00:00Z');
    // pairs share a timestamp, so the order within a second key (id) matters too
    const existing = Array.from({ length: 130 }, (_, i) => entry(room, new Date(start + Math.floor(i / 2) * 1000), `before-${i}`));
    await insertEach(db, existing);

    const rows = allAuditEntries(db, { room }, 25);
    const exported: string[] = [];
    const take = async (count: number) => {
      for (let i = 0; i < count; i += 1) {
        const next = await rows.next();
        if (next.done) return;
        exported.push(next.value.targetIdentity!);
      }
    };
    await take(40);
    // meanwhile: newer entries, and one whose action began long ago and finished only now
    await insertEach(db, Array.from({ length: 30 }, (_, i) => entry(room, new Date(start + 10_000_000 + i), `during-${i}`)));
    await insertEach(db, [entry(room, new Date(start + 30_500), 'during-late')]);
    await take(1000);

    const expected = existing
      .map((e, index) => ({ identity: e.target.identity!, at: e.at.getTime(), index }))
      .sort((a, b) => b.at - a.at || b.index - a.index)
      .map((e) => e.identity);
    expect(new Set(exported).size).toBe(exported.length);
    expect(exported).toEqual(expected);
  });
});
