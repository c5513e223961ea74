import type { AuditRow } from '@/lib/db';

export const AUDIT_CSV_COLUMNS = [
  'at',
  'actor_email',
  'actor_role',
  'actor_id',
  'action',
  'access',
  'room',
  'target_identity',
  'target_track',
  'outcome',
  'error_code',
  'error_message',
  'input',
  'before',
  'after',
  'duration_ms',
] as const;

const FORMULA_START = '[=+\\-@\\t\\r＝＋－＠]';
/** a cell a spreadsheet would run as a formula: it starts with one of these, perhaps after spaces and quotes */
const FORMULA_CELL = new RegExp(`^[ "]*${FORMULA_START}`);
/**
 * the same after a semicolon or a tab: a spreadsheet whose list separator is one of those splits
 * there, ignoring our comma quoting, and the rest of the cell becomes a cell of its own
 */
const FORMULA_AFTER_SEPARATOR = new RegExp(`([;\\t])(?=[ "]*${FORMULA_START})`, 'g');

/** RFC 4180 quoting, plus a quote before what a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
  text = text.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  if (FORMULA_CELL.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(row: AuditRow): string {
  return [
    row.at,
    row.actorEmail,
    row.actorRole,
    row.actorId,
    row.action,
    row.access,
    row.room,
    row.targetIdentity,
    row.targetTrack,
    row.outcome,
    row.errorCode,
    row.errorMessage,
    row.input,
    row.before,
    row.after,
    row.durationMs,
  ]
    .map(csvCell)
    .join(',');
}
