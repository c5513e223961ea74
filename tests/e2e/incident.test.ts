import { afterAll, describe, it } from 'vitest';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { directRoomService, joinParticipant, uniqueRoom } from '../helpers/participants';
import { closeBrowser, expect, openRoom, row } from './console';

afterAll(closeBrowser);

/** Screenshots for the docs' pictures and for a person to look at; test-results/ is not committed. */
const SHOTS = 'test-results';

describe('the incident button in Chromium against a real LiveKit server', () => {
  it('confirms with the list of who it affects, sums up per participant, and Undo incident restores permissions and the lock', async () => {
    const room = uniqueRoom('incident');
    await joinParticipant({ room, identity: 'host', name: 'Morgan (host)', grant: { canPublish: true, canUpdateOwnMetadata: true }, publishTone: true });
    const speaker = await joinParticipant({ room, identity: 'speaker', name: 'Sam', grant: { canPublish: true }, publishTone: true });
    const asker = await joinParticipant({ room, identity: 'asker', name: 'Ada', grant: { canPublish: false, canUpdateOwnMetadata: true } });
    await asker.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
    const page = await openRoom(room);
    await expect(page.locator('[data-track-sid]')).toHaveCount(2);
    await expect(row(page, 'asker')).toHaveAttribute('data-hand', 'true');

    await page.getByRole('button', { name: 'Incident…' }).click();
    const preview = page.locator('dialog[open] [data-bulk-preview="incident"]');
    await expect(preview).toHaveAttribute('data-targets', '2');
    await expect(preview.locator('[data-preview-identity="speaker"]')).toContainText('Sam (speaker): mute');
    await expect(preview.locator('[data-preview-identity="speaker"]')).toContainText('move to the audience');
    await expect(preview.locator('[data-preview-identity="asker"]')).toContainText('Ada (audience): lower hand');
    await expect(preview.locator('[data-preview-untouched]')).toContainText('Left alone as hosts: Morgan (host)');
    await expect(preview.locator('[data-preview-summary]')).toContainText('Lock the room');
    await page.screenshot({ path: `${SHOTS}/incident-confirm.png` });

    await page.locator('dialog[open]').getByRole('button', { name: 'Start incident' }).click();
    const summary = page.locator('[data-incident-summary="incident"][data-finished="true"]');
    await expect(summary).toBeVisible();
    await expect(summary.locator('[data-succeeded="2"]')).toBeVisible();
    await expect(summary.locator('[data-incident-lock="locked"]')).toContainText('open → locked');
    await expect(summary.locator('[data-incident-result="speaker"]')).toContainText('moved to the audience');
    await speaker.waitFor('permissionChanged', (e) => e.data.canPublish === false);
    const info = await directRoomService().getParticipant(room, 'asker');
    expect(info.attributes[HAND_ATTRIBUTE] ?? '').toBe('');
    expect((await directRoomService().getParticipant(room, 'host')).tracks.every((track) => !track.muted)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/incident-summary.png` });

    await summary.page().locator('dialog[open]').getByRole('button', { name: 'Undo incident' }).click();
    const undone = page.locator('[data-incident-summary="undo"][data-finished="true"]');
    await expect(undone).toBeVisible();
    await expect(undone.locator('[data-succeeded="2"]')).toBeVisible();
    await expect(undone.locator('[data-incident-lock="open"]')).toContainText('locked → open');
    await expect(undone.locator('[data-incident-result="speaker"]')).toContainText('was unpublished when LiveKit took away the permission to publish');
    await speaker.waitFor('permissionChanged', (e) => e.data.canPublish === true);
    await page.screenshot({ path: `${SHOTS}/incident-undo.png` });
    await page.locator('dialog[open]').getByRole('button', { name: 'Close', exact: true }).click();
    await expect(page.locator('[data-incident-banner]')).toHaveCount(0);
    await expect(row(page, 'speaker')).toHaveAttribute('data-role', 'speaker');
    await page.close();
  });
});
