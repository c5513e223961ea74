import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { startApp, type AppOptions, type RunningApp } from './app-server';
import { testServer } from './participants';

export interface OwnApp {
  options: AppOptions;
  /** starts (or starts again) the dashboard on its own data folder; the last one started is stopped after the file */
  start(): Promise<RunningApp>;
}

/**
 * A dashboard of the test file's own, for tests that stop, kill or restart it: its own data folder
 * (removed after the file), secret, first admin and log (`test-results/app-<name>.log`), the build
 * the e2e setup made, talking to the standard test LiveKit (or to `livekit`: a proxy in front of it).
 */
export function ownApp(name: string, livekit: () => Parameters<typeof startApp>[0] = () => testServer()): OwnApp {
  const options: AppOptions = {
    dataDir: mkdtempSync(path.join(tmpdir(), `stagekeeper-${name}-`)),
    nextauthSecret: `${name}-${randomBytes(24).toString('hex')}`,
    admin: { email: `admin@${name}.test`, password: `pw-${randomBytes(12).toString('hex')}` },
  };
  const log = path.join(REPO_ROOT, 'test-results', `app-${name}.log`);
  let latest: RunningApp | undefined;
  afterAll(async () => {
    await latest?.stop();
    rmSync(options.dataDir, { recursive: true, force: true });
  });
  return { options, start: async () => (latest = await startApp(livekit(), log, options)) };
}
