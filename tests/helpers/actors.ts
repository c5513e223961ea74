import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, inject } from 'vitest';
import { installActionGate, roleGate, type Actor } from '@/lib/actions/gate';
import type { Role } from '@/lib/auth/roles';
import { database } from '@/lib/db';
import { databaseAuditSink } from '@/lib/actions/audit-store';

/**
 * Integration tests call the actions as plain functions, outside a Next request, so there is no
 * session cookie to read: they choose the actor here. Everything else is the app's own gate: the
 * same role check, and audit entries written to a real (throwaway PGlite) database.
 */
export const POSTGRES_URL = process.env.DATABASE_URL;
delete process.env.DATABASE_URL;

/** A data folder holding a copy of the run's migrated PGlite template. */
export function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-test-'));
  cpSync(inject('pgliteTemplate'), path.join(dir, 'pglite'), { recursive: true });
  return dir;
}

process.env.STAGEKEEPER_DATA_DIR = freshDataDir();

export function actorWith(role: Role): Actor {
  return { id: `test-${role}`, email: `${role}@test.example`, role, label: `Test ${role}` };
}

let current: Actor | null = actorWith('moderator');

export function actAs(actor: Actor | null): void {
  current = actor;
}

/** The tests' gate: the actor actAs chose; anonymous refusals counted against `clientAddress`'s limit. */
export function installTestGate(clientAddress?: () => Promise<string | undefined>): void {
  installActionGate(roleGate({ currentActor: async () => current, sink: databaseAuditSink(database, clientAddress) }));
}

installTestGate();

afterEach(() => actAs(actorWith('moderator')));
