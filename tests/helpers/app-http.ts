import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';

/** One server action of the build, as Next's server-reference-manifest lists it. */
export interface BuiltAction {
  id: string;
  /** e.g. lib/participants/actions.ts */
  filename: string;
  exportedName: string;
  /** a page whose bundle carries the action: where Next's client would POST it */
  pagePath: string;
}

type Manifest = { node: Record<string, { filename: string; exportedName: string; workers: Record<string, unknown> }> };

export function builtActions(): BuiltAction[] {
  const manifest = JSON.parse(
    readFileSync(path.join(REPO_ROOT, '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as Manifest;
  return Object.entries(manifest.node).map(([id, entry]) => {
    const worker = Object.keys(entry.workers)[0] ?? 'app/page';
    const pagePath = worker.replace(/^app/, '').replace(/\/page$/, '').replace(/\[[^\]]+\]/g, 'x') || '/';
    return { id, filename: entry.filename, exportedName: entry.exportedName, pagePath };
  });
}

export function builtAction(exportedName: string): BuiltAction {
  const found = builtActions().find((action) => action.exportedName === exportedName);
  if (!found) throw new Error(`no server action ${exportedName} in the build`);
  return found;
}

export interface ActionResponse {
  status: number;
  /** the action's ActionResult, when the response carried one */
  result?: { ok: boolean; data?: unknown; error?: { code: string; message: string } };
  body: string;
}

/** POSTs a server action the way Next's client does: the page URL, a Next-Action header, the args as JSON. */
export async function postAction(
  baseUrl: string,
  action: BuiltAction,
  args: unknown[],
  { cookie, origin = baseUrl, headers }: { cookie?: string; origin?: string; headers?: Record<string, string> } = {},
): Promise<ActionResponse> {
  const response = await fetch(`${baseUrl}${action.pagePath}`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'Next-Action': action.id,
      Accept: 'text/x-component',
      'Content-Type': 'text/plain;charset=UTF-8',
      Origin: origin,
      ...(cookie && { Cookie: cookie }),
      ...headers,
    },
    body: JSON.stringify(args),
  });
  const body = await response.text();
  return { status: response.status, body, result: actionResultIn(body) };
}

/** The React flight response has one JSON row per line: `1:{"ok":false,...}`. */
function actionResultIn(body: string): ActionResponse['result'] {
  for (const line of body.split('\n')) {
    const json = line.replace(/^[0-9a-f]+:/, '');
    try {
      const value = JSON.parse(json) as unknown;
      if (typeof value === 'object' && value !== null && 'ok' in value) return value as ActionResponse['result'];
    } catch {
      // not a JSON row
    }
  }
  return undefined;
}

/** Signs in through next-auth's own endpoints (csrf, then the credentials callback); returns the Cookie header. */
export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      jar.set(name!.trim(), value.join('='));
    }
  };
  const header = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: header() },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true' }),
  });
  keep(response);
  if (![...jar.keys()].some((name) => name.endsWith('next-auth.session-token'))) {
    throw new Error(`sign-in as ${email} failed (status ${response.status})`);
  }
  return header();
}

/** The audit log as the CSV export gives it, parsed into rows keyed by column. */
export async function exportAudit(baseUrl: string, cookie: string, query = ''): Promise<Record<string, string>[]> {
  const response = await fetch(`${baseUrl}/api/audit/export${query}`, { headers: { Cookie: cookie } });
  if (!response.ok) throw new Error(`audit export answered ${response.status}`);
  const [header, ...rows] = parseCsv(await response.text());
  return rows.filter((row) => row.length > 1).map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ''])));
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\n') {
      row.push(cell.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      cell = '';
    } else cell += char;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows;
}
