import 'server-only';
import { z } from 'zod';
import { sessionActionGate } from '@/lib/auth/action-gate';
import { LiveKitError } from '@/lib/livekit/errors';
import { actionGate, auditableInput, type ActionAccess, type ActionTarget, type Actor, type AuditEntry } from './gate';
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
}

/** Who is acting, for handlers that record it themselves (a ban's author, say). */
export interface ActionContext {
  actor: Actor;
  /** the snapshot taken before run (JSON-safe), for handlers that would otherwise read it again */
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
    let actor: Actor | null = null;
    let states: Pick<AuditEntry, 'before' | 'after'> = {};
    let result: ActionResult<T>;

    const authorization = await gate.authorize({ action: definition.name, access: definition.access }).catch(
      (error: unknown): Awaited<ReturnType<typeof gate.authorize>> => {
        console.error(`[action] ${definition.name}: could not check the session`, error);
        return { ok: false, actor: null, error: { code: 'unauthorized', message: 'Could not check your session; sign in again' } };
      },
    );
    actor = authorization.actor;
    if (!authorization.ok) {
      result = { ok: false, error: authorization.error };
    } else {
      const parsed = definition.input.safeParse(rawInput);
      if (!parsed.success) {
        result = { ok: false, error: validationError(parsed.error) };
      } else {
        const before = await snapshot(definition, parsed.data);
        result = await runHandler(definition, parsed.data, { actor: authorization.actor, before });
        if (definition.snapshot) {
          const after =
            result.ok && definition.resultIsAfter ? auditableInput(result.data) : await snapshot(definition, parsed.data);
          states = { before, after };
        }
      }
    }

    await gate
      .record({
        at: new Date(),
        action: definition.name,
        access: definition.access,
        actor,
        target: targetOf(rawInput),
        input: auditableInput(rawInput),
        ...states,
        outcome: result.ok ? { ok: true } : { ok: false, error: result.error },
        durationMs: Math.round(performance.now() - started),
      })
      .catch((error: unknown) => console.error(`[audit] could not record ${definition.name}`, error));

    return result;
  };
  return action as Action<Schema, T>;
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
