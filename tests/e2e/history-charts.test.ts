import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { builtAction, postAction, signInOverHttp } from '../helpers/app-http';
import { pageJavaScript } from '../helpers/page-javascript';
import { directRoomService, joinParticipant, uniqueRoom } from '../helpers/participants';
import { adminSession, appUrl, closeBrowser, credentials, ensureAccount, expect, newPageAs, openRoom, row } from './console';

afterAll(closeBrowser);

const SHOTS = path.join(REPO_ROOT, 'test-results', 'screenshots');

async function shoot(page: Page, name: string, selector: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.locator(selector).first().screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

const historyItems = (page: Page) => page.locator('dialog[open] [data-history-item]');

async function historyOrder(page: Page): Promise<string[]> {
  return historyItems(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-action') || item.getAttribute('data-kind') || ''));
}

async function openHistory(page: Page, identity: string) {
  await row(page, identity).getByRole('button', { name: `Edit ${identity}` }).click();
  await page.locator('dialog[open]').getByRole('tab', { name: 'History' }).click();
  await expect(page.locator('dialog[open] [data-history]')).toBeVisible();
}

describe('history and charts in Chromium against a real LiveKit server', () => {
  it("the History tab lists a join, a promote and a mute newest first, and pages back to the join", async () => {
    const room = uniqueRoom('history');
    const guest = await joinParticipant({ room, identity: 'guest', name: 'Guest', grant: { canPublish: false } });
    // the file's first page: sign-in and a cold server under load can take longer than openRoom waits
    const page = await newPageAs('moderator');
    await page.goto(appUrl(`/rooms/${room}`));
    await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 45_000 });
    await row(page, 'guest').getByRole('button', { name: 'Promote guest' }).click();
    await expect(row(page, 'guest')).toHaveAttribute('data-role', 'speaker');
    // on stage now: the guest's app starts its microphone
    await guest.waitFor('permissionChanged', (event) => event.data.canPublish === true);
    await guest.publishTone();
    await row(page, 'guest').getByRole('button', { name: /^Mute / }).click();
    await expect(row(page, 'guest').locator('[data-track-sid][data-muted="true"]')).toHaveCount(1);

    await openHistory(page, 'guest');
    await expect(historyItems(page)).toHaveCount(3);
    expect(await historyOrder(page)).toEqual(['tracks.mute', 'participants.promote', 'joined']);
    await expect(historyItems(page).nth(1)).toContainText(`by ${credentials('moderator').email}`);
    await expect(historyItems(page).nth(1).locator('[data-change="permission.canPublishSources"]')).toBeVisible();
    await shoot(page, 'history-tab', 'dialog[open]');
    await page.keyboard.press('Escape');

    // 24 more moderation actions by the admin: the newest 25 come first, the join is on the next page
    const admin = await adminSession();
    for (let i = 0; i < 24; i += 1) {
      const action = builtAction(i % 2 === 0 ? 'demoteToAudience' : 'promoteToSpeaker');
      const { result } = await postAction(appUrl(''), action, [{ room, identity: 'guest' }], { cookie: admin });
      expect(result?.ok).toBe(true);
    }
    await openHistory(page, 'guest');
    await expect(historyItems(page)).toHaveCount(25);
    await expect(historyItems(page).first()).toContainText(`by ${credentials('admin').email}`);
    await page.locator('dialog[open]').getByRole('button', { name: 'Load older' }).click();
    await expect(historyItems(page)).toHaveCount(27);
    await expect(page.locator('dialog[open]').getByRole('button', { name: 'Load older' })).toHaveCount(0);
    const order = await historyOrder(page);
    expect(order.slice(-3)).toEqual(['tracks.mute', 'participants.promote', 'joined']);
    expect(new Set(await historyItems(page).evaluateAll((items) => items.map((item) => item.getAttribute('data-history-item')))).size).toBe(27);
    await page.close();
  }, 120_000);

  it('the room chart shows the join of 10 participants, live and to a tab opened afterwards', async () => {
    const room = uniqueRoom('chart');
    await directRoomService().createRoom({ name: room, emptyTimeout: 120 });
    const page = await openRoom(room);
    const chart = page.locator('[data-activity-chart]');
    await expect(chart).toHaveAttribute('data-participants-now', '0');
    await expect(chart.locator('[data-chart-drawn="true"]')).toBeVisible();

    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        joinParticipant({ room, identity: `viewer-${index}`, grant: { canPublish: index < 2, canUpdateOwnMetadata: true } }),
      ),
    );
    await expect(chart).toHaveAttribute('data-participants-now', '10', { timeout: 15_000 });
    await expect(chart.locator('[data-series="participants"]')).toContainText('10');
    await expect(chart.locator('[data-series="speakers"]')).toContainText('2');
    expect(Number(await chart.locator('[data-chart-points]').getAttribute('data-chart-points'))).toBeGreaterThanOrEqual(2);

    // a new tab draws the past from the server's samples, written on the joins' webhooks
    const second = await openRoom(room);
    await expect(second.locator('[data-activity-chart]')).toHaveAttribute('data-stored-peak', '10', { timeout: 15_000 });
    await shoot(second, 'room-chart', '[data-activity-chart]');
    await Promise.all([page.close(), second.close()]);
  });

  it('the Audit page charts actions per minute by moderator for the selected range', async () => {
    const room = uniqueRoom('audit-chart');
    await joinParticipant({ room, identity: 'target' });
    await ensureAccount('moderator');
    const moderator = await signInOverHttp(appUrl(''), credentials('moderator').email, credentials('moderator').password);
    const act = async (cookie: string, times: number) => {
      for (let i = 0; i < times; i += 1) {
        const action = builtAction(i % 2 === 0 ? 'promoteToSpeaker' : 'demoteToAudience');
        const { result } = await postAction(appUrl(''), action, [{ room, identity: 'target' }], { cookie });
        expect(result?.ok).toBe(true);
      }
    };
    await act(moderator, 3);
    await act(await adminSession(), 2);

    const page = await newPageAs('admin');
    const from = new Date(Date.now() - 10 * 60_000).toISOString();
    await page.goto(appUrl(`/audit?room=${room}&from=${from}`));
    const chart = page.locator('[data-audit-chart]');
    await expect(chart).toHaveAttribute('data-bucket-minutes', '1');
    await expect(chart.locator(`[data-moderator="${credentials('moderator').email}"]`)).toHaveAttribute('data-actions', '3');
    await expect(chart.locator(`[data-moderator="${credentials('admin').email}"]`)).toHaveAttribute('data-actions', '2');
    await expect(chart.locator('[data-chart-drawn="true"]')).toBeVisible();
    await expect(page.getByLabel('From (UTC)')).toHaveValue(from.slice(0, 16));
    await shoot(page, 'audit-chart', '[data-audit-chart]');

    // a range that ends before the actions holds none of them
    await page.goto(appUrl(`/audit?room=${room}&to=${from}`));
    await expect(page.locator('[data-audit-chart]')).toContainText('No moderator acted in this range.');
    await page.close();
  });

  it("the room page's first-load JavaScript stays within 200 kB gzip; the chart library and the dialogs load afterwards", async () => {
    const room = uniqueRoom('bundle');
    await directRoomService().createRoom({ name: room, emptyTimeout: 120 });
    const page = await newPageAs('moderator');
    const { firstLoad, later } = await pageJavaScript(page, appUrl(`/rooms/${room}`), async () => {
      await page.locator('[data-live-status="live"]').waitFor({ timeout: 30_000 }).catch(async (error: unknown) => {
        const status = await page.locator('[data-live-status]').first().getAttribute('data-live-status').catch(() => null);
        throw new Error(`the room page is not live (${status}): ${await page.locator('[data-room-notice]').allTextContents()}`, { cause: error });
      });
      await expect(page.locator('[data-activity-chart] [data-chart-drawn="true"]')).toBeVisible();
      await expect(page.locator('main[data-dialogs-loaded="true"]')).toBeVisible();
    });
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
    console.log(
      `room page JavaScript: first load ${firstLoad.files} scripts, ${kb(firstLoad.gzip)} gzip (${kb(firstLoad.raw)} raw); ` +
        `loaded afterwards ${later.files} scripts, ${kb(later.gzip)} gzip`,
    );
    expect(firstLoad.gzip).toBeLessThanOrEqual(200 * 1024);
    const has = (bodies: Map<string, Buffer>, text: string) => [...bodies.values()].some((body) => body.includes(text));
    expect(has(firstLoad.bodies, 'uplot')).toBe(false);
    expect(has(later.bodies, 'uplot')).toBe(true);
    // the edit dialog and the incident preview are closed at first paint: fetched after it (lazy-dialogs.tsx)
    for (const text of ['Save attributes', 'Start incident']) {
      expect(has(firstLoad.bodies, text), text).toBe(false);
      expect(has(later.bodies, text), text).toBe(true);
    }
    await page.close();
  });
});
