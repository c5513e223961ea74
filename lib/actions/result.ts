import type { LiveKitErrorCode } from '@/lib/livekit/errors';

export type ActionErrorCode =
  | 'validation'
  | 'unauthorized'
  | 'forbidden'
  | 'conflict'
  /** the audit log could not be written, so the change was not made */
  | 'audit_unavailable'
  /** the change this one would undo or follow has not finished yet (an incident still handling participants) */
  | 'still_running'
  /** this replica is draining after SIGTERM: nothing was done; another replica (or this call again) will */
  | 'shutting_down'
  | LiveKitErrorCode;

export interface ActionError {
  code: ActionErrorCode;
  message: string;
  /** per-field messages for validation errors, keyed by dotted path */
  fieldErrors?: Record<string, string[]>;
  /** for `conflict`: the fields that changed since the editor read them, with their value now */
  conflicts?: FieldConflict[];
  /** for `rate_limited`: how long to wait before trying again */
  retryAfterMs?: number;
}

/** A field another moderator (or the participant) changed after the editor started from it. */
export interface FieldConflict {
  /** `metadata`, `name`, `attributes.<key>` or `permission.<field>` */
  field: string;
  /** the value now ('' for an attribute that is gone) */
  current: unknown;
  /** the version of `current`: send it as `basedOn` to apply yours on top */
  version: string;
}

/** `auditId`: the entry of a change that can be undone; pass it to `undo` */
export type ActionResult<T> = { ok: true; data: T; auditId?: number } | { ok: false; error: ActionError };

export function isActionError<T>(result: ActionResult<T>): result is { ok: false; error: ActionError } {
  return !result.ok;
}

/** Thrown on the client by `unwrap`, so react-query sees a failed action as an error with its clear message. */
export class ActionFailure extends Error {
  override name = 'ActionFailure';
  constructor(readonly error: ActionError) {
    super(error.message);
  }
}

export function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new ActionFailure(result.error);
  return result.data;
}
