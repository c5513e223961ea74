import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { NOTICE_TOPIC } from '@/lib/hands/shared';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { exportAudit } from '../helpers/app-http';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';
import { adminSession, appUrl, closeBrowser, expect, openRoom, row } from './console';

afterAll(closeBrowser);

describe('speaker time-boxes in Chromium', () => {
  it(
    'promoting with a 1-minute slot shows the countdown on the row, on every moderator page; the slot still ends with no tab open',
    { timeout: 180_000 },
    async () => {
      const room = uniqueRoom('slot');
      const speaker = await joinParticipant({ room, identity: 'speaker', name: 'Sam Speaker', grant: { canPublish: false, canUpdateOwnMetadata: true } });
      await joinParticipant({ room, identity: 'listener', name: 'Lee Listener' });
      const page = await openRoom(room);
      const other = await openRoom(room, 'admin');

      await page.getByLabel('Slot on stage').selectOption({ label: '1 min' });
      await row(page, 'speaker').getByRole('button', { name: 'Promote speaker' }).click();
      await speaker.waitFor('permissionChanged', (e) => e.data.identity === 'speaker' && e.data.canPublish === true);
      await expect(row(page, 'speaker')).toHaveAttribute('data-role', 'speaker');

      const countdown = row(page, 'speaker').locator('[data-timebox-remaining]');
      await expect(countdown).toHaveText(/^(1:00|0:[0-5]\d)$/);
      const first = await countdown.textContent();
      await expect(countdown).not.toHaveText(first!, { timeout: 5_000 }); // it counts down by itself
      // the other moderator's page did nothing: the slot reached it from the server
      await expect(row(other, 'speaker').locator('[data-timebox-remaining]')).toHaveText(/^(1:00|0:[0-5]\d)$/);
      await expect(other.locator('[data-running-slot="speaker"]')).toBeVisible();
      await page.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'timebox-countdown.png') });

      await page.close();
      await other.close();
      const warning = await speaker.waitFor('dataReceived', (e) => e.data.topic === NOTICE_TOPIC && e.data.identity === undefined, 60_000);
      expect(JSON.parse(String(warning.data.text)).text).toMatch(/^Your speaking slot ends in \d+ seconds$/);
      await speaker.waitFor('permissionChanged', (e) => e.data.identity === 'speaker' && e.data.canPublish === false, 60_000);

      const rows = await eventually(
        async () => exportAudit(appUrl(''), await adminSession(), `?room=${room}&action=participants.demote`),
        (found) => found.length > 0,
      );
      expect(rows[0]).toMatchObject({ actor_email: 'timebox (set by moderator@e2e.test)', outcome: 'ok', target_identity: 'speaker' });
    },
  );

  it('after a slot runs out, the next raised hand is marked on the room page', { timeout: 120_000 }, async () => {
    const room = uniqueRoom('next');
    const first = await joinParticipant({ room, identity: 'first', grant: { canPublish: false, canUpdateOwnMetadata: true } });
    const second = await joinParticipant({ room, identity: 'second', grant: { canPublish: false, canUpdateOwnMetadata: true } });
    const page = await openRoom(room);
    await first.room.localParticipant!.setAttributes({ 'stagekeeper.hand': new Date().toISOString() });
    await expect(page.locator('[data-queued="first"]')).toBeVisible();
    await second.room.localParticipant!.setAttributes({ 'stagekeeper.hand': new Date().toISOString() });
    await expect(page.locator('[data-queued="second"]')).toBeVisible();

    await page.getByLabel('Slot on stage').selectOption({ label: 'Custom…' });
    await page.getByLabel('Custom slot in minutes').fill('0.5');
    await page.locator('[data-queued="first"]').getByRole('button', { name: 'Approve first' }).click();
    await first.waitFor('permissionChanged', (e) => e.data.identity === 'first' && e.data.canPublish === true);
    await expect(row(page, 'first').locator('[data-timebox-remaining]')).toBeVisible();
    await expect(page.locator('[data-queued="second"][data-next-up]')).toHaveCount(0);

    await first.waitFor('permissionChanged', (e) => e.data.identity === 'first' && e.data.canPublish === false, 60_000);
    await expect(page.locator('[data-queued="second"][data-next-up="true"]')).toBeVisible({ timeout: 10_000 });
    await expect(page.locator('[data-next-up="second"]')).toContainText('Next hand');
    await expect(row(page, 'first').locator('[data-timebox-remaining]')).toHaveCount(0);
    await page.close();
  });
});
