import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { setAccountRole } from '@/lib/accounts/actions';
import { queryAudit } from '@/lib/actions/audit-store';
import { ACCOUNT_REFUSAL_LIMIT, unwrittenRefusals } from '@/lib/actions/refusal-store';
import { database } from '@/lib/db';
import { actAs } from '../helpers/actors';

function viewer() {
  const id = randomUUID();
  return { id, email: `viewer-${id}@refusals.test`, role: 'viewer' as const, label: 'Hammering viewer' };
}

async function refusalsWritten(email: string): Promise<number> {
  return (await queryAudit(await database(), { actor: email, includeReads: true })).total;
}

describe('refusals of a signed-in account are bounded', () => {
  it('a viewer hammering an admin action gets every refusal, but past the limit they are counted, not each written', { timeout: 120_000 }, async () => {
    const hammering = viewer();
    const calls = 130;
    actAs(hammering);
    for (let call = 0; call < calls; call += 1) {
      const refused = await setAccountRole({ id: '00000000-0000-4000-8000-000000000000', role: 'admin' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    const written = await refusalsWritten(hammering.email);
    expect(written).toBeLessThan(calls);
    expect(written).toBe(ACCOUNT_REFUSAL_LIMIT.perHour);
    expect(await unwrittenRefusals(await database(), hammering.id)).toBe(calls - ACCOUNT_REFUSAL_LIMIT.perHour);

    // the limit is each account's own: another one's refusal is written
    const other = viewer();
    actAs(other);
    expect(await setAccountRole({ id: '00000000-0000-4000-8000-000000000000', role: 'admin' })).toMatchObject({ ok: false });
    expect(await refusalsWritten(other.email)).toBe(1);
  });
});
