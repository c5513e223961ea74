import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { RoomServiceClient } from 'livekit-server-sdk';
import { RealParticipant, type LiveKitTarget } from '../scripts/lib/participant';
import { kb, median, ms, percentile, printReport } from './stats';

const REPETITIONS = 40;

/** The floor: the bare server SDK call until the real participant receives the permission event. */
async function floorSamples(target: LiveKitTarget, room: string, member: RealParticipant): Promise<number[]> {
  const service = new RoomServiceClient(target.url, target.apiKey, target.apiSecret);
  const samples: number[] = [];
  for (let i = 0; i < REPETITIONS; i += 1) {
    const canPublish = i % 2 === 0;
    const started = performance.now();
    const since = Date.now();
    await service.updateParticipant(room, member.identity, {
      permission: { canPublish, canSubscribe: true, canPublishData: true },
    });
    await member.waitFor('permissionChanged', (e) => e.at >= since && e.data.canPublish === canPublish);
    samples.push(performance.now() - started);
  }
  // leave the member in the audience for the dashboard run
  await service.updateParticipant(room, member.identity, {
    permission: { canPublish: false, canSubscribe: true, canPublishData: true },
  });
  return samples;
}

/** The dashboard: a click on Promote/Demote in Chromium until the row shows the new role, timed in the page. */
async function dashboardSamples(page: Page, identity: string): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < REPETITIONS; i += 1) {
    const [button, expected] = i % 2 === 0 ? ['Promote', 'speaker'] : ['Demote', 'audience'];
    const elapsed = await page.evaluate(
      ({ identity, label, role }) =>
        new Promise<number>((resolve, reject) => {
          const row = () => document.querySelector<HTMLTableRowElement>(`tr[data-identity="${identity}"]`);
          const control = row()?.querySelector<HTMLButtonElement>(`button[aria-label="${label} ${identity}"]`);
          if (!control) return reject(new Error(`no ${label} button for ${identity}`));
          const started = performance.now();
          const observer = new MutationObserver(() => {
            if (row()?.dataset.role === role) {
              observer.disconnect();
              resolve(performance.now() - started);
            }
          });
          observer.observe(document.body, { subtree: true, attributes: true, childList: true });
          control.click();
          setTimeout(() => reject(new Error(`row did not become ${role} within 10 s`)), 10_000);
        }),
      { identity, label: button, role: expected },
    );
    samples.push(elapsed);
    // let the observer's own event for this change land before the next click
    await page.waitForTimeout(150);
  }
  return samples;
}

interface ScriptBytes {
  files: number;
  raw: number;
  gzip: number;
}

function measure(bodies: Buffer[]): ScriptBytes {
  return {
    files: bodies.length,
    raw: bodies.reduce((total, body) => total + body.byteLength, 0),
    gzip: bodies.reduce((total, body) => total + gzipSync(body, { level: 9 }).byteLength, 0),
  };
}

/**
 * First-load JS is what the HTML document itself references (what the browser must fetch before
 * the page is interactive); scripts fetched later, such as the lazily loaded livekit-client, are
 * reported separately.
 */
async function pageJavaScript(page: Page, url: string): Promise<{ firstLoad: ScriptBytes; total: ScriptBytes }> {
  const bodies = new Map<string, Buffer>();
  const pending: Promise<void>[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script' && response.ok()) {
      pending.push(response.body().then((body) => void bodies.set(new URL(response.url()).pathname, body)));
    }
  });
  const document = await page.goto(url, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  const html = (await document?.text()) ?? '';
  const referenced = new Set([...html.matchAll(/<script[^>]+src="([^"]+)"/g)].map((match) => new URL(match[1]!, url).pathname));
  return {
    firstLoad: measure([...bodies].filter(([path]) => referenced.has(path)).map(([, body]) => body)),
    total: measure([...bodies.values()]),
  };
}

export async function benchPromote(target: LiveKitTarget, appUrl: string, context: BrowserContext) {
  const room = `bench-promote-${Date.now()}`;
  const member = await RealParticipant.join(target, { room, identity: 'bench-member', grant: { canPublish: false } });
  try {
    const floor = await floorSamples(target, room, member);

    const page = await context.newPage();
    // tsx compiles with keepNames: functions sent to the page call a __name helper the page lacks
    await page.addInitScript('globalThis.__name = (fn) => fn');
    const bundle = await pageJavaScript(page, `${appUrl}/rooms/${room}`);
    await page.locator('[data-live-status="live"]').waitFor({ timeout: 15_000 });
    await page.locator(`tr[data-identity="${member.identity}"]`).waitFor();
    const dashboard = await dashboardSamples(page, member.identity);

    const floorP95 = percentile(floor, 95);
    const dashboardP95 = percentile(dashboard, 95);
    printReport(`Promote latency, ${REPETITIONS} repetitions each, loopback`, [
      { name: 'floor: server SDK updateParticipant → participant event, median', figure: ms(median(floor)) },
      { name: 'floor p95', figure: ms(floorP95) },
      { name: 'dashboard: click Promote/Demote → row shows role, median', figure: ms(median(dashboard)) },
      { name: 'dashboard p95', figure: ms(dashboardP95) },
      { name: 'median difference (dashboard − floor)', figure: ms(median(dashboard) - median(floor)) },
      {
        name: 'p95 difference (dashboard − floor)',
        figure: ms(dashboardP95 - floorP95),
        target: '≤ 25 ms',
        met: dashboardP95 - floorP95 <= 25,
      },
    ]);
    printReport('Room page JavaScript (production build, gzip level 9)', [
      {
        name: `first load: ${bundle.firstLoad.files} scripts in the HTML, raw ${kb(bundle.firstLoad.raw)}`,
        figure: kb(bundle.firstLoad.gzip),
        target: '≤ 250 kB',
        met: bundle.firstLoad.gzip <= 250 * 1024,
      },
      {
        name: `with the lazily loaded observer: ${bundle.total.files} scripts, raw ${kb(bundle.total.raw)}`,
        figure: kb(bundle.total.gzip),
      },
    ]);
    await page.close();
  } finally {
    await member.leave();
  }
}
