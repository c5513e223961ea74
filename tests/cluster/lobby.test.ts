import { afterEach, expect, it } from 'vitest';
import { act, auditRows, clusterState, control, describeCluster, livekitTarget, pinRoom, replica, signIn, type ClusterState } from '../helpers/cluster';
import { requestToken, waitOnTicket, type AppCall } from '../helpers/lobby-app';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

afterEach(async () => {
  await control({ op: 'haproxy', command: 'set server replicas/r1 state ready' });
});

/** The event's app, talking to one replica directly. */
function appOn(state: ClusterState, baseUrl: string): AppCall {
  return (method, path, body) =>
    fetch(`${baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${state.appKey}`, 'content-type': 'application/json' },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
}

describeCluster('lobby and lock across replicas', () => {
  it('a knock waiting on replica 2 is admitted from replica 1; a lock set on replica 1 ejects a join the webhook brings to replica 2 within 1 s', async () => {
    const state = await clusterState();
    const room = uniqueRoom('lobby-cluster');
    await pinRoom(state, room, 'B');
    const target = livekitTarget(state);
    await joinParticipant({ room, identity: 'host' }, target);
    const one = replica(state, '1').url;
    const app = appOn(state, replica(state, '2').url);
    const cookie = await signIn(one, state);

    expect((await act(one, cookie, 'setRoomAccessMode', { room, mode: 'knock' })).result).toMatchObject({ ok: true });
    const knocked = await requestToken(app, { room, identity: 'fan' });
    expect(knocked.status).toBe(202);
    const waiting = waitOnTicket(app, knocked.body.ticket!, { waitSeconds: 20 });
    expect((await act(one, cookie, 'admitFromLobby', { room, identity: 'fan' })).result).toMatchObject({ ok: true });
    expect(await waiting).toMatchObject({ status: 200, body: { status: 'admitted', identity: 'fan' } });

    expect((await act(one, cookie, 'setRoomAccessMode', { room, mode: 'locked' })).result).toMatchObject({ ok: true });
    expect(await requestToken(app, { room, identity: 'newcomer' })).toMatchObject({ status: 403, body: { error: 'room_locked' } });
    // from now on HAProxy sends every request, LiveKit's webhooks included, to replica 2
    await control({ op: 'haproxy', command: 'set server replicas/r1 state maint' });
    const latecomer = await joinParticipant({ room, identity: 'latecomer' }, target);
    const joinedAt = Date.now();
    const ejected = await latecomer.waitFor('disconnected', () => true, 10_000);
    expect(ejected.at - joinedAt).toBeLessThanOrEqual(1_000);
    const rows = await eventually(
      () => auditRows(state, { room, identity: 'latecomer', action: 'access.lockedEject' }),
      (found) => found.length > 0,
    );
    expect(rows).toMatchObject([{ outcome: 'ok', actor_email: null }]);
  });
});
