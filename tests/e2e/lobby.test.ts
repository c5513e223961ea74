import path from 'node:path';
import { DisconnectReason, Room } from '@livekit/rtc-node';
import { afterAll, describe, inject, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { exportAudit } from '../helpers/app-http';
import { requestToken, waitOnTicket, type AppCall } from '../helpers/lobby-app';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';
import { adminSession, appUrl, closeBrowser, expect, openRoom, row } from './console';

afterAll(closeBrowser);

/** The event's app, over HTTP with its app key. */
const call: AppCall = (method, route, body) =>
  fetch(appUrl(route), {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${inject('appKey')}` },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

async function joinWithToken(url: string, token: string): Promise<Room> {
  const room = new Room();
  await room.connect(url, token, { autoSubscribe: false, dynacast: false });
  return room;
}

describe('lobby and lock in Chromium against a real LiveKit server', () => {
  it('knock → the lobby shows both requests to every moderator → Admit: the app gets a token and joins; Deny: a clear refusal', { timeout: 90_000 }, async () => {
    const room = uniqueRoom('lobby');
    await joinParticipant({ room, identity: 'host', name: 'Host' });
    const page = await openRoom(room);
    const panel = page.locator('[data-lobby]');
    await panel.getByRole('button', { name: 'Knock' }).click();
    await expect(panel).toHaveAttribute('data-access-mode', 'knock');
    const other = await openRoom(room, 'admin');
    const otherPanel = other.locator('[data-lobby]');
    await expect(otherPanel).toHaveAttribute('data-access-mode', 'knock');

    const ada = await requestToken(call, { room, identity: 'ada', name: 'Ada Lovelace' });
    const bob = await requestToken(call, { room, identity: 'bob', name: 'Bob' });
    expect([ada.status, bob.status]).toEqual([202, 202]);
    // pushed to both moderators' pages (their safety poll is 15 s: this is the push)
    for (const lobby of [panel, otherPanel]) {
      await expect(lobby.locator('[data-knocking="ada"]')).toContainText('Ada Lovelace');
      await expect(lobby.locator('[data-knocking="bob"]')).toContainText('Bob');
    }
    await panel.screenshot({ path: path.join(REPO_ROOT, 'test-results', 'lobby-panel.png') });

    const adaWaits = waitOnTicket(call, ada.body.ticket!, { waitSeconds: 20 });
    const bobWaits = waitOnTicket(call, bob.body.ticket!, { waitSeconds: 20 });
    await panel.getByRole('button', { name: 'Admit ada' }).click();
    const admitted = await adaWaits;
    expect(admitted).toMatchObject({ status: 200, body: { status: 'admitted', identity: 'ada' } });
    const app = await joinWithToken(admitted.body.url!, admitted.body.token!);
    try {
      await expect(row(page, 'ada')).toBeVisible();
      await expect(otherPanel.locator('[data-knocking="ada"]')).toHaveCount(0);

      await otherPanel.getByRole('button', { name: 'Deny bob' }).click();
      expect(await bobWaits).toMatchObject({ status: 403, body: { status: 'denied', error: 'denied' } });
      await expect(panel.locator('[data-knocking]')).toHaveCount(0);
    } finally {
      await app.disconnect();
    }

    const entries = await exportAudit(appUrl(''), await adminSession(), `?room=${room}`);
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['access.set', 'lobby.admit', 'lobby.deny']));
    await Promise.all([page.close(), other.close()]);
  });

  it('Admit all admits exactly the knocks the panel showed', { timeout: 60_000 }, async () => {
    const room = uniqueRoom('admit-all');
    await joinParticipant({ room, identity: 'host' });
    const page = await openRoom(room);
    const panel = page.locator('[data-lobby]');
    await panel.getByRole('button', { name: 'Knock' }).click();
    await expect(panel).toHaveAttribute('data-access-mode', 'knock');
    const knocks = await Promise.all(['k1', 'k2', 'k3'].map((identity) => requestToken(call, { room, identity })));
    await expect(panel.locator('[data-knocking]')).toHaveCount(3);
    const waits = knocks.map((knock) => waitOnTicket(call, knock.body.ticket!, { waitSeconds: 20 }));
    await panel.getByRole('button', { name: 'Admit all' }).click();
    for (const answer of await Promise.all(waits)) expect(answer).toMatchObject({ status: 200, body: { status: 'admitted' } });
    await expect(panel.locator('[data-knocking]')).toHaveCount(0);
    await page.close();
  });

  it('lock → a new identity is refused, and a join with an older token is ejected within 1 s; those inside stay', { timeout: 60_000 }, async () => {
    const room = uniqueRoom('locked');
    await joinParticipant({ room, identity: 'host' });
    const early = await joinParticipant({ room, identity: 'early' });
    const page = await openRoom(room);
    const panel = page.locator('[data-lobby]');
    await panel.getByRole('button', { name: 'Locked' }).click();
    await expect(panel).toHaveAttribute('data-access-mode', 'locked');

    const refused = await requestToken(call, { room, identity: 'newcomer' });
    expect(refused).toMatchObject({ status: 403, body: { error: 'room_locked' } });

    // a token from before the lock is still valid on LiveKit: the webhook must remove its join
    const latecomer = await joinParticipant({ room, identity: 'latecomer' });
    const joinedAt = Date.now();
    const ejected = await latecomer.waitFor('disconnected');
    expect(ejected.data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
    console.log(`locked-room eject: ${ejected.at - joinedAt} ms from the join to the disconnect`);
    expect(ejected.at - joinedAt).toBeLessThanOrEqual(1_000);
    expect(early.connected).toBe(true);

    const cookie = await adminSession();
    // written as pending before the eject, completed once LiveKit answered it (maybe after the participant heard)
    const entries = await eventually(
      () => exportAudit(appUrl(''), cookie, `?room=${room}`),
      (rows) => rows.some((entry) => entry.action === 'access.lockedEject' && entry.outcome !== 'pending'),
    );
    expect(entries.find((entry) => entry.action === 'access.lockedEject')).toMatchObject({ target_identity: 'latecomer', outcome: 'ok' });
    await page.close();
  });
});
