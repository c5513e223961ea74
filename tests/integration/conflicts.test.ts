import { describe, expect, it } from 'vitest';
import {
  attributeChange,
  attributeRows,
  editRow,
  EMPTY_ATTRIBUTE_DRAFT,
} from '@/components/room/edit/attribute-draft';
import { getParticipant, promoteToSpeaker, setPermissions, updateAttributes, updateMetadata, updateName } from '@/lib/participants/actions';
import { approveHand } from '@/lib/hands/actions';
import { attributeVersion, permissionFieldVersion, versionOf } from '@/lib/actions/versions';
import { database } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { HAND_ATTRIBUTE } from '@/lib/hands/shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { actAs, actorWith } from '../helpers/actors';
import { directRoomService, eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

const moderatorA = { ...actorWith('moderator'), id: 'mod-a', email: 'a@test.example', label: 'Moderator A' };
const moderatorB = { ...actorWith('moderator'), id: 'mod-b', email: 'b@test.example', label: 'Moderator B' };

/** Starts the action as this moderator: the actor is read when the call starts, so calls can overlap. */
function as<T>(actor: typeof moderatorA, call: () => Promise<T>): Promise<T> {
  actAs(actor);
  return call();
}

async function read(room: string, identity: string): Promise<ParticipantView> {
  const result = await getParticipant({ room, identity });
  if (!result.ok) throw new Error(result.error.message);
  return result.data;
}

describe('permission and stage actions merge with the latest permission', () => {
  it('promote by one moderator and hide by another at the same moment both stick, 20 rounds', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', grant: { canPublish: false } });
    const service = directRoomService();

    for (let round = 0; round < 20; round += 1) {
      await service.updateParticipant(room, 'member', {
        permission: { canSubscribe: true, canPublish: false, canPublishData: true, hidden: false },
      });
      await eventually(() => read(room, 'member'), (p) => !p.permission.canPublish && !p.permission.hidden);

      const [promoted, hidden] = await Promise.all([
        as(moderatorA, () => promoteToSpeaker({ room, identity: 'member' })),
        as(moderatorB, () => setPermissions({ room, identity: 'member', permission: { hidden: true } })),
      ]);
      expect(promoted.ok && hidden.ok).toBe(true);
      const after = await read(room, 'member');
      expect({ round, canPublish: after.permission.canPublish, hidden: after.permission.hidden }).toEqual({
        round,
        canPublish: true,
        hidden: true,
      });
    }
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === true && e.data.hidden === true);
  });

  it('approving a hand while another moderator hides the participant keeps both', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'asker', grant: { canPublish: false, canUpdateOwnMetadata: true } });
    await member.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: new Date().toISOString() });
    await eventually(() => read(room, 'asker'), (p) => HAND_ATTRIBUTE in p.attributes);

    const [approved, hidden] = await Promise.all([
      as(moderatorA, () => approveHand({ room, identity: 'asker' })),
      as(moderatorB, () => setPermissions({ room, identity: 'asker', permission: { hidden: true } })),
    ]);
    expect(approved.ok && hidden.ok).toBe(true);
    expect((await read(room, 'asker')).permission).toMatchObject({ canPublish: true, hidden: true });
  });

  it('a permission save changes only the fields it names: a field another moderator changed meanwhile stays', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member', grant: { canPublish: false } });
    const opened = await read(room, 'member');

    expect(await as(moderatorB, () => promoteToSpeaker({ room, identity: 'member' }))).toMatchObject({ ok: true });
    const saved = await as(moderatorA, () =>
      setPermissions({
        room,
        identity: 'member',
        permission: { canPublishData: false },
        basedOn: { canPublishData: permissionFieldVersion('canPublishData', opened.permission.canPublishData) },
      }),
    );
    expect(saved).toMatchObject({ ok: true, data: { permission: { canPublish: true, canPublishData: false } } });
  });

  it('a permission field another moderator changed since the editor opened is refused with conflict', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member', grant: { canPublish: false } });
    const opened = await read(room, 'member');

    expect(await as(moderatorB, () => promoteToSpeaker({ room, identity: 'member' }))).toMatchObject({ ok: true });
    const refused = await as(moderatorA, () =>
      setPermissions({
        room,
        identity: 'member',
        permission: { canPublish: false, hidden: true },
        basedOn: {
          canPublish: permissionFieldVersion('canPublish', opened.permission.canPublish),
          hidden: permissionFieldVersion('hidden', opened.permission.hidden),
        },
      }),
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', conflicts: [{ field: 'permission.canPublish', current: true, version: permissionFieldVersion('canPublish', true) }] },
    });
    expect((await read(room, 'member')).permission).toMatchObject({ canPublish: true, hidden: false });
  });
});

describe('edits send only what the moderator changed', () => {
  it("a hand raised by the participant's own SDK between dialog-open and save stays up", async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({
      room,
      identity: 'member',
      attributes: { seat: 'A1' },
      grant: { canPublish: false, canUpdateOwnMetadata: true },
    });
    const opened = await read(room, 'member');
    let draft = EMPTY_ATTRIBUTE_DRAFT;
    const seatRow = attributeRows(opened.attributes, draft).find((row) => row.key === 'seat')!;
    draft = editRow(draft, opened.attributes, seatRow, { value: 'B2' });

    const raisedAt = new Date().toISOString();
    await member.room.localParticipant!.setAttributes({ [HAND_ATTRIBUTE]: raisedAt });
    await eventually(() => read(room, 'member'), (p) => p.attributes[HAND_ATTRIBUTE] === raisedAt);

    const change = attributeChange(draft);
    expect(change).toEqual({ set: { seat: 'B2' }, remove: [], basedOn: { seat: versionOf('A1') } });
    const saved = await updateAttributes({ room, identity: 'member', ...change });
    expect(saved).toMatchObject({ ok: true, data: { attributes: { seat: 'B2', [HAND_ATTRIBUTE]: raisedAt } } });
    const seen = await member.waitFor('attributesChanged', (e) => (e.data.attributes as Record<string, string>).seat === 'B2');
    expect(seen.data.attributes).toEqual({ seat: 'B2', [HAND_ATTRIBUTE]: raisedAt });
  });

  it('an attribute the participant changed since the editor opened is refused with conflict, and nothing is written', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', attributes: { status: 'waiting' }, grant: { canUpdateOwnMetadata: true } });
    const opened = await read(room, 'member');
    await member.room.localParticipant!.setAttributes({ status: 'away' });
    await eventually(() => read(room, 'member'), (p) => p.attributes.status === 'away');

    const refused = await updateAttributes({
      room,
      identity: 'member',
      set: { status: 'ready', note: 'vip' },
      basedOn: { status: attributeVersion(opened.attributes, 'status'), note: attributeVersion(opened.attributes, 'note') },
    });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', conflicts: [{ field: 'attributes.status', current: 'away', version: versionOf('away') }] },
    });
    expect((await read(room, 'member')).attributes).toEqual({ status: 'away' });
  });
});

describe('conflict detection for metadata and name', () => {
  it("the second moderator's metadata save is refused with conflict and audited; applied on top it succeeds", async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', metadata: '{"seat":"A1"}' });
    const opened = await read(room, 'member');
    const basedOn = versionOf(opened.metadata);

    expect(await as(moderatorA, () => updateMetadata({ room, identity: 'member', metadata: '{"seat":"B2"}', basedOn }))).toMatchObject({ ok: true });
    const refused = await as(moderatorB, () => updateMetadata({ room, identity: 'member', metadata: '{"seat":"C3"}', basedOn }));
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'conflict', conflicts: [{ field: 'metadata', current: '{"seat":"B2"}', version: versionOf('{"seat":"B2"}') }] },
    });
    expect(refused.ok || refused.error.message).toContain("member's metadata changed since you started editing");
    expect((await read(room, 'member')).metadata).toBe('{"seat":"B2"}');

    const { rows } = await queryAudit(await database(), { room, action: 'participants.updateMetadata' });
    const refusal = rows.find((row) => row.actorEmail === moderatorB.email)!;
    expect(refusal).toMatchObject({
      outcome: 'error',
      errorCode: 'conflict',
      input: { metadata: '{"seat":"C3"}', basedOn },
      before: { metadata: '{"seat":"B2"}' },
      after: { metadata: '{"seat":"B2"}' },
    });
    expect(refusal.errorMessage).toContain('metadata changed');

    const onTop = await as(moderatorB, () =>
      updateMetadata({ room, identity: 'member', metadata: '{"seat":"C3"}', basedOn: versionOf('{"seat":"B2"}') }),
    );
    expect(onTop).toMatchObject({ ok: true, data: { metadata: '{"seat":"C3"}' } });
    await member.waitFor('metadataChanged', (e) => e.data.metadata === '{"seat":"C3"}');
    expect(member.events.some((e) => e.type === 'metadataChanged' && String(e.data.metadata).includes('C3'))).toBe(true);
  });

  it('metadata the participant set itself meanwhile is a conflict too; integers above 2^53 pass through exactly', async () => {
    const room = uniqueRoom();
    const big = '{"ticket":12345678901234567890}';
    const member = await joinParticipant({ room, identity: 'member', metadata: big, grant: { canUpdateOwnMetadata: true } });
    const opened = await read(room, 'member');
    expect(opened.metadata).toBe(big);

    await member.room.localParticipant!.updateMetadata('{"ticket":12345678901234567891}');
    await eventually(() => read(room, 'member'), (p) => p.metadata.endsWith('891}'));
    expect(await updateMetadata({ room, identity: 'member', metadata: '{"ticket":1}', basedOn: versionOf(opened.metadata) })).toMatchObject({
      ok: false,
      error: { code: 'conflict', conflicts: [{ field: 'metadata', current: '{"ticket":12345678901234567891}' }] },
    });
  });

  it('a rename based on an old name is refused with conflict', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member', name: 'Old' });
    expect(await as(moderatorA, () => updateName({ room, identity: 'member', name: 'Alice', basedOn: versionOf('Old') }))).toMatchObject({ ok: true });
    expect(await as(moderatorB, () => updateName({ room, identity: 'member', name: 'Bob', basedOn: versionOf('Old') }))).toMatchObject({
      ok: false,
      error: { code: 'conflict', conflicts: [{ field: 'name', current: 'Alice' }] },
    });
    expect((await read(room, 'member')).name).toBe('Alice');
  });
});
