import { expect, it } from 'vitest';
import { clusterState, control, describeCluster, livekitTarget, pinRoom, roomNodeId, roomService } from '../helpers/cluster';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

describeCluster('cluster topology', () => {
  it('Redis lists both LiveKit nodes, and a room created with node B’s id lives on B', async () => {
    const state = await clusterState();
    const [a, b] = state.nodes;
    const listed = await control<string[]>({ op: 'redis', args: ['HKEYS', 'nodes'] });
    expect(listed).toEqual(expect.arrayContaining([a!.id, b!.id]));
    expect(a!.id).not.toBe(b!.id);

    const room = uniqueRoom('pinned');
    await pinRoom(state, room, 'B');
    expect(await roomNodeId(room)).toBe(b!.id);

    // a participant coming in through HAProxy (whichever node takes the signalling) joins it on B
    await joinParticipant({ room, identity: 'guest' }, livekitTarget(state));
    expect(await roomNodeId(room)).toBe(b!.id);
    for (const via of ['A', 'B', 'balancer']) {
      const listed = await eventually(
        () => roomService(state, via).listParticipants(room),
        (participants) => participants.length === 1,
      );
      expect(listed.map((p) => p.identity)).toEqual(['guest']);
    }
  });
});
