import { CHROMIUM_PATH } from '../tests/helpers/browser';

export interface LighthouseScores {
  url: string;
  /** performance, accessibility, best-practices: 0–100 */
  categories: Record<string, number>;
  blockingMs: number;
  /** the audits that cost accessibility or best practices points: what to fix */
  failing: string[];
}

const CATEGORIES = ['performance', 'accessibility', 'best-practices'];

/**
 * Lighthouse's desktop run on each page, signed in through the session cookie, in Debian's Chromium
 * launched by Lighthouse's own launcher (signed out with an empty cookie); a sentence saying why not when it cannot run here.
 */
export async function lighthouseScores(urls: string[], cookie: string): Promise<LighthouseScores[] | string> {
  let lighthouse: typeof import('lighthouse').default;
  let desktopConfig: typeof import('lighthouse').desktopConfig;
  let launch: typeof import('chrome-launcher').launch;
  try {
    ({ default: lighthouse, desktopConfig } = await import('lighthouse'));
    ({ launch } = await import('chrome-launcher'));
  } catch (error) {
    return `not run: lighthouse is not installed (${(error as Error).message})`;
  }
  const chrome = await launch({
    chromePath: CHROMIUM_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const scores: LighthouseScores[] = [];
    for (const url of urls) {
      const result = await lighthouse(
        url,
        { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES, ...(cookie && { extraHeaders: { Cookie: cookie } }) },
        desktopConfig,
      );
      const lhr = result?.lhr;
      if (!lhr) return `not run: Lighthouse returned no result for ${url}`;
      if (lhr.runtimeError) return `not run: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`;
      scores.push({
        url,
        categories: Object.fromEntries(CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)])),
        blockingMs: lhr.audits['total-blocking-time']?.numericValue ?? NaN,
        failing: ['accessibility', 'best-practices'].flatMap((id) =>
          (lhr.categories[id]?.auditRefs ?? [])
            .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
            .map((ref) => `${id}: ${lhr.audits[ref.id]!.title}`),
        ),
      });
    }
    return scores;
  } finally {
    chrome.kill();
  }
}
