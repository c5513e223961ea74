/**
 * The event's app as docs/app-contract.md has it: ask for a token; on 202 wait on the ticket
 * (held requests, asked again while still waiting) until it is admitted (200, a token) or refused.
 * `call` reaches the dashboard: over HTTP in browser tests, the route handlers themselves in integration tests.
 */
export type AppCall = (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => Promise<Response>;

export interface TokenAnswer {
  status: number;
  body: Record<string, unknown> & { status?: string; error?: string; ticket?: string; token?: string; url?: string; poll?: string };
}

async function answer(response: Response): Promise<TokenAnswer> {
  return { status: response.status, body: (await response.json()) as TokenAnswer['body'] };
}

export async function requestToken(call: AppCall, request: { room: string; identity: string; name?: string; preset?: string }): Promise<TokenAnswer> {
  return answer(await call('POST', '/api/token', request));
}

export async function checkTicket(call: AppCall, ticket: string, waitSeconds: number): Promise<TokenAnswer> {
  return answer(await call('GET', `/api/token/tickets/${ticket}?wait=${waitSeconds}`));
}

/** Waits on a ticket the way an app does: each request held up to `waitSeconds`, asked again while it answers 202. */
export async function waitOnTicket(call: AppCall, ticket: string, { waitSeconds = 25, timeoutMs = 60_000 } = {}): Promise<TokenAnswer> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const checked = await checkTicket(call, ticket, waitSeconds);
    if (checked.status !== 202 || Date.now() > deadline) return checked;
  }
}
