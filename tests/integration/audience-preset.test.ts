import { describe, expect, it } from 'vitest';
import { demoteToAudience, promoteToSpeaker } from '@/lib/participants/actions';
import { participantGrant } from '@/lib/livekit/tokens';
import { unwrap } from '@/lib/actions/result';
import { directRoomService, joinParticipant, uniqueRoom } from '../helpers/participants';

const permissionOf = async (room: string, identity: string) => {
  const { permission } = await directRoomService().getParticipant(room, identity);
  return { canSubscribe: permission?.canSubscribe, canPublish: permission?.canPublish, canPublishData: permission?.canPublishData };
};

describe('the audience preset', () => {
  it("is what the token endpoint gives an audience member: a demote leaves no data publishing an audience token does not have", async () => {
    const room = uniqueRoom();
    // the grant the token endpoint signs for an audience member (app/api/token → createParticipantToken)
    await joinParticipant({ room, identity: 'member', grant: participantGrant('audience') });
    const joined = await permissionOf(room, 'member');
    expect(joined).toEqual({ canSubscribe: true, canPublish: false, canPublishData: false });

    unwrap(await promoteToSpeaker({ room, identity: 'member' }));
    expect((await permissionOf(room, 'member')).canPublishData).toBe(true);
    unwrap(await demoteToAudience({ room, identity: 'member' }));
    expect(await permissionOf(room, 'member')).toEqual(joined);
  });
});
