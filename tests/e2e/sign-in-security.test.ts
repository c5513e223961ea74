import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, inject, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { builtAction, postAction, signInOverHttp } from '../helpers/app-http';
import { startApp, type RunningApp } from '../helpers/app-server';
import { CookieJar, signInWithSso, startOidcIssuer, type TestOidcIssuer } from '../helpers/oidc-issuer';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';
import { adminSession, appUrl, browserInstance, closeBrowser, credentials, ensureAccount, expect, newPageAs } from './console';

afterAll(closeBrowser);

const base = () => inject('appUrl');

/** Creates an account through the admin's action on the given app. */
async function createAccount(url: string, adminCookie: string, account: { email: string; role?: string; password?: string }) {
  const { result } = await postAction(url, builtAction('createAccount'), [{ role: 'moderator', password: '', ...account }], { cookie: adminCookie });
  expect(result, `create ${account.email}`).toMatchObject({ ok: true });
  return (result as { data: { id: string } }).data;
}

/** One POST to the credentials callback, with the headers a proxy (or a forger) would add. */
async function postCredentials(url: string, email: string, password: string, headers: Record<string, string> = {}) {
  const jar = new CookieJar();
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers });
  jar.keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jar.header(), ...headers },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  await response.text();
  jar.keep(response);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), setCookie: response.headers.getSetCookie(), jar };
}

/**
 * One POST to next-auth's credentials callback shaped as the caller likes: any path under /api/auth/
 * and any body next-auth accepts (form fields repeated, or JSON).
 */
async function postCallbackAs(url: string, callbackPath: string, body: (csrfToken: string) => { contentType: string; text: string }) {
  const jar = new CookieJar();
  const csrf = await fetch(`${url}/api/auth/csrf`);
  jar.keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const { contentType, text } = body(csrfToken);
  const response = await fetch(`${url}/api/auth/${callbackPath}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': contentType, Cookie: jar.header() },
    body: text,
  });
  await response.text();
  jar.keep(response);
  return { status: response.status, signedIn: jar.has('next-auth.session-token') };
}

describe('after sign-in the browser stays on this site', () => {
  for (const callback of ['/\\example.org', '/\t/example.org', 'https://example.org/', '//example.org']) {
    it(`callbackUrl ${JSON.stringify(callback)} lands on the rooms page, signing in and when already signed in`, async () => {
      await ensureAccount('moderator');
      const context = await (await browserInstance()).newContext();
      const page = await context.newPage();
      await page.goto(appUrl(`/signin?callbackUrl=${encodeURIComponent(callback)}`));
      await page.getByLabel('Email').fill(credentials('moderator').email);
      await page.getByLabel('Password').fill(credentials('moderator').password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator(`[data-account="${credentials('moderator').email}"]`)).toBeVisible({ timeout: 15_000 });
      expect(new URL(page.url()).origin).toBe(new URL(base()).origin);

      await page.goto(appUrl(`/signin?callbackUrl=${encodeURIComponent(callback)}`));
      await expect(page.locator(`[data-account="${credentials('moderator').email}"]`)).toBeVisible({ timeout: 15_000 });
      expect(new URL(page.url()).origin).toBe(new URL(base()).origin);
      await context.close();
    });
  }

  it('a same-site callbackUrl is kept', async () => {
    await ensureAccount('moderator');
    const context = await (await browserInstance()).newContext();
    const page = await context.newPage();
    await page.goto(appUrl(`/signin?callbackUrl=${encodeURIComponent('/audit?room=x')}`));
    await page.getByLabel('Email').fill(credentials('moderator').email);
    await page.getByLabel('Password').fill(credentials('moderator').password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(appUrl('/audit?room=x'));
    await context.close();
  });
});

describe('sign-in throttle', () => {
  it('30 concurrent wrong passwords for one account get 429 with Retry-After; a moderator acts during the flood', async () => {
    const email = `target-${randomBytes(4).toString('hex')}@e2e.test`;
    await createAccount(base(), await adminSession(), { email, password: 'the-right-long-password' });
    const room = uniqueRoom('flood');
    const member = await joinParticipant({ room, identity: 'member', grant: { canPublish: false } });
    await ensureAccount('moderator');
    const moderator = await signInOverHttp(base(), credentials('moderator').email, credentials('moderator').password);

    const flood = Promise.all(Array.from({ length: 30 }, (_, i) => postCredentials(base(), email, `wrong-password-${i}`)));
    const promoted = postAction(base(), builtAction('promoteToSpeaker'), [{ room, identity: 'member' }], { cookie: moderator });
    const [attempts, action] = await Promise.all([flood, promoted]);

    expect(action.result).toMatchObject({ ok: true });
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === true);
    const throttled = attempts.filter((attempt) => attempt.status === 429);
    expect(throttled).toHaveLength(20);
    expect(attempts.filter((attempt) => attempt.status !== 429).every((attempt) => attempt.status === 401)).toBe(true);
    for (const attempt of throttled) {
      expect(Number(attempt.retryAfter)).toBeGreaterThan(0);
      expect(Number(attempt.retryAfter)).toBeLessThanOrEqual(600);
    }
    // the account stays throttled for the window, even for the right password
    expect((await postCredentials(base(), email, 'the-right-long-password')).status).toBe(429);

    const context = await (await browserInstance()).newContext();
    const page = await context.newPage();
    await page.goto(appUrl('/signin'));
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('the-right-long-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('[data-sign-in-error]')).toContainText('Too many failed sign-ins');
    await context.close();
  });
});

describe('the throttle counts where the password is checked', () => {
  it('once an account is throttled, a JSON body, a repeated email field and an extra path segment are refused too', async () => {
    const email = `doors-${randomBytes(4).toString('hex')}@e2e.test`;
    const password = 'the-doors-long-password';
    await createAccount(base(), await adminSession(), { email, password });
    for (let i = 0; i < 10; i += 1) expect((await postCredentials(base(), email, `wrong-password-${i}`)).status).toBe(401);
    expect((await postCredentials(base(), email, password)).status).toBe(429);

    const form = (fields: [string, string][]) => ({ contentType: 'application/x-www-form-urlencoded', text: new URLSearchParams(fields).toString() });
    const doors = {
      json: await postCallbackAs(base(), 'callback/credentials', (csrfToken) => ({
        contentType: 'application/json',
        text: JSON.stringify({ csrfToken, email, password, json: 'true' }),
      })),
      repeatedEmail: await postCallbackAs(base(), 'callback/credentials', (csrfToken) =>
        form([['csrfToken', csrfToken], ['email', `decoy-${randomBytes(4).toString('hex')}@e2e.test`], ['email', email], ['password', password], ['json', 'true']]),
      ),
      extraSegment: await postCallbackAs(base(), 'callback/credentials/x', (csrfToken) =>
        form([['csrfToken', csrfToken], ['email', email], ['password', password], ['json', 'true']]),
      ),
    };
    expect(doors).toEqual({
      json: { status: 429, signedIn: false },
      repeatedEmail: { status: 429, signedIn: false },
      extraSegment: { status: 429, signedIn: false },
    });
  });
});

describe('revoking access', () => {
  it("a disabled account's session stops at its next request; it cannot sign in until enabled", async () => {
    const email = `revoked-${randomBytes(4).toString('hex')}@e2e.test`;
    const password = 'revoked-long-password';
    const { id } = await createAccount(base(), await adminSession(), { email, password });
    const session = await signInOverHttp(base(), email, password);
    const listRooms = builtAction('listRooms');
    expect((await postAction(base(), listRooms, [], { cookie: session })).result).toMatchObject({ ok: true });

    const disable = await postAction(base(), builtAction('setAccountDisabled'), [{ id, disabled: true }], { cookie: await adminSession() });
    expect(disable.result).toMatchObject({ ok: true });
    expect((await postAction(base(), listRooms, [], { cookie: session })).result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const page = await fetch(`${base()}/`, { headers: { Cookie: session }, redirect: 'manual' });
    expect(page.headers.get('location') ?? '').toContain('/signin');
    const refused = await postCredentials(base(), email, password);
    expect(refused.jar.has('next-auth.session-token')).toBe(false);

    await postAction(base(), builtAction('setAccountDisabled'), [{ id, disabled: false }], { cookie: await adminSession() });
    const again = await signInOverHttp(base(), email, password);
    expect((await postAction(base(), listRooms, [], { cookie: again })).result).toMatchObject({ ok: true });
  });

  it("a reset or changed password ends the account's older sessions", async () => {
    const email = `reset-${randomBytes(4).toString('hex')}@e2e.test`;
    const { id } = await createAccount(base(), await adminSession(), { email, password: 'first-long-password' });
    const listRooms = builtAction('listRooms');
    const first = await signInOverHttp(base(), email, 'first-long-password');

    const reset = await postAction(base(), builtAction('resetAccountPassword'), [{ id, password: '' }], { cookie: await adminSession() });
    const generated = (reset.result as { data: { generatedPassword: string } }).data.generatedPassword;
    expect(generated.length).toBeGreaterThanOrEqual(16);
    expect((await postAction(base(), listRooms, [], { cookie: first })).result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const second = await signInOverHttp(base(), email, generated);
    const changed = await postAction(base(), builtAction('changeOwnPassword'), [{ currentPassword: generated, newPassword: 'my-own-long-password' }], {
      cookie: second,
    });
    expect(changed.result).toMatchObject({ ok: true });
    expect((await postAction(base(), listRooms, [], { cookie: second })).result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const third = await signInOverHttp(base(), email, 'my-own-long-password');
    expect((await postAction(base(), listRooms, [], { cookie: third })).result).toMatchObject({ ok: true });
  });

  it('an admin disables an account and resets its password on the Accounts page; the generated password signs in', async () => {
    const email = `ui-${randomBytes(4).toString('hex')}@e2e.test`;
    await createAccount(base(), await adminSession(), { email, password: 'ui-long-password' });
    const page = await newPageAs('admin');
    await page.goto(appUrl('/admin'));
    const row = page.locator(`tr[data-account-row="${email}"]`);
    await row.getByRole('button', { name: `Disable ${email}` }).click();
    await expect(row).toHaveAttribute('data-disabled', 'true');
    await row.getByRole('button', { name: `Enable ${email}` }).click();
    await expect(row).toHaveAttribute('data-disabled', 'false');
    await row.getByRole('button', { name: `Reset password of ${email}` }).click();
    await page.getByRole('button', { name: 'Generate a password' }).click();
    const generated = (await page.locator('[data-generated-password]').textContent())!.trim();
    expect(generated.length).toBeGreaterThanOrEqual(16);
    await signInOverHttp(base(), email, generated);
    await page.close();
  });
});

describe('behind a proxy that terminates TLS, with single sign-on', () => {
  let app: RunningApp;
  let issuer: TestOidcIssuer;
  let dataDir: string;
  let adminCookie: string;
  const admin = { email: 'admin@proxy.test', password: `pw-${randomBytes(12).toString('hex')}` };

  beforeAll(async () => {
    issuer = await startOidcIssuer();
    dataDir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-sso-'));
    app = await startApp(testServer(), path.join(REPO_ROOT, 'test-results', 'app-sso.log'), {
      dataDir,
      nextauthSecret: `sso-${randomBytes(24).toString('hex')}`,
      admin,
      env: {
        OIDC_ISSUER: issuer.issuer,
        OIDC_CLIENT_ID: issuer.clientId,
        OIDC_CLIENT_SECRET: issuer.clientSecret,
        OIDC_NAME: 'Test IdP',
        STAGEKEEPER_TRUSTED_PROXIES: '1',
      },
      // a second app starting while the first serves: slow on a loaded machine, within the hook's 240 s
      readyTimeoutMs: 180_000,
    });
    adminCookie = await signInOverHttp(app.url, admin.email, admin.password);
  });

  afterAll(async () => {
    await app?.stop();
    await issuer?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('session cookies are Secure when the proxy says the request came over https, and the session works', async () => {
    const https = await postCredentials(app.url, admin.email, admin.password, { 'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '198.51.100.1' });
    const sessionCookie = https.setCookie.find((line) => line.includes('next-auth.session-token='));
    expect(sessionCookie).toMatch(/^__Secure-next-auth\.session-token=/);
    expect(sessionCookie).toMatch(/;\s*Secure/i);
    const session = await fetch(`${app.url}/api/auth/session`, { headers: { Cookie: https.jar.header(), 'X-Forwarded-Proto': 'https' } });
    expect(await session.json()).toMatchObject({ user: { email: admin.email, role: 'admin' } });

    const plain = await postCredentials(app.url, admin.email, admin.password, { 'X-Forwarded-Proto': 'http', 'X-Forwarded-For': '198.51.100.1' });
    const plainCookie = plain.setCookie.find((line) => line.includes('next-auth.session-token='));
    expect(plainCookie).toMatch(/^next-auth\.session-token=/);
    expect(plainCookie).not.toMatch(/;\s*Secure/i);
  });

  it('10 wrong passwords from one address throttle that address, for any account; another address is not', async () => {
    const from = { 'X-Forwarded-For': '203.0.113.7' };
    for (let i = 0; i < 10; i += 1) {
      expect((await postCredentials(app.url, `nobody-${i}@proxy.test`, 'wrong-password', from)).status).toBe(401);
    }
    const blocked = await postCredentials(app.url, 'someone-else@proxy.test', 'wrong-password', from);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.retryAfter)).toBeGreaterThan(0);
    // the proxy appends the real address: a forged first hop does not escape the limit
    expect((await postCredentials(app.url, 'x@proxy.test', 'wrong-password', { 'X-Forwarded-For': '10.9.9.9, 203.0.113.7' })).status).toBe(429);
    expect((await postCredentials(app.url, admin.email, admin.password, { 'X-Forwarded-For': '203.0.113.8' })).jar.has('next-auth.session-token')).toBe(true);
  });

  it('SSO signs in only verified emails, binds the first subject, and reaches a password account only when an admin allowed it', async () => {
    const ssoOnly = `sso-${randomBytes(4).toString('hex')}@proxy.test`;
    await createAccount(app.url, adminCookie, { email: ssoOnly });
    const signInAs = async (sub: string, email: string, emailVerified = true) => {
      issuer.signInAs({ sub, email, emailVerified });
      return signInWithSso(app.url);
    };
    const whoIs = async (cookie: string) => (await (await fetch(`${app.url}/api/auth/session`, { headers: { Cookie: cookie } })).json()) as { user?: { email: string } };

    const unverified = await signInAs('subject-1', ssoOnly, false);
    expect(unverified.cookie).toBeUndefined();
    expect(unverified.location).toContain('error=EmailNotVerified');

    const first = await signInAs('subject-1', ssoOnly);
    expect(first.cookie, first.location).toBeDefined();
    expect(await whoIs(first.cookie!)).toMatchObject({ user: { email: ssoOnly } });

    const otherSubject = await signInAs('subject-2', ssoOnly);
    expect(otherSubject.cookie).toBeUndefined();
    expect(otherSubject.location).toContain('error=SsoIdentityMismatch');

    const withPassword = `pw-${randomBytes(4).toString('hex')}@proxy.test`;
    const { id } = await createAccount(app.url, adminCookie, { email: withPassword, password: 'a-long-enough-password' });
    const takeover = await signInAs('attacker-subject', withPassword);
    expect(takeover.cookie).toBeUndefined();
    expect(takeover.location).toContain('error=SsoNotAllowed');

    const allow = await postAction(app.url, builtAction('setAccountSso'), [{ id, allowed: true }], { cookie: adminCookie });
    expect(allow.result).toMatchObject({ ok: true });
    const allowed = await signInAs('owner-subject', withPassword);
    expect(await whoIs(allowed.cookie!)).toMatchObject({ user: { email: withPassword } });
    expect((await signInAs('attacker-subject', withPassword)).cookie).toBeUndefined();

    const unknown = await signInAs('subject-3', `nobody-${randomBytes(4).toString('hex')}@proxy.test`);
    expect(unknown.cookie).toBeUndefined();
    expect(unknown.location).toContain('error=AccessDenied');

    const disable = await postAction(app.url, builtAction('setAccountDisabled'), [{ id, disabled: true }], { cookie: adminCookie });
    expect(disable.result).toMatchObject({ ok: true });
    expect(await whoIs(allowed.cookie!)).not.toHaveProperty('user');
    expect((await signInAs('owner-subject', withPassword)).location).toContain('error=AccountDisabled');
  });
});
