import { describe, expect, it } from 'vitest';
import { updateAttributes, updateMetadata, updateName } from '@/lib/participants/actions';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

describe('editing metadata, attributes and name', () => {
  it('metadata: JSON text is sent as written and the participant receives it', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', metadata: '{"old":true}' });

    const text = '{ "role": "panelist", "hand": false }';
    const result = await updateMetadata({ room, identity: 'member', metadata: text });
    expect(result).toMatchObject({ ok: true, data: { metadata: text } });
    const event = await member.waitFor('metadataChanged', (e) => e.data.metadata === text);
    expect(event.data.identity).toBe('member');
  });

  it('metadata: an object is sent as JSON', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member' });

    const result = await updateMetadata({ room, identity: 'member', metadata: { role: 'guest', seat: 4 } });
    expect(result).toMatchObject({ ok: true, data: { metadata: '{"role":"guest","seat":4}' } });
    await member.waitFor('metadataChanged', (e) => e.data.metadata === '{"role":"guest","seat":4}');
  });

  it('attributes: sets and removes keys, the participant sees the result', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', attributes: { keep: '1', drop: 'x' } });

    const result = await updateAttributes({ room, identity: 'member', set: { seat: 'A4' }, remove: ['drop'] });
    expect(result).toMatchObject({ ok: true, data: { attributes: { keep: '1', seat: 'A4' } } });
    expect(result.ok && result.data.attributes).not.toHaveProperty('drop');

    const event = await member.waitFor('attributesChanged', (e) => 'seat' in (e.data.attributes as object));
    expect(event.data.attributes).toEqual({ keep: '1', seat: 'A4' });
  });

  it('name: the participant receives the new display name', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', name: 'Old Name' });

    const result = await updateName({ room, identity: 'member', name: 'Dr. New Name' });
    expect(result).toMatchObject({ ok: true, data: { name: 'Dr. New Name' } });
    await member.waitFor('nameChanged', (e) => e.data.name === 'Dr. New Name');
  });
});
