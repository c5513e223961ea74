import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';

/** Every 'use server' module anywhere under lib/, found by its directive, so a new one (or a moved one) cannot be left out. */
export function serverActionModules(): string[] {
  return (readdirSync(path.join(REPO_ROOT, 'lib'), { recursive: true }) as string[])
    .map((file) => path.posix.join('lib', file.split(path.sep).join('/')))
    .filter((file) => /\.tsx?$/.test(file))
    .filter((file) => /^\s*['"]use server['"]/.test(readFileSync(path.join(REPO_ROOT, file), 'utf8')))
    .sort();
}

export interface ServerActionExport {
  module: string;
  name: string;
  action: (input?: unknown) => Promise<unknown>;
}

/** Imports every export of every 'use server' module: each one is a public endpoint. */
export async function allServerActions(): Promise<ServerActionExport[]> {
  const found: ServerActionExport[] = [];
  for (const module of serverActionModules()) {
    const exports = (await import(/* @vite-ignore */ path.join(REPO_ROOT, module))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value !== 'function') throw new Error(`${module} exports ${name}, which is not an action`);
      found.push({ module, name, action: value as ServerActionExport['action'] });
    }
  }
  return found;
}
