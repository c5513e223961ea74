import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';

export interface SourceFile {
  /** repo-relative, with forward slashes */
  path: string;
  text: string;
  /** repo-relative paths of the project files it imports (static, dynamic and type imports) */
  imports: string[];
  /** the bare package specifiers it imports ('drizzle-orm', 'server-only', 'node:fs', …) */
  packages: string[];
}

const SOURCE = /\.(ts|tsx)$/;
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])([^'"\n]+)\1/gm;
const CANDIDATES = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'];

function walk(dir: string): string[] {
  return (readdirSync(path.join(REPO_ROOT, dir), { recursive: true }) as string[])
    .map((file) => path.posix.join(dir, file.split(path.sep).join('/')))
    .filter((file) => SOURCE.test(file));
}

/** Every TypeScript file of the app (lib, components, app) with what it imports, read as text. */
export function readSourceTree(roots: readonly string[] = ['lib', 'components', 'app']): Map<string, SourceFile> {
  const paths = new Set(roots.flatMap(walk));
  const files = new Map<string, SourceFile>();
  for (const file of paths) {
    const text = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    const imports: string[] = [];
    const packages: string[] = [];
    for (const [, , specifier] of text.matchAll(SPECIFIER)) {
      if (!specifier) continue;
      const base = specifier.startsWith('@/')
        ? specifier.slice(2)
        : specifier.startsWith('.')
          ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier))
          : undefined;
      if (base === undefined) packages.push(specifier);
      else {
        const resolved = CANDIDATES.map((ending) => base + ending).find((candidate) => paths.has(candidate));
        if (resolved) imports.push(resolved);
      }
    }
    files.set(file, { path: file, text, imports, packages });
  }
  return files;
}

/** The files `start` reaches through its imports, itself included. */
export function reachableFrom(files: Map<string, SourceFile>, start: string): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length > 0) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(files.get(next)?.imports ?? []));
  }
  return seen;
}
