import { describe, expect, it } from 'vitest';
import { readSourceTree, reachableFrom, type SourceFile } from '../helpers/source-tree';

/** The feature folders under lib/; everything else under lib/ is the shared core below them. */
const FEATURES = [
  'accounts', 'access', 'activity', 'audit', 'bans', 'bulk', 'hands', 'history', 'incident',
  'participants', 'presets', 'retention', 'rooms', 'teamwork', 'timeboxes', 'undo', 'unmute-requests', 'webhooks', 'diagnostics',
];
/** The composition root: it starts every feature's job, so it alone may import them from outside. */
const COMPOSITION_ROOT = 'lib/startup.ts';
/** What a feature may import of another: never its actions (public endpoints) nor its jobs. */
const CROSS_FEATURE_ROLES = ['shared', 'store', 'service', 'schema'];

/**
 * Upward imports left on purpose, each with its reason. The test fails when one disappears too, so
 * this list never outlives the code it excuses.
 */
const ALLOWED_UPWARD = new Map([
  [
    'lib/actions/audit-store.ts -> lib/teamwork/claims-service.ts',
    'a claim is released in the same batch that completes the audit rows of its moderator’s actions ' +
      '(one statement a batch); the audit log is the one place every action passes, also in processes ' +
      'that never run lib/startup.ts (the integration tests), so there is no registration point to invert it',
  ],
]);

const files = readSourceTree();
const sources = [...files.values()];
const fileName = (file: string) => file.split('/').pop()!;
const roleOf = (file: string) => fileName(file).replace(/\.tsx?$/, '').split('-').pop()!;
const featureOf = (file: string) => {
  const folder = file.match(/^lib\/([^/]+)\//)?.[1];
  return folder && FEATURES.includes(folder) ? folder : undefined;
};
const isServerAction = (file: SourceFile) => /^\s*['"]use server['"]/.test(file.text);
const isServerOnly = (file: SourceFile) => file.packages.includes('server-only');

describe('architecture', () => {
  it('reads the whole source tree', () => {
    expect(sources.length).toBeGreaterThan(200);
    expect(sources.filter(isServerAction).length).toBeGreaterThan(15);
  });

  it('every feature folder exists', () => {
    for (const feature of FEATURES) expect(sources.some((file) => featureOf(file.path) === feature), feature).toBe(true);
  });

  it('drizzle only in lib/db and store files', () => {
    const offenders = sources
      .filter((file) => file.packages.some((name) => name === 'drizzle-orm' || name.startsWith('drizzle-orm/')))
      .filter((file) => !file.path.startsWith('lib/db/') && !/(^|-)store\.ts$/.test(fileName(file.path)))
      .map((file) => file.path);
    expect(offenders).toEqual([]);
  });

  it("'use server' only in actions files, and every export there is a defineAction", () => {
    const misnamed = sources.filter(isServerAction).filter((file) => !/^lib\/.+(^|\/|-)actions\.ts$/.test(file.path));
    expect(misnamed.map((file) => file.path)).toEqual([]);
    const notServer = sources.filter((file) => /(^|-)actions\.ts$/.test(fileName(file.path)) && file.path.startsWith('lib/') && !isServerAction(file));
    expect(notServer.map((file) => file.path)).toEqual([]);
    const otherExports = sources.filter(isServerAction).flatMap((file) =>
      file.text
        .split('\n')
        .filter((line) => /^export\b/.test(line) && !/^export const \w+ = defineAction\(/.test(line))
        .map((line) => `${file.path}: ${line}`),
    );
    expect(otherExports).toEqual([]);
  });

  it('nothing under lib/live or in a shared file reaches server-only code or zod', () => {
    const browserSide = sources.filter((file) => file.path.startsWith('lib/live/') || /(^|-)shared\.ts$/.test(fileName(file.path)));
    expect(browserSide.length).toBeGreaterThan(10);
    const offenders = browserSide.flatMap((file) =>
      [...reachableFrom(files, file.path)]
        .map((reached) => files.get(reached)!)
        .filter((reached) => isServerOnly(reached) || reached.packages.includes('zod') || reached.packages.includes('livekit-server-sdk'))
        .map((reached) => `${file.path} -> ${reached.path}`),
    );
    expect(offenders).toEqual([]);
  });

  it('the core imports no feature (lib/startup.ts, the composition root, aside)', () => {
    const upward = sources
      .filter((file) => file.path.startsWith('lib/') && !featureOf(file.path) && file.path !== COMPOSITION_ROOT)
      .flatMap((file) => file.imports.filter((target) => featureOf(target)).map((target) => `${file.path} -> ${target}`));
    expect(upward.sort()).toEqual([...ALLOWED_UPWARD.keys()].sort());
  });

  it("a feature reaches another only through its shared, store, service or schema files", () => {
    const offenders = sources.flatMap((file) => {
      const from = featureOf(file.path);
      if (!from) return [];
      return file.imports
        .filter((target) => featureOf(target) && featureOf(target) !== from && !CROSS_FEATURE_ROLES.includes(roleOf(target)))
        .map((target) => `${file.path} -> ${target}`);
    });
    expect(offenders).toEqual([]);
  });

  it('every file in a feature folder says its role in its name', () => {
    const roles = ['actions', 'store', 'service', 'job', 'shared', 'schema'];
    const unnamed = sources.filter((file) => featureOf(file.path) && !roles.includes(roleOf(file.path))).map((file) => file.path);
    expect(unnamed).toEqual([]);
  });

  it('components and app never import drizzle, the LiveKit server SDK or a store', () => {
    const offenders = sources
      .filter((file) => file.path.startsWith('components/'))
      .flatMap((file) => [
        ...file.packages.filter((name) => name.startsWith('drizzle-orm') || name === 'livekit-server-sdk').map((name) => `${file.path} -> ${name}`),
        ...file.imports.filter((target) => /(^|-)store\.ts$/.test(fileName(target))).map((target) => `${file.path} -> ${target}`),
      ]);
    expect(offenders).toEqual([]);
  });

  it('livekit-server-sdk only in lib/livekit', () => {
    const offenders = sources.filter((file) => file.packages.includes('livekit-server-sdk') && !file.path.startsWith('lib/livekit/'));
    expect(offenders.map((file) => file.path)).toEqual([]);
  });
});
