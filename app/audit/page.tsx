import type { Metadata } from 'next';
import { AuditTable } from '@/components/audit/audit-table';
import { ModeratorChart } from '@/components/audit/moderator-chart';
import { SignedInPage } from '@/components/signed-in-page';
import { auditFilterFrom, auditQueryString, utcMinute, type AuditSearchParams } from '@/lib/audit/filter-service';
import { accountsReady } from '@/lib/auth/bootstrap';
import { requireAccount } from '@/lib/auth/session';
import { auditActions, queryAudit } from '@/lib/actions/audit-store';
import { moderatorActivity } from '@/lib/audit/activity-store';
import { auditRowFor } from '@/lib/audit/redaction-service';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit · Stagekeeper' };

const PAGE_SIZE = 50;

const inputClass =
  'h-8 w-44 rounded-md border border-zinc-700 bg-zinc-900 px-2.5 text-sm outline-none placeholder:text-zinc-500 focus:ring-2 focus:ring-indigo-500/50';

export default async function AuditPage({ searchParams }: { searchParams: Promise<AuditSearchParams> }) {
  const params = await searchParams;
  const account = await requireAccount('moderate', `/audit${auditQueryString(auditFilterFrom(params).filter)}`);
  const { filter, page } = auditFilterFrom(params);
  const db = await accountsReady();
  const [result, actions, activity] = await Promise.all([
    queryAudit(db, filter, { page, pageSize: PAGE_SIZE }),
    auditActions(db),
    moderatorActivity(db, filter),
  ]);
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));

  return (
    <SignedInPage account={account} title="Audit log">
      <form method="get" className="mb-3 flex flex-wrap items-end gap-2" aria-label="Filter the audit log">
        <input name="room" aria-label="Room" placeholder="Room" defaultValue={filter.room} className={inputClass} />
        <input name="actor" aria-label="Moderator" placeholder="Moderator email" defaultValue={filter.actor} className={inputClass} />
        <input name="target" aria-label="Target" placeholder="Target identity" defaultValue={filter.target} className={inputClass} />
        <select name="action" aria-label="Action" defaultValue={filter.action ?? ''} className={inputClass}>
          <option value="">Any action</option>
          {actions.map((action) => (
            <option key={action} value={action}>
              {action}
            </option>
          ))}
        </select>
        <label className="flex h-8 items-center gap-1.5 text-xs text-zinc-400">
          From
          <input type="datetime-local" name="from" aria-label="From (UTC)" defaultValue={filter.from && utcMinute(filter.from)} className={inputClass} />
        </label>
        <label className="flex h-8 items-center gap-1.5 text-xs text-zinc-400">
          to
          <input type="datetime-local" name="to" aria-label="To (UTC)" defaultValue={filter.to && utcMinute(filter.to)} className={inputClass} />
          UTC
        </label>
        <label className="flex h-8 items-center gap-1.5 text-xs text-zinc-400">
          <input type="checkbox" name="reads" value="1" defaultChecked={filter.includeReads} />
          Include successful reads
        </label>
        <button type="submit" className="h-8 rounded-md bg-indigo-600 px-3 pointer-coarse:h-11 text-xs font-medium text-white hover:bg-indigo-500">
          Filter
        </button>
        <a
          href={`/api/audit/export${auditQueryString(filter)}`}
          className="ml-auto flex h-8 items-center rounded-md bg-zinc-800 pointer-coarse:h-11 px-3 text-xs font-medium text-zinc-100 hover:bg-zinc-700"
          data-audit-export
        >
          Export CSV
        </a>
      </form>
      <ModeratorChart activity={activity} />
      <p className="mb-2 text-xs text-zinc-400" data-audit-total={result.total}>
        {result.total.toLocaleString('en-US')} entries · page {page} of {pages}
      </p>
      <AuditTable rows={result.rows.map((row) => auditRowFor(account.role, row))} />
      <nav className="mt-3 flex justify-between text-sm" aria-label="Audit pages">
        {page > 1 ? (
          <a href={`/audit${auditQueryString(filter, page - 1)}`} className="inline-flex min-h-6 items-center text-indigo-300 hover:text-indigo-200 pointer-coarse:min-h-11">
            ← Newer
          </a>
        ) : (
          <span />
        )}
        {page < pages && (
          <a href={`/audit${auditQueryString(filter, page + 1)}`} className="inline-flex min-h-6 items-center text-indigo-300 hover:text-indigo-200 pointer-coarse:min-h-11">
            Older →
          </a>
        )}
      </nav>
    </SignedInPage>
  );
}
