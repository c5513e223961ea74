import { describe, expect, it } from 'vitest';
import { promoteToSpeaker } from '@/lib/participants/actions';
import { database } from '@/lib/db';
import { queryAudit } from '@/lib/actions/audit-store';
import { roleAllows, type Access } from '@/lib/auth/roles';
import { actAs, actorWith, installTestGate } from '../helpers/actors';
import { joinParticipant, uniqueRoom } from '../helpers/participants';
import { allServerActions } from '../helpers/server-actions';

async function newestEntry() {
  const { rows } = await queryAudit(await database(), { includeReads: true }, { pageSize: 1 });
  return rows[0];
}

describe('authorization inside defineAction', () => {
  it('a moderator promotes; the audit entry names them and holds the state before and after', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', grant: { canPublish: false } });
    const result = await promoteToSpeaker({ room, identity: 'member' });
    expect(result.ok).toBe(true);
    await member.waitFor('permissionChanged', (e) => e.data.canPublish === true);

    const { rows } = await queryAudit(await database(), { room, action: 'participants.promote' });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actorEmail: 'moderator@test.example',
      actorRole: 'moderator',
      room,
      targetIdentity: 'member',
      outcome: 'ok',
      input: { room, identity: 'member' },
      before: { identity: 'member', permission: { canPublish: false } },
      after: { identity: 'member', permission: { canPublish: true } },
    });
  });

  it('a viewer and a caller without a session are refused, LiveKit never hears of it, and both are audited', async () => {
    const room = uniqueRoom();
    const member = await joinParticipant({ room, identity: 'member', grant: { canPublish: false } });

    actAs(actorWith('viewer'));
    expect(await promoteToSpeaker({ room, identity: 'member' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    actAs(null);
    expect(await promoteToSpeaker({ room, identity: 'member' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const { rows } = await queryAudit(await database(), { room, action: 'participants.promote' });
    expect(rows.map((row) => [row.actorEmail, row.errorCode, row.before, row.after])).toEqual([
      [null, 'unauthorized', null, null],
      ['viewer@test.example', 'forbidden', null, null],
    ]);
    expect(member.events.some((e) => e.type === 'permissionChanged')).toBe(false);
  });

  /** reads of the audit log, for moderators and admins only, as the Audit page is */
  const READS_OF_THE_AUDIT_LOG = new Set(['readParticipantHistory']);

  it('every exported server action refuses a caller without a session, and a viewer where it needs more', async () => {
    const actions = await allServerActions();
    expect(actions.length).toBeGreaterThanOrEqual(19);
    const room = uniqueRoom('never-created');
    // each endpoint's anonymous call from an address of its own: one address may have only so many refusals written a minute
    let address = '';
    installTestGate(async () => address);
    for (const [index, { module, name, action }] of actions.entries()) {
      address = `192.0.2.${index}`;
      actAs(null);
      expect(await action({ room, identity: 'x' }), `${module} ${name}`).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      const refused = await newestEntry();
      expect(refused).toMatchObject({ actorEmail: null, outcome: 'error', errorCode: 'unauthorized' });

      actAs(actorWith('viewer'));
      const asViewer = (await action({ room, identity: 'x' })) as { ok: boolean; error?: { code: string } };
      // the entry tells which access the action's definition asks for
      const entry = await newestEntry();
      expect(entry?.actorEmail).toBe('viewer@test.example');
      if (READS_OF_THE_AUDIT_LOG.has(name)) expect(asViewer, `${name} reads the audit log`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // read and self (a change of one's own account, the password) are open to every signed-in account
      else if (roleAllows('viewer', entry?.access as Access)) expect(asViewer.error?.code, `${name} is open to viewers`).not.toBe('forbidden');
      else expect(asViewer, `${module} ${name} needs ${entry?.access}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    installTestGate();
  });
});
