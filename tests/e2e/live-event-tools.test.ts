import { DisconnectReason } from '@livekit/rtc-node';
import { afterAll, describe, it } from 'vitest';
import { HAND_ATTRIBUTE, NOTICE_TOPIC } from '@/lib/hands/shared';
import { directRoomService, eventually, joinParticipant, uniqueRoom } from '../helpers/participants';
import { appUrl, closeBrowser, expect, newPageAs, openRoom, row } from './console';

afterAll(closeBrowser);

describe('live-event tools in Chromium against a real LiveKit server', () => {
  it('a raised hand joins the queue; Approve brings the participant on stage and lowers the hand', async () => {
    const room = uniqueRoom();
    const asker = await joinParticipant({ room, identity: 'asker', name: 'Asker', grant: { canPublish: false, canUpdateOwnMetadata: true } });
    const page = await openRoom(room);
    await expect(page.locator('[data-queued]')).toHaveCount(0);

    await asker.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
    const queued = page.locator('[data-queued="asker"]');
    await expect(queued).toBeVisible();
    await expect(row(page, 'asker')).toHaveAttribute('data-hand', 'true');

    await queued.getByRole('button', { name: 'Approve asker' }).click();
    await asker.waitFor('permissionChanged', (e) => e.data.canPublish === true);
    await expect(queued).toHaveCount(0);
    await expect(row(page, 'asker')).toHaveAttribute('data-role', 'speaker');
    const info = await directRoomService().getParticipant(room, 'asker');
    expect(info.attributes).not.toHaveProperty(HAND_ATTRIBUTE);
    await page.close();
  });

  it('"Mute all but hosts" mutes every speaker track, as another participant sees, and sums up per participant', async () => {
    const room = uniqueRoom();
    const watcher = await joinParticipant({ room, identity: 'watcher' });
    const speakers = await Promise.all(
      ['s1', 's2', 's3'].map((identity) => joinParticipant({ room, identity, grant: { canPublish: true }, publishTone: true })),
    );
    const tracks = speakers.flatMap((speaker) => speaker.publishedTrackSids());
    const page = await openRoom(room);
    await expect(page.locator('[data-track-sid]')).toHaveCount(3);

    await page.getByRole('button', { name: /^Mute all but hosts/ }).click();
    const preview = page.locator('dialog[open] [data-bulk-preview="mute"]');
    await expect(preview.locator('[data-preview-summary]')).toContainText('Mute 3 tracks of 3 participants');
    await expect(preview.locator('[data-preview-identity]')).toHaveCount(3);
    await page.locator('dialog[open]').getByRole('button', { name: 'Mute all but hosts' }).click();
    const summary = page.locator('[data-bulk-summary][data-finished="true"]');
    await expect(summary).toBeVisible();
    await expect(summary.locator('[data-succeeded="3"]')).toBeVisible();
    await Promise.all(tracks.map((sid) => watcher.waitFor('trackMuted', (e) => e.data.trackSid === sid)));
    await page.locator('dialog[open]').getByRole('button', { name: 'Close', exact: true }).click();
    await expect(page.locator('[data-track-sid][data-muted="true"]')).toHaveCount(3);
    await page.close();
  });

  it('a notice from a row reaches that participant on the stagekeeper.notice topic', async () => {
    const room = uniqueRoom();
    const guest = await joinParticipant({ room, identity: 'guest' });
    const page = await openRoom(room);

    await row(page, 'guest').getByRole('button', { name: 'Send a notice to guest' }).click();
    await page.locator('dialog[open]').getByRole('textbox', { name: 'Notice text' }).fill('You are on stage in 10 s');
    await page.locator('dialog[open]').getByRole('button', { name: 'Send notice' }).click();
    const event = await guest.waitFor('dataReceived', (e) => e.data.topic === NOTICE_TOPIC);
    expect(JSON.parse(String(event.data.text)).text).toBe('You are on stage in 10 s');
    await expect(page.locator('[data-toast="success"]').last()).toContainText('Notice sent to guest');
    await page.close();
  });

  it('an admin creates a room from the rooms page and deletes it, disconnecting everyone in it', async () => {
    const page = await newPageAs('admin');
    await page.goto(appUrl('/'));
    const room = uniqueRoom('created');
    await page.getByRole('button', { name: 'Create room' }).click();
    await page.locator('dialog[open]').getByRole('textbox', { name: 'Room name' }).fill(room);
    await page.locator('dialog[open]').getByRole('button', { name: 'Create room' }).click();
    await expect(page.locator(`tr[data-room="${room}"]`)).toBeVisible();

    const member = await joinParticipant({ room, identity: 'member' });
    await page.locator(`tr[data-room="${room}"] a`).click();
    // the rooms page's own "live" badge stays up until the room page replaces it: wait for the room page's
    await expect(page.getByRole('heading', { level: 1, name: room })).toBeVisible();
    await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Delete room' }).click();
    await expect(page.locator('dialog[open]')).toContainText(`The room ${room} ends now`);
    await page.locator('dialog[open]').getByRole('button', { name: `Delete ${room}` }).click();

    const event = await member.waitFor('disconnected');
    expect(event.data.reason).toBe(DisconnectReason.ROOM_DELETED);
    await eventually(() => directRoomService().listRooms([room]), (rooms) => rooms.length === 0);
    await expect(page).toHaveURL(appUrl('/'));
    await page.close();
  });
});
