import { databaseReachable } from '@/lib/db/health';

export const dynamic = 'force-dynamic';

/** For load balancers: 200 once this replica has its database (migrated) and can reach it. */
export async function GET() {
  if (await databaseReachable()) return Response.json({ ok: true });
  return Response.json({ ok: false, error: 'database unavailable' }, { status: 503 });
}
