import { sql } from 'drizzle-orm';
import { database } from '@/lib/db';

export const dynamic = 'force-dynamic';

/** For load balancers: 200 once this replica has its database (migrated) and can reach it. */
export async function GET() {
  try {
    await (await database()).execute(sql`select 1`);
    return Response.json({ ok: true });
  } catch {
    return Response.json({ ok: false, error: 'database unavailable' }, { status: 503 });
  }
}
