import { RoomServiceClient } from 'livekit-server-sdk';
import { mapWithConcurrency } from '@/lib/concurrency';
import { RealParticipant, type LiveKitTarget } from '../scripts/lib/participant';
import { ms, printReport } from './stats';

const PUBLISHERS = 50;
const TRACKS_EACH = 10;

/**
 * 500 published tracks; muting them one call after another versus the bulk action. Both go through
 * the same server action code (validate → authorize → LiveKit → audit) in this process.
 */
export async function benchBulkMute(target: LiveKitTarget) {
  process.env.LIVEKIT_URL = target.url;
  process.env.LIVEKIT_API_KEY = target.apiKey;
  process.env.LIVEKIT_API_SECRET = target.apiSecret;
  const { muteTrack } = await import('@/lib/actions/participants');
  const { muteAllButHosts } = await import('@/lib/actions/bulk');
  const { installActionGate, roleGate } = await import('@/lib/actions/gate');
  // the real role check with a moderator; entries are counted here instead of written to a database
  let audited = 0;
  const moderator = { id: 'bench', email: 'bench@stagekeeper.local', role: 'moderator' as const, label: 'Benchmark' };
  installActionGate(roleGate({ currentActor: async () => moderator, record: async () => void (audited += 1) }));

  const room = `bench-bulk-${Date.now()}`;
  const service = new RoomServiceClient(target.url, target.apiKey, target.apiSecret);
  const publishers = await mapWithConcurrency(
    Array.from({ length: PUBLISHERS }, (_, index) => index),
    10,
    async (index) => {
      const publisher = await RealParticipant.join(target, { room, identity: `pub-${index}`, grant: { canPublish: true } });
      for (let track = 0; track < TRACKS_EACH; track += 1) await publisher.publishSilentTrack(`t${track}`);
      return publisher;
    },
  );
  try {
    const tracks = publishers.flatMap((publisher) =>
      publisher.publishedTrackSids().map((trackSid) => ({ identity: publisher.identity, trackSid })),
    );
    const allMuted = async () =>
      (await service.listParticipants(room)).flatMap((p) => p.tracks).filter((track) => track.muted).length;

    let started = performance.now();
    let failures = 0;
    for (const target of tracks) if (!(await muteTrack({ room, ...target })).ok) failures += 1;
    const sequential = performance.now() - started;
    const mutedAfterSequential = await allMuted();

    await mapWithConcurrency(tracks, 16, ({ identity, trackSid }) => service.mutePublishedTrack(room, identity, trackSid, false));
    audited = 0;
    started = performance.now();
    // the publishers are speakers (no canUpdateMetadata), so "all but hosts" is every one of the 500 tracks
    const bulk = await muteAllButHosts({ room });
    const parallel = performance.now() - started;
    const mutedAfterBulk = await allMuted();

    const ratio = sequential / parallel;
    printReport(`Bulk mute: ${tracks.length} tracks of ${PUBLISHERS} real participants`, [
      { name: 'one call after another', figure: `${ms(sequential)} (${failures} failed, ${mutedAfterSequential} muted after)` },
      {
        name: 'bulk action muteAllButHosts (16 in flight)',
        figure: `${ms(parallel)} (${bulk.ok ? bulk.data.failed : 'error'} failed, ${mutedAfterBulk} muted after)`,
      },
      { name: 'speed-up', figure: `${ratio.toFixed(1)}×`, target: '≥ 10×', met: ratio >= 10 },
      { name: 'audit entries written by the bulk run', figure: String(audited), target: `${tracks.length + 1}`, met: audited === tracks.length + 1 },
    ]);
  } finally {
    await Promise.allSettled(publishers.map((publisher) => publisher.leave()));
  }
}
