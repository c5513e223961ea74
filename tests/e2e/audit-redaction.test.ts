import { randomBytes } from 'node:crypto';
import { describe, inject, it } from 'vitest';
import { builtAction, postAction, signInOverHttp } from '../helpers/app-http';
import { adminSession, credentials, ensureAccount, expect } from './console';

const base = () => inject('appUrl');

async function download(path: string, cookie: string): Promise<string> {
  const response = await fetch(`${base()}${path}`, { headers: { Cookie: cookie } });
  expect(response.status, path).toBe(200);
  return response.text();
}

describe("other accounts' emails in the audit log are for admins", () => {
  it("a moderator's Audit page and CSV export show account actions without the account's email; an admin's show it", async () => {
    const email = `redacted-${randomBytes(4).toString('hex')}@e2e.test`;
    const admin = await adminSession();
    const created = await postAction(base(), builtAction('createAccount'), [{ email, role: 'viewer', password: '' }], { cookie: admin });
    expect(created.result).toMatchObject({ ok: true });
    const { id } = (created.result as { data: { id: string } }).data;
    expect((await postAction(base(), builtAction('setAccountRole'), [{ id, role: 'moderator' }], { cookie: admin })).result).toMatchObject({ ok: true });

    await ensureAccount('moderator');
    const moderator = await signInOverHttp(base(), credentials('moderator').email, credentials('moderator').password);
    const setRole = '?action=accounts.setRole';
    const create = '?action=accounts.create';

    const moderatorCsv = (await download(`/api/audit/export${setRole}`, moderator)) + (await download(`/api/audit/export${create}`, moderator));
    const moderatorPage = (await download(`/audit${setRole}`, moderator)) + (await download(`/audit${create}`, moderator));
    expect(moderatorCsv).toContain('accounts.setRole');
    expect(moderatorCsv).toContain('accounts.create');
    expect(moderatorCsv).toContain(id);
    expect(moderatorCsv).not.toContain(email);
    expect(moderatorPage).toContain(id);
    expect(moderatorPage).not.toContain(email);

    expect(await download(`/api/audit/export${setRole}`, admin)).toContain(email);
    expect(await download(`/audit${setRole}`, admin)).toContain(email);
  });
});
