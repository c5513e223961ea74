import type { BrowserContext, Page } from 'playwright-core';
import { RealParticipant, type LiveKitTarget } from '../scripts/lib/participant';
import { pageJavaScript } from '../tests/helpers/page-javascript';
import { kb, ms, printReport } from './stats';
import { lighthouseScores } from './lighthouse';
import { BLOCKING_MS, mainThreadCpu, type MainThreadCpu } from './lib/main-thread-cpu';

/** How long after the navigation the page's tasks are watched: its first seconds, the observer's join included. */
const WATCH_MS = 8_000;
const TRACE_CATEGORIES = ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline'];

interface Task {
  start: number;
  duration: number;
}
interface FrameScript {
  source: string;
  invoker: string;
  duration: number;
}
interface Watched {
  tasks: Task[];
  frames: Array<Task & { scripts: FrameScript[] }>;
  firstContentfulPaint: number | null;
}

/**
 * Installed before the navigation: every long task (for the blocking time) and every long animation
 * frame with the scripts that ran in it (the long-task API names no script; long animation frames do).
 */
const WATCHER = `(() => {
  const watched = { tasks: [], frames: [], firstContentfulPaint: null };
  window.__pageBench = watched;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) watched.tasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        watched.frames.push({
          start: entry.startTime,
          duration: entry.duration,
          scripts: (entry.scripts || []).map((s) => ({ source: s.sourceURL || s.name, invoker: s.invoker, duration: s.duration })),
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'first-contentful-paint') watched.firstContentfulPaint = entry.startTime;
  }).observe({ type: 'paint', buffered: true });
})();`;

/** The blocking part of each long task (its time over 50 ms), summed: total blocking time. */
function blockingTime(tasks: readonly Task[]): number {
  return tasks.reduce((total, task) => total + Math.max(0, task.duration - BLOCKING_MS), 0);
}

function shortSource(source: string): string {
  try {
    return new URL(source).pathname.replace(/^\/_next\/static\/chunks\//, '');
  } catch {
    return source || '(no script: parse, style, layout or a framework callback)';
  }
}

/** Where the blocking time went: the scripts of the long frames, by chunk, biggest first. */
function attribution(watched: Watched): string[] {
  const bySource = new Map<string, number>();
  for (const frame of watched.frames) {
    for (const script of frame.scripts) {
      const key = `${shortSource(script.source)} (${script.invoker.slice(0, 60)})`;
      bySource.set(key, (bySource.get(key) ?? 0) + script.duration);
    }
  }
  return [...bySource]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([source, duration]) => `${ms(duration)}  ${source}`);
}

async function watch(page: Page, ready: () => Promise<void>): Promise<Watched> {
  await ready();
  await page.waitForTimeout(WATCH_MS);
  return page.evaluate(() => (window as unknown as { __pageBench: Watched }).__pageBench);
}

interface Measured {
  watched: Watched;
  cpu: MainThreadCpu;
  javascript: { firstLoad: { files: number; gzip: number; raw: number }; later: { files: number; gzip: number } };
  errors: string[];
}

async function report(title: string, { watched, cpu, javascript, errors }: Measured, firstLoadTarget?: number) {
  const blocking = blockingTime(watched.tasks);
  const longest = Math.max(0, ...watched.tasks.map((task) => task.duration));
  printReport(title, [
    { name: `first-load JavaScript: ${javascript.firstLoad.files} scripts in the HTML, raw ${kb(javascript.firstLoad.raw)} (gzip level 9)`, figure: kb(javascript.firstLoad.gzip), ...(firstLoadTarget && { target: `≤ ${kb(firstLoadTarget)}`, met: javascript.firstLoad.gzip <= firstLoadTarget }) },
    { name: `loaded after the first load: ${javascript.later.files} scripts`, figure: kb(javascript.later.gzip) },
    { name: 'first contentful paint', figure: watched.firstContentfulPaint === null ? 'none' : ms(watched.firstContentfulPaint) },
    { name: `long tasks in the first ${WATCH_MS / 1000} s`, figure: String(watched.tasks.length) },
    { name: 'longest task', figure: ms(longest), target: `≤ ${BLOCKING_MS} ms`, met: longest <= BLOCKING_MS },
    { name: 'total blocking time (Σ task time over 50 ms)', figure: ms(blocking), target: '≤ 100 ms', met: blocking <= 100 },
    { name: 'main thread, traced: CPU time of its tasks', figure: ms(cpu.cpuMs) },
    { name: 'traced: longest task / total blocking time, in CPU time', figure: `${ms(cpu.longestTaskCpuMs)} / ${ms(cpu.blockingCpuMs)}` },
    { name: 'traced: total blocking time in wall time (waits for a core included)', figure: ms(cpu.blockingWallMs) },
    { name: 'errors logged to the browser console', figure: String(errors.length), target: '0', met: errors.length === 0 },
  ]);
  for (const task of [...watched.tasks].sort((a, b) => b.duration - a.duration).slice(0, 5)) {
    console.log(`  long task at ${ms(task.start)}: ${ms(task.duration)}`);
  }
  const scripts = attribution(watched);
  if (scripts.length > 0) console.log(`  script time in long animation frames, by chunk:\n    ${scripts.join('\n    ')}`);
  for (const error of errors) console.log(`  console error: ${error}`);
}

async function measurePage(context: BrowserContext, url: string, ready: (page: Page) => Promise<void>): Promise<Measured> {
  const page = await context.newPage();
  const browser = context.browser()!;
  await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  const errors: string[] = [];
  page.on('console', (message) => void (message.type() === 'error' && errors.push(message.text())));
  await page.addInitScript('globalThis.__name = (fn) => fn');
  await page.addInitScript(WATCHER);
  const javascript = await pageJavaScript(page, url, () => ready(page));
  const watched = await watch(page, async () => {});
  const cpu = mainThreadCpu(await browser.stopTracing());
  await page.close();
  return { javascript, watched, cpu, errors };
}

/**
 * The rooms page and the signed-in room page of a live room (a real participant in it), opened cold
 * in Chromium: first-load JavaScript, long tasks and total blocking time in the first seconds, where
 * the blocking time goes, console errors; then Lighthouse's scores where it can run.
 */
/** Issue 19 §4 asks for every page: the signed-in ones besides the rooms and the room page (the bench's account is an admin). */
const OTHER_PAGES = ['/audit', '/bans', '/admin', '/admin/diagnostics', '/presets', '/account/password'];

export async function benchPage(target: LiveKitTarget, appUrl: string, context: BrowserContext) {
  const room = `bench-page-${Date.now()}`;
  const member = await RealParticipant.join(target, { room, identity: 'bench-member', grant: { canPublish: false } });
  try {
    const rooms = await measurePage(context, `${appUrl}/`, async (page) => {
      await page.locator(`text=${room}`).first().waitFor({ timeout: 15_000 });
    });
    await report('Rooms page (/), signed in, a live room listed', rooms);

    const roomPage = await measurePage(context, `${appUrl}/rooms/${room}`, async (page) => {
      await page.locator('[data-live-status="live"]').waitFor({ timeout: 30_000 });
      await page.locator(`tr[data-identity="${member.identity}"], [data-identity="${member.identity}"]`).first().waitFor();
    });
    await report(`Room page (/rooms/${room}), signed in, live`, roomPage, 200 * 1024);

    const cookies = await context.cookies(appUrl);
    const signedIn = await lighthouseScores(
      ['/', `/rooms/${room}`, ...OTHER_PAGES].map((page) => `${appUrl}${page}`),
      cookies.map((c) => `${c.name}=${c.value}`).join('; '),
    );
    const signedOut = await lighthouseScores([`${appUrl}/signin`], '');
    for (const scores of [signedIn, signedOut]) {
      if (typeof scores === 'string') {
        console.log(`\n## Lighthouse\n${scores}`);
        continue;
      }
      for (const { url, categories, blockingMs, failing } of scores) {
        printReport(`Lighthouse (desktop) ${new URL(url).pathname}`, [
          ...Object.entries(categories).map(([name, score]) => ({ name, figure: String(score), target: '≥ 95', met: score >= 95 })),
          { name: 'total-blocking-time (Lighthouse, simulated)', figure: ms(blockingMs), target: '≤ 100 ms', met: blockingMs <= 100 },
        ]);
        for (const audit of failing) console.log(`  failed ${audit}`);
      }
    }
  } finally {
    await member.leave();
  }
}
