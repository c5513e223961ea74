import { accountsReady } from '@/lib/auth/bootstrap';
import { currentAccount } from '@/lib/auth/session';
import { roleAllows } from '@/lib/auth/roles';
import { AUDIT_CSV_COLUMNS, csvLine } from '@/lib/audit/csv-service';
import { auditFilterFrom, type AuditSearchParams } from '@/lib/audit/filter-service';
import { auditRowFor } from '@/lib/audit/redaction-service';
import { allAuditEntries } from '@/lib/actions/audit-store';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const account = await currentAccount();
  if (!account) return Response.json({ error: 'Sign in to export the audit log' }, { status: 401 });
  if (!roleAllows(account.role, 'moderate')) {
    return Response.json({ error: 'The audit log is for moderators and admins' }, { status: 403 });
  }
  const params = Object.fromEntries(new URL(request.url).searchParams) as AuditSearchParams;
  const { filter } = auditFilterFrom(params);
  const db = await accountsReady();
  const encoder = new TextEncoder();
  const rows = allAuditEntries(db, filter);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${AUDIT_CSV_COLUMNS.join(',')}\r\n`));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(`${csvLine(auditRowFor(account.role, next.value))}\r\n`));
    },
  });
  const stamp = new Date().toISOString().replaceAll(':', '-').slice(0, 19);
  return new Response(body, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="stagekeeper-audit-${stamp}.csv"`,
      'cache-control': 'no-store',
    },
  });
}
