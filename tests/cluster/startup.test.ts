import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import pg from 'pg';
import { defineReplica, type Replica } from '../../scripts/lib/cluster';
import { freePort, REPO_ROOT } from '../../scripts/lib/livekit-server';
import { clusterState, control, describeCluster } from '../helpers/cluster';

const started: Replica[] = [];
afterAll(async () => {
  await Promise.all(started.map((replica) => replica.stop()));
});

describeCluster('two replicas starting at the same moment', () => {
  it('on an empty database: both come up, the migrations run once, there is one first admin', async () => {
    const state = await clusterState();
    const databaseUrl = await control<string>({ op: 'create-database', name: `stagekeeper_empty_${Date.now()}` });
    const shared = {
      publicUrl: state.dashboardUrl,
      nextauthSecret: randomBytes(32).toString('base64'),
      actionsEncryptionKey: randomBytes(32).toString('base64'),
      deploymentId: state.deploymentId,
      databaseUrl,
      livekit: { url: state.livekitUrl, ...state.keys },
      admin: { email: 'first@cluster.local', password: randomBytes(12).toString('hex') },
      appKey: state.appKey,
      livekitTimeoutMs: state.livekitTimeoutMs,
    };
    const logDir = path.join(REPO_ROOT, 'test-results', 'cluster');
    const replicas = [defineReplica('empty-1', await freePort(), shared, logDir), defineReplica('empty-2', await freePort(), shared, logDir)];
    started.push(...replicas);

    await Promise.all(replicas.map((replica) => replica.restart()));
    for (const replica of replicas) {
      const health = await fetch(`${replica.url}/api/health`);
      expect(health.status).toBe(200);
    }

    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const journal = JSON.parse(readFileSync(path.join(REPO_ROOT, 'lib/db/migrations/meta/_journal.json'), 'utf8')) as {
        entries: Array<{ tag: string }>;
      };
      const migrations = await client.query('select hash from drizzle.__drizzle_migrations');
      expect(migrations.rowCount).toBe(journal.entries.length);
      expect(new Set(migrations.rows.map((row) => row.hash)).size).toBe(journal.entries.length);
      const admins = await client.query("select email from accounts where role = 'admin'");
      expect(admins.rows).toEqual([{ email: shared.admin.email }]);
    } finally {
      await client.end();
    }
  });
});
