import path from 'node:path';
import { freeLiveKitPorts, REPO_ROOT, startLiveKitServer } from '../scripts/lib/livekit-server';
import { buildApp, startApp } from '../tests/helpers/app-server';
import { benchPromote } from './promote-latency';

const livekit = await startLiveKitServer({
  ports: await freeLiveKitPorts(),
  webhookUrl: null,
  logFile: path.join(REPO_ROOT, 'test-results', 'bench-livekit.log'),
});
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  buildApp();
  app = await startApp(livekit, path.join(REPO_ROOT, 'test-results', 'bench-app.log'));
  console.log(`Stagekeeper benchmarks — ${new Date().toISOString()}, LiveKit ${livekit.url}, app ${app.url}`);
  await benchPromote(livekit, app.url);
} finally {
  await app?.stop();
  await livekit.stop();
}
process.exit(0);
