import { DisconnectReason } from '@livekit/rtc-node';
import { afterAll, describe, it } from 'vitest';
import { directRoomService, eventually, joinParticipant, uniqueRoom } from '../helpers/participants';
import { appUrl, closeBrowser, expect, liveStats, newPageAs, openRoom, row } from './console';

afterAll(closeBrowser);

describe('room console in Chromium against a real LiveKit server', () => {
  it('shows a participant who joins and drops one who leaves, without reload or re-list', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'early', name: 'Early Bird' });
    const page = await openRoom(room);
    await expect(row(page, 'early')).toContainText('Early Bird');
    const before = await liveStats(page);

    const late = await joinParticipant({ room, identity: 'late', name: 'Late Comer', metadata: '{"city":"Oslo"}' });
    await expect(row(page, 'late')).toContainText('Late Comer');
    await expect(row(page, 'late')).toContainText('city: Oslo');

    await late.leave();
    await expect(row(page, 'late')).toHaveCount(0);

    const after = await liveStats(page);
    expect(after.listFetches).toBe(before.listFetches);
    expect(after.patches).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('Promote gives the participant publish rights; Demote takes them back and unpublishes', async () => {
    const room = uniqueRoom();
    const watcher = await joinParticipant({ room, identity: 'watcher' });
    const member = await joinParticipant({ room, identity: 'member', grant: { canPublish: false } });
    const page = await openRoom(room);

    await row(page, 'member').getByRole('button', { name: 'Promote member' }).click();
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === true);
    await expect(row(page, 'member')).toHaveAttribute('data-role', 'speaker');
    await expect(page.locator('[data-toast="success"]').last()).toContainText('is now a speaker');

    const trackSid = await member.publishTone();
    await expect(row(page, 'member').locator(`[data-track-sid="${trackSid}"]`)).toBeVisible();

    await row(page, 'member').getByRole('button', { name: 'Demote member' }).click();
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === false);
    await watcher.waitFor('trackUnpublished', (e) => e.data.trackSid === trackSid);
    await expect(row(page, 'member')).toHaveAttribute('data-role', 'audience');
    await expect(row(page, 'member').locator('[data-track-sid]')).toHaveCount(0);
    await page.close();
  });

  it('Mute mutes the track for everyone; with remote unmute off the muted track offers Ask to unmute, not Unmute', async () => {
    const room = uniqueRoom();
    const watcher = await joinParticipant({ room, identity: 'watcher' });
    const speaker = await joinParticipant({ room, identity: 'speaker', grant: { canPublish: true }, publishTone: true });
    const [trackSid] = speaker.publishedTrackSids();
    const page = await openRoom(room);
    const chip = row(page, 'speaker').locator(`[data-track-sid="${trackSid}"]`);

    await chip.getByRole('button', { name: 'Mute microphone' }).click();
    await watcher.waitFor('trackMuted', (e) => e.data.trackSid === trackSid);
    await expect(chip).toHaveAttribute('data-muted', 'true');

    await expect(chip.getByRole('button', { name: 'Ask speaker to unmute microphone' })).toBeVisible();
    await expect(chip.getByRole('button', { name: 'Unmute microphone', exact: true })).toHaveCount(0);
    expect(watcher.events.some((e) => e.type === 'trackUnmuted')).toBe(false);
    await page.close();
  });

  it('Kick asks for confirmation naming the participant, then disconnects them', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'bystander' });
    const troll = await joinParticipant({ room, identity: 'troll-42', name: 'Mr Troll' });
    const page = await openRoom(room);

    await row(page, 'troll-42').getByRole('button', { name: 'Kick troll-42' }).click();
    const dialog = page.locator('dialog[open]');
    await expect(dialog).toContainText('Kick Mr Troll?');
    await expect(dialog).toContainText('troll-42');
    await page.keyboard.press('Escape');
    await expect(page.locator('dialog[open]')).toHaveCount(0);
    expect(troll.connected).toBe(true);

    await row(page, 'troll-42').getByRole('button', { name: 'Kick troll-42' }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Kick Mr Troll' }).click();
    const event = await troll.waitFor('disconnected');
    expect(event.data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    await expect(row(page, 'troll-42')).toHaveCount(0);
    await expect(row(page, 'bystander')).toHaveCount(1);
    await page.close();
  });

  it('the metadata editor sends valid JSON and refuses invalid JSON without sending anything', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', metadata: '{"seat":"A1"}' });
    const page = await openRoom(room);

    await row(page, 'member').getByRole('button', { name: 'Edit member' }).click();
    const editor = page.locator('dialog[open]').getByRole('textbox', { name: 'Metadata' });
    await editor.fill('{"seat": "B2", ');
    await expect(page.locator('[data-editor-error]')).toContainText('Invalid JSON');
    const save = page.locator('dialog[open]').getByRole('button', { name: 'Save metadata' });
    await expect(save).toBeDisabled();
    await editor.press('Enter');
    expect(member.events.some((e) => e.type === 'metadataChanged')).toBe(false);

    await editor.fill('{"seat": "B2", "vip": true}');
    await save.click();
    const event = await member.waitFor('metadataChanged');
    expect(JSON.parse(String(event.data.metadata))).toEqual({ seat: 'B2', vip: true });
    await expect(row(page, 'member')).toContainText('seat: B2 · vip: true');
    await page.keyboard.press('Escape');
    await page.close();
  });

  it('changes made by a second moderator straight through the server SDK show up without reload', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'guest', name: 'Guest' });
    const page = await openRoom(room);
    const before = await liveStats(page);
    const service = directRoomService();

    await service.updateParticipant(room, 'guest', {
      permission: { canPublish: true, canSubscribe: true, canPublishData: true },
    });
    await expect(row(page, 'guest')).toHaveAttribute('data-role', 'speaker');
    await service.updateParticipant(room, 'guest', { metadata: '{"note":"from the CLI"}', name: 'Guest Star' });
    await expect(row(page, 'guest')).toContainText('note: from the CLI');
    await expect(row(page, 'guest')).toContainText('Guest Star');
    await service.updateParticipant(room, 'guest', { attributes: { seat: 'front' } });
    await expect(row(page, 'guest')).toContainText('seat=front');

    expect((await liveStats(page)).listFetches).toBe(before.listFetches);
    await page.close();
  });

  it("the observer joins hidden, without publish, data or subscribe rights, and is not listed", async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member' });
    const page = await openRoom(room);
    const { observerIdentity } = await liveStats(page);
    expect(observerIdentity).toMatch(/^stagekeeper-observer-/);

    const participants = await eventually(
      () => directRoomService().listParticipants(room),
      (list) => list.some((p) => p.identity === observerIdentity),
    );
    const observer = participants.find((p) => p.identity === observerIdentity)!;
    expect(observer.permission).toMatchObject({
      hidden: true,
      canPublish: false,
      canPublishData: false,
      canSubscribe: false,
    });
    expect(observer.tracks).toEqual([]);
    await expect(row(page, observerIdentity!)).toHaveCount(0);
    await page.getByLabel('Show hidden').check();
    await expect(row(page, observerIdentity!)).toHaveCount(0);
    await page.close();
  });

  it('the rooms page lists a new room without reload and "/" focuses the search', async () => {
    const page = await newPageAs('moderator');
    await page.goto(appUrl('/'));
    const room = uniqueRoom('fresh');
    await joinParticipant({ room, identity: 'first' });
    await expect(page.locator(`tr[data-room="${room}"]`)).toBeVisible({ timeout: 15_000 });

    await page.keyboard.press('/');
    await expect(page.getByLabel('Search rooms')).toBeFocused();
    await page.keyboard.type(room);
    await expect(page.locator('tr[data-room]')).toHaveCount(1);
    await page.locator(`tr[data-room="${room}"] a`).click();
    await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 15_000 });
    await expect(row(page, 'first')).toBeVisible();
    await page.close();
  });
});
