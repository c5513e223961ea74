import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';

/** Every 'use server' module in lib/actions, found by its directive, so a new one cannot be left out. */
export function serverActionModules(): string[] {
  const dir = path.join(REPO_ROOT, 'lib', 'actions');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.ts'))
    .filter((file) => /^\s*['"]use server['"]/.test(readFileSync(path.join(dir, file), 'utf8')))
    .map((file) => `lib/actions/${file}`);
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
