import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { z } from 'zod';
import { sessionActionGate } from '@/lib/auth/action-gate';
import { LiveKitError } from '@/lib/livekit/errors';
import { withLock } from '@/lib/db/locks';
import { asModeratorAction } from '@/lib/livekit/budget';
import { concurrencyLimit, mapWithConcurrency } from '@/lib/concurrency';
import { completionBatches, type CompletionBatches } from './completion-batches';
import { observeAction, observeActionCall } from '@/lib/observability/observe';
import { enterWork } from '@/lib/lifecycle/drain';
import {
  actionGate,
  auditableInput,
  authorizeActor,
  refusedInput,
  type ActionAccess,
  type ActionGate,
  type ActionTarget,
  type Actor,
  type AuditEntry,
  type Authorization,
  type PendingEntry,
} from './gate';
import type { ActionError, ActionResult } from './result';

export interface ActionDefinition<Schema extends z.ZodType, T> {
  name: string;
  access: ActionAccess;
  input: Schema;
  run: (input: z.output<Schema>, context: ActionContext) => Promise<T>;
  /** the target's state, read before and after run for the audit log; null when there is none */
  snapshot?: (input: z.output<Schema>) => Promise<unknown>;
  /**
   * The lock (lib/db/locks) held from reading the snapshot to the end of run. The one read is then the
   * state the handler checks and builds on (`context.current`) and the audit's exact "before"; the
   * handler reads nothing again. When that read fails, the call fails with its error and changes nothing.
   */
  lock?: (input: z.output<Schema>) => string;
  /**
   * What the handler needs besides the target (the stage presets, say), read at the same time as the
   * snapshot and the pending row instead of after them: `context.prepared`, undefined when it failed
   * (the handler reads it itself then, and meets the error there)
   */
  prepare?: (input: z.output<Schema>) => Promise<unknown>;
  /** the handler returns the target's new state, so the audit's "after" needs no second read */
  resultIsAfter?: boolean;
  /**
   * The target's state after run, from its state before (the snapshot, or a bulk request's listing)
   * and the result, so the audit's "after" needs no second read. Undefined when it cannot tell; the
   * snapshot is read again then.
   */
  afterFrom?: (before: unknown, result: T) => unknown;
  /**
   * false: a successful call writes no audit row (background reads the console repeats). Refused and
   * failed calls are still recorded, and a change is always written as pending first. Default true.
   */
  auditSuccess?: boolean;
  /** a successful call answers its audit entry's id (`auditId`), which `undo` takes */
  undoable?: boolean | ((input: z.output<Schema>) => boolean | Promise<boolean>);
  /** for `undo`: the entry this call undoes, linked from its own entry */
  undoes?: (input: z.output<Schema>) => number;
}

/** Who is acting, for handlers that record it themselves (a ban's author, say). */
export interface ActionContext {
  actor: Actor;
  /**
   * the target before run (JSON-safe), for handlers that would otherwise read it again: the snapshot,
   * or in a bulk request the target as the request listed it
   */
  before?: unknown;
  /**
   * the target as read under the definition's `lock` (or as a bulk request listed it), not redacted
   * for the audit log: the base a read-modify-write builds on and checks versions against
   */
  current?: unknown;
  /** the call's own audit entry (a change's, written as pending before run) */
  auditId?: number;
  /** what the definition's `prepare` read */
  prepared?: unknown;
  /**
   * when the call came (Date.now(), taken before anything is awaited): a read of something the caller
   * has already seen asks LiveKit for an answer from no earlier than this, and calls of the same moment share one
   */
  calledAt: number;
}

export type Action<Schema extends z.ZodType, T> = undefined extends z.input<Schema>
  ? (input?: z.input<Schema>) => Promise<ActionResult<T>>
  : (input: z.input<Schema>) => Promise<ActionResult<T>>;

/**
 * authorize → validate → snapshot → audit as pending → run → snapshot → complete the audit, one ActionResult.
 * Authorization comes before validation: a caller without the role learns nothing about the schema,
 * and nothing about the input reaches LiveKit.
 */
export function defineAction<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
): Action<Schema, T> {
  const action = async (rawInput?: unknown): Promise<ActionResult<T>> => {
    const calledAt = Date.now();
    const leave = enterWork();
    if (!leave) return { ok: false, error: SHUTTING_DOWN };
    try {
      return await observeActionCall(definition.name, () => authorizeAndPerform(definition, rawInput, calledAt));
    } finally {
      leave();
    }
  };
  return action as Action<Schema, T>;
}

export const SHUTTING_DOWN: ActionError = { code: 'shutting_down', message: 'This console replica is shutting down; try again in a moment' };

async function authorizeAndPerform<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  rawInput: unknown,
  calledAt: number,
): Promise<ActionResult<T>> {
  const started = performance.now();
  const gate = actionGate(sessionActionGate);
  const authorization = await gate.authorize({ action: definition.name, access: definition.access }).catch(
    (error: unknown): Authorization => {
      console.error(`[action] ${definition.name}: could not check the session`, error);
      return { ok: false, actor: null, error: { code: 'unauthorized', message: 'Could not check your session; sign in again' } };
    },
  );
  return perform(definition, rawInput, authorization, { gate, started, calledAt });
}

export interface BulkItem {
  input: unknown;
  /** the target as the bulk request just listed it: the audit's "before", and what the handler may check against */
  listed: unknown;
}

/**
 * Runs one action for every item of a bulk request that was itself authorized: each item is
 * still role-checked, validated, run and audited with its own entry carrying before and after
 * (written as pending before its change, like a single call), and one failure does not stop the
 * rest. What the request already has is not read again: the session (its actor), the targets (its
 * listing, as "before"), and with `afterFrom` the state after.
 */
export async function performEach<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  items: readonly BulkItem[],
  { actor, concurrency }: { actor: Actor; concurrency: number },
): Promise<ActionResult<T>[]> {
  const gate = actionGate(sessionActionGate);
  const completions = completionBatches((id, entry) => complete(gate, id, entry));
  const slots = definition.lock ? undefined : concurrencyLimit(concurrency);
  const calledAt = Date.now();
  const audited = auditedOnce();
  const performItem = ({ input, listed }: BulkItem) => {
    const authorization = authorizeActor(actor, { action: definition.name, access: definition.access });
    const bulk = { listed, before: audited(listed), completions, slots };
    return observeActionCall(definition.name, () => perform(definition, input, authorization, { gate, started: performance.now(), calledAt, bulk }));
  };
  try {
    // without a lock every item's pending row is written at once (a few statements), and only the
    // LiveKit calls wait for one of `concurrency` slots; an item holding a lock must not wait for a slot
    return await (slots ? inWindows(items, performItem) : mapWithConcurrency(items, concurrency, performItem));
  } finally {
    await completions.settled();
  }
}

/** auditableInput, once per listed target: a participant's ten tracks are ten items with one "before". */
function auditedOnce(): (listed: unknown) => unknown {
  const done = new WeakMap<object, unknown>();
  return (listed) => {
    if (typeof listed !== 'object' || listed === null) return auditableInput(listed);
    if (!done.has(listed)) done.set(listed, auditableInput(listed));
    return done.get(listed);
  };
}

/** Items started at once, at most: their pending rows and "before"s are held in memory together. */
const MAX_ITEMS_STARTED = 1_000;

async function inWindows<T>(items: readonly BulkItem[], start: (item: BulkItem) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (let from = 0; from < items.length; from += MAX_ITEMS_STARTED) {
    results.push(...(await Promise.all(items.slice(from, from + MAX_ITEMS_STARTED).map(start))));
  }
  return results;
}

/** How one call is carried out: where its audit rows go, when it came (performance.now() and Date.now()), and its bulk request if any. */
interface PerformCall {
  gate: ActionGate;
  started: number;
  calledAt: number;
  bulk?: BulkRun;
}

/** What a bulk request gives each item: its listing (as read and as audited), where its completion goes, and the slots its change waits for. */
interface BulkRun {
  listed: unknown;
  before: unknown;
  completions: CompletionBatches;
  slots: ReturnType<typeof concurrencyLimit> | undefined;
}

/**
 * One action run as `actor` outside any request (a server timer carrying out a moderator's earlier
 * decision): the same role check, validation, audit rows and result as a call from a page.
 */
export function performAs<Schema extends z.ZodType, T>(definition: ActionDefinition<Schema, T>, input: unknown, actor: Actor): Promise<ActionResult<T>> {
  const authorization = authorizeActor(actor, { action: definition.name, access: definition.access });
  const calledAt = Date.now();
  return observeActionCall(definition.name, () =>
    perform(definition, input, authorization, { gate: actionGate(sessionActionGate), started: performance.now(), calledAt }),
  );
}

export const AUDIT_UNAVAILABLE: ActionError = {
  code: 'audit_unavailable',
  message: 'The audit log cannot be written right now, so nothing was changed; try again shortly',
};

/**
 * validate → snapshot → run → snapshot, audited; never throws.
 * A change (moderate or admin access) is written as `pending` before its handler runs and
 * completed after, so nothing reaches LiveKit without a row; when that write fails the call is
 * refused with audit_unavailable. Refusals and reads change nothing and are written once they end.
 */
async function perform<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  rawInput: unknown,
  authorization: Authorization,
  call: PerformCall,
): Promise<ActionResult<T>> {
  const { gate, started } = call;
  const refuse = async (error: ActionError) => {
    await record(gate, finished({ ...pendingEntry(definition, rawInput, authorization.actor, true), outcome: { ok: false, error } }, started));
    return { ok: false as const, error };
  };
  if (!authorization.ok) return refuse(authorization.error);
  const parsed = definition.input.safeParse(rawInput);
  if (!parsed.success) return refuse(validationError(parsed.error));
  const input = parsed.data;
  const lockKey = definition.lock?.(input);
  const proceed = () => performValid(definition, input, rawInput, authorization.actor, call);
  // its LiveKit calls go before background work's (lib/livekit/budget.ts)
  return asModeratorAction(() => (lockKey === undefined ? proceed() : withLock(lockKey, proceed)));
}

/**
 * snapshot and audit as pending → run → after, for an authorized and valid call (under its lock, if it
 * has one). The pending row and the snapshot are written and read at the same time: the row is still
 * there before the handler changes anything, and its "before" comes with its completion.
 */
async function performValid<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  input: z.output<Schema>,
  rawInput: unknown,
  actor: Actor,
  { gate, started, calledAt, bulk }: PerformCall,
): Promise<ActionResult<T>> {
  const parentId = enclosingEntry.getStore();
  const listed: SnapshotRead | undefined = bulk && { current: bulk.listed, before: bulk.before };
  const pending: PendingEntry = {
    ...pendingEntry(definition, rawInput, actor, false),
    ...(listed && definition.snapshot && { before: listed.before }),
    ...(parentId !== undefined && { parentId }),
    ...(definition.undoes && { undoesId: definition.undoes(input) }),
  };
  const changes = definition.access !== 'read';
  const [read, begun, prepared] = await Promise.all([
    listed ?? readSnapshot(definition, input),
    changes ? gate.begin(pending).then((id) => ({ id }), (error: unknown) => ({ error })) : undefined,
    definition.prepare?.(input).catch(() => undefined),
  ]);
  if (begun && 'error' in begun) {
    console.error(`[audit] could not write the pending entry of ${definition.name}; refused`, begun.error);
    return { ok: false, error: AUDIT_UNAVAILABLE };
  }
  const id = begun?.id;
  const { before } = read;
  const withBefore = { ...pending, ...(definition.snapshot && { before }) };
  if (definition.lock && read.failure) {
    const { code, message, retryAfterMs } = read.failure;
    const error = { code, message, ...(retryAfterMs !== undefined && { retryAfterMs }) };
    const entry = finished({ ...withBefore, outcome: { ok: false, error } }, started);
    await (id === undefined ? record(gate, entry) : complete(gate, id, entry));
    return { ok: false, error };
  }
  const context: ActionContext = { actor, before, current: read.current, calledAt, ...(prepared !== undefined && { prepared }), ...(id !== undefined && { auditId: id }) };
  let ran = started;
  const slots = bulk?.slots;
  const handle = () => runHandler(definition, input, context);
  // a bulk item's time is its own, from when its slot came
  const inSlot = slots
    ? () =>
        slots.run(() => {
          ran = performance.now();
          return handle();
        })
    : handle;
  // the changes a handler makes through other actions (a bulk request's items) name its entry as their parent
  const result = id === undefined ? await inSlot() : await enclosingEntry.run(id, inSlot);
  const entry = finished(
    {
      ...withBefore,
      ...(definition.snapshot && { after: await after(definition, input, result, before) }),
      outcome: result.ok ? { ok: true } : { ok: false, error: result.error },
    },
    ran,
  );
  if (id !== undefined) {
    // a bulk item's pending row already holds its "before": the completion leaves it as it is
    if (bulk) bulk.completions.add(id, { ...entry, before: undefined });
    else await complete(gate, id, entry);
  } else if (!result.ok || definition.auditSuccess !== false) {
    await record(gate, entry);
  }
  return result.ok && id !== undefined && (await isUndoable(definition, input)) ? { ...result, auditId: id } : result;
}

/** The audit entry of the change running now in this async context, if any. */
const enclosingEntry = new AsyncLocalStorage<number>();

async function isUndoable<Schema extends z.ZodType, T>(definition: ActionDefinition<Schema, T>, input: z.output<Schema>): Promise<boolean> {
  return typeof definition.undoable === 'function' ? definition.undoable(input) : definition.undoable === true;
}

function pendingEntry<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  rawInput: unknown,
  actor: Actor | null,
  refused: boolean,
): PendingEntry {
  return {
    at: new Date(),
    action: definition.name,
    access: definition.access,
    actor,
    target: targetOf(rawInput, refused ? MAX_REFUSED_TARGET_LENGTH : MAX_TARGET_LENGTH),
    input: refused ? refusedInput(rawInput) : auditableInput(rawInput),
    ...(refused && { refused: true }),
  };
}

function finished(entry: Omit<AuditEntry, 'durationMs'>, started: number): AuditEntry {
  const durationMs = performance.now() - started;
  const outcome = entry.outcome.ok ? 'ok' : entry.outcome.error.code;
  observeAction({ action: entry.action, outcome, durationMs, actor: entry.actor, target: entry.target });
  return { ...entry, durationMs: Math.round(durationMs) };
}

/** The change is made (or refused): a failed completion leaves the row pending, to be marked interrupted later. */
function complete(gate: ActionGate, id: number, entry: AuditEntry): Promise<void> {
  return gate.complete(id, entry).catch((error: unknown) => console.error(`[audit] could not complete ${entry.action}`, error));
}

function record(gate: ActionGate, entry: AuditEntry): Promise<void> {
  return gate.record(entry).catch((error: unknown) => console.error(`[audit] could not record ${entry.action}`, error));
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
  // refused by the handler's own check under the lock: nothing was written, nobody else could write
  if (!result.ok && definition.lock && refusals.has(result)) return before;
  return (await readSnapshot(definition, input)).before;
}

interface SnapshotRead {
  /** as read, for the handler */
  current?: unknown;
  /** as audited: null once the target is gone, `{ unavailable }` when it could not be read */
  before: unknown;
  failure?: LiveKitError;
}

async function readSnapshot<Schema extends z.ZodType, T>(definition: ActionDefinition<Schema, T>, input: z.output<Schema>): Promise<SnapshotRead> {
  if (!definition.snapshot) return { before: undefined };
  try {
    const current = await definition.snapshot(input);
    return { current, before: auditableInput(current) };
  } catch (error) {
    const failure = error instanceof LiveKitError ? error : undefined;
    if (failure?.code === 'not_found') return { before: null, failure };
    return { before: { unavailable: error instanceof Error ? error.message : String(error) }, failure };
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
      return { ok: false, error: { code: error.code, message: error.message, ...(error.retryAfterMs !== undefined && { retryAfterMs: error.retryAfterMs }) } };
    }
    if (error instanceof ActionRefusal) {
      const refused = { ok: false as const, error: error.error };
      refusals.add(refused);
      return refused;
    }
    console.error(`[action] ${definition.name} failed unexpectedly`, error);
    return { ok: false, error: { code: 'internal', message: `${definition.name} failed unexpectedly; see the server log` } };
  }
}

/** Results of handlers that refused with an ActionRefusal: they threw before writing anything. */
const refusals = new WeakSet<object>();

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
const MAX_REFUSED_TARGET_LENGTH = 128;

function targetOf(input: unknown, maxLength: number): ActionTarget {
  if (typeof input !== 'object' || input === null) return {};
  const { room, identity, trackSid } = input as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? (auditableInput(value.slice(0, maxLength)) as string) : undefined);
  return {
    ...(text(room) !== undefined && { room: text(room) }),
    ...(text(identity) !== undefined && { identity: text(identity) }),
    ...(text(trackSid) !== undefined && { trackSid: text(trackSid) }),
  };
}
