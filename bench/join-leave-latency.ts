import { RoomServiceClient } from 'livekit-server-sdk';
import { RealParticipant, type LiveKitTarget } from '../scripts/lib/participant';
import { median, ms, percentile, printReport } from './stats';

/**
 * Where the time of a join or leave goes: from ListParticipants showing the change to another
 * participant (an rtc-node watcher, told the same way the browser observer is) receiving it, for
 * participants that publish and that do not. LiveKit sends updates about non-publishers in batches
 * every 3 s (subscriberUpdateInterval in pkg/rtc/room.go), publishers' at once.
 */
export async function benchJoinLeave(target: LiveKitTarget) {
  const rounds = Number(process.env.STAGEKEEPER_JOIN_ROUNDS ?? 10);
  const room = `bench-joins-${Date.now()}`;
  const service = new RoomServiceClient(target.url, target.apiKey, target.apiSecret);
  const watcher = await RealParticipant.join(target, { room, identity: 'watcher' });
  const samples: Record<string, number[]> = { 'join, subscriber only': [], 'leave, subscriber only': [], 'join, publishing at once': [], 'leave, publisher': [] };

  const listedAt = async (present: boolean, identity: string) => {
    for (;;) {
      const listed = (await service.listParticipants(room)).some((participant) => participant.identity === identity);
      if (listed === present) return Date.now();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  for (let i = 0; i < rounds; i += 1) {
    for (const publishing of [false, true]) {
      const identity = `m${i}-${publishing ? 'pub' : 'sub'}`;
      const since = Date.now();
      const joining = RealParticipant.join(target, { room, identity, grant: { canPublish: publishing }, publishTone: publishing });
      const listed = await listedAt(true, identity);
      const member = await joining;
      const seen = await watcher.waitFor('participantConnected', (e) => e.at >= since && e.data.identity === identity, 10_000);
      samples[publishing ? 'join, publishing at once' : 'join, subscriber only']!.push(seen.at - listed);

      const leaving = Date.now();
      const left = member.leave();
      const unlisted = await listedAt(false, identity);
      await left;
      const gone = await watcher.waitFor('participantDisconnected', (e) => e.at >= leaving && e.data.identity === identity, 10_000);
      samples[publishing ? 'leave, publisher' : 'leave, subscriber only']!.push(gone.at - unlisted);
    }
  }
  await watcher.leave();
  printReport(
    `Joins and leaves: ListParticipants shows it → another participant is told (${rounds} each)`,
    Object.entries(samples).map(([name, values]) => ({
      name,
      figure: `median ${ms(median(values))}, p95 ${ms(percentile(values, 95))}, max ${ms(Math.max(...values))}`,
    })),
  );
}
