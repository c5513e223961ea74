import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('..', import.meta.url));
const alias = {
  '@': root,
  'server-only': fileURLToPath(new URL('./helpers/server-only-stub.ts', import.meta.url)),
};

export default defineConfig({
  root,
  resolve: { alias },
  test: {
    reporters: ['default', './tests/helpers/summary-reporter.ts'],
    onConsoleLog: (log) => !log.startsWith('[audit]'),
    projects: [
      {
        resolve: { alias },
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/livekit-global-setup.ts', 'tests/helpers/database-global-setup.ts'],
          setupFiles: ['tests/helpers/livekit-env-setup.ts', 'tests/helpers/actors.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/livekit-global-setup.ts', 'tests/helpers/app-global-setup.ts'],
          setupFiles: ['tests/helpers/livekit-env-setup.ts'],
          testTimeout: 45_000,
          hookTimeout: 240_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'cluster',
          include: ['tests/cluster/**/*.test.ts'],
          environment: 'node',
          // the whole topology once for every file; it reuses the e2e build when the app is unchanged
          globalSetup: ['tests/helpers/cluster-global-setup.ts'],
          testTimeout: 90_000,
          hookTimeout: 240_000,
          pool: 'forks',
          fileParallelism: false,
          // after the other projects: its timed bounds (an eject within 1 s) need the cores to itself
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
