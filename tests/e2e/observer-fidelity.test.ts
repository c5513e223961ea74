import { TrackSource } from 'livekit-server-sdk';
import { afterAll, describe, it } from 'vitest';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import { directRoomService, joinParticipant, uniqueRoom } from '../helpers/participants';
import { screenVersusLiveKit } from '../helpers/table-truth';
import { appUrl, closeBrowser, expect, newPageAs, openRoom, row } from './console';

afterAll(closeBrowser);

const SPEAKER = {
  canSubscribe: true,
  canPublish: true,
  canPublishData: true,
  canPublishSources: [] as TrackSource[],
  canUpdateMetadata: false,
  hidden: false,
};

describe('the live observer keeps every field of a row equal to LiveKit', () => {
  it('shows a change of any one field, made by another moderator or by the participant, on the row', async () => {
    const room = uniqueRoom('fields');
    const subject = await joinParticipant({
      room,
      identity: 'subject',
      name: 'Subject',
      grant: { canPublish: true, canUpdateOwnMetadata: true },
    });
    const service = directRoomService();
    await service.updateParticipant(room, 'subject', { permission: SPEAKER });
    const page = await openRoom(room);
    const target = row(page, 'subject');
    await expect(target).toHaveAttribute('data-role', 'speaker');

    let permission = { ...SPEAKER };
    const changes: { field: string; change: () => Promise<unknown>; shows: () => Promise<void> }[] = [
      {
        // livekit-client emits no event when canUpdateMetadata alone changes
        field: 'canUpdateMetadata',
        change: () => service.updateParticipant(room, 'subject', { permission: (permission = { ...permission, canUpdateMetadata: true }) }),
        shows: () => expect(target).toHaveAttribute('data-role', 'host'),
      },
      {
        field: 'canPublishSources',
        change: () =>
          service.updateParticipant(room, 'subject', {
            permission: (permission = { ...permission, canPublishSources: [TrackSource.MICROPHONE] }),
          }),
        shows: () => expect(target).toHaveAttribute('data-permission', /sources=microphone$/),
      },
      {
        field: 'canSubscribe',
        change: () => service.updateParticipant(room, 'subject', { permission: (permission = { ...permission, canSubscribe: false }) }),
        shows: () => expect(target).not.toHaveAttribute('data-permission', /subscribe/),
      },
      {
        field: 'canPublishData',
        change: () => service.updateParticipant(room, 'subject', { permission: (permission = { ...permission, canPublishData: false }) }),
        shows: () => expect(target).not.toHaveAttribute('data-permission', / data /),
      },
      {
        field: 'name (server)',
        change: () => service.updateParticipant(room, 'subject', { name: 'Renamed by a moderator' }),
        shows: () => expect(target).toContainText('Renamed by a moderator'),
      },
      {
        field: 'metadata (server)',
        change: () => service.updateParticipant(room, 'subject', { metadata: '{"seat":"A1"}' }),
        shows: () => expect(target.locator('[data-metadata]')).toHaveText('seat: A1'),
      },
      {
        field: 'attributes (server)',
        change: () => service.updateParticipant(room, 'subject', { attributes: { team: 'blue' } }),
        shows: () => expect(target).toContainText('team=blue'),
      },
      {
        field: 'name (participant)',
        change: () => subject.room.localParticipant!.updateName('Named by myself'),
        shows: () => expect(target).toContainText('Named by myself'),
      },
      {
        field: 'metadata (participant)',
        change: () => subject.room.localParticipant!.updateMetadata('plain words'),
        shows: () => expect(target.locator('[data-metadata]')).toHaveText('plain words'),
      },
      {
        field: 'attributes (participant)',
        change: () => subject.room.localParticipant!.setAttributes({ team: 'red' }),
        shows: () => expect(target).toContainText('team=red'),
      },
      {
        field: 'canUpdateMetadata back',
        change: () => service.updateParticipant(room, 'subject', { permission: (permission = { ...permission, canUpdateMetadata: false }) }),
        shows: () => expect(target).not.toHaveAttribute('data-permission', /metadata/),
      },
      {
        field: 'canPublish',
        change: () => service.updateParticipant(room, 'subject', { permission: (permission = { ...permission, canPublish: false }) }),
        shows: () => expect(target).toHaveAttribute('data-role', 'audience'),
      },
    ];
    for (const { field, change, shows } of changes) {
      await change();
      await shows().catch((error: Error) => {
        throw new Error(`${field}: ${error.message}`);
      });
    }

    await service.updateParticipant(room, 'subject', { permission: (permission = { ...permission, canPublish: true }) });
    const trackSid = await subject.publishTone();
    await expect(target.locator(`[data-track-sid="${trackSid}"]`)).toHaveAttribute('data-muted', 'false');
    await service.mutePublishedTrack(room, 'subject', trackSid, true);
    await expect(target.locator(`[data-track-sid="${trackSid}"]`)).toHaveAttribute('data-muted', 'true');
    await subject.room.localParticipant!.unpublishTrack(trackSid);
    await expect(target.locator('[data-track-sid]')).toHaveCount(0);

    expect(await screenVersusLiveKit(page, service, room)).toEqual([]);
    await page.close();
  });

  it("keeps a participant's kind (SIP, agent, ingress) on rows the observer creates", async () => {
    const room = uniqueRoom('kinds');
    await joinParticipant({ room, identity: 'host' });
    const page = await openRoom(room);
    for (const kind of ['sip', 'agent', 'ingress']) {
      await joinParticipant({ room, identity: `a-${kind}`, kind });
      await expect(row(page, `a-${kind}`)).toHaveAttribute('data-kind', kind);
      await expect(row(page, `a-${kind}`)).toContainText(`${kind} ·`);
    }
    await page.close();
  });

  it('queues hands by when the dashboard first saw them, not by the time the participant wrote', async () => {
    const room = uniqueRoom('hands');
    const grant = { canPublish: false, canUpdateOwnMetadata: true };
    const first = await joinParticipant({ room, identity: 'first-up', grant });
    const liar = await joinParticipant({ room, identity: 'back-dater', grant });
    const page = await openRoom(room);
    const queued = page.locator('[data-queued]');

    await first.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
    await expect(queued).toHaveCount(1);
    // written as an hour ago, raised after first-up's hand
    await liar.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date(Date.now() - 3_600_000).toISOString() });
    await expect(queued).toHaveCount(2);
    await expect(queued.nth(0)).toHaveAttribute('data-queued', 'first-up');
    await expect(queued.nth(1)).toHaveAttribute('data-queued', 'back-dater');
    await expect(queued.nth(1)).toContainText('just now');

    // a second moderator's page, opened later, shows the same order: the server's first-seen times
    // (its own observer plays no part, so the test waits for the queue, not for the live connection)
    const second = await newPageAs('moderator');
    await second.goto(appUrl(`/rooms/${room}`));
    await expect(second.locator('[data-queued]')).toHaveCount(2, { timeout: 20_000 });
    await expect(second.locator('[data-queued]').nth(0)).toHaveAttribute('data-queued', 'first-up', { timeout: 20_000 });
    await page.close();
    await second.close();
  });
});
