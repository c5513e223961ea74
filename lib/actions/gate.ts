import 'server-only';
import type { ActionError } from './result';

/** What an action needs from the person calling it. */
export type ActionAccess = 'read' | 'moderate' | 'admin';

export interface Actor {
  id: string;
  label: string;
}

export interface ActionTarget {
  room?: string;
  identity?: string;
  trackSid?: string;
}

export interface AuditEntry {
  at: Date;
  action: string;
  access: ActionAccess;
  actor: Actor | null;
  target: ActionTarget;
  input: unknown;
  outcome: { ok: true } | { ok: false; error: ActionError };
  durationMs: number;
}

export type Authorization =
  | { ok: true; actor: Actor }
  | { ok: false; error: ActionError & { code: 'unauthorized' | 'forbidden' } };

/**
 * The one seam where accounts and the audit log plug into every action.
 * defineAction calls authorize before running a handler and record after every call,
 * allowed or refused, so no action can skip either.
 */
export interface ActionGate {
  authorize(request: { action: string; access: ActionAccess }): Promise<Authorization>;
  record(entry: AuditEntry): Promise<void>;
}

/**
 * Until moderator accounts exist, every caller is the same anonymous operator and the
 * audit trail is a structured log line on the server's stdout. Successful reads are left out:
 * the live console lists often, and those lines would bury the actions that matter.
 */
export const anonymousOperatorGate: ActionGate = {
  async authorize() {
    return { ok: true, actor: { id: 'anonymous', label: 'anonymous operator' } };
  },
  async record(entry) {
    if (entry.access === 'read' && entry.outcome.ok) return;
    console.info(`[audit] ${JSON.stringify({ ...entry, target: abbreviate(entry.target), input: abbreviate(entry.input) })}`);
  },
};

let currentGate: ActionGate = anonymousOperatorGate;

export function actionGate(): ActionGate {
  return currentGate;
}

export function installActionGate(gate: ActionGate): void {
  currentGate = gate;
}

const MAX_LOGGED_STRING = 120;

/** Keeps log lines short: long strings (metadata can be 64 KiB) are cut, with their full length noted. */
export function abbreviate(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') {
    return value.length > MAX_LOGGED_STRING ? `${value.slice(0, MAX_LOGGED_STRING)}… (${value.length} chars)` : value;
  }
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.slice(0, 20).map((item) => abbreviate(item, depth + 1));
  return Object.fromEntries(Object.entries(value).slice(0, 50).map(([key, item]) => [key, abbreviate(item, depth + 1)]));
}
