import type { Role } from '@/lib/auth/roles';
import type { AuditRow } from '@/lib/db';

export const ADMIN_ONLY = '[admin only]';

/** What account actions record about the account they changed that only admins may read. */
const ADMIN_ONLY_FIELDS = new Set(['email', 'ssoSubject']);
const EMAIL_ADDRESS = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+/g;

/**
 * The audit row as this reader may see it. Account actions (`accounts.*`) name other accounts in
 * their input, before and after snapshots and error messages (their emails, their SSO subjects):
 * data of the admin-only Accounts page, so a moderator reading the log sees the account's id only.
 */
export function auditRowFor(readerRole: Role, row: AuditRow): AuditRow {
  if (readerRole === 'admin' || !row.action.startsWith('accounts.')) return row;
  return {
    ...row,
    input: withoutAccountData(row.input),
    before: withoutAccountData(row.before),
    after: withoutAccountData(row.after),
    errorMessage: row.errorMessage && row.errorMessage.replace(EMAIL_ADDRESS, ADMIN_ONLY),
  };
}

function withoutAccountData(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(EMAIL_ADDRESS, ADMIN_ONLY);
  if (Array.isArray(value)) return value.map(withoutAccountData);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, ADMIN_ONLY_FIELDS.has(key) && item !== null ? ADMIN_ONLY : withoutAccountData(item)]),
  );
}
