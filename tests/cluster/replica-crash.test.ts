import { afterAll, expect, it } from 'vitest';
import { startPublisher, type RunningPublisher } from '../../bench/lib/go-publisher';
import { builtAction, postAction } from '../helpers/app-http';
import {
  auditRows,
  clusterState,
  control,
  describeCluster,
  livekitTarget,
  pinRoom,
  replica,
  roomService,
  settledTracks,
  signIn,
} from '../helpers/cluster';
import { eventually, uniqueRoom } from '../helpers/participants';

/** at least this many tracks are muted in one bulk request */
const TRACKS = 200;
const TRACKS_EACH = 10;
// LiveKit 1.13.5 now and then lists only some of the tracks a participant sent with its join (seen:
// 7 of 220 on a quiet machine, 21 of 220 during the whole test suite): more participants keep the
// scenario at 200+ tracks
const PUBLISHERS = 26;

let publisher: RunningPublisher | undefined;
afterAll(async () => {
  await publisher?.stop();
  if (!(await clusterState()).replicas.find((r) => r.name === '1')?.running) await control({ op: 'restart', target: 'replica:1' });
});

describeCluster('replica 1 killed (SIGKILL) in the middle of a bulk mute of 200+ tracks', () => {
  it('every track LiveKit shows muted has an audit row, and no row claims ok for a track that is not muted', { timeout: 480_000 }, async () => {
    const state = await clusterState();
    const room = uniqueRoom('crash');
    await pinRoom(state, room, 'B');
    // the publishers join the node that hosts the room; the dashboard reaches LiveKit through the balancer
    publisher = await startPublisher(livekitTarget(state, 'B'), { room, participants: PUBLISHERS, tracksEach: TRACKS_EACH, frameEveryMs: 400 });
    const service = roomService(state, 'A');
    const tracks = async () => (await service.listParticipants(room)).flatMap((p) => p.tracks);
    let listedBefore = -1;
    await eventually(
      async () => {
        const listed = await tracks();
        const settled = listed.length === listedBefore;
        listedBefore = listed.length;
        return { listed, settled };
      },
      ({ listed, settled }) => settled && listed.length >= TRACKS && listed.every((track) => !track.muted),
      { timeoutMs: 180_000, intervalMs: 2_000 },
    );

    const one = replica(state, '1').url;
    const cookie = await signIn(one, state);
    const bulk = postAction(one, builtAction('muteAllButHosts'), [{ room }], { cookie }).catch((error: Error) => error);
    await eventually(tracks, (listed) => listed.some((track) => track.muted), { timeoutMs: 30_000, intervalMs: 20 });
    await control({ op: 'kill', target: 'replica:1' });
    await bulk;

    const settled = await settledTracks(tracks);
    const muted = new Set(settled.filter((track) => track.muted).map((track) => track.sid));
    // the kill landed mid-way: some tracks were muted and some were not yet
    expect(muted.size).toBeGreaterThan(0);
    expect(muted.size).toBeLessThan(listedBefore);

    // the replica comes back; at start it marks what its dead run left pending
    await control({ op: 'restart', target: 'replica:1' });
    const rows = await auditRows(state, { room, action: 'tracks.mute' });
    const rowTracks = new Set(rows.map((row) => row.target_track));
    expect([...muted].filter((sid) => !rowTracks.has(sid))).toEqual([]);
    const okButNotMuted = rows.filter((row) => row.outcome === 'ok' && !muted.has(row.target_track!));
    expect(okButNotMuted.map((row) => row.target_track)).toEqual([]);
  });
});
