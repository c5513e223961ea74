import { afterEach, expect, it } from 'vitest';
import {
  act,
  auditRows,
  clusterState,
  control,
  describeCluster,
  livekitTarget,
  pinRoom,
  replica,
  signIn,
} from '../helpers/cluster';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

afterEach(async () => {
  await control({ op: 'haproxy', command: 'set server replicas/r1 state ready' });
});

describeCluster('a ban made on one replica, enforced by the other', () => {
  it('the banned user rejoins, the webhook reaches replica 2: ejected within 1 s, one auto-eject row, /api/token answers 403', async () => {
    const state = await clusterState();
    const room = uniqueRoom('banned');
    await pinRoom(state, room, 'B');
    const target = livekitTarget(state);
    const first = await joinParticipant({ room, identity: 'troll' }, target);

    const cookie = await signIn(replica(state, '1').url, state);
    const banned = await act(replica(state, '1').url, cookie, 'banParticipant', { room, identity: 'troll', reason: 'spam' });
    expect(banned.result).toMatchObject({ ok: true });
    await first.waitFor('disconnected');

    // from now on HAProxy sends every request, LiveKit's webhooks included, to replica 2
    await control({ op: 'haproxy', command: 'set server replicas/r1 state maint' });
    const rejoined = await joinParticipant({ room, identity: 'troll' }, target);
    const joinedAt = Date.now();
    const ejected = await rejoined.waitFor('disconnected', () => true, 10_000);
    expect(ejected.at - joinedAt).toBeLessThanOrEqual(1_000);

    const rows = await eventually(
      () => auditRows(state, { room, identity: 'troll', action: 'bans.autoEject' }),
      (found) => found.length > 0,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ outcome: 'ok', actor_email: null });

    const token = await fetch(`${state.dashboardUrl}/api/token`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${state.appKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ room, identity: 'troll', preset: 'audience' }),
    });
    expect(token.status).toBe(403);
    expect(await token.json()).toMatchObject({ error: 'banned' });
  });
});
