import 'server-only';
import { z } from 'zod';
import { sessionActionGate } from '@/lib/auth/action-gate';
import { LiveKitError } from '@/lib/livekit/errors';
import { mapWithConcurrency } from '@/lib/concurrency';
import {
  actionGate,
  auditableInput,
  authorizeActor,
  type ActionAccess,
  type ActionGate,
  type ActionTarget,
  type Actor,
  type AuditEntry,
  type Authorization,
} from './gate';
import type { ActionError, ActionResult } from './result';

export interface ActionDefinition<Schema extends z.ZodType, T> {
  name: string;
  access: ActionAccess;
  input: Schema;
  run: (input: z.output<Schema>, context: ActionContext) => Promise<T>;
  /** the target's state, read before and after run for the audit log; null when there is none */
  snapshot?: (input: z.output<Schema>) => Promise<unknown>;
  /** the handler returns the target's new state, so the audit's "after" needs no second read */
  resultIsAfter?: boolean;
  /**
   * The target's state after run, from its state before (the snapshot, or a bulk request's listing)
   * and the result, so the audit's "after" needs no second read. Undefined when it cannot tell; the
   * snapshot is read again then.
   */
  afterFrom?: (before: unknown, result: T) => unknown;
  /**
   * false: a successful call writes no audit row (reads a page repeats on its own, e.g. a list
   * refreshed by a timer or a push); refused and failed calls are still audited. Default true.
   */
  auditSuccess?: boolean;
}

/** Who is acting, for handlers that record it themselves (a ban's author, say). */
export interface ActionContext {
  actor: Actor;
  /**
   * the target before run (JSON-safe), for handlers that would otherwise read it again: the snapshot,
   * or in a bulk request the target as the request listed it
   */
  before?: unknown;
}

export type Action<Schema extends z.ZodType, T> = undefined extends z.input<Schema>
  ? (input?: z.input<Schema>) => Promise<ActionResult<T>>
  : (input: z.input<Schema>) => Promise<ActionResult<T>>;

/**
 * authorize → validate → snapshot → run → snapshot → audit, one ActionResult.
 * Authorization comes before validation: a caller without the role learns nothing about the schema,
 * and nothing about the input reaches LiveKit.
 */
export function defineAction<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
): Action<Schema, T> {
  const action = async (rawInput?: unknown): Promise<ActionResult<T>> => {
    const started = performance.now();
    const gate = actionGate(sessionActionGate);
    const authorization = await gate.authorize({ action: definition.name, access: definition.access }).catch(
      (error: unknown): Authorization => {
        console.error(`[action] ${definition.name}: could not check the session`, error);
        return { ok: false, actor: null, error: { code: 'unauthorized', message: 'Could not check your session; sign in again' } };
      },
    );
    const { result, entry } = await perform(definition, rawInput, authorization, started);
    if (!audited(definition, result)) return result;
    await gate.record(entry).catch((error: unknown) => console.error(`[audit] could not record ${definition.name}`, error));
    return result;
  };
  return action as Action<Schema, T>;
}

/** Audit entries of a bulk request go to the database this many at a time. */
const AUDIT_BATCH = 100;

export interface BulkItem {
  input: unknown;
  /** the target as the bulk request just listed it: the audit's "before", and what the handler may check against */
  listed: unknown;
}

/**
 * Runs one action for every item of a bulk request that was itself authorized: each item is
 * still role-checked, validated, run and audited with its own entry carrying before and after,
 * and one failure does not stop the rest. What the request already has is not read again: the
 * session (its actor), the targets (its listing, as "before"), and with `afterFrom` the state after.
 * The entries are written in batches as items finish, so a crash mid-request loses at most one batch.
 */
export async function performEach<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  items: readonly BulkItem[],
  { actor, concurrency }: { actor: Actor; concurrency: number },
): Promise<ActionResult<T>[]> {
  const gate = actionGate(sessionActionGate);
  let unwritten: AuditEntry[] = [];
  let writes = Promise.resolve();
  const writeUnwritten = () => {
    const batch = unwritten;
    unwritten = [];
    writes = writes.then(() => recordAll(gate, batch, definition.name));
  };
  const results = await mapWithConcurrency(items, concurrency, async ({ input, listed }) => {
    const authorization = authorizeActor(actor, { action: definition.name, access: definition.access });
    const { result, entry } = await perform(definition, input, authorization, performance.now(), { listed });
    if (!audited(definition, result)) return result;
    unwritten.push(entry);
    if (unwritten.length >= AUDIT_BATCH) writeUnwritten();
    return result;
  });
  writeUnwritten();
  await writes;
  return results;
}

function audited<T>(definition: { auditSuccess?: boolean }, result: ActionResult<T>): boolean {
  return !(result.ok && definition.auditSuccess === false);
}

/** validate → snapshot → run → snapshot, and the audit entry that tells of it; never throws. */
async function perform<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  rawInput: unknown,
  authorization: Authorization,
  started: number,
  bulk?: { listed: unknown },
): Promise<{ result: ActionResult<T>; entry: AuditEntry }> {
  let states: Pick<AuditEntry, 'before' | 'after'> = {};
  let result: ActionResult<T>;
  if (!authorization.ok) {
    result = { ok: false, error: authorization.error };
  } else {
    const parsed = definition.input.safeParse(rawInput);
    if (!parsed.success) {
      result = { ok: false, error: validationError(parsed.error) };
    } else {
      const before = bulk ? auditableInput(bulk.listed) : await snapshot(definition, parsed.data);
      result = await runHandler(definition, parsed.data, { actor: authorization.actor, before });
      if (definition.snapshot) {
        states = { before, after: await after(definition, parsed.data, result, before) };
      }
    }
  }
  const entry: AuditEntry = {
    at: new Date(),
    action: definition.name,
    access: definition.access,
    actor: authorization.actor,
    target: targetOf(rawInput),
    input: auditableInput(rawInput),
    ...states,
    outcome: result.ok ? { ok: true } : { ok: false, error: result.error },
    durationMs: Math.round(performance.now() - started),
  };
  return { result, entry };
}

/** The target's state after run: from the result when it is that state, or derived from "before", or read again. */
async function after<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  input: z.output<Schema>,
  result: ActionResult<T>,
  before: unknown,
): Promise<unknown> {
  if (result.ok && definition.resultIsAfter) return auditableInput(result.data);
  if (result.ok && definition.afterFrom && before !== undefined) {
    const derived = definition.afterFrom(before, result.data);
    if (derived !== undefined) return auditableInput(derived);
  }
  return snapshot(definition, input);
}

/** One write for many entries when the gate can; entry by entry when it cannot or the batch fails. */
async function recordAll(gate: ActionGate, entries: AuditEntry[], name: string): Promise<void> {
  if (entries.length === 0) return;
  if (gate.recordMany) {
    try {
      return await gate.recordMany(entries);
    } catch (error) {
      console.error(`[audit] could not record ${entries.length} ${name} entries at once; recording them one by one`, error);
    }
  }
  for (const entry of entries) {
    await gate.record(entry).catch((error: unknown) => console.error(`[audit] could not record ${name}`, error));
  }
}

async function snapshot<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  input: z.output<Schema>,
): Promise<unknown> {
  if (!definition.snapshot) return undefined;
  try {
    return auditableInput(await definition.snapshot(input));
  } catch (error) {
    if (error instanceof LiveKitError && error.code === 'not_found') return null;
    return { unavailable: error instanceof Error ? error.message : String(error) };
  }
}

async function runHandler<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  input: z.output<Schema>,
  context: ActionContext,
): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await definition.run(input, context) };
  } catch (error) {
    if (error instanceof LiveKitError) {
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    if (error instanceof ActionRefusal) {
      return { ok: false, error: error.error };
    }
    console.error(`[action] ${definition.name} failed unexpectedly`, error);
    return { ok: false, error: { code: 'internal', message: `${definition.name} failed unexpectedly; see the server log` } };
  }
}

/** Thrown by a handler to refuse with its own typed error (e.g. a duplicate account). */
export class ActionRefusal extends Error {
  override name = 'ActionRefusal';
  constructor(readonly error: ActionError) {
    super(error.message);
  }
}

export function validationError(error: z.ZodError): ActionError {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.') || 'input';
    (fieldErrors[path] ??= []).push(issue.message);
  }
  const summary = Object.entries(fieldErrors)
    .map(([path, messages]) => `${path}: ${messages.join('; ')}`)
    .join(', ');
  return { code: 'validation', message: `Invalid input (${summary})`, fieldErrors };
}

const MAX_TARGET_LENGTH = 512;

function targetOf(input: unknown): ActionTarget {
  if (typeof input !== 'object' || input === null) return {};
  const { room, identity, trackSid } = input as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? (auditableInput(value.slice(0, MAX_TARGET_LENGTH)) as string) : undefined);
  return {
    ...(text(room) !== undefined && { room: text(room) }),
    ...(text(identity) !== undefined && { identity: text(identity) }),
    ...(text(trackSid) !== undefined && { trackSid: text(trackSid) }),
  };
}
