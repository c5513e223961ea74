import { expect } from '@playwright/test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Role } from '@/lib/auth/roles';
import { builtAction, postAction, signInOverHttp } from '../helpers/app-http';
import { launchChromium } from '../helpers/browser';

export { expect };

let browser: Browser | undefined;
const contexts = new Map<Role, BrowserContext>();

export async function browserInstance(): Promise<Browser> {
  browser ??= await launchChromium();
  return browser;
}

export async function closeBrowser() {
  contexts.clear();
  await browser?.close();
  browser = undefined;
}

export function appUrl(path = '/'): string {
  return `${inject('appUrl')}${path}`;
}

/** One account per role for the whole run; the admin comes from STAGEKEEPER_ADMIN_EMAIL. */
export function credentials(role: Role): { email: string; password: string } {
  const { admin } = inject('app');
  return role === 'admin' ? admin : { email: `${role}@e2e.test`, password: `${admin.password}-${role}` };
}

let adminCookie: string | undefined;

export async function adminSession(): Promise<string> {
  adminCookie ??= await signInOverHttp(inject('appUrl'), credentials('admin').email, credentials('admin').password);
  return adminCookie;
}

/** Creates the role's account through the admin's createAccount action, unless an earlier file did. */
export async function ensureAccount(role: Role): Promise<void> {
  if (role === 'admin') return;
  const { email, password } = credentials(role);
  const { result } = await postAction(inject('appUrl'), builtAction('createAccount'), [{ email, role, password, name: `E2E ${role}` }], {
    cookie: await adminSession(),
  });
  if (!result?.ok && result?.error?.code !== 'conflict') throw new Error(`could not create the ${role} account: ${JSON.stringify(result)}`);
}

/** Signs in through the real sign-in page and lands on the rooms page. */
export async function signInThroughPage(page: Page, role: Role): Promise<void> {
  const { email, password } = credentials(role);
  await page.goto(appUrl('/signin'));
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator(`[data-account="${email}"]`)).toBeVisible({ timeout: 15_000 });
}

/** A browser context signed in as the role, once per test file. */
export async function contextAs(role: Role): Promise<BrowserContext> {
  const existing = contexts.get(role);
  if (existing) return existing;
  await ensureAccount(role);
  const context = await (await browserInstance()).newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await signInThroughPage(page, role);
  await page.close();
  contexts.set(role, context);
  return context;
}

export async function newPageAs(role: Role): Promise<Page> {
  return (await contextAs(role)).newPage();
}

/** Opens the room page as a moderator (or the given role) and waits until its hidden observer is live. */
export async function openRoom(room: string, role: Role = 'moderator'): Promise<Page> {
  const page = await newPageAs(role);
  await page.goto(appUrl(`/rooms/${encodeURIComponent(room)}`));
  await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 15_000 });
  return page;
}

export function row(page: Page, identity: string) {
  return page.locator(`tr[data-identity="${identity}"]`);
}

export async function liveStats(page: Page) {
  return page.evaluate(() => ({ ...window.__stagekeeper! }));
}
