import { describe, expect, it } from 'vitest';
import { DisconnectReason } from '@livekit/rtc-node';
import { listParticipants, removeParticipant } from '@/lib/participants/actions';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

describe('removing a participant', () => {
  it('disconnects the participant with PARTICIPANT_REMOVED and drops it from the list', async () => {
    const room = uniqueRoom();
    const target = await joinParticipant({ room, identity: 'troll' });
    await joinParticipant({ room, identity: 'bystander' });

    const result = await removeParticipant({ room, identity: 'troll' });
    expect(result).toEqual({ ok: true, data: { room, identity: 'troll' }, auditId: expect.any(Number) });

    const event = await target.waitFor('disconnected');
    expect(event.data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);

    const participants = await listParticipants({ room });
    expect(participants.ok && participants.data.map((p) => p.identity)).toEqual(['bystander']);
  });

  it('removing someone who is not there is not_found', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'present' });
    expect(await removeParticipant({ room, identity: 'absent' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
