import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, describe, it } from 'vitest';
import { SHORTCUTS } from '@/components/room/shortcuts';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { joinParticipant, uniqueRoom, type RealParticipant } from '../helpers/participants';
import { closeBrowser, expect, openRoom, row } from './console';

afterAll(closeBrowser);

const SCREENSHOTS = 'test-results/keyboard';

/** Presses j or k until the keyboard's focused row is the participant's, checking that the browser's focus follows. */
async function focusRow(page: Page, identity: string) {
  const order = await page.locator('tr[data-identity]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.identity!));
  const target = order.indexOf(identity);
  expect(target).toBeGreaterThanOrEqual(0);
  const [focused] = await page.locator('tr[data-focused]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.identity!));
  let from = focused === undefined ? -1 : order.indexOf(focused);
  if (from < 0) {
    await page.keyboard.press('j');
    from = 0;
  }
  for (; from < target; from += 1) await page.keyboard.press('j');
  for (; from > target; from -= 1) await page.keyboard.press('k');
  await expect(row(page, identity)).toHaveAttribute('data-focused', 'true');
  await expect(row(page, identity)).toBeFocused();
}

/** The room every test uses: an audience member, a speaker with a live microphone, a raised hand, a watcher. */
async function stage(room: string) {
  const watcher = await joinParticipant({ room, identity: 'watcher' });
  const alice = await joinParticipant({ room, identity: 'alice', name: 'Alice Audience', grant: { canPublish: false } });
  const bob = await joinParticipant({ room, identity: 'bob', name: 'Bob Speaker', grant: { canPublish: true }, publishTone: true });
  const carol = await joinParticipant({ room, identity: 'carol', name: 'Carol Asks', grant: { canPublish: false, canUpdateOwnMetadata: true } });
  await carol.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
  return { watcher, alice, bob, carol, bobMic: bob.publishedTrackSids()[0]! };
}

async function ready(page: Page) {
  await expect(page.locator('tr[data-identity]')).toHaveCount(4);
  await expect(page.locator('[data-queued="carol"]')).toBeVisible();
  await expect(page.locator('[data-track-sid]')).toHaveCount(1);
}

describe('keyboard moderation in Chromium against a real LiveKit server', () => {
  it('j/k move the focused row, which is visible, focused and announced; p, d, m, x, e, h and ? each do their job', async () => {
    const room = uniqueRoom('keys');
    const { watcher, alice, bobMic } = await stage(room);
    const page = await openRoom(room);
    await ready(page);

    await page.keyboard.press('j');
    await expect(page.locator('tr[data-focused]')).toHaveCount(1);
    await expect(page.locator('tr[data-focused]')).toBeFocused();
    await focusRow(page, 'alice');
    await expect(page.locator('[data-focus-announcement]')).toContainText('Alice Audience (alice), audience');
    const outline = await row(page, 'alice').evaluate((el) => getComputedStyle(el).outlineStyle);
    expect(outline).not.toBe('none');
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: `${SCREENSHOTS}/focused-row.png` });

    await page.keyboard.press('p');
    await alice.waitFor('permissionChanged', (e) => e.data.canPublish === true);
    await expect(row(page, 'alice')).toHaveAttribute('data-role', 'speaker');
    await expect(page.locator('[data-toast="success"]').last()).toContainText('Alice Audience is now a speaker');
    await expect(page.locator('[data-focus-announcement]')).toContainText('Alice Audience (alice), speaker');

    await page.keyboard.press('d');
    await alice.waitFor('permissionChanged', (e) => e.data.canPublish === false);
    await expect(row(page, 'alice')).toHaveAttribute('data-role', 'audience');

    await focusRow(page, 'bob');
    await page.keyboard.press('m');
    await watcher.waitFor('trackMuted', (e) => e.data.trackSid === bobMic);
    await expect(row(page, 'bob').locator(`[data-track-sid="${bobMic}"]`)).toHaveAttribute('data-muted', 'true');

    await focusRow(page, 'carol');
    await page.keyboard.press('x');
    await expect(page.locator('dialog[open]')).toContainText('Kick Carol Asks?');
    await page.keyboard.press('Escape');
    await expect(page.locator('dialog[open]')).toHaveCount(0);

    await page.keyboard.press('e');
    await expect(page.locator('dialog[open]')).toContainText('Edit Carol Asks');
    await page.keyboard.press('Escape');
    await expect(page.locator('dialog[open]')).toHaveCount(0);

    await page.keyboard.press('h');
    await expect(page.getByRole('button', { name: 'Approve carol' })).toBeFocused();
    // from the hand queue, k takes the browser's focus back to the table, one row up from carol
    const order = await page.locator('tr[data-identity]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.identity!));
    await page.keyboard.press('k');
    await expect(row(page, order[Math.max(0, order.indexOf('carol') - 1)]!)).toBeFocused();

    await page.keyboard.press('?');
    const help = page.locator('dialog[open] [data-shortcuts]');
    await expect(help.locator('[data-shortcut]')).toHaveCount(SHORTCUTS.length);
    for (const { key } of SHORTCUTS) await expect(help.locator(`[data-shortcut="${key}"]`)).toBeVisible();
    await page.screenshot({ path: `${SCREENSHOTS}/shortcuts-dialog.png` });
    await page.keyboard.press('Escape');
    await expect(page.locator('dialog[open]')).toHaveCount(0);

    await page.keyboard.press('/');
    await expect(page.getByLabel('Search participants')).toBeFocused();
    await page.close();
  });

  it('no shortcut fires while typing in the search box', async () => {
    const room = uniqueRoom('keys');
    const { watcher, bob, bobMic } = await stage(room);
    const page = await openRoom(room);
    await ready(page);
    await focusRow(page, 'bob');

    const search = page.getByLabel('Search participants');
    await search.focus();
    // one key at a time, the search emptied after each: every key meets the table with bob focused and listed
    for (const { key } of SHORTCUTS) {
      await search.press(key);
      await expect(search).toHaveValue(key);
      await expect(search).toBeFocused();
      await search.fill('');
      await expect(row(page, 'bob')).toHaveAttribute('data-focused', 'true');
    }

    await expect(page.locator('dialog[open]')).toHaveCount(0);
    await expect(page.locator('[data-toast]')).toHaveCount(0);
    await expect(row(page, 'bob')).toHaveAttribute('data-role', 'speaker');
    await expect(row(page, 'bob').locator(`[data-track-sid="${bobMic}"]`)).toHaveAttribute('data-muted', 'false');
    expect(bob.events.some((e) => e.type === 'permissionChanged')).toBe(false);
    expect(watcher.events.some((e) => e.type === 'trackMuted')).toBe(false);

    // the same keys outside the box do act: d demotes bob
    await row(page, 'bob').focus();
    await page.keyboard.press('d');
    await bob.waitFor('permissionChanged', (e) => e.data.canPublish === false);
    await page.close();
  });

  it("a viewer's keys move the focus but change nothing, and say why", async () => {
    const room = uniqueRoom('keys');
    const { alice } = await stage(room);
    const page = await openRoom(room, 'viewer');
    await ready(page);

    await focusRow(page, 'alice');
    await page.keyboard.press('p');
    const toast = page.locator('[data-toast="error"]').last();
    await expect(toast).toContainText('needs the moderator role');
    await page.keyboard.press('x');
    await expect(page.locator('[data-toast="error"]')).toHaveCount(2);
    await expect(page.locator('dialog[open]')).toHaveCount(0);
    expect(alice.events.some((e) => e.type === 'permissionChanged')).toBe(false);
    await expect(row(page, 'alice')).toHaveAttribute('data-role', 'audience');
    await page.close();
  });
});
