import type { AuditFilter } from '@/lib/actions/audit-store';

export type AuditSearchParams = Partial<
  Record<'room' | 'actor' | 'target' | 'action' | 'reads' | 'from' | 'to' | 'page', string | string[]>
>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 512) || undefined;

/** A time from the range inputs: `YYYY-MM-DDTHH:MM` (a datetime-local field) is UTC; anything unreadable is no bound. */
function utcTime(value: string | undefined): Date | undefined {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/.test(value)) return undefined;
  const at = Date.parse(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
  return Number.isNaN(at) ? undefined : new Date(at);
}

/** The form's value for a time: UTC to the minute, as the range inputs show it. */
export function utcMinute(at: Date): string {
  return at.toISOString().slice(0, 16);
}

/** The Audit page and the CSV export read the same query string. */
export function auditFilterFrom(params: AuditSearchParams): { filter: AuditFilter; page: number } {
  const page = Number.parseInt(first(params.page) ?? '1', 10);
  return {
    filter: {
      room: first(params.room),
      actor: first(params.actor),
      target: first(params.target),
      action: first(params.action),
      includeReads: first(params.reads) === '1',
      from: utcTime(first(params.from)),
      to: utcTime(first(params.to)),
    },
    page: Number.isFinite(page) && page >= 1 && page <= 1_000_000 ? page : 1,
  };
}

export function auditQueryString(filter: AuditFilter, page?: number): string {
  const params = new URLSearchParams();
  if (filter.room) params.set('room', filter.room);
  if (filter.actor) params.set('actor', filter.actor);
  if (filter.target) params.set('target', filter.target);
  if (filter.action) params.set('action', filter.action);
  if (filter.includeReads) params.set('reads', '1');
  if (filter.from) params.set('from', filter.from.toISOString());
  if (filter.to) params.set('to', filter.to.toISOString());
  if (page && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
