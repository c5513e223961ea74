import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * V8's explicit compile hint: a script that starts with this comment is compiled in full on a
 * background thread while it streams in, instead of function by function on the main thread when
 * each is first called (Chrome 136 and later; other browsers read a comment).
 */
const COMPILE_HINT = '//# allFunctionsCalledOnLoad\n';

/**
 * The chunks the room page runs in full as soon as they arrive, each found by a string only it holds:
 * react-dom (its root marker), which hydrates the page, livekit-client (its protobuf types are named
 * `livekit.…`), which the observer loads and connects at once, and uPlot (its axis class), which draws
 * the activity chart as soon as it loads.
 */
const RUN_ON_LOAD = [
  { library: 'react-dom', marker: '__reactContainer$' },
  { library: 'livekit-client', marker: 'livekit.SignalRequest' },
  { library: 'uPlot', marker: 'u-axis' },
];

/** Puts the compile hint at the top of those chunks in `.next/static/chunks`; answers which files got it. */
export function addCompileHints(root: string): string[] {
  const chunks = path.join(root, '.next', 'static', 'chunks');
  const files = readdirSync(chunks).filter((name) => name.endsWith('.js'));
  const hinted: string[] = [];
  for (const { library, marker } of RUN_ON_LOAD) {
    const matches = files.filter((name) => readFileSync(path.join(chunks, name), 'utf8').includes(marker));
    if (matches.length === 0) throw new Error(`no chunk in ${chunks} holds ${library} (looked for "${marker}"): has the library or its bundling changed?`);
    for (const name of matches) {
      const file = path.join(chunks, name);
      const text = readFileSync(file, 'utf8');
      if (!text.startsWith(COMPILE_HINT)) writeFileSync(file, COMPILE_HINT + text);
      hinted.push(name);
    }
  }
  return hinted;
}
