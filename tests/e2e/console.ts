import { expect } from '@playwright/test';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';
import { launchChromium } from '../helpers/browser';

export { expect };

let browser: Browser | undefined;

export async function browserInstance(): Promise<Browser> {
  browser ??= await launchChromium();
  return browser;
}

export async function closeBrowser() {
  await browser?.close();
  browser = undefined;
}

export function appUrl(path = '/'): string {
  return `${inject('appUrl')}${path}`;
}

/** Opens the room page and waits until its hidden observer is live. */
export async function openRoom(room: string): Promise<Page> {
  const page = await (await browserInstance()).newPage({ viewport: { width: 1440, height: 900 } });
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
