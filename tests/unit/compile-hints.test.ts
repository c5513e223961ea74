import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addCompileHints } from '../../scripts/lib/compile-hints';

const HINT = '//# allFunctionsCalledOnLoad\n';
let root: string;

function buildWith(chunks: Record<string, string>) {
  root = mkdtempSync(path.join(tmpdir(), 'compile-hints-'));
  const dir = path.join(root, '.next', 'static', 'chunks');
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(chunks)) writeFileSync(path.join(dir, name), text);
  return (name: string) => readFileSync(path.join(dir, name), 'utf8');
}

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('compile hints after the build', () => {
  it('puts the hint at the top of the react-dom, livekit-client and uPlot chunks only, once', () => {
    const read = buildWith({
      'react-dom.js': 'push([0,e=>{let k="__reactContainer$"+r}])',
      'livekit.js': 'push([1,e=>{let t="livekit.SignalRequest"}])',
      'chart.js': 'push([2,e=>{c.className="u-axis"}])',
      'app.js': 'push([3,e=>{}])',
    });
    expect(addCompileHints(root).sort()).toEqual(['chart.js', 'livekit.js', 'react-dom.js']);
    addCompileHints(root);
    expect(read('livekit.js')).toBe(`${HINT}push([1,e=>{let t="livekit.SignalRequest"}])`);
    expect(read('chart.js').startsWith(HINT)).toBe(true);
    expect(read('chart.js').indexOf(HINT, 1)).toBe(-1);
    expect(read('app.js')).toBe('push([3,e=>{}])');
  });

  it('fails the build when a library is in no chunk, so a bundling change is noticed', () => {
    buildWith({ 'react-dom.js': '__reactContainer$', 'chart.js': 'u-axis' });
    expect(() => addCompileHints(root)).toThrow(/livekit-client/);
  });
});
