import { DisconnectReason } from '@livekit/rtc-node';
import { describe, expect, it } from 'vitest';
import { queryAudit } from '@/lib/actions/audit-store';
import { ejectBanned } from '@/lib/bans/service';
import { insertBan } from '@/lib/bans/store';
import { database } from '@/lib/db';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

describe('a banned participant ejected by two paths at once (its join webhook and the sweep, or two replicas)', () => {
  it('is removed once, with one audit row: the later finds them gone and changes nothing', async () => {
    const room = uniqueRoom('eject-once');
    const db = await database();
    const ban = await insertBan(db, { identity: 'twice', room, reason: 'eject once', expiresAt: null, createdBy: 'test' });
    const member = await joinParticipant({ room, identity: 'twice' });

    const outcomes = await Promise.all([ejectBanned(room, 'twice', ban, { cause: 'webhook' }), ejectBanned(room, 'twice', ban, { cause: 'sweep' })]);

    expect(outcomes.sort()).toEqual(['gone', 'removed']);
    const { rows } = await queryAudit(db, { room, action: 'bans.autoEject' });
    expect(rows.map((row) => row.outcome)).toEqual(['ok']);
    expect((await member.waitFor('disconnected')).data.reason).toBe(DisconnectReason.PARTICIPANT_REMOVED);
  });
});
