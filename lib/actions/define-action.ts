import 'server-only';
import { z } from 'zod';
import { LiveKitError } from '@/lib/livekit/errors';
import { actionGate, type ActionAccess, type ActionTarget } from './gate';
import type { ActionError, ActionResult } from './result';

export interface ActionDefinition<Schema extends z.ZodType, T> {
  name: string;
  access: ActionAccess;
  input: Schema;
  run: (input: z.output<Schema>) => Promise<T>;
}

export type Action<Schema extends z.ZodType, T> = undefined extends z.input<Schema>
  ? (input?: z.input<Schema>) => Promise<ActionResult<T>>
  : (input: z.input<Schema>) => Promise<ActionResult<T>>;

export function defineAction<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
): Action<Schema, T> {
  const action = async (rawInput?: unknown): Promise<ActionResult<T>> => {
    const started = performance.now();
    const gate = actionGate();
    let actor = null;
    let result: ActionResult<T>;

    const parsed = definition.input.safeParse(rawInput);
    if (!parsed.success) {
      result = { ok: false, error: validationError(parsed.error) };
    } else {
      const authorization = await gate.authorize({ action: definition.name, access: definition.access });
      if (!authorization.ok) {
        result = { ok: false, error: authorization.error };
      } else {
        actor = authorization.actor;
        result = await runHandler(definition, parsed.data);
      }
    }

    await gate
      .record({
        at: new Date(),
        action: definition.name,
        access: definition.access,
        actor,
        target: targetOf(rawInput),
        input: rawInput,
        outcome: result.ok ? { ok: true } : { ok: false, error: result.error },
        durationMs: Math.round(performance.now() - started),
      })
      .catch((error: unknown) => console.error(`[audit] could not record ${definition.name}`, error));

    return result;
  };
  return action as Action<Schema, T>;
}

async function runHandler<Schema extends z.ZodType, T>(
  definition: ActionDefinition<Schema, T>,
  input: z.output<Schema>,
): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await definition.run(input) };
  } catch (error) {
    if (error instanceof LiveKitError) {
      return { ok: false, error: { code: error.code, message: error.message } };
    }
    console.error(`[action] ${definition.name} failed unexpectedly`, error);
    return { ok: false, error: { code: 'internal', message: `${definition.name} failed unexpectedly; see the server log` } };
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

function targetOf(input: unknown): ActionTarget {
  if (typeof input !== 'object' || input === null) return {};
  const { room, identity, trackSid } = input as Record<string, unknown>;
  return {
    ...(typeof room === 'string' && { room }),
    ...(typeof identity === 'string' && { identity }),
    ...(typeof trackSid === 'string' && { trackSid }),
  };
}
