import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

export interface ScriptBytes {
  files: number;
  raw: number;
  gzip: number;
  /** pathname → body */
  bodies: Map<string, Buffer>;
}

function measure(bodies: Map<string, Buffer>): ScriptBytes {
  const all = [...bodies.values()];
  return {
    files: all.length,
    raw: all.reduce((total, body) => total + body.byteLength, 0),
    gzip: all.reduce((total, body) => total + gzipSync(body, { level: 9 }).byteLength, 0),
    bodies,
  };
}

/**
 * The page's JavaScript as the bench measures it: the first load is what the HTML document itself
 * references (fetched before the page is interactive); `later` is every script fetched after,
 * such as lazily loaded chunks, once `settled` resolves.
 */
export async function pageJavaScript(page: Page, url: string, settled: () => Promise<void>): Promise<{ firstLoad: ScriptBytes; later: ScriptBytes }> {
  const bodies = new Map<string, Buffer>();
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.ok()) {
      pending.push(response.body().then((body) => void bodies.set(new URL(response.url()).pathname, body)));
    }
  });
  const document = await page.goto(url);
  await settled();
  await Promise.all(pending);
  const html = (await document?.text()) ?? '';
  const referenced = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => new URL(match[1]!, url).pathname));
  const [first, later] = [new Map<string, Buffer>(), new Map<string, Buffer>()];
  for (const [path, body] of bodies) (referenced.has(path) ? first : later).set(path, body);
  return { firstLoad: measure(first), later: measure(later) };
}
