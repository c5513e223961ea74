import { randomBytes } from 'node:crypto';
import { and, gte, isNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { muteTrack } from '@/lib/participants/actions';
import { auditEntries, database } from '@/lib/db';
import { actAs } from '../helpers/actors';

// the same bound the e2e test checks on the built app, here where the action's own code can be swapped out
describe('the audit log cannot be flooded', () => {
  it('200 anonymous calls of 500 KB each add at most 200 × 2 KB of audit rows', { timeout: 300_000 }, async () => {
    const started = new Date();
    actAs(null);
    for (let call = 0; call < 200; call += 1) {
      const input = {
        room: 'flood',
        identity: 'victim',
        trackSid: 'TR_flood',
        pad: Array.from({ length: 100 }, () => randomBytes(3_750).toString('base64')),
      };
      expect(await muteTrack(input as never)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    const [stored] = await (await database())
      .select({ rows: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(pg_column_size(${auditEntries}.*)), 0)::int` })
      .from(auditEntries)
      .where(and(gte(auditEntries.at, started), isNull(auditEntries.actorId)));
    expect(stored!.rows).toBeGreaterThan(0);
    expect(stored!.bytes).toBeLessThanOrEqual(200 * 2048);
  });
});
