import { describe, expect, it } from 'vitest';
import {
  getParticipant,
  muteTrack,
  promoteToSpeaker,
  setPermissions,
  updateAttributes,
  updateMetadata,
  updateName,
} from '@/lib/participants/actions';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

const long = 'x'.repeat(257);

describe('bad input gets a clear typed error', () => {
  it.each([
    ['empty room', { room: '', identity: 'a' }, 'room', /room name is required/],
    ['overlong room', { room: long, identity: 'a' }, 'room', /at most 256/],
    ['empty identity', { room: 'r', identity: '' }, 'identity', /identity is required/],
    ['overlong identity', { room: 'r', identity: long }, 'identity', /at most 256/],
    ['padded identity', { room: 'r', identity: ' a ' }, 'identity', /spaces/],
    ['wrong type', { room: 42, identity: 'a' }, 'room', /must be a string/],
    ['unknown field', { room: 'r', identity: 'a', extra: true }, 'input', /unrecognized/i],
  ])('%s', async (_label, input, field, message) => {
    const result = await getParticipant(input as never);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('validation');
    expect(result.error.fieldErrors?.[field]?.join(' ')).toMatch(message);
  });

  it('null, arrays and missing input are validation errors, not crashes', async () => {
    for (const input of [null, undefined, [], 'room', 7]) {
      expect(await promoteToSpeaker(input as never)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
  });

  it('metadata over the limit is refused before it reaches LiveKit', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', metadata: 'original' });
    const result = await updateMetadata({ room, identity: 'member', metadata: 'x'.repeat(64 * 1024 + 1) });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/65,537 bytes; the limit is 65,536 bytes/) },
    });
    expect(member.events.some((e) => e.type === 'metadataChanged')).toBe(false);
  });

  it('empty metadata, empty attribute changes and bad permission sets are refused', async () => {
    const room = 'any';
    expect(await updateMetadata({ room, identity: 'a', metadata: '' })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/cannot be empty/) },
    });
    expect(await updateAttributes({ room, identity: 'a' })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/nothing to change/) },
    });
    expect(await updateAttributes({ room, identity: 'a', set: { k: 'v' }, remove: ['k'] })).toMatchObject({
      ok: false,
      error: { code: 'validation', message: expect.stringMatching(/both set and removed/) },
    });
    expect(await updateName({ room, identity: 'a', name: long })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(
      await setPermissions({ room, identity: 'a', permission: { canPublish: 'yes' } } as never),
    ).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await muteTrack({ room, identity: 'a', trackSid: 'not-a-sid' })).toMatchObject({
      ok: false,
      error: { code: 'validation', fieldErrors: { trackSid: [expect.stringMatching(/TR_/)] } },
    });
  });

  it('an unknown room and an unknown identity are not_found for every write', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'present' });
    const missingRoom = uniqueRoom('missing');
    for (const result of [
      await promoteToSpeaker({ room: missingRoom, identity: 'present' }),
      await promoteToSpeaker({ room, identity: 'absent' }),
      await updateMetadata({ room, identity: 'absent', metadata: '{}' }),
      await updateName({ room, identity: 'absent', name: 'x' }),
      await muteTrack({ room, identity: 'absent', trackSid: 'TR_abc' }),
    ]) {
      expect(result).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
  });
});
