import { RoomServiceClient } from 'livekit-server-sdk';
import { mapWithConcurrency } from '@/lib/concurrency';
import type { LiveKitTarget } from '../scripts/lib/participant';
import { builtAction, exportAudit, postAction, signInOverHttp } from '../tests/helpers/app-http';
import { startPublisher } from './lib/go-publisher';
import { ms, printReport } from './stats';

const PUBLISHERS = 50;
const TRACKS_EACH = 10;
const TRACKS = PUBLISHERS * TRACKS_EACH;
/** as many calls in flight as the bulk actions keep (lib/bulk/actions.ts) */
const BULK_CONCURRENCY = 16;

/**
 * 500 published tracks: muting them with one muteTrack request after another, versus one bulk
 * request. Both are real server-action POSTs to the running dashboard, signed in as its admin,
 * each mute validated, authorized, sent to LiveKit and audited.
 */
export async function benchBulkMute(target: LiveKitTarget, appUrl: string, admin: { email: string; password: string }) {
  const cookie = await signInOverHttp(appUrl, admin.email, admin.password);
  const room = `bench-bulk-${Date.now()}`;
  const service = new RoomServiceClient(target.url, target.apiKey, target.apiSecret);
  // silent microphones as livekit-client publishes them (Opus DTX on): a frame every 400 ms, not every 20 ms.
  // At 20 ms LiveKit alone spends ~80 % of a core forwarding the silence, on the cores the dashboard shares here.
  const publisher = await startPublisher(target, { room, participants: PUBLISHERS, tracksEach: TRACKS_EACH, frameEveryMs: 400 });
  try {
    const listedTracks = async () => (await service.listParticipants(room)).flatMap((p) => p.tracks);
    const mutedNow = async () => (await listedTracks()).filter((track) => track.muted).length;
    await waitUntil(async () => (await listedTracks()).filter((track) => !track.muted).length === TRACKS, `${TRACKS} unmuted tracks`, async () => {
      const listed = await listedTracks();
      return `${listed.length} tracks listed, ${listed.filter((track) => track.muted).length} muted`;
    });
    const tracks = publisher.participants.flatMap(({ identity, tracks }) => tracks.map((trackSid) => ({ identity, trackSid })));
    const muteTrack = builtAction('muteTrack');

    let started = performance.now();
    let failures = 0;
    for (const track of tracks) {
      const { result } = await postAction(appUrl, muteTrack, [{ room, ...track }], { cookie });
      if (!result?.ok) failures += 1;
    }
    const sequential = performance.now() - started;
    const mutedAfterSequential = await mutedNow();

    // the bulk action's code is loaded on its first call: a call on a room with nothing to mute, before the clock starts
    await postAction(appUrl, builtAction('muteAllButHosts'), [{ room: `${room}-warm-up` }], { cookie });
    const stayedMuted = await unmuteAll(service, room);
    const bulkTargets = tracks.length - stayedMuted;
    const bulkStarted = new Date();
    started = performance.now();
    // the publishers are speakers (no canUpdateMetadata), so "all but hosts" is every unmuted track
    const { result } = await postAction(appUrl, builtAction('muteAllButHosts'), [{ room }], { cookie });
    const parallel = performance.now() - started;
    const summary = result?.data as { failed: number; succeeded: number } | undefined;
    const mutedAfterBulk = await mutedNow();
    const audited = (await exportAudit(appUrl, cookie, `?room=${room}&action=tracks.mute`)).filter(
      (entry) => new Date(entry.at!) >= bulkStarted,
    ).length;

    // the floor: the same MutePublishedTrack calls straight to LiveKit, as many in flight as the bulk action
    const floorTargets = tracks.length - (await unmuteAll(service, room));
    started = performance.now();
    await mapWithConcurrency(tracks, BULK_CONCURRENCY, ({ identity, trackSid }) => service.mutePublishedTrack(room, identity, trackSid, true));
    const floor = performance.now() - started;
    const overFloor = parallel / floor;

    const ratio = sequential / parallel;
    printReport(`Bulk mute over HTTP: ${tracks.length} tracks of ${PUBLISHERS} real participants (Go publisher)`, [
      { name: 'one muteTrack request after another', figure: `${ms(sequential)} (${failures} failed, ${mutedAfterSequential} muted after)` },
      {
        name: 'one muteAllButHosts request (bounded concurrency on the server)',
        figure: `${ms(parallel)} (${summary ? `${summary.succeeded} ok, ${summary.failed} failed` : 'no result'}, ${mutedAfterBulk} muted after)`,
      },
      { name: 'speed-up', figure: `${ratio.toFixed(1)}×`, target: '≥ 10×', met: ratio >= 10 },
      {
        name: `floor: the same ${tracks.length} MutePublishedTrack calls straight to LiveKit, ${BULK_CONCURRENCY} in flight`,
        figure: `${ms(floor)} (${floorTargets} were unmuted before)`,
      },
      { name: 'bulk ÷ floor', figure: `${overFloor.toFixed(2)}×`, target: '≤ 1.3×', met: overFloor <= 1.3 },
      ...(stayedMuted > 0
        ? [{ name: 'tracks left muted before the bulk run (their publisher put its mute back)', figure: String(stayedMuted) }]
        : []),
      { name: 'audit entries for the bulk run (one per track)', figure: String(audited), target: String(bulkTargets), met: audited === bulkTargets },
    ]);
  } finally {
    await publisher.stop();
  }
}

/**
 * The publishers' SDK answers a participant update that disagrees with its own mute state by
 * sending its state back, so under load an unmute now and then loses that race, and a few
 * tracks stay muted however often they are unmuted. Returns how many.
 */
async function unmuteAll(service: RoomServiceClient, room: string, rounds = 3): Promise<number> {
  const mutedTracks = async () =>
    (await service.listParticipants(room)).flatMap((p) =>
      p.tracks.filter((track) => track.muted).map((track) => ({ identity: p.identity, trackSid: track.sid })),
    );
  for (let round = 0; round < rounds; round += 1) {
    const muted = await mutedTracks();
    if (muted.length === 0) return 0;
    await mapWithConcurrency(muted, 16, ({ identity, trackSid }) => service.mutePublishedTrack(room, identity, trackSid, false));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return (await mutedTracks()).length;
}

async function waitUntil(condition: () => Promise<boolean>, what: string, state: () => Promise<string>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`LiveKit did not show ${what} within ${timeoutMs} ms: ${await state()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
