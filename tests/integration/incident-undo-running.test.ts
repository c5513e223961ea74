import { describe, expect, it } from 'vitest';
import { TrackSource } from 'livekit-server-sdk';
import { latestIncident, startIncident, undoIncident } from '@/lib/incident/actions';
import { getParticipant, listParticipants } from '@/lib/participants/actions';
import { withParticipantLock } from '@/lib/participants/service';
import { unwrap } from '@/lib/actions/result';
import { previewBulk } from '@/lib/bulk/shared';
import { roomAccess, setRoomAccess } from '@/lib/access/service';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

const SPEAKER_GRANT = { canPublish: true, canPublishSources: [TrackSource.MICROPHONE], canUpdateOwnMetadata: true };

const canPublish = async (room: string, identity: string) => unwrap(await getParticipant({ room, identity })).permission.canPublish;

describe('undo of an incident still running', () => {
  it('is refused as still_running, and the banner says so, until the run has handled everyone; then it restores all', async () => {
    const room = uniqueRoom();
    await setRoomAccess(room, 'open', null, { present: [] });
    await Promise.all(['first', 'held'].map((identity) => joinParticipant({ room, identity, grant: SPEAKER_GRANT })));
    const shown = previewBulk('incident', unwrap(await listParticipants({ room })));
    const targets = shown.targets.map((t) => ({ identity: t.identity, version: t.version! }));

    // another moderator's change to `held` holds their lock: the incident waits there, halfway
    let release!: () => void;
    const holding = new Promise<void>((resolve) => (release = resolve));
    const held = withParticipantLock(room, 'held', () => holding);
    const running = startIncident({ room, targets });
    try {
      const latest = await eventually(
        async () => unwrap(await latestIncident({ room })),
        (info) => info !== null && info.participants === 1,
      );
      expect(await canPublish(room, 'first')).toBe(false);

      const early = await undoIncident({ room, incidentId: latest!.id });
      expect(early).toMatchObject({ ok: false, error: { code: 'still_running', message: expect.stringMatching(/still running/) } });
      expect(await canPublish(room, 'first')).toBe(false);
      expect(await roomAccess(room)).toBe('locked');
      expect(unwrap(await latestIncident({ room }))).toMatchObject({ id: latest!.id, running: true });
    } finally {
      release();
      await held;
    }
    const summary = unwrap(await running);
    expect(summary.succeeded).toBe(2);
    expect(await canPublish(room, 'held')).toBe(false);
    await eventually(async () => unwrap(await latestIncident({ room })), (info) => info?.running === false);

    const undone = unwrap(await undoIncident({ room, incidentId: summary.incidentId }));
    expect(undone).toMatchObject({ succeeded: 2, lock: { ok: true, after: 'open' } });
    expect(await canPublish(room, 'first')).toBe(true);
    expect(await canPublish(room, 'held')).toBe(true);
  });
});
