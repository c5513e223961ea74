import { readFileSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import {
  act,
  auditRows,
  clusterState,
  control,
  describeCluster,
  livekitTarget,
  pinRoom,
  node,
  replica,
  roomService,
  signIn,
} from '../helpers/cluster';
import { eventually, joinParticipant, uniqueRoom } from '../helpers/participants';

afterAll(async () => {
  for (const { name, running } of (await clusterState()).replicas) {
    if (!running) await control({ op: 'restart', target: `replica:${name}` });
  }
});

describeCluster('bans for every room across nodes', () => {
  it('an every-room ban removes the identity from two rooms on different nodes', async () => {
    const state = await clusterState();
    const [onA, onB] = [uniqueRoom('everywhere-a'), uniqueRoom('everywhere-b')];
    await pinRoom(state, onA, 'A');
    await pinRoom(state, onB, 'B');
    const inA = await joinParticipant({ room: onA, identity: 'roamer' }, livekitTarget(state));
    const inB = await joinParticipant({ room: onB, identity: 'roamer' }, livekitTarget(state));

    const one = replica(state, '1').url;
    const cookie = await signIn(one, state);
    const banned = await act(one, cookie, 'banParticipant', { room: onA, identity: 'roamer', scope: 'everywhere', reason: 'spam' });
    expect(banned.result).toMatchObject({ ok: true });

    await inA.waitFor('disconnected');
    await inB.waitFor('disconnected');
    for (const room of [onA, onB]) {
      const listed = await eventually(
        async () => (await roomService(state).listParticipants(room)).map((p) => p.identity),
        (identities) => !identities.includes('roamer'),
      );
      expect(listed).not.toContain('roamer');
    }
  });

  it('a banned identity that joined while every replica was stopped is removed by the sweep at start', { timeout: 420_000 }, async () => {
    const state = await clusterState();
    const room = uniqueRoom('sweep');
    await pinRoom(state, room, 'B');
    const one = replica(state, '1').url;
    const cookie = await signIn(one, state);
    const banned = await act(one, cookie, 'banParticipant', { room, identity: 'sleeper', scope: 'everywhere', reason: 'spam' });
    expect(banned.result).toMatchObject({ ok: true });

    await Promise.all(state.replicas.map(({ name }) => control({ op: 'stop', target: `replica:${name}` })));
    // nobody receives LiveKit's webhook for this join: HAProxy has no replica to send it to
    const sleeper = await joinParticipant({ room, identity: 'sleeper' }, livekitTarget(state));
    expect((await roomService(state).listParticipants(room)).map((p) => p.identity)).toContain('sleeper');
    // LiveKit retries a webhook for about 15 s: the replicas come back only once node B has given up on it
    await eventually(
      async () =>
        readFileSync(node(state, 'B').logFile, 'utf8')
          .split('\n')
          .some((line) => line.includes('failed to send webhook') && line.includes('"participant_joined"') && line.includes(room)),
      (gaveUp) => gaveUp,
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const restartedAt = new Date();

    for (const { name } of state.replicas) await control({ op: 'restart', target: `replica:${name}` });
    await sleeper.waitFor('disconnected', () => true, 60_000);
    const removal = await eventually(
      async () => (await auditRows(state, { room, identity: 'sleeper' })).filter((row) => row.at >= restartedAt),
      (rows) => rows.length > 0,
    );
    expect(removal[0]).toMatchObject({ outcome: 'ok', actor_email: null });
  });
});
