import { createHash, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { AccessToken } from 'livekit-server-sdk';
import {
  auditRows,
  clusterDatabase,
  clusterState,
  describeCluster,
  livekitTarget,
  pinRoom,
  type ClusterState,
} from '../helpers/cluster';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

/** A participant_joined event as LiveKit sends it: JSON body, Authorization a JWT carrying the body's sha256. */
async function signedJoinEvent(state: ClusterState, room: string, identity: string) {
  const body = JSON.stringify({
    event: 'participant_joined',
    id: `EV_${randomUUID().replace(/-/g, '').slice(0, 12)}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { name: room },
    participant: { identity, sid: `PA_${randomUUID().slice(0, 8)}` },
  });
  const token = new AccessToken(state.keys.apiKey, state.keys.apiSecret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  return { body, authorization: await token.toJwt() };
}

describeCluster('one webhook event delivered to both replicas', () => {
  it('ejects once and writes one audit row', async () => {
    const state = await clusterState();
    const db = clusterDatabase(state);
    const room = uniqueRoom('dedupe');
    await pinRoom(state, room, 'B');
    const member = await joinParticipant({ room, identity: 'double' }, livekitTarget(state));
    // LiveKit's own delivery of this join has been handled (before the ban exists, so it ejected nobody)
    await eventually(
      async () => (await db.query("select 1 from webhook_events where event = 'participant_joined' and room = $1 and identity = 'double'", [room])).rowCount,
      (count) => count === 1,
    );
    await db.query("insert into bans (identity, room, reason, created_by) values ('double', $1, 'dedupe test', 'cluster test')", [room]);

    const { body, authorization } = await signedJoinEvent(state, room, 'double');
    const answers = await Promise.all(
      state.replicas.map((replica) =>
        fetch(`${replica.url}/api/livekit/webhook`, {
          method: 'POST',
          headers: { Authorization: authorization, 'Content-Type': 'application/webhook+json' },
          body,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    await member.waitFor('disconnected');

    const rows = await auditRows(state, { room, identity: 'double', action: 'bans.autoEject' });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.outcome).toBe('ok');
  });
});
