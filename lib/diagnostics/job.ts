import 'server-only';
import { hostname } from 'node:os';
import { database } from '@/lib/db';
import packageJson from '@/package.json';
import { beatHeart } from './store';

export const HEARTBEAT_EVERY_MS = 15_000;

/** This process as the Diagnostics page lists it: host and pid, so two replicas on one host differ. */
export const REPLICA = { id: `${hostname()}-${process.pid}`, version: packageJson.version, startedAt: new Date() } as const;

/** Every replica writes its heartbeat (version, its clock) every 15 s, for the Diagnostics page's replica lines. */
export function beatContinuously(): void {
  const beat = () =>
    database()
      .then((db) => beatHeart(db, REPLICA))
      .catch((error: unknown) => console.error('[diagnostics] could not write this replica\'s heartbeat', error));
  void beat();
  setInterval(() => void beat(), HEARTBEAT_EVERY_MS).unref();
}
