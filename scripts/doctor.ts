/**
 * npm run doctor: the Diagnostics page's checks in a terminal, for headless setups. It asks the
 * running console (its /api/diagnostics, which runs lib/diagnostics/service.ts) because only the
 * console receives LiveKit's webhooks, and the embedded PGlite belongs to that one process.
 *
 *   STAGEKEEPER_OPS_TOKEN=… npm run doctor [-- --url https://console.example.org] [-- --no-test]
 */
import { formatChecks, failedChecks, type Check } from '../lib/diagnostics/shared';

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? undefined : process.argv[index + 1];
}

async function main() {
  const base = (argument('url') ?? process.env.NEXTAUTH_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}`).replace(/\/+$/, '');
  const token = process.env.STAGEKEEPER_OPS_TOKEN;
  if (!token) {
    console.error('Set STAGEKEEPER_OPS_TOKEN (the same value the console runs with) so the doctor may read its diagnostics.');
    process.exit(2);
  }
  const test = !process.argv.includes('--no-test');
  let response: Response;
  try {
    response = await fetch(`${base}/api/diagnostics${test ? '?test=1' : ''}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    console.error(`The console at ${base} does not answer (${error instanceof Error ? error.message : String(error)}): start it, or pass --url.`);
    process.exit(2);
  }
  if (response.status === 401) {
    console.error(`The console at ${base} refused the token: STAGEKEEPER_OPS_TOKEN must be the value it runs with.`);
    process.exit(2);
  }
  if (!response.ok) {
    console.error(`The console at ${base} answered ${response.status}: ${await response.text()}`);
    process.exit(2);
  }
  const { checks } = (await response.json()) as { checks: Check[] };
  console.log(`Stagekeeper at ${base}`);
  console.log(formatChecks(checks, { color: process.stdout.isTTY }));
  process.exit(failedChecks(checks).length === 0 ? 0 : 1);
}

void main();
