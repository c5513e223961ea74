import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { addCompileHints } from './compile-hints';

/**
 * `output: 'standalone'` leaves out what Next serves from disk and what the app reads at run time:
 * the client assets (.next/static), public/, and the SQL migrations (read from the working directory,
 * which server.js sets to its own folder). Copied in after every `next build`, so
 * `node .next/standalone/server.js` runs with nothing else installed. The client chunks get their
 * compile hints first (compile-hints.ts).
 */
export function completeStandalone(root: string): string {
  const standalone = path.join(root, '.next', 'standalone');
  if (!existsSync(path.join(standalone, 'server.js'))) throw new Error(`${standalone}/server.js is missing: is output: 'standalone' set in next.config.mjs?`);
  addCompileHints(root);
  const copies: Array<[string, string]> = [
    [path.join(root, '.next', 'static'), path.join(standalone, '.next', 'static')],
    [path.join(root, 'public'), path.join(standalone, 'public')],
    [path.join(root, 'lib', 'db', 'migrations'), path.join(standalone, 'lib', 'db', 'migrations')],
  ];
  for (const [from, to] of copies) {
    rmSync(to, { recursive: true, force: true });
    if (existsSync(from)) cpSync(from, to, { recursive: true });
  }
  return standalone;
}
