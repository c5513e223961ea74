import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { startApp, type RunningApp } from '../helpers/app-server';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';
import { browserInstance, closeBrowser, expect } from './console';

/**
 * The build the e2e setup made (output: 'standalone'), copied out of the repository so nothing of
 * its node_modules can be reached, and served by `node server.js` alone, as the Containerfile does.
 */
const admin = { email: 'standalone-admin@e2e.test', password: `pw-${randomBytes(12).toString('hex')}` };
const opsToken = `ops-${randomBytes(16).toString('hex')}`;
let copy: string;
let dataDir: string;
let app: RunningApp;
let page: Page;

beforeAll(async () => {
  copy = mkdtempSync(path.join(tmpdir(), 'stagekeeper-standalone-'));
  dataDir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-standalone-data-'));
  cpSync(path.join(REPO_ROOT, '.next', 'standalone'), copy, { recursive: true, verbatimSymlinks: true });
  app = await startApp(testServer(), path.join(REPO_ROOT, 'test-results', 'standalone.log'), {
    dataDir,
    nextauthSecret: `nextauth-${randomBytes(24).toString('hex')}`,
    admin,
    standaloneDir: copy,
    env: { STAGEKEEPER_OPS_TOKEN: opsToken },
  });
  page = await (await browserInstance()).newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(`${app.url}/signin`);
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // the first page of a cold server renders slowly on a loaded machine (a first /signin took 90 s at load 30)
  await expect(page.locator(`[data-account="${admin.email}"]`)).toBeVisible({ timeout: 120_000 });
});

afterAll(async () => {
  await closeBrowser();
  await app?.stop();
  rmSync(copy, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the standalone server (node .next/standalone/server.js)', () => {
  it('signs in, opens a room page with a real participant in it, and answers its health check and metrics', async () => {
    const room = uniqueRoom('standalone');
    await joinParticipant({ room, identity: 'standalone-viewer' });
    await page.goto(`${app.url}/rooms/${encodeURIComponent(room)}`);
    await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('tr[data-identity="standalone-viewer"]')).toBeVisible({ timeout: 15_000 });
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    const metrics = await fetch(`${app.url}/api/metrics`, { headers: { authorization: `Bearer ${opsToken}` } });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('stagekeeper_action_duration_seconds_count');
  });

  it('shows the Diagnostics page: LiveKit green, and webhooks that go to another console red with the fix', async () => {
    // the test LiveKit posts its webhooks to the main e2e console, not to this one
    await page.goto(`${app.url}/admin/diagnostics`);
    await expect(page.locator('[data-check="livekit.credentials"][data-status="ok"]')).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('[data-check="webhooks.url"]')).toContainText(`${app.url}/api/livekit/webhook`);
    await page.getByRole('button', { name: 'Send a test' }).click();
    const test = page.locator('[data-check="webhooks.test"]');
    await expect(test).toHaveAttribute('data-status', 'fail', { timeout: 30_000 });
    await expect(test).toContainText(`Fix: Point webhook.urls in LiveKit's config at ${app.url}/api/livekit/webhook`);
    await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'diagnostics-red.png'), fullPage: true });
  });
});
