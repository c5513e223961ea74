import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { TrackSource } from 'livekit-server-sdk';
import { afterAll, describe, it } from 'vitest';
import { UNMUTE_REQUEST_TOPIC } from '@/lib/unmute-requests/shared';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { answerUnmuteRequests, type UnmuteDecision } from '../../scripts/lib/unmute-responder';
import { directRoomService, joinParticipant, uniqueRoom } from '../helpers/participants';
import { closeBrowser, expect, openRoom, row } from './console';

afterAll(closeBrowser);

/** A speaker whose app follows the contract, answering after `thinkMs` like a person reading the prompt. */
async function speaker(room: string, identity: string, decision: UnmuteDecision, thinkMs: number) {
  const member = await joinParticipant({
    room,
    identity,
    grant: { canPublish: true, canPublishSources: [TrackSource.MICROPHONE, TrackSource.CAMERA], canUpdateOwnMetadata: true },
    publishTone: true,
  });
  answerUnmuteRequests(member, () => decision, { thinkMs });
  return { member, trackSid: member.publishedTrackSids()[0]! };
}

describe('Ask to unmute in Chromium, on LiveKit with remote unmute off', () => {
  it('a muted row offers Ask to unmute; the state goes asked → accepted live, on every moderator page', async () => {
    const room = uniqueRoom('ask');
    const watcher = await joinParticipant({ room, identity: 'watcher' });
    // long enough to see "asked" before the answer, well inside the 30 s
    const { member: willing, trackSid } = await speaker(room, 'willing', 'accept', 3_000);
    await watcher.waitFor('trackPublished', (e) => e.data.trackSid === trackSid);
    const page = await openRoom(room);
    const other = await openRoom(room, 'admin');
    const chip = row(page, 'willing').locator(`[data-track-sid="${trackSid}"]`);
    const state = (on: typeof page, value: string) => row(on, 'willing').locator(`[data-request-track="${trackSid}"][data-unmute-request="${value}"]`);

    await chip.getByRole('button', { name: 'Mute microphone' }).click();
    await watcher.waitFor('trackMuted', (e) => e.data.trackSid === trackSid);
    await expect(chip).toHaveAttribute('data-muted', 'true');
    const ask = chip.getByRole('button', { name: 'Ask willing to unmute microphone' });
    await expect(ask).toBeVisible();
    await expect(chip.getByRole('button', { name: 'Unmute microphone', exact: true })).toHaveCount(0);

    await ask.click();
    await expect(state(page, 'asked')).toBeVisible();
    await expect(state(other, 'asked')).toBeVisible();
    await expect(ask).toBeDisabled();
    await willing.waitFor('dataReceived', (e) => e.data.topic === UNMUTE_REQUEST_TOPIC);

    await watcher.waitFor('trackUnmuted', (e) => e.data.trackSid === trackSid);
    await expect(state(page, 'accepted')).toBeVisible();
    await expect(state(other, 'accepted')).toBeVisible();
    await expect(chip).toHaveAttribute('data-muted', 'false');
    const info = await directRoomService().getParticipant(room, 'willing');
    expect(info.tracks.find((track) => track.sid === trackSid)?.muted).toBe(false);
    await Promise.all([page.close(), other.close()]);
  });

  it('shows a pending request next to an answered one (screenshot)', async () => {
    const room = uniqueRoom('ask');
    const watcher = await joinParticipant({ room, identity: 'watcher' });
    const declining = await speaker(room, 'declining', 'decline', 500);
    const silent = await speaker(room, 'silent', 'ignore', 0);
    await Promise.all(
      [declining, silent].map(({ trackSid }) => watcher.waitFor('trackPublished', (e) => e.data.trackSid === trackSid)),
    );
    const page = await openRoom(room);

    for (const [identity, { trackSid }] of [['declining', declining], ['silent', silent]] as const) {
      const chip = row(page, identity).locator(`[data-track-sid="${trackSid}"]`);
      await chip.getByRole('button', { name: 'Mute microphone' }).click();
      await expect(chip).toHaveAttribute('data-muted', 'true');
      await chip.getByRole('button', { name: `Ask ${identity} to unmute microphone` }).click();
      await expect(row(page, identity).locator(`[data-request-track="${trackSid}"]`)).toBeVisible();
    }
    await expect(row(page, 'declining').locator('[data-unmute-request="declined"]')).toBeVisible();
    await expect(row(page, 'silent').locator('[data-unmute-request="asked"]')).toBeVisible();
    await expect(row(page, 'declining').locator('[data-muted="true"]')).toBeVisible();

    const out = path.join(REPO_ROOT, 'test-results', 'unmute-requests.png');
    mkdirSync(path.dirname(out), { recursive: true });
    await page.locator('[data-participant-table]').screenshot({ path: out });
    await page.close();
  });
});
