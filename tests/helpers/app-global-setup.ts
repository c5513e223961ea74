import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { buildApp, startApp } from './app-server';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
  }
}

/** Builds the dashboard and serves it against the LiveKit server the previous global setup started. */
export default async function setup(project: TestProject) {
  buildApp();
  const app = await startApp(project.getProvidedContext().livekit, path.join(REPO_ROOT, 'test-results', 'app.log'));
  project.provide('appUrl', app.url);
  return app.stop;
}
