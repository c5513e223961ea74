import { mkdirSync } from 'node:fs';
import { TrackSource } from 'livekit-server-sdk';
import { afterAll, describe, it } from 'vitest';
import { CUSTOM_PERMISSION, directRoomService, eventually, joinCustomMember, joinParticipant, uniqueRoom } from '../helpers/participants';
import { closeBrowser, expect, openRoom, row } from './console';

afterAll(closeBrowser);

const undoToast = (page: Awaited<ReturnType<typeof openRoom>>, title: string) =>
  page.locator('[data-toast="success"]', { hasText: title }).filter({ has: page.getByRole('button', { name: 'Undo' }) });

describe('the Undo toast', () => {
  it("a demote's toast offers Undo; clicking it within the 10 s restores the custom permission the participant had", async () => {
    const room = uniqueRoom();
    const member = await joinCustomMember(room);
    const page = await openRoom(room, 'moderator');
    await row(page, 'member').getByRole('button', { name: 'Demote member' }).click();
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === false);
    const toast = undoToast(page, 'member moved to the audience');
    await expect(toast).toBeVisible();
    mkdirSync('test-results', { recursive: true });
    await page.screenshot({ path: 'test-results/undo-toast.png' });

    const clicked = Date.now();
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(page.locator('[data-toast="success"]', { hasText: "Restored member's permission as it was before" })).toBeVisible();
    await member.waitFor(
      'permissionChanged',
      (e) => e.at >= clicked && e.data.canPublish === true && e.data.canPublishData === false && e.data.canUpdateMetadata === true,
    );
    const now = await directRoomService().getParticipant(room, 'member');
    expect({ ...now.permission, canPublishSources: [...now.permission!.canPublishSources] }).toMatchObject(CUSTOM_PERMISSION);
    await expect(row(page, 'member').getByRole('button', { name: 'Demote member' })).toBeVisible();
    await page.close();
  });

  it('offers Undo for 10 s, then the toast goes', async () => {
    const room = uniqueRoom();
    await joinCustomMember(room);
    const page = await openRoom(room, 'moderator');
    await row(page, 'member').getByRole('button', { name: 'Demote member' }).click();
    const toast = undoToast(page, 'member moved to the audience');
    await expect(toast).toBeVisible();
    const shown = Date.now();
    await expect(toast).toBeHidden({ timeout: 20_000 });
    // seen a little after it appeared and gone a little after it went: at least 9 of its 10 s were seen
    expect(Date.now() - shown).toBeGreaterThanOrEqual(9_000);
    await page.close();
  });

  it('a bulk run offers Undo while its summary dialog is still open, and undoes every item', async () => {
    const room = uniqueRoom();
    const speakers = await Promise.all(
      ['s1', 's2'].map((identity) => joinParticipant({ room, identity, grant: { canPublish: true, canPublishSources: [TrackSource.MICROPHONE, TrackSource.CAMERA] } })),
    );
    const page = await openRoom(room, 'moderator');
    await expect(row(page, 's2').getByRole('button', { name: 'Demote s2' })).toBeVisible();
    await page.getByRole('button', { name: /^Move speakers to audience/ }).click();
    // the preview of who is moved first (see before you confirm), then the run
    await expect(page.locator('dialog[open] [data-preview-identity]')).toHaveCount(2);
    await page.locator('dialog[open]').getByRole('button', { name: /^Move speakers to audience/ }).click();
    await expect(page.locator('[data-bulk-summary][data-finished="true"]')).toContainText('2 done');
    for (const speaker of speakers) await speaker.waitFor('permissionChanged', (e) => e.data.canPublish === false);

    const toast = page.locator('dialog[open]').locator('[data-toast="success"]', { hasText: 'Move speakers to audience: 2 done' });
    await toast.getByRole('button', { name: 'Undo' }).click();
    await expect(page.locator('[data-toast="success"]', { hasText: 'Undid 2 of 2' })).toBeVisible();
    for (const identity of ['s1', 's2']) {
      await eventually(() => directRoomService().getParticipant(room, identity), (p) => p.permission?.canPublish === true);
      await expect(row(page, identity).getByRole('button', { name: `Demote ${identity}` })).toBeVisible();
    }
    await page.close();
  });

  it("a second moderator's change in between: Undo refuses with the reason and keeps their change", async () => {
    const room = uniqueRoom();
    const member = await joinCustomMember(room);
    const first = await openRoom(room, 'moderator');
    const second = await openRoom(room, 'admin');
    await row(first, 'member').getByRole('button', { name: 'Demote member' }).click();
    const toast = undoToast(first, 'member moved to the audience');
    await expect(toast).toBeVisible();

    await row(second, 'member').getByRole('button', { name: 'Promote member' }).click();
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === true && e.data.canPublishData === true);
    await toast.getByRole('button', { name: 'Undo' }).click();
    const refusal = first.locator('[data-toast="error"]', { hasText: 'Could not undo' });
    await expect(refusal).toContainText("member's permission changed since (canPublish, canPublishData, canPublishSources)");

    const now = await directRoomService().getParticipant(room, 'member');
    expect(now.permission).toMatchObject({ canPublish: true, canPublishData: true, canPublishSources: [TrackSource.MICROPHONE, TrackSource.CAMERA] });
    await Promise.all([first.close(), second.close()]);
  });
});
