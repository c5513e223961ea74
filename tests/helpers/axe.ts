import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The WCAG 2.1 A and AA rules (axe's tags include 2.0 A/AA, which 2.1 extends), and WCAG 2.2 AA's
 * target size (24 × 24 px, or that much room around a smaller target), which Lighthouse also audits.
 */
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary: string }>;
}

/** Runs axe-core inside the page (injected, as the real engine) and answers its WCAG 2.1 A/AA (and 2.2 target size) violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: unknown, options: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target, failureSummary: node.failureSummary })),
    }));
  }, WCAG_21_AA);
}

/** One line per rule with how many elements break it and the first few, for a readable failure. */
export function describeViolations(violations: AxeViolation[]): string[] {
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.nodes.length}): ${violation.help} — ${violation.nodes
        .slice(0, 3)
        .map((node) => node.target.join(' '))
        .join(', ')}`,
  );
}

/** Whether the page itself scrolls sideways: the document is wider than the viewport. */
export function sidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export interface SmallTarget {
  what: string;
  width: number;
  height: number;
}

/**
 * Buttons, links and tabs on screen smaller than `min` × `min` px (WCAG 2.2 target size: 24 px,
 * 44 px on touch screens). Links inside running text are exempt, as WCAG's inline exception says.
 */
export function smallTargets(page: Page, min: number): Promise<SmallTarget[]> {
  return page.evaluate((min) => {
    const targets = document.querySelectorAll<HTMLElement>('button, a[href], [role="button"], [role="link"], [role="tab"], summary');
    const small: Array<{ what: string; width: number; height: number }> = [];
    for (const target of targets) {
      if (target.closest('[inert], dialog:not([open])')) continue;
      const box = target.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(target).visibility === 'hidden') continue;
      if (target.tagName === 'A' && target.closest('p, li > span, td > span')) continue;
      if (box.width + 0.5 >= min && box.height + 0.5 >= min) continue;
      const name = target.getAttribute('aria-label') || target.textContent?.trim().slice(0, 40) || target.outerHTML.slice(0, 60);
      small.push({ what: `${target.tagName.toLowerCase()} "${name}"`, width: Math.round(box.width), height: Math.round(box.height) });
    }
    return small;
  }, min);
}
