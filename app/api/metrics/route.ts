import { carriesOpsToken } from '@/lib/auth/ops-token';
import { env } from '@/lib/env';
import { scrape } from '@/lib/diagnostics/scrape-service';

export const dynamic = 'force-dynamic';

/** This replica's metrics in Prometheus text format, for a scraper with `Authorization: Bearer <STAGEKEEPER_OPS_TOKEN>`. */
export async function GET(request: Request) {
  if (!env().opsToken) {
    return Response.json({ error: 'disabled', message: 'Set STAGEKEEPER_OPS_TOKEN to serve metrics' }, { status: 404 });
  }
  if (!carriesOpsToken(request.headers)) {
    return Response.json({ error: 'unauthorized', message: 'Send Authorization: Bearer <STAGEKEEPER_OPS_TOKEN>' }, { status: 401 });
  }
  const { contentType, body } = await scrape();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
