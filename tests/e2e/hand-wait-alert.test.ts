import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { startApp, type AppOptions, type RunningApp } from '../helpers/app-server';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';
import { browserInstance, closeBrowser, expect, openRoom, row } from './console';

/**
 * A second dashboard on the same build and LiveKit server, told to highlight hands after 2 s
 * (STAGEKEEPER_HAND_WAIT_ALERT_SECONDS) instead of the default 5 minutes, next to the e2e app with the default.
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-handwait-'));
const options: AppOptions = {
  dataDir,
  nextauthSecret: `handwait-${randomBytes(24).toString('hex')}`,
  admin: { email: 'admin@handwait.test', password: `pw-${randomBytes(12).toString('hex')}` },
  env: { STAGEKEEPER_HAND_WAIT_ALERT_SECONDS: '2' },
};
let app: RunningApp;
let context: BrowserContext;

beforeAll(async () => {
  app = await startApp(testServer(), path.join(REPO_ROOT, 'test-results', 'app-handwait.log'), options);
  context = await (await browserInstance()).newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${app.url}/signin`);
  await page.getByLabel('Email').fill(options.admin.email);
  await page.getByLabel('Password').fill(options.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator(`[data-account="${options.admin.email}"]`)).toBeVisible({ timeout: 15_000 });
  await page.close();
});

afterAll(async () => {
  await closeBrowser();
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function openOnShortThreshold(room: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.url}/rooms/${encodeURIComponent(room)}`);
  await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 15_000 });
  return page;
}

describe('hands waiting too long are highlighted', () => {
  it('past the threshold on the row and in the alerts list; not before it, and not on a dashboard with the 5-minute default', async () => {
    const room = uniqueRoom('handwait');
    const asker = await joinParticipant({ room, identity: 'asker', name: 'Asker', grant: { canUpdateOwnMetadata: true } });
    const short = await openOnShortThreshold(room);
    const standard = await openRoom(room);

    await asker.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
    await expect(short.locator('[data-queued="asker"]')).toBeVisible();
    await expect(row(short, 'asker').locator('[data-hand-waiting]')).toHaveCount(0);

    await expect(row(short, 'asker').locator('[data-hand-waiting]')).toBeVisible({ timeout: 20_000 });
    await expect(short.locator('[data-alerts-list] [data-alert-kind="hand_waiting"][data-alert-identity="asker"]')).toBeVisible();
    await expect(standard.locator('[data-queued="asker"]')).toBeVisible();
    await expect(standard.locator('[data-alerts-list]')).toBeVisible();
    await expect(row(standard, 'asker').locator('[data-hand-waiting]')).toHaveCount(0);
    await short.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'teamwork-hand-waiting.png') });

    // lowered: no longer waiting
    await asker.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: '' });
    await expect(row(short, 'asker').locator('[data-hand-waiting]')).toHaveCount(0, { timeout: 20_000 });
    await short.close();
    await standard.close();
  });
});
