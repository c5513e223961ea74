import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freeLiveKitPorts, freePort, REPO_ROOT, startLiveKitServer } from '../scripts/lib/livekit-server';
import { buildApp, startApp, type AppOptions } from '../tests/helpers/app-server';
import { launchChromium } from '../tests/helpers/browser';
import { benchBigRoom } from './big-room';
import { benchBulkMute } from './bulk-mute';
import { benchFidelity } from './fidelity';
import { benchJoinLeave } from './join-leave-latency';
import { benchModerators } from './moderators';
import { benchPage } from './page';
import { benchPromote } from './promote-latency';
import { benchRealCrowd } from './real-crowd';

const ALL = ['promote', 'page', 'big-room', 'bulk', 'crowd', 'fidelity', 'moderators'] as const;
/** `npm run bench` runs every benchmark; `npm run bench -- bulk crowd` only those (and `join-leave`, `retention` and `api`, only when named). */
const args = process.argv.slice(2);
/** `--postgres <url>`: the dashboard on that PostgreSQL database instead of its embedded PGlite */
const postgresAt = args.indexOf('--postgres');
const databaseUrl = postgresAt >= 0 ? args.splice(postgresAt, 2)[1] : undefined;
if (postgresAt >= 0 && !databaseUrl?.startsWith('postgres')) throw new Error('--postgres needs a postgres:// URL');
const chosen = new Set<string>(args.length > 0 ? args : ALL);

// rows and bytes, not time: a throwaway PGlite of its own, the dashboard's stores loaded outside Next (bench/tsconfig.server.json)
if (chosen.delete('retention')) {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync('npx', ['tsx', '--tsconfig', 'bench/tsconfig.server.json', 'bench/retention.ts'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  if (chosen.size === 0) process.exit(0);
}

// LiveKit calls counted, not timed: the dashboard's code outside Next behind a counting proxy (bench/api-calls.ts)
if (chosen.delete('api')) {
  const { spawnSync } = await import('node:child_process');
  const run = spawnSync('npx', ['tsx', '--tsconfig', 'bench/tsconfig.server.json', 'bench/api-calls.ts'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
  if (chosen.size === 0) process.exit(0);
}

// on the scale-out topology (its own LiveKit nodes, replicas and HAProxy), not the single server below
if (chosen.delete('moderators')) {
  await benchModerators();
  if (chosen.size === 0) process.exit(0);
}

// LiveKit's webhooks reach the dashboard as in a deployment (bans, the rooms list, joins and leaves)
const appPort = await freePort();
const livekit = await startLiveKitServer({
  ports: await freeLiveKitPorts(),
  webhookUrl: `http://127.0.0.1:${appPort}/api/livekit/webhook`,
  enableRemoteUnmute: true,
  logFile: path.join(REPO_ROOT, 'test-results', 'bench-livekit.log'),
});
const dataDir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-bench-'));
const options: AppOptions = {
  dataDir,
  nextauthSecret: randomBytes(24).toString('hex'),
  admin: { email: 'bench@stagekeeper.local', password: randomBytes(12).toString('hex') },
  port: appPort,
  databaseUrl,
};
let app: Awaited<ReturnType<typeof startApp>> | undefined;
const browser = await launchChromium();
try {
  // the big-room and crowd benchmarks feed the room page through window.__stagekeeper.inject
  buildApp({ STAGEKEEPER_BENCH_HOOKS: '1' });
  app = await startApp(livekit, path.join(REPO_ROOT, 'test-results', 'bench-app.log'), options);
  console.log(`Stagekeeper benchmarks — ${new Date().toISOString()}, LiveKit ${livekit.url}, app ${app.url} (production build, ${databaseUrl ? 'PostgreSQL' : 'PGlite'})`);

  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const signIn = await context.newPage();
  await signIn.goto(`${app.url}/signin`);
  await signIn.getByLabel('Email').fill(options.admin.email);
  await signIn.getByLabel('Password').fill(options.admin.password);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await signIn.waitForURL((url) => !url.pathname.startsWith('/signin'));
  await signIn.close();

  if (chosen.has('promote')) await benchPromote(livekit, app.url, context);
  if (chosen.has('page')) await benchPage(livekit, app.url, context);
  if (chosen.has('big-room')) await benchBigRoom(livekit, app.url, context);
  if (chosen.has('bulk')) await benchBulkMute(livekit, app.url, options.admin);
  if (chosen.has('crowd')) await benchRealCrowd(livekit, app.url, context);
  if (chosen.has('fidelity')) await benchFidelity(livekit, app.url, context);
  if (chosen.has('join-leave')) await benchJoinLeave(livekit);
} finally {
  await browser.close();
  await app?.stop();
  await livekit.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
