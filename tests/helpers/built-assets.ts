import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';

export const STATIC_DIR = path.join(REPO_ROOT, '.next', 'static');

/** Every file of the build's client assets (what a browser can fetch under /_next/static). */
export function staticFiles(dir = STATIC_DIR): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? staticFiles(full) : [full];
  });
}
