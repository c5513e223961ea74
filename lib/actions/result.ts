import type { LiveKitErrorCode } from '@/lib/livekit/errors';

export type ActionErrorCode = 'validation' | 'unauthorized' | 'forbidden' | LiveKitErrorCode;

export interface ActionError {
  code: ActionErrorCode;
  message: string;
  /** per-field messages for validation errors, keyed by dotted path */
  fieldErrors?: Record<string, string[]>;
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

export function isActionError<T>(result: ActionResult<T>): result is { ok: false; error: ActionError } {
  return !result.ok;
}
