import type { AuditFilter } from '@/lib/db/audit';

export type AuditSearchParams = Partial<Record<'room' | 'actor' | 'target' | 'action' | 'reads' | 'page', string | string[]>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 512) || undefined;

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
  if (page && page > 1) params.set('page', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}
