/** Keys whose values never reach a log line, should a caller ever pass them (at the top or two levels down). */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([
  'password', 'secret', 'apiSecret', 'token', 'authorization', 'cookie', 'metadata', 'attributes', 'input', 'payload',
]);

export const CENSOR = '[redacted]';

/** Levels below the line's top that are searched: `participant.metadata` is, `a.b.c.metadata` is not. */
const DEPTH = 2;

/**
 * The line's fields with every REDACTED_KEYS value up to DEPTH levels down replaced by CENSOR. The
 * caller's object is never changed: what holds a redacted key is copied, and a line without one (all
 * of them, so far) is returned as it is, with nothing allocated.
 */
export function redacted<T>(value: T, depth = 0): T {
  if (!Array.isArray(value) && !isPlainObject(value)) return value;
  const fields = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(fields)) {
    const field = fields[key];
    // an array's indices are never redacted keys: its items are searched one level down
    const replaced = REDACTED_KEYS.has(key) ? CENSOR : depth < DEPTH ? redacted(field, depth + 1) : field;
    if (replaced === field) continue;
    copy ??= (Array.isArray(value) ? [...value] : { ...fields }) as Record<string, unknown>;
    copy[key] = replaced;
  }
  return (copy ?? value) as T;
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
