import path from 'node:path';
import { freeLiveKitPorts, REPO_ROOT, startLiveKitServer } from '../scripts/lib/livekit-server';
import { launchChromium } from '../tests/helpers/browser';
import { buildApp, startApp } from '../tests/helpers/app-server';
import { benchBigRoom, benchRealCrowd } from './big-room';
import { benchBulkMute } from './bulk-mute';
import { benchPromote } from './promote-latency';

const livekit = await startLiveKitServer({
  ports: await freeLiveKitPorts(),
  webhookUrl: null,
  enableRemoteUnmute: true,
  logFile: path.join(REPO_ROOT, 'test-results', 'bench-livekit.log'),
});
let app: Awaited<ReturnType<typeof startApp>> | undefined;
try {
  buildApp();
  app = await startApp(livekit, path.join(REPO_ROOT, 'test-results', 'bench-app.log'));
  console.log(`Stagekeeper benchmarks — ${new Date().toISOString()}, LiveKit ${livekit.url}, app ${app.url} (production build)`);
  await benchPromote(livekit, app.url);
  const browser = await launchChromium();
  try {
    await benchBigRoom(livekit, app.url, browser);
    await benchRealCrowd(livekit, app.url, browser, 100);
  } finally {
    await browser.close();
  }
  await benchBulkMute(livekit);
} finally {
  await app?.stop();
  await livekit.stop();
}
process.exit(0);
