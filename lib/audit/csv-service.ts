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

/** RFC 4180 quoting, plus a leading quote on cells a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
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
