import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../livekit-server';

const run = promisify(execFile);

export interface RunningPostgres {
  /** postgres:// URL of the cluster's own database */
  url: string;
  /** a new empty database on the same server (test 7 starts replicas on one) */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

/** Debian's newest PostgreSQL bin folder, or undefined when postgresql is not installed. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((version) => existsSync(path.join(root, version, 'bin', 'initdb')))
    .sort((a, b) => Number(a) - Number(b));
  const newest = versions.at(-1);
  return newest ? path.join(root, newest, 'bin') : undefined;
}

/** PostgreSQL refuses to run as root: as root, its tools run as the `postgres` user (as .ci/run does). */
function asPostgres(binary: string, args: string[]) {
  return userInfo().uid === 0
    ? run('runuser', ['-u', 'postgres', '--', binary, ...args], { cwd: '/' })
    : run(binary, args);
}

/** A throwaway PostgreSQL cluster on loopback, like .ci/run's: trust auth, gone after stop(). */
export async function startPostgres(): Promise<RunningPostgres> {
  const bin = postgresBinDir();
  if (!bin) throw new Error("PostgreSQL is not installed (Debian: apt-get install postgresql)");
  const dir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-cluster-pg-'));
  if (userInfo().uid === 0) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const port = await freePort();
  const data = path.join(dir, 'data');
  await asPostgres(path.join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  await asPostgres(path.join(bin, 'pg_ctl'), [
    '-D', data, '-l', path.join(dir, 'server.log'), '-w',
    '-o', `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c max_connections=200`, 'start',
  ]);
  const serverUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const createDatabase = (name: string) => createDatabaseOn(serverUrl, name);
  return {
    url: await createDatabase('stagekeeper'),
    createDatabase,
    stop: async () => {
      await asPostgres(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A database of its own on a server that already runs (CI's, from DATABASE_URL): dropped at stop().
 */
export async function databaseOnServer(serverUrl: string, name: string): Promise<RunningPostgres> {
  const created: string[] = [];
  const createDatabase = async (database: string) => {
    const url = await createDatabaseOn(serverUrl, database);
    created.push(database);
    return url;
  };
  return {
    url: await createDatabase(name),
    createDatabase,
    stop: async () => {
      const client = new pg.Client({ connectionString: serverUrl });
      await client.connect();
      for (const database of created) await client.query(`drop database if exists "${database}" with (force)`).catch(() => {});
      await client.end();
    },
  };
}

async function createDatabaseOn(serverUrl: string, name: string): Promise<string> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`not a database name: ${name}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
