import { createHash, randomUUID } from 'node:crypto';
import { AccessToken } from 'livekit-server-sdk';
import { expect, it } from 'vitest';
import { act, clusterDatabase, clusterState, describeCluster, replica, signIn, type ClusterState } from '../helpers/cluster';
import { uniqueRoom } from '../helpers/participants';

/** Reads `event: room` messages of a replica's stream until one matches, or gives up after `timeoutMs`. */
async function nextRoomEvent(url: string, cookie: string, matches: (change: { kind: string; room: string | null }) => boolean, timeoutMs: number) {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const response = await fetch(`${url}/api/rooms/stream`, { headers: { Cookie: cookie }, signal: abort.signal });
  expect(response.status).toBe(200);
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let opened!: () => void;
  const ready = new Promise<void>((resolve) => (opened = resolve));
  const found = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (message.includes('event: hello')) opened();
          const data = message.split('\n').find((line) => line.startsWith('data: '))?.slice(6);
          if (message.includes('event: room') && data) {
            const change = JSON.parse(data) as { kind: string; room: string | null };
            if (matches(change)) return { change, at: Date.now() };
          }
        }
      }
    } catch {
      return null;
    } finally {
      clearTimeout(timer);
      abort.abort();
    }
  })();
  await ready;
  return found;
}

describeCluster('claims across replicas', () => {
  it('a claim made through replica 1 is pushed to a page on replica 2 and read there from PostgreSQL', async () => {
    const state = await clusterState();
    const one = replica(state, '1').url;
    const two = replica(state, '2').url;
    const room = uniqueRoom('claims');
    const [cookieOne, cookieTwo] = await Promise.all([signIn(one, state), signIn(two, state)]);

    const pushed = nextRoomEvent(two, cookieTwo, (change) => change.kind === 'claims_changed' && change.room === room, 10_000);
    const claimedAt = Date.now();
    const claimed = await act(one, cookieOne, 'claimTarget', { kind: 'participant', room, identity: 'fan' });
    expect(claimed.result).toMatchObject({ ok: true });
    const arrived = await pushed;
    expect(arrived, 'replica 2 pushed claims_changed').not.toBeNull();
    console.log(`[claims] claim through replica 1 → claims_changed on replica 2's stream after ${arrived!.at - claimedAt} ms`);

    const listed = await act(two, cookieTwo, 'listClaims', { room });
    expect(listed.result).toMatchObject({ ok: true, data: { claims: [{ identity: 'fan', kind: 'participant' }] } });
    const { rows } = await clusterDatabase(state).query('select claimed_by_name from claims where room = $1', [room]);
    expect(rows).toHaveLength(1);
  });
});

async function joinWebhook(state: ClusterState, url: string, room: string, identity: string): Promise<number> {
  const body = JSON.stringify({
    event: 'participant_joined',
    id: `EV_${randomUUID()}`,
    createdAt: String(Math.floor(Date.now() / 1000)),
    room: { name: room },
    participant: { identity, sid: `PA_${randomUUID().slice(0, 12)}` },
  });
  const token = new AccessToken(state.keys.apiKey, state.keys.apiSecret);
  token.sha256 = createHash('sha256').update(body).digest('base64');
  const response = await fetch(`${url}/api/livekit/webhook`, {
    method: 'POST',
    headers: { Authorization: await token.toJwt(), 'Content-Type': 'application/webhook+json' },
    body,
  });
  return response.status;
}

describeCluster('presence and alerts on PostgreSQL, across replicas', () => {
  it('a tab on each replica sees the other; churn reported to one replica is listed by the other', async () => {
    const state = await clusterState();
    const one = replica(state, '1').url;
    const two = replica(state, '2').url;
    const room = uniqueRoom('alerts');
    const [cookieOne, cookieTwo] = await Promise.all([signIn(one, state), signIn(two, state)]);

    // a room page is present while its event stream, naming the room and its tab, is open
    const pages = new AbortController();
    const openPage = (url: string, cookie: string, tab: string) =>
      fetch(`${url}/api/rooms/stream?present=${encodeURIComponent(room)}&tab=${tab}`, { headers: { cookie }, signal: pages.signal });
    try {
      expect((await openPage(one, cookieOne, 'tab-on-replica-1')).status).toBe(200);
      expect((await openPage(two, cookieTwo, 'tab-on-replica-2')).status).toBe(200);
      const listed = await act(two, cookieTwo, 'listPresence', { room });
      expect(listed.result).toMatchObject({ ok: true, data: { present: [{ tabs: 2 }] } });
    } finally {
      pages.abort();
    }

    for (let session = 0; session < 4; session += 1) expect(await joinWebhook(state, one, room, 'churner')).toBe(200);
    await joinWebhook(state, two, room, 'churner');
    const listed = await act(two, cookieTwo, 'listRoomAlerts', { room });
    expect(listed.result).toMatchObject({ ok: true, data: { alerts: [{ identity: 'churner', kind: 'churn', detail: { sessions: 5 } }] } });
  });
});
