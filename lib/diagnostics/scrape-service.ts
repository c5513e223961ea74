import 'server-only';
import { database, databasePoolWaiting } from '@/lib/db';
import { pendingAuditSummary } from '@/lib/diagnostics/store';
import { metrics } from '@/lib/observability/metrics';

/** The gauges read at scrape time (the audit log's pending rows, the pool's queue), then every metric as text. */
export async function scrape(): Promise<{ contentType: string; body: string }> {
  const current = metrics();
  try {
    const { pending, oldest } = await pendingAuditSummary(await database());
    current.auditPending.set(pending);
    current.auditOldestPending.set(oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0);
  } catch (error) {
    console.error('[metrics] could not read the pending audit rows', error);
  }
  current.databasePoolWaiting.set(await databasePoolWaiting());
  return { contentType: current.registry.contentType, body: await current.registry.metrics() };
}
