import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  freeLiveKitPorts,
  freePort,
  REPO_ROOT,
  startLiveKitServer,
  type RunningLiveKit,
} from '../../scripts/lib/livekit-server';

export interface TestLiveKitServer {
  url: string;
  apiKey: string;
  apiSecret: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    livekit: TestLiveKitServer;
    livekitRemoteUnmute: TestLiveKitServer;
    /** the port the dashboard under test listens on; the standard server sends its webhooks there */
    appPort: number;
    /** STAGEKEEPER_APP_KEY for the token endpoint */
    appKey: string;
  }
}

export const TEST_APP_KEY = 'test-app-key-0123456789abcdef';

/**
 * Two real LiveKit servers on free loopback ports: LiveKit's default config (sending webhooks to the
 * dashboard under test, where there is one), and one that allows remote unmute.
 */
export default async function setup(project: TestProject) {
  const logDir = path.join(REPO_ROOT, 'test-results', 'livekit', project.name);
  const servers: RunningLiveKit[] = [];
  const teardown = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  const appPort = await freePort();
  try {
    servers.push(
      await startLiveKitServer({
        ports: await freeLiveKitPorts(),
        webhookUrl: `http://127.0.0.1:${appPort}/api/livekit/webhook`,
        logFile: path.join(logDir, 'default.log'),
      }),
      await startLiveKitServer({
        ports: await freeLiveKitPorts(),
        enableRemoteUnmute: true,
        webhookUrl: null,
        logFile: path.join(logDir, 'remote-unmute.log'),
      }),
    );
  } catch (error) {
    await teardown();
    throw error;
  }
  const [standard, remoteUnmute] = servers.map(({ url, apiKey, apiSecret }) => ({ url, apiKey, apiSecret }));
  project.provide('livekit', standard!);
  project.provide('livekitRemoteUnmute', remoteUnmute!);
  project.provide('appPort', appPort);
  project.provide('appKey', TEST_APP_KEY);
  return teardown;
}
