import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { readSourceTree } from '../helpers/source-tree';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** The rows of the first markdown table after `heading`, as their cells. */
function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`no "${heading}" section`);
  const rest = markdown.slice(start + heading.length + 2).split('\n');
  const first = rest.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of rest.slice(first)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').slice(1, -1).map((cell) => cell.trim());
    if (cells.every((cell) => /^:?-+:?$/.test(cell))) continue;
    rows.push(cells);
  }
  return rows.slice(1);
}

const unquote = (cell: string | undefined) => cell?.match(/^`([^`]+)`$/)?.[1];

describe('docs/architecture.md', () => {
  it('its Actions table lists exactly the server actions there are, each at its module', () => {
    const actions = [...readSourceTree(['lib']).values()]
      .filter((file) => /^\s*['"]use server['"]/.test(file.text))
      .flatMap((file) => [...file.text.matchAll(/^export const (\w+) = defineAction\(/gm)].map((match) => `${match[1]} ${file.path}`));
    expect(actions.length).toBeGreaterThan(50);
    const listed = tableAfter(read('docs/architecture.md'), '## Actions').map(([name, module]) => `${unquote(name)} ${unquote(module)}`);
    expect([...listed].sort()).toEqual([...actions].sort());
  });
});

describe('docs/configuration.md', () => {
  const documented = () =>
    read('docs/configuration.md')
      .split('\n')
      .map((line) => line.match(/^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|/)?.[1])
      .filter((name): name is string => Boolean(name));

  it('documents every variable lib/env.ts reads', () => {
    const schema = read('lib/env.ts');
    const read_ = [...schema.matchAll(/^ {4}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]!);
    expect(read_.length).toBeGreaterThan(20);
    expect(read_.filter((name) => !documented().includes(name))).toEqual([]);
  });

  it('documents no variable that nothing reads', () => {
    const readers = ['lib/env.ts', 'next.config.mjs', 'instrumentation.ts', ...readSourceTree(['scripts']).keys()];
    const text = readers.map(read).join('\n');
    expect(documented().filter((name) => !new RegExp(`\\b${name}\\b`).test(text))).toEqual([]);
  });
});

describe('README.md', () => {
  it('is a front door: at most 200 lines, with the two quick-start commands', () => {
    const readme = read('README.md');
    expect(readme.split('\n').length).toBeLessThanOrEqual(200);
    expect(readme).toContain('npm ci && npm run dev');
    expect(readme).toContain('npm ci && npm test');
  });
});
