import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { buildApp, startApp, type AppOptions } from './app-server';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    app: AppOptions;
    /** secrets the build saw, and the app's own; none may appear in .next/static */
    buildSecrets: string[];
  }
}

/**
 * Builds the dashboard and serves it against the LiveKit server the previous global setup started,
 * with a throwaway data folder (never the developer's .data), its own NEXTAUTH_SECRET and an admin.
 */
export default async function setup(project: TestProject) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-e2e-'));
  const app: AppOptions = {
    dataDir,
    nextauthSecret: `nextauth-${randomBytes(24).toString('hex')}`,
    admin: { email: 'admin@e2e.test', password: `pw-${randomBytes(12).toString('hex')}` },
    port: project.getProvidedContext().appPort,
    appKey: project.getProvidedContext().appKey,
  };
  // shared with the cluster tests' setup (one build of this tree, the secrets it saw recorded with it)
  const built = buildApp({}, console.log, { reuseSameTree: true });
  const running = await startApp(project.getProvidedContext().livekit, path.join(REPO_ROOT, 'test-results', 'app.log'), app);
  project.provide('appUrl', running.url);
  project.provide('app', app);
  project.provide('buildSecrets', [...built.secrets, app.nextauthSecret, app.admin.password]);
  return async () => {
    await running.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
