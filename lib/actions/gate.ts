import 'server-only';
import { requiredRole, roleAllows, type Access, type Role } from '@/lib/auth/roles';
import type { ActionError } from './result';

/** What an action needs from the person calling it: read and self → viewer+, moderate → moderator+, admin → admin. */
export type ActionAccess = Access;

export interface Actor {
  id: string;
  email: string;
  role: Role;
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
  /** who asked; null when nobody was signed in */
  actor: Actor | null;
  target: ActionTarget;
  /** the input as sent, made JSON-safe with secrets redacted (see auditableInput) */
  input: unknown;
  /** the target's state around the change, for actions that define a snapshot */
  before?: unknown;
  after?: unknown;
  outcome: { ok: true } | { ok: false; error: ActionError };
  durationMs: number;
  /** the entry of the bulk request this item belongs to */
  parentId?: number;
  /** the entry an undo undoes */
  undoesId?: number;
  /** refused before its handler ran (not signed in, not allowed, invalid input): bounded per account */
  refused?: boolean;
}

/** What is known before the handler runs: the entry written as `pending`, completed once the call ends. */
export type PendingEntry = Omit<AuditEntry, 'outcome' | 'after' | 'durationMs'>;

/** The audit log's own failure: a change is refused rather than made without a record. */
export class AuditUnavailable extends Error {
  override name = 'AuditUnavailable';
}

export type Authorization =
  | { ok: true; actor: Actor }
  | { ok: false; actor: Actor | null; error: ActionError & { code: 'unauthorized' | 'forbidden' } };

/** Where audit entries go. */
export interface AuditSink {
  /** a finished entry of a call that changed nothing: a refusal, a read */
  record(entry: AuditEntry): Promise<void>;
  /** the entry as `pending`, before the change is attempted; its id completes it. Rejects when it cannot be written. */
  begin(entry: PendingEntry): Promise<number>;
  /** the pending entry `id` with its outcome (also over `interrupted`, should a sweep have got there first) */
  complete(id: number, entry: AuditEntry): Promise<void>;
}

/**
 * The one seam where accounts and the audit log plug into every action.
 * defineAction calls authorize before anything else; a change is written as pending before it runs
 * and completed after; refusals and reads are recorded once they end. No action can skip either.
 */
export interface ActionGate extends AuditSink {
  authorize(request: { action: string; access: ActionAccess }): Promise<Authorization>;
}

/** The role check every gate shares; only where the actor comes from and where entries go differ. */
export function roleGate({ currentActor, sink }: { currentActor: () => Promise<Actor | null>; sink: AuditSink }): ActionGate {
  return {
    async authorize(request) {
      return authorizeActor(await currentActor(), request);
    },
    record: (entry) => sink.record(entry),
    begin: (entry) => sink.begin(entry),
    complete: (id, entry) => sink.complete(id, entry),
  };
}

/** Whether this actor may call the action; a bulk request checks each of its items with the actor it already has. */
export function authorizeActor(actor: Actor | null, { action, access }: { action: string; access: ActionAccess }): Authorization {
  if (!actor) {
    return { ok: false, actor: null, error: { code: 'unauthorized', message: 'Sign in to use Stagekeeper' } };
  }
  if (!roleAllows(actor.role, access)) {
    return {
      ok: false,
      actor,
      error: {
        code: 'forbidden',
        message: `${action} needs the ${requiredRole(access)} role; ${actor.email} is a ${actor.role}`,
      },
    };
  }
  return { ok: true, actor };
}

let installed: ActionGate | undefined;

/** The installed gate, or the given default (the session gate in the app). */
export function actionGate(fallback: ActionGate): ActionGate {
  return installed ?? fallback;
}

/** Tests install a gate with an actor of their choosing; undefined restores the default. */
export function installActionGate(gate: ActionGate | undefined): void {
  installed = gate;
}

const SECRET_KEY = /pass(word)?|secret|token|credential/i;
const MAX_AUDITED_STRING = 8 * 1024;
const MAX_DEPTH = 8;
/** NUL (PostgreSQL's jsonb refuses it) and surrogates, which may be unpaired: most strings have neither */
const NEEDS_CLEANING = /[\u0000\uD800-\uDFFF]/;

/**
 * Inputs arrive from a public endpoint and may be anything React can decode (BigInt, Map, Date, NUL
 * characters PostgreSQL's jsonb refuses): this turns them into plain JSON that always stores,
 * with secret-looking fields redacted and very long strings cut.
 */
export function auditableInput(value: unknown, depth = 0): unknown {
  if (value === undefined) return null;
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') {
    if (value.length <= MAX_AUDITED_STRING && !NEEDS_CLEANING.test(value)) return value;
    const clean = value.replaceAll('\u0000', '\\u0000').replace(/[\uD800-\uDFFF]/g, (c, i, s: string) => {
      const code = c.charCodeAt(0);
      const pairedHigh = code <= 0xdbff && /[\uDC00-\uDFFF]/.test(s[i + 1] ?? '');
      const pairedLow = code >= 0xdc00 && /[\uD800-\uDBFF]/.test(s[i - 1] ?? '');
      return pairedHigh || pairedLow ? c : '\uFFFD';
    });
    return clean.length > MAX_AUDITED_STRING ? `${clean.slice(0, MAX_AUDITED_STRING)}… (${clean.length} chars)` : clean;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Array.isArray(value)) return value.slice(0, 200).map((item) => auditableInput(item, depth + 1));
  if (value instanceof Map) return { $map: auditableInput([...value.entries()], depth + 1) };
  if (value instanceof Set) return { $set: auditableInput([...value], depth + 1) };
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .slice(0, 200)
        .map(([key, item]) => [
          auditableInput(key) as string,
          SECRET_KEY.test(key) ? '[redacted]' : auditableInput(item, depth + 1),
        ]),
    );
  }
  return `[${typeof value}]`;
}

/** A refused call's input is kept to this many characters of JSON: refusals must not be a way to fill the database. */
export const MAX_REFUSED_INPUT_CHARS = 1536;

/**
 * The input of a refused call, bounded: as auditableInput when its JSON is short, otherwise the
 * start of that JSON with the size the caller sent.
 */
export function refusedInput(value: unknown): unknown {
  const auditable = auditableInput(value);
  const json = JSON.stringify(auditable);
  if (json.length <= MAX_REFUSED_INPUT_CHARS) return auditable;
  return { truncated: json.slice(0, MAX_REFUSED_INPUT_CHARS - 100), originalChars: sentLength(value) ?? json.length };
}

/** The JSON length of what the caller sent (before auditableInput cut anything); undefined when it has no JSON form. */
function sentLength(value: unknown): number | undefined {
  try {
    return JSON.stringify(value, (_key, item: unknown) => (typeof item === 'bigint' ? String(item) : item))?.length;
  } catch {
    return undefined;
  }
}
