import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RoomServiceClient } from 'livekit-server-sdk';
import { mintObserverToken } from '@/lib/participants/observer-actions';
import { DEV_KEYS, freePort, LIVEKIT_BIN, LIVEKIT_CONFIG, REPO_ROOT } from '../../scripts/lib/livekit-server';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

const logs = path.join(REPO_ROOT, 'test-results', 'ghost-room');
const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

interface Node {
  url: string;
  process: ChildProcess;
  log: string;
}

const children: ChildProcess[] = [];
let redisPort = 0;
const nodes: Node[] = [];

async function answers(url: string) {
  for (let i = 0; i < 150; i += 1) {
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1_000) })).ok) return;
    } catch {
      // not yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not answer`);
}

/** Two LiveKit nodes sharing one Redis, as in a cluster. */
async function startCluster() {
  mkdirSync(logs, { recursive: true });
  redisPort = await freePort();
  children.push(spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
  const config = readFileSync(LIVEKIT_CONFIG, 'utf8').replace(/^webhook:\n(?:[ \t]+.*\n?)*/m, '') + `redis:\n  address: 127.0.0.1:${redisPort}\n`;
  for (const name of ['a', 'b']) {
    const [http, tcp, udp] = [await freePort(), await freePort(), await freePort('udp')];
    const file = path.join(logs, `${name}.yaml`);
    writeFileSync(file, config);
    const log = path.join(logs, `${name}.log`);
    const child = spawn(
      LIVEKIT_BIN,
      ['--config', file, '--bind', '127.0.0.1', '--node-ip', '127.0.0.1', '--port', String(http), '--rtc.tcp_port', String(tcp), '--udp-port', String(udp)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const out = createWriteStream(log);
    child.stdout!.pipe(out);
    child.stderr!.pipe(out);
    children.push(child);
    nodes.push({ url: `http://127.0.0.1:${http}`, process: child, log });
  }
  await Promise.all(nodes.map((node) => answers(node.url)));
}

/** The node hosting the room, from LiveKit's own routing table in Redis. */
function hostOf(room: string): Node {
  const nodeId = spawnSync('redis-cli', ['-p', String(redisPort), 'HGET', 'room_node_map', room], { encoding: 'utf8' }).stdout.trim();
  const host = nodes.find((node) => nodeId !== '' && readFileSync(node.log, 'utf8').includes(`"nodeID": "${nodeId}"`));
  if (!host) throw new Error(`no node hosts ${room} (${nodeId})`);
  return host;
}

describe.skipIf(!hasRedis)('observer token in a cluster where a node was killed', () => {
  beforeAll(startCluster, 60_000);
  afterAll(() => {
    for (const child of children) child.kill('SIGKILL');
  });

  it('refuses a ghost of a killed node\'s room (ListRooms still lists it), and joins once participants bring it back', async () => {
    const room = uniqueRoom('ghost');
    await new RoomServiceClient(nodes[0]!.url, DEV_KEYS.apiKey, DEV_KEYS.apiSecret).createRoom({ name: room, emptyTimeout: 600 });
    const host = hostOf(room);
    const survivor = nodes.find((node) => node !== host)!;
    host.process.kill('SIGKILL');
    // the dashboard talks to the surviving node from now on (the first action reads the environment)
    process.env.LIVEKIT_URL = survivor.url;
    process.env.LIVEKIT_API_KEY = DEV_KEYS.apiKey;
    process.env.LIVEKIT_API_SECRET = DEV_KEYS.apiSecret;

    const listed = await new RoomServiceClient(survivor.url, DEV_KEYS.apiKey, DEV_KEYS.apiSecret).listRooms([room]);
    expect(listed.map((entry) => entry.name)).toEqual([room]);
    expect(await mintObserverToken({ room })).toMatchObject({
      ok: false,
      error: { code: 'unreachable', message: expect.stringMatching(/its LiveKit node does not answer/) },
    });

    await joinParticipant({ room, identity: 'back' }, { url: survivor.url, ...DEV_KEYS });
    expect(await mintObserverToken({ room })).toMatchObject({ ok: true });
  }, 60_000);
});
