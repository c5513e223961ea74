import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { freeLiveKitPorts, REPO_ROOT, startLiveKitServer, type RunningLiveKit } from '../../scripts/lib/livekit-server';
import { startApp, type AppOptions } from '../helpers/app-server';
import { directRoomService, eventually, joinParticipant, uniqueRoom, type RealParticipant } from '../helpers/participants';
import { screenVersusLiveKit } from '../helpers/table-truth';
import { browserInstance, closeBrowser, expect, row } from './console';

afterAll(closeBrowser);

const logs = path.join(REPO_ROOT, 'test-results', 'observer-reconnect');

/** rtc-node's disconnect can wait on a server that is gone; the test only needs it to stop trying. */
async function leaveWithin(participant: RealParticipant, ms: number) {
  await Promise.race([participant.leave().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, ms))]);
}

describe('the live observer across a LiveKit restart', () => {
  it('says the table may be stale, lets actions fail, and equals ListParticipants within 5 s of the room being back', async () => {
    const ports = await freeLiveKitPorts();
    const start = (name: string) => startLiveKitServer({ ports, webhookUrl: null, logFile: path.join(logs, `${name}.log`) });
    let livekit: RunningLiveKit = await start('before');
    const target = { url: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret };
    const options: AppOptions = {
      dataDir: mkdtempSync(path.join(tmpdir(), 'stagekeeper-reconnect-')),
      nextauthSecret: randomBytes(24).toString('hex'),
      admin: { email: 'reconnect@e2e.test', password: randomBytes(12).toString('hex') },
    };
    const app = await startApp(target, path.join(logs, 'app.log'), options);
    const context = await (await browserInstance()).newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const room = uniqueRoom('restart');
      const stays = await joinParticipant({ room, identity: 'stays', metadata: 'before the restart' }, target);
      const goes = await joinParticipant({ room, identity: 'goes' }, target);

      const page = await context.newPage();
      await page.goto(`${app.url}/signin`);
      await page.getByLabel('Email').fill(options.admin.email);
      await page.getByLabel('Password').fill(options.admin.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.locator(`[data-account="${options.admin.email}"]`)).toBeVisible({ timeout: 15_000 });
      await page.goto(`${app.url}/rooms/${room}`);
      await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 15_000 });
      await expect(row(page, 'goes')).toBeVisible();

      livekit.process.kill('SIGKILL');
      await expect(page.locator('[data-room-notice]')).toContainText('the table may be out of date and actions may fail');
      await expect(page.locator('[data-live-status="reconnecting"]')).toBeVisible();

      // an action fails with a clear error, never a success
      await row(page, 'stays').getByRole('button', { name: 'Promote stays' }).click();
      await expect(page.locator('[data-toast="error"]').last()).toContainText('Cannot reach LiveKit');
      expect(await page.locator('[data-toast="success"]').count()).toBe(0);

      // while LiveKit is down: one participant goes for good, the other comes back changed, someone new joins
      await Promise.all([leaveWithin(stays, 5_000), leaveWithin(goes, 5_000)]);
      livekit = await start('after');
      await joinParticipant({ room, identity: 'stays', metadata: 'after the restart' }, target);
      await joinParticipant({ room, identity: 'newcomer' }, target);
      const roomBack = Date.now();

      const service = directRoomService(target);
      const last = await eventually(() => screenVersusLiveKit(page, service, room), (found) => found.length === 0, {
        timeoutMs: 20_000,
        intervalMs: 50,
      });
      expect(last).toEqual([]);
      expect(Date.now() - roomBack).toBeLessThanOrEqual(5_000);
      await expect(page.locator('[data-live-status="live"]')).toBeVisible();
      await expect(page.locator('[data-room-notice]')).toHaveCount(0);
      await expect(row(page, 'stays').locator('[data-metadata]')).toHaveText('after the restart');
      await expect(row(page, 'goes')).toHaveCount(0);
    } finally {
      await context.close();
      await app.stop();
      await livekit.stop();
      rmSync(options.dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
