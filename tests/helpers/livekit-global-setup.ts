import path from 'node:path';
import type { TestProject } from 'vitest/node';
import {
  freeLiveKitPorts,
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
  }
}

/** Two real LiveKit servers on free loopback ports: LiveKit's default config, and one that allows remote unmute. */
export default async function setup(project: TestProject) {
  const logDir = path.join(REPO_ROOT, 'test-results', 'livekit', project.name);
  const servers: RunningLiveKit[] = [];
  const teardown = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    servers.push(
      await startLiveKitServer({
        ports: await freeLiveKitPorts(),
        webhookUrl: null,
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
  return teardown;
}
