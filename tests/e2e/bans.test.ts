import { DisconnectReason } from '@livekit/rtc-node';
import { afterAll, describe, inject, it } from 'vitest';
import { exportAudit } from '../helpers/app-http';
import { joinParticipant, uniqueRoom } from '../helpers/participants';
import { adminSession, appUrl, closeBrowser, expect, newPageAs, openRoom, row } from './console';

afterAll(closeBrowser);

function requestToken(room: string, identity: string) {
  return fetch(appUrl('/api/token'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${inject('appKey')}` },
    body: JSON.stringify({ room, identity }),
  });
}

describe('a ban holds, with no dashboard open', () => {
  it('ban from the kick dialog → removed, token refused, a rejoin with an old token ejected by the webhook; lift lets them back', { timeout: 90_000 }, async () => {
    const room = uniqueRoom('ban');
    await joinParticipant({ room, identity: 'host' });
    const troll = await joinParticipant({ room, identity: 'troll', name: 'Troll' });
    const page = await openRoom(room);

    await row(page, 'troll').getByRole('button', { name: 'Kick troll' }).click();
    await page.locator('dialog[open]').getByLabel('Ban reason').fill('flooding the chat');
    await page.locator('dialog[open]').getByRole('button', { name: 'Ban Troll' }).click();
    expect((await troll.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    await expect(row(page, 'troll')).toHaveCount(0);
    await page.close();

    const refused = await requestToken(room, 'troll');
    expect(refused.status).toBe(403);
    expect((await refused.json()).message).toBe(`troll is banned from ${room}: flooding the chat`);

    // a token minted before the ban is still valid on open-source LiveKit: the webhook must catch the rejoin
    const rejoinStarted = Date.now();
    const returner = await joinParticipant({ room, identity: 'troll', name: 'Troll again' });
    const ejected = await returner.waitFor('disconnected');
    expect(ejected.data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    console.log(`auto-eject: ${ejected.at - rejoinStarted} ms from the rejoin call to the disconnect`);

    const entries = await exportAudit(appUrl(''), await adminSession(), `?room=${room}`);
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['bans.create', 'bans.autoEject']));

    const bans = await newPageAs('moderator');
    await bans.goto(appUrl('/bans'));
    const listed = bans.locator('tr[data-ban="troll"]');
    await expect(listed).toContainText(room);
    await expect(listed).toContainText('flooding the chat');
    await listed.getByRole('button', { name: 'Lift the ban on troll' }).click();
    await expect(listed).toHaveCount(0);
    expect((await requestToken(room, 'troll')).status).toBe(200);
    await bans.close();
  });
});
