import { randomUUID } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { describe, expect, it } from 'vitest';
import { createAccount, resetAccountPassword, setAccountDisabled, setAccountRole, setAccountSso } from '@/lib/accounts/actions';
import { changeOwnPassword } from '@/lib/accounts/own-actions';
import { accountsReady } from '@/lib/auth/bootstrap';
import { sessionAccount } from '@/lib/auth/options';
import { bindSsoIdentity, countActiveAdmins, findAccountRow, listAccounts } from '@/lib/db/accounts';
import { pruneAuditLog, queryAudit } from '@/lib/actions/audit-store';
import { actAs, actorWith } from '../helpers/actors';

const PASSWORD = 'a-long-enough-password';

async function newAccount(role: 'viewer' | 'moderator' | 'admin', password = PASSWORD) {
  actAs(actorWith('admin'));
  const result = await createAccount({ email: `${role}-${randomUUID()}@accounts.test`, role, password });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.data;
}

/** Demotes or disables every active admin but those given, so a test starts from a known set. */
async function onlyActiveAdmins(keep: string[]) {
  const db = await accountsReady();
  for (const account of await listAccounts(db)) {
    if (account.role === 'admin' && !account.disabledAt && !keep.includes(account.id)) {
      actAs(actorWith('admin'));
      expect(await setAccountRole({ id: account.id, role: 'viewer' })).toMatchObject({ ok: true });
    }
  }
  expect(await countActiveAdmins(db)).toBe(keep.length);
}

describe('the last admin', () => {
  it('two concurrent demotions of the last two admins leave one admin', async () => {
    const [a, b] = [await newAccount('admin'), await newAccount('admin')];
    await onlyActiveAdmins([a.id, b.id]);
    actAs(actorWith('admin'));
    const results = await Promise.all([setAccountRole({ id: a.id, role: 'moderator' }), setAccountRole({ id: b.id, role: 'viewer' })]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.find((result) => !result.ok)).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('at least one active admin') } });
    expect(await countActiveAdmins(await accountsReady())).toBe(1);
  });

  it('two concurrent disablings of the last two admins leave one; a disabled admin does not count', async () => {
    const [a, b] = [await newAccount('admin'), await newAccount('admin')];
    await onlyActiveAdmins([a.id, b.id]);
    actAs(actorWith('admin'));
    const results = await Promise.all([setAccountDisabled({ id: a.id, disabled: true }), setAccountDisabled({ id: b.id, disabled: true })]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(await countActiveAdmins(await accountsReady())).toBe(1);

    const remaining = (await findAccountRow(await accountsReady(), a.id))!.disabledAt ? b : a;
    const disabled = remaining === a ? b : a;
    // the disabled admin still has the role, but the one left cannot be demoted
    expect((await findAccountRow(await accountsReady(), disabled.id))!.role).toBe('admin');
    expect(await setAccountRole({ id: remaining.id, role: 'moderator' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // enabling the other admin again makes room for the demotion
    expect(await setAccountDisabled({ id: disabled.id, disabled: false })).toMatchObject({ ok: true, data: { disabledAt: null } });
    expect(await setAccountRole({ id: remaining.id, role: 'moderator' })).toMatchObject({ ok: true });
  });

  it('an admin cannot disable their own account', async () => {
    const self = await newAccount('admin');
    actAs({ id: self.id, email: self.email, role: 'admin', label: self.email });
    expect(await setAccountDisabled({ id: self.id, disabled: true })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('revoking access', () => {
  it('a reset password (set or generated) replaces the old one, bumps the session version and is never audited', async () => {
    const account = await newAccount('moderator');
    const db = await accountsReady();
    const before = (await findAccountRow(db, account.id))!;
    actAs(actorWith('admin'));

    const generated = await resetAccountPassword({ id: account.id });
    expect(generated).toMatchObject({ ok: true, data: { email: account.email, generatedPassword: expect.any(String) } });
    const password = (generated as { data: { generatedPassword: string } }).data.generatedPassword;
    const afterGenerated = (await findAccountRow(db, account.id))!;
    expect(afterGenerated.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await bcrypt.compare(password, afterGenerated.passwordHash!)).toBe(true);
    expect(await bcrypt.compare(PASSWORD, afterGenerated.passwordHash!)).toBe(false);

    expect(await resetAccountPassword({ id: account.id, password: 'another-long-password' })).toMatchObject({ ok: true });
    expect((await findAccountRow(db, account.id))!.sessionVersion).toBe(before.sessionVersion + 2);

    const { rows } = await queryAudit(db, { action: 'accounts.resetPassword' });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(rows)).not.toContain(password);
    expect(JSON.stringify(rows)).not.toContain('another-long-password');
  });

  it('passwords longer than 72 bytes are refused with a clear message, not truncated', async () => {
    const seventyTwo = 'p'.repeat(72);
    const seventyThreeBytes = `${'p'.repeat(71)}é`; // 71 + 2 bytes
    actAs(actorWith('admin'));
    const refused = await createAccount({ email: `long-${randomUUID()}@accounts.test`, role: 'viewer', password: seventyThreeBytes });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('at most 72 bytes') } });
    const account = await newAccount('viewer', seventyTwo);
    expect(await resetAccountPassword({ id: account.id, password: `${seventyTwo}x` })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining('at most 72 bytes') },
    });
    actAs({ id: account.id, email: account.email, role: 'viewer', label: account.email });
    expect(await changeOwnPassword({ currentPassword: seventyTwo, newPassword: 'q'.repeat(73) })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringContaining('at most 72 bytes') },
    });
  });

  it('a user changes their own password only with the current one; older sessions end', async () => {
    const account = await newAccount('viewer');
    const db = await accountsReady();
    actAs({ id: account.id, email: account.email, role: 'viewer', label: account.email });
    expect(await changeOwnPassword({ currentPassword: 'not-the-password', newPassword: 'my-new-long-password' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: 'The current password is wrong' },
    });
    expect(await changeOwnPassword({ currentPassword: PASSWORD, newPassword: 'my-new-long-password' })).toMatchObject({ ok: true });
    const row = (await findAccountRow(db, account.id))!;
    expect(await bcrypt.compare('my-new-long-password', row.passwordHash!)).toBe(true);
    expect(row.sessionVersion).toBe(1);
    const { rows } = await queryAudit(db, { action: 'accounts.changeOwnPassword' });
    expect(JSON.stringify(rows)).not.toContain('my-new-long-password');
  });

  it('allowing SSO for a password account is recorded; taking it back forgets the bound identity', async () => {
    const account = await newAccount('moderator');
    actAs(actorWith('admin'));
    expect(await setAccountSso({ id: account.id, allowed: true })).toMatchObject({ ok: true, data: { ssoAllowed: true } });
    expect(await setAccountSso({ id: account.id, allowed: false })).toMatchObject({ ok: true, data: { ssoAllowed: false, ssoSubject: null } });
  });

  it('taking SSO back ends the sessions the account signed in with before', async () => {
    const account = await newAccount('moderator');
    const db = await accountsReady();
    actAs(actorWith('admin'));
    expect(await setAccountSso({ id: account.id, allowed: true })).toMatchObject({ ok: true });
    expect(await bindSsoIdentity(db, account.id, 'oidc', `subject-${randomUUID()}`)).toBeDefined();
    const ssoSession = { sub: account.id, sv: (await findAccountRow(db, account.id))!.sessionVersion };
    expect(await sessionAccount(ssoSession)).toMatchObject({ id: account.id });

    expect(await setAccountSso({ id: account.id, allowed: false })).toMatchObject({ ok: true });
    expect(await sessionAccount(ssoSession)).toBeUndefined();
  });

  it('a password change is audited as a change: listed without successful reads, and not pruned with them', async () => {
    const account = await newAccount('viewer');
    const db = await accountsReady();
    actAs({ id: account.id, email: account.email, role: 'viewer', label: account.email });
    expect(await changeOwnPassword({ currentPassword: PASSWORD, newPassword: 'a-changed-long-password' })).toMatchObject({ ok: true });
    const ownChanges = { action: 'accounts.changeOwnPassword', actor: account.email };
    expect((await queryAudit(db, ownChanges)).rows).toMatchObject([{ outcome: 'ok', actorId: account.id }]);

    await pruneAuditLog(db, new Date(Date.now() + 60_000));
    expect((await queryAudit(db, { ...ownChanges, includeReads: true })).rows).toHaveLength(1);
  });
});
