import type { BrowserContext, Page } from 'playwright-core';
import { RoomServiceClient, TrackSource, type ParticipantInfo, type UpdateParticipantOptions } from 'livekit-server-sdk';
import { RealParticipant, type LiveKitTarget } from '../scripts/lib/participant';
import { rowsFromLiveKit, type ShownRow } from '../tests/helpers/table-truth';
import { median, ms, percentile, printReport } from './stats';

const POOL = 5;
const TARGET_MS = 500;
const GIVE_UP_MS = 10_000;

type Source = 'dashboard' | 'moderator' | 'participant';
interface Change {
  source: Source;
  what: string;
  run: () => Promise<unknown>;
}
interface Outcome {
  change: Change;
  /** ms from ListParticipants showing the change until the screen equals it; null: never */
  elapsed: number | null;
  /** fields still different 500 ms after ListParticipants showed the change */
  late: { identity: string; field: string }[];
}

/** A small seeded generator, so a run can be repeated with STAGEKEEPER_FIDELITY_SEED. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Resolves with the moment (Date.now()) the table on screen equals `expected`, or null after
 * GIVE_UP_MS; and which fields still differed TARGET_MS after `since`.
 */
function screenEquals(page: Page, expected: ShownRow[], since: number) {
  return page.evaluate(
    ({ expected, since, target, giveUp }) =>
      new Promise<{ at: number | null; late: { identity: string; field: string }[] }>((resolve) => {
        const read = () =>
          [...document.querySelectorAll('tr[data-identity]')].map((row) => ({
            identity: row.getAttribute('data-identity') ?? '',
            name: [...(row.querySelector('div.font-medium')?.childNodes ?? [])]
              .filter((node) => node.nodeType === Node.TEXT_NODE)
              .map((node) => node.textContent ?? '')
              .join(''),
            role: row.getAttribute('data-role') ?? '',
            kind: row.getAttribute('data-kind') ?? '',
            permission: row.getAttribute('data-permission') ?? '',
            metadata: row.querySelector('[data-metadata]')?.textContent ?? '',
            attributes: [...row.querySelectorAll('span[title*="="]')].map((chip) => chip.getAttribute('title') ?? '').sort(),
            tracks: [...row.querySelectorAll('[data-track-sid]')]
              .map((chip) => `${chip.getAttribute('data-track-sid')}:${chip.getAttribute('data-muted') === 'true' ? 'muted' : 'live'}`)
              .sort(),
          }));
        const diff = () => {
          const shown = new Map(read().map((row) => [row.identity, row as Record<string, unknown>]));
          const found: { identity: string; field: string }[] = [];
          for (const want of expected as unknown as Record<string, unknown>[]) {
            const identity = want.identity as string;
            const have = shown.get(identity);
            shown.delete(identity);
            if (!have) found.push({ identity, field: 'row (missing)' });
            else for (const field of Object.keys(want)) if (JSON.stringify(have[field]) !== JSON.stringify(want[field])) found.push({ identity, field });
          }
          for (const identity of shown.keys()) found.push({ identity, field: 'row (extra)' });
          return found;
        };
        let late: { identity: string; field: string }[] = [];
        const finish = (at: number | null) => {
          observer.disconnect();
          clearTimeout(lateTimer);
          clearTimeout(giveUpTimer);
          resolve({ at, late: at === null ? (late.length > 0 ? late : diff()) : late });
        };
        const check = () => diff().length === 0 && finish(Date.now());
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        const lateTimer = setTimeout(() => (late = diff()), Math.max(0, since + target - Date.now()));
        const giveUpTimer = setTimeout(() => finish(null), giveUp);
        check();
      }),
    { expected, since, target: TARGET_MS, giveUp: GIVE_UP_MS },
  );
}

export async function benchFidelity(target: LiveKitTarget, appUrl: string, context: BrowserContext) {
  const changes = Number(process.env.STAGEKEEPER_FIDELITY_CHANGES ?? 300);
  const seed = Number(process.env.STAGEKEEPER_FIDELITY_SEED ?? Date.now() % 1_000_000);
  const next = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const room = `bench-fidelity-${seed}`;
  const service = new RoomServiceClient(target.url, target.apiKey, target.apiSecret);
  const joinOptions = (identity: string) => ({ room, identity, name: identity, grant: { canPublish: true, canUpdateOwnMetadata: true } });

  const present = new Map<string, RealParticipant>();
  const absent = new Set<string>();
  for (let i = 0; i < POOL; i += 1) present.set(`p${i}`, await RealParticipant.join(target, joinOptions(`p${i}`)));
  const page = await context.newPage();
  await page.goto(`${appUrl}/rooms/${room}`);
  await page.locator('[data-live-status="live"]').waitFor({ timeout: 30_000 });
  // tsx names the helper functions inside screenEquals with esbuild's __name, which the page lacks
  await page.evaluate('globalThis.__name = (fn) => fn');

  let truth = await service.listParticipants(room);
  const info = (identity: string) => truth.find((participant) => participant.identity === identity);
  const someone = () => pick([...present.keys()]);

  const moderatorChange = (): Change => {
    const identity = someone();
    const current = info(identity)?.permission;
    const permission = {
      canSubscribe: current?.canSubscribe ?? true,
      canPublish: current?.canPublish ?? true,
      canPublishData: current?.canPublishData ?? true,
      canPublishSources: current?.canPublishSources ?? [],
      canUpdateMetadata: current?.canUpdateMetadata ?? false,
    };
    const field = pick(['canSubscribe', 'canPublishData', 'canUpdateMetadata', 'canPublishSources', 'name', 'metadata', 'attributes', 'mute'] as const);
    const run = (update: UpdateParticipantOptions) => () => service.updateParticipant(room, identity, update);
    switch (field) {
      case 'canPublishSources':
        return { source: 'moderator', what: `${identity} sources`, run: run({ permission: { ...permission, canPublishSources: permission.canPublishSources.length ? [] : [TrackSource.MICROPHONE] } }) };
      case 'name':
        return { source: 'moderator', what: `${identity} name`, run: run({ name: `mod-${Math.floor(next() * 1e6)}` }) };
      case 'metadata':
        return { source: 'moderator', what: `${identity} metadata`, run: run({ metadata: JSON.stringify({ n: Math.floor(next() * 1e6) }) }) };
      case 'attributes':
        return { source: 'moderator', what: `${identity} attributes`, run: run({ attributes: { mood: `m${Math.floor(next() * 1e6)}` } }) };
      case 'mute': {
        const track = info(identity)?.tracks.find((candidate) => !candidate.muted);
        if (!track) return moderatorChange();
        return { source: 'moderator', what: `${identity} mute`, run: () => service.mutePublishedTrack(room, identity, track.sid, true) };
      }
      default:
        return { source: 'moderator', what: `${identity} ${field}`, run: run({ permission: { ...permission, [field]: !permission[field] } }) };
    }
  };

  const participantChange = (): Change => {
    const kind = pick(['metadata', 'name', 'attributes', 'publish', 'unpublish', 'leave', 'rejoin'] as const);
    if (kind === 'rejoin' && absent.size > 0) {
      const identity = pick([...absent]);
      return {
        source: 'participant',
        what: `${identity} rejoins`,
        run: async () => {
          present.set(identity, await RealParticipant.join(target, joinOptions(identity)));
          absent.delete(identity);
        },
      };
    }
    if (kind === 'leave' && present.size > 3) {
      const identity = someone();
      return {
        source: 'participant',
        what: `${identity} leaves`,
        run: async () => {
          await present.get(identity)!.leave();
          present.delete(identity);
          absent.add(identity);
        },
      };
    }
    const identity = someone();
    const local = present.get(identity)!.room.localParticipant!;
    const value = `${Math.floor(next() * 1e6)}`;
    if (kind === 'publish' && info(identity)?.permission?.canPublish) {
      return { source: 'participant', what: `${identity} publishes`, run: () => present.get(identity)!.publishSilentTrack(`t${value}`) };
    }
    const published = [...local.trackPublications.values()][0];
    if (kind === 'unpublish' && published?.sid) {
      return { source: 'participant', what: `${identity} unpublishes`, run: () => local.unpublishTrack(published.sid!) };
    }
    if (kind === 'name') return { source: 'participant', what: `${identity} own name`, run: () => local.updateName(`self-${value}`) };
    if (kind === 'attributes') return { source: 'participant', what: `${identity} own attributes`, run: () => local.setAttributes({ mood: `s${value}` }) };
    return { source: 'participant', what: `${identity} own metadata`, run: () => local.updateMetadata(`self ${value}`) };
  };

  const dashboardChange = (): Change => {
    const identity = someone();
    const onStage = info(identity)?.permission?.canPublish ?? false;
    const track = info(identity)?.tracks.find((candidate) => !candidate.muted);
    if (track && next() < 0.3) {
      return {
        source: 'dashboard',
        what: `${identity} mute (button)`,
        run: () => page.locator(`tr[data-identity="${identity}"] [data-track-sid="${track.sid}"] button`).click(),
      };
    }
    const label = onStage ? 'Demote' : 'Promote';
    return { source: 'dashboard', what: `${identity} ${label.toLowerCase()} (button)`, run: () => page.getByRole('button', { name: `${label} ${identity}`, exact: true }).click() };
  };

  const signature = (list: ParticipantInfo[]) => JSON.stringify(rowsFromLiveKit(list).sort((a, b) => a.identity.localeCompare(b.identity)));
  const outcomes: Outcome[] = [];
  for (let i = 0; i < changes; i += 1) {
    const source = pick(['dashboard', 'moderator', 'participant'] as const);
    const change = source === 'dashboard' ? dashboardChange() : source === 'moderator' ? moderatorChange() : participantChange();
    const before = signature(truth);
    await change.run();
    // the moment ListParticipants shows the change
    let since = Date.now();
    const deadline = since + 3_000;
    for (;;) {
      truth = await service.listParticipants(room);
      since = Date.now();
      if (signature(truth) !== before || since > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const { at, late } = await screenEquals(page, rowsFromLiveKit(truth), since);
    outcomes.push({ change, elapsed: at === null ? null : Math.max(0, at - since), late });
  }

  await page.close();
  await Promise.all([...present.values()].map((participant) => participant.leave()));

  const converged = outcomes.filter((outcome) => outcome.elapsed !== null).map((outcome) => outcome.elapsed!);
  const within = converged.filter((elapsed) => elapsed <= TARGET_MS).length;
  const never = outcomes.length - converged.length;
  const bySource = (['dashboard', 'moderator', 'participant'] as const)
    .map((source) => `${source} ${outcomes.filter((outcome) => outcome.change.source === source).length}`)
    .join(', ');
  printReport(`Fidelity: ${outcomes.length} random changes (${bySource}), seed ${seed}`, [
    { name: `within ${TARGET_MS} ms of ListParticipants`, figure: `${((100 * within) / outcomes.length).toFixed(1)} % (${within}/${outcomes.length})`, target: '100 %', met: within === outcomes.length },
    { name: 'never converged (10 s)', figure: String(never), target: '0', met: never === 0 },
    { name: 'time to equal ListParticipants, median / p95 / max', figure: `${ms(median(converged))} / ${ms(percentile(converged, 95))} / ${ms(Math.max(...converged))}` },
  ]);
  for (const outcome of outcomes) {
    if (outcome.elapsed !== null && outcome.elapsed <= TARGET_MS) continue;
    const fields = outcome.late.map((divergence) => `${divergence.identity}.${divergence.field}`).join(', ');
    console.log(`  ${outcome.elapsed === null ? 'never' : ms(outcome.elapsed)}  [${outcome.change.source}] ${outcome.change.what}: ${fields}`);
  }
}
