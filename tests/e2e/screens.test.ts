import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, describe, inject, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { axeViolations, describeViolations, sidewaysScroll, smallTargets } from '../helpers/axe';
import { requestToken, waitOnTicket, type AppCall } from '../helpers/lobby-app';
import { joinParticipant, uniqueRoom } from '../helpers/participants';
import { appUrl, browserInstance, closeBrowser, ensureAccount, expect, row, signInThroughPage } from './console';

afterAll(closeBrowser);

const SHOTS = path.join(REPO_ROOT, 'test-results');

/** The widths of issue 19: a phone, a tablet both ways, a small laptop, the old minimum and a desktop. */
const SCREENS = [
  { name: 'phone-390', width: 390, height: 844, touch: true },
  { name: 'tablet-820', width: 820, height: 1180, touch: true },
  { name: 'tablet-1180-landscape', width: 1180, height: 820, touch: true },
  { name: 'laptop-1024', width: 1024, height: 768, touch: false },
  { name: 'desktop-1280', width: 1280, height: 800, touch: false },
  { name: 'desktop-1440', width: 1440, height: 900, touch: false },
] as const;

type Screen = (typeof SCREENS)[number];

const call: AppCall = (method, route, body) =>
  fetch(appUrl(route), {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${inject('appKey')}` },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

async function signedInContext(screen: Screen, role: 'moderator' | 'admin'): Promise<BrowserContext> {
  await ensureAccount(role);
  const context = await (await browserInstance()).newContext({
    viewport: { width: screen.width, height: screen.height },
    hasTouch: screen.touch,
    isMobile: screen.width < 500,
  });
  const page = await context.newPage();
  await signInThroughPage(page, role);
  await page.close();
  return context;
}

/** Below xl the side panels are tabs: opens one when its tab is shown (on a desktop the panel is always there). */
async function showPanel(page: Page, panel: 'participants' | 'lobby' | 'hands' | 'slots' | 'alerts' | 'activity') {
  const tab = page.locator(`[data-panel-tab="${panel}"]`);
  if (await tab.isVisible()) {
    await tab.click();
    await expect(tab).toHaveAttribute('aria-pressed', 'true');
  }
}

async function expectAccessible(page: Page, where: string) {
  const violations = await axeViolations(page);
  console.log(`axe ${where}: ${violations.length} rules, ${violations.reduce((total, v) => total + v.nodes.length, 0)} elements`);
  expect(describeViolations(violations), where).toEqual([]);
  expect(await sidewaysScroll(page), `${where}: sideways scroll (px)`).toBe(0);
}

describe('the room console at every screen width, against a real LiveKit room with real participants', () => {
  for (const screen of SCREENS) {
    it(`${screen.name}: promote from the list, approve a hand, admit from the lobby, open the incident preview; no sideways scroll, no axe violation`, { timeout: 120_000 }, async () => {
      const room = uniqueRoom(`screen-${screen.width}`);
      await joinParticipant({ room, identity: 'host', name: 'Morgan (host)', grant: { canPublish: true, canUpdateOwnMetadata: true }, publishTone: true });
      await joinParticipant({ room, identity: 'member', name: 'Member with a rather long display name', grant: { canPublish: false } });
      const asker = await joinParticipant({ room, identity: 'asker', name: 'Ada', grant: { canPublish: false, canUpdateOwnMetadata: true } });
      await asker.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });

      const context = await signedInContext(screen, 'moderator');
      const page = await context.newPage();
      try {
        await page.goto(appUrl(`/rooms/${encodeURIComponent(room)}`));
        // a wait for readiness, not a speed bound: on the shared 2-core machine the observer's WebRTC join can take a while
        await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 45_000 });
        await expect(row(page, 'asker')).toHaveAttribute('data-hand', 'true');
        await expect(page.locator('[data-track-sid]')).toHaveCount(1);
        await page.screenshot({ path: path.join(SHOTS, `screens-${screen.name}.png`), fullPage: true });
        await expectAccessible(page, `${screen.name} room page`);
        // the hand shows as its badge, not as the wire attribute; an unclaimed row shows no claim chip
        await expect(row(page, 'asker')).toContainText('hand');
        await expect(row(page, 'asker')).not.toContainText('stagekeeper.hand');
        await expect(row(page, 'host').locator('[data-row-teamwork]')).not.toContainText(/claim/i);

        await row(page, 'member').getByRole('button', { name: 'Promote member' }).click();
        await expect(row(page, 'member')).toHaveAttribute('data-role', 'speaker');

        await row(page, 'host').getByRole('button', { name: 'Edit host' }).click();
        await expect(page.locator('dialog[open]')).toBeVisible();
        await expectAccessible(page, `${screen.name} edit dialog`);
        await page.keyboard.press('Escape');
        await row(page, 'member').getByRole('button', { name: 'Kick member' }).click();
        await expect(page.locator('dialog[open]')).toContainText('Kick');
        await expectAccessible(page, `${screen.name} kick confirmation`);
        await page.locator('dialog[open]').getByRole('button', { name: 'Cancel' }).click();

        await showPanel(page, 'hands');
        const queued = page.locator('[data-queued="asker"]');
        await expect(queued).toBeVisible();
        await expectAccessible(page, `${screen.name} hands panel`);
        // a claimed hand: its wait stays whole, beside the claim or under it
        await queued.locator('[data-claim-button="hand"]').click();
        await expect(queued.locator('[data-claim="hand"]')).toBeVisible();
        const wait = queued.locator('[data-hand-wait]');
        expect(
          await wait.evaluate((shown) => {
            const box = shown.getBoundingClientRect();
            const claim = [...shown.parentElement!.querySelectorAll('[data-claim], [data-claim] *')].map((part) => part.getBoundingClientRect());
            const overlaps = claim.some((part) => box.left < part.right && part.left < box.right && box.top < part.bottom && part.top < box.bottom);
            return shown.scrollWidth <= shown.clientWidth && box.width > 0 && !overlaps;
          }),
          `${screen.name}: the wait is cut or under the claim`,
        ).toBe(true);
        await page.screenshot({ path: path.join(SHOTS, `screens-${screen.name}-hands.png`) });
        await queued.getByRole('button', { name: 'Approve asker' }).click();
        await expect(queued).toHaveCount(0);
        await expect(row(page, 'asker')).toHaveAttribute('data-role', 'speaker');

        await showPanel(page, 'lobby');
        const lobby = page.locator('[data-lobby]');
        await lobby.getByRole('button', { name: 'Knock' }).click();
        await expect(lobby).toHaveAttribute('data-access-mode', 'knock');
        const knock = await requestToken(call, { room, identity: 'knocker', name: 'Kim' });
        expect(knock.status).toBe(202);
        await expect(lobby.locator('[data-knocking="knocker"]')).toContainText('Kim');
        await expect(page.locator('[data-room-announcement]')).toContainText('Kim knocked in the lobby.');
        // below xl the count in the tab bar says someone is waiting, whichever tab is open
        const lobbyCount = page.locator('[data-panel-count="lobby"]');
        if (await lobbyCount.isVisible()) await expect(lobbyCount).toHaveText('1');
        await expectAccessible(page, `${screen.name} lobby panel`);
        await page.screenshot({ path: path.join(SHOTS, `screens-${screen.name}-lobby.png`) });
        const admitted = waitOnTicket(call, knock.body.ticket!, { waitSeconds: 20 });
        await lobby.getByRole('button', { name: 'Admit knocker' }).click();
        expect(await admitted).toMatchObject({ status: 200, body: { status: 'admitted', identity: 'knocker' } });
        await expect(lobby.locator('[data-knocking]')).toHaveCount(0);

        await showPanel(page, 'participants');
        // the speakers (both on stage by now) are the targets: a bulk with none opens no preview
        await page.getByRole('button', { name: /^Move speakers to audience/ }).click();
        await expect(page.locator('dialog[open] [data-bulk-preview]')).toBeVisible();
        await expectAccessible(page, `${screen.name} bulk preview`);
        await page.locator('dialog[open]').getByRole('button', { name: 'Cancel' }).click();

        await page.getByRole('button', { name: 'Incident…' }).click();
        const preview = page.locator('dialog[open] [data-bulk-preview="incident"]');
        await expect(preview).toBeVisible();
        await expect(preview.locator('[data-preview-identity="member"]')).toBeVisible();
        await page.screenshot({ path: path.join(SHOTS, `screens-${screen.name}-incident.png`) });
        await expectAccessible(page, `${screen.name} incident preview`);
        await page.locator('dialog[open]').getByRole('button', { name: 'Cancel' }).click();
        await expect(page.locator('dialog[open]')).toHaveCount(0);
        expect(await sidewaysScroll(page)).toBe(0);
      } catch (error) {
        await page.screenshot({ path: path.join(SHOTS, `screens-${screen.name}-failure.png`), fullPage: true });
        throw error;
      } finally {
        await context.close();
      }
    });
  }

  it('honours prefers-reduced-motion: no spinner turns, no dot pulses', async () => {
    const context = await (await browserInstance()).newContext({ viewport: { width: 1440, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(appUrl('/signin'));
    const durations = await page.evaluate(() =>
      ['animate-spin', 'animate-pulse'].map((name) => {
        const probe = document.createElement('span');
        probe.className = name;
        document.body.append(probe);
        return getComputedStyle(probe).animationDuration;
      }),
    );
    for (const duration of durations) expect(Number.parseFloat(duration)).toBeLessThan(0.001);
    await context.close();
  });

  const PAGES = ['/', '/audit', '/bans', '/admin', '/admin/diagnostics', '/presets', '/account/password'];
  for (const screen of [SCREENS[0], SCREENS[5]]) {
    it(`${screen.name}: every page, signed out and signed in, has no axe violation and no sideways scroll`, { timeout: 120_000 }, async () => {
      const signedOut = await (await browserInstance()).newContext({ viewport: { width: screen.width, height: screen.height } });
      const page = await signedOut.newPage();
      await page.goto(appUrl('/signin'));
      await expect(page.getByLabel('Email')).toBeVisible();
      await expectAccessible(page, `${screen.name} /signin`);
      await signedOut.close();

      const context = await signedInContext(screen, 'admin');
      const admin = await context.newPage();
      const errors: string[] = [];
      admin.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
      try {
        for (const route of PAGES) {
          await admin.goto(appUrl(route));
          await admin.waitForLoadState('networkidle');
          // the test LiveKit's webhooks reach this console through Next's own server: the sender is its address
          if (route === '/admin/diagnostics') await expect(admin.locator('[data-check="webhooks.last"]')).toContainText(/ from 127\.0\.0\.1, received /);
          await admin.screenshot({ path: path.join(SHOTS, `screens-${screen.name}-page${route.replaceAll('/', '-') || '-rooms'}.png`), fullPage: true });
          await expectAccessible(admin, `${screen.name} ${route}`);
          // WCAG 2.2 target size: 24 × 24 px, 44 × 44 px on a touch screen
          expect(await smallTargets(admin, screen.touch ? 44 : 24), `${screen.name} ${route}: small targets`).toEqual([]);
        }
        if (screen.width < 1024) {
          await admin.getByRole('button', { name: 'Menu' }).click();
          await admin.getByRole('link', { name: 'Audit' }).click();
          await expect(admin).toHaveURL(/\/audit$/);
        }
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});
