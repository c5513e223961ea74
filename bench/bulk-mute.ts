import { RoomServiceClient } from 'livekit-server-sdk';
import { mapWithConcurrency } from '@/lib/concurrency';
import type { LiveKitTarget } from '../scripts/lib/participant';
import { builtAction, exportAudit, postAction, signInOverHttp } from '../tests/helpers/app-http';
import { startPublisher } from './lib/go-publisher';
import { ms, printReport } from './stats';

const PUBLISHERS = 50;
const TRACKS_EACH = 10;
const TRACKS = PUBLISHERS * TRACKS_EACH;

/**
 * 500 published tracks: muting them with one muteTrack request after another, versus one bulk
 * request. Both are real server-action POSTs to the running dashboard, signed in as its admin,
 * each mute validated, authorized, sent to LiveKit and audited.
 */
export async function benchBulkMute(target: LiveKitTarget, appUrl: string, admin: { email: string; password: string }) {
  const cookie = await signInOverHttp(appUrl, admin.email, admin.password);
  const room = `bench-bulk-${Date.now()}`;
  const service = new RoomServiceClient(target.url, target.apiKey, target.apiSecret);
  const publisher = await startPublisher(target, { room, participants: PUBLISHERS, tracksEach: TRACKS_EACH });
  try {
    const listedTracks = async () => (await service.listParticipants(room)).flatMap((p) => p.tracks);
    const mutedNow = async () => (await listedTracks()).filter((track) => track.muted).length;
    await waitUntil(async () => (await listedTracks()).filter((track) => !track.muted).length === TRACKS, `${TRACKS} unmuted tracks`);
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

    await mapWithConcurrency(tracks, 16, ({ identity, trackSid }) => service.mutePublishedTrack(room, identity, trackSid, false));
    await waitUntil(async () => (await mutedNow()) === 0, 'every track unmuted again');
    const bulkStarted = new Date();
    started = performance.now();
    // the publishers are speakers (no canUpdateMetadata), so "all but hosts" is every one of the 500 tracks
    const { result } = await postAction(appUrl, builtAction('muteAllButHosts'), [{ room }], { cookie });
    const parallel = performance.now() - started;
    const summary = result?.data as { failed: number; succeeded: number } | undefined;
    const mutedAfterBulk = await mutedNow();
    const audited = (await exportAudit(appUrl, cookie, `?room=${room}&action=tracks.mute`)).filter(
      (entry) => new Date(entry.at!) >= bulkStarted,
    ).length;

    const ratio = sequential / parallel;
    printReport(`Bulk mute over HTTP: ${tracks.length} tracks of ${PUBLISHERS} real participants (Go publisher)`, [
      { name: 'one muteTrack request after another', figure: `${ms(sequential)} (${failures} failed, ${mutedAfterSequential} muted after)` },
      {
        name: 'one muteAllButHosts request',
        figure: `${ms(parallel)} (${summary ? `${summary.succeeded} ok, ${summary.failed} failed` : 'no result'}, ${mutedAfterBulk} muted after)`,
      },
      { name: 'speed-up', figure: `${ratio.toFixed(1)}×`, target: '≥ 10×', met: ratio >= 10 },
      { name: 'audit entries for the bulk run (one per track)', figure: String(audited), target: String(tracks.length), met: audited === tracks.length },
    ]);
  } finally {
    await publisher.stop();
  }
}

async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`LiveKit did not show ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
