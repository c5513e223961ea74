import { afterAll, expect, it } from 'vitest';
import type { RealParticipant } from '../../scripts/lib/participant';
import {
  act,
  auditRows,
  clusterState,
  control,
  describeCluster,
  livekitTarget,
  node,
  pinRoom,
  roomNodeId,
  roomService,
  signIn,
  type ClusterState,
} from '../helpers/cluster';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

afterAll(async () => {
  if (!(await clusterState()).nodes.find((n) => n.name === 'B')?.running) await control({ op: 'restart', target: 'node:B' });
});

const IDENTITIES = ['speaker', 'listener'];

async function joinAll(state: ClusterState, room: string): Promise<RealParticipant[]> {
  return [
    await joinParticipant({ room, identity: 'speaker', grant: { canPublish: true }, publishTone: true }, livekitTarget(state)),
    await joinParticipant({ room, identity: 'listener' }, livekitTarget(state)),
  ];
}

describeCluster('LiveKit node B dies (SIGKILL)', () => {
  it('actions on its room fail typed within the timeout; once the room is back on A, moderation works and every node agrees', async () => {
    let state = await clusterState();
    const room = uniqueRoom('failover');
    await pinRoom(state, room, 'B');
    const before = await joinAll(state, room);
    const cookie = await signIn(state.dashboardUrl, state);
    expect((await act(state.dashboardUrl, cookie, 'listParticipants', { room })).result).toMatchObject({ ok: true });

    await control({ op: 'kill', target: 'node:B', signal: 'SIGKILL' });
    const started = Date.now();
    const failed = await act(state.dashboardUrl, cookie, 'promoteToSpeaker', { room, identity: 'listener' });
    const elapsed = Date.now() - started;
    expect(failed.result).toMatchObject({ ok: false, error: { code: expect.stringMatching(/^(unreachable|timeout)$/) } });
    expect(elapsed).toBeLessThanOrEqual(state.livekitTimeoutMs + 1_000);
    const refused = await auditRows(state, { room, identity: 'listener', action: 'participants.promote' });
    expect(refused.map((row) => row.outcome)).toEqual(['error']);

    // the participants' clients give up on B and come back; LiveKit moves the room to a node that is alive
    await Promise.all(before.map((participant) => Promise.race([participant.leave(), new Promise((r) => setTimeout(r, 5_000))])));
    const after = await eventually(
      () => joinAll(state, room).catch(() => undefined),
      (joined) => joined !== undefined,
      { timeoutMs: 30_000, intervalMs: 1_000 },
    );
    expect(await roomNodeId(room)).toBe(node(state, 'A').id);

    const promoted = await act(state.dashboardUrl, cookie, 'promoteToSpeaker', { room, identity: 'listener' });
    expect(promoted.result).toMatchObject({ ok: true });
    await after![1]!.waitFor('permissionChanged', (e) => e.data.canPublish === true);
    const [trackSid] = after![0]!.publishedTrackSids();
    const muted = await act(state.dashboardUrl, cookie, 'muteTrack', { room, identity: 'speaker', trackSid });
    expect(muted.result).toMatchObject({ ok: true, data: { muted: true } });
    await after![0]!.waitFor('trackMuted', (e) => e.data.trackSid === trackSid);

    // B comes back (a new node id): the room stays on A, and A, B, HAProxy and the dashboard list the same people
    state = await control<ClusterState>({ op: 'restart', target: 'node:B' });
    const listedBy = async (via: string) =>
      (await roomService(state, via).listParticipants(room)).map((p) => `${p.identity}:${p.permission?.canPublish}`).sort();
    const expected = ['listener:true', 'speaker:true'];
    for (const via of ['A', 'B', 'balancer']) {
      expect(await eventually(() => listedBy(via), (listed) => listed.join() === expected.join())).toEqual(expected);
    }
    const table = await act(state.dashboardUrl, cookie, 'listParticipants', { room });
    expect(table.result?.ok).toBe(true);
    const rows = (table.result!.data as Array<{ identity: string }>).map((p) => p.identity).sort();
    expect(rows).toEqual(IDENTITIES.slice().sort());
  });
});
