import type { BrowserContext } from 'playwright-core';
import { RoomServiceClient } from 'livekit-server-sdk';
import { mapWithConcurrency } from '@/lib/concurrency';
import { RealParticipant, type LiveKitTarget } from '../scripts/lib/participant';
import { openLiveRoom } from './big-room';
import { printReport } from './stats';

const JOIN_CONCURRENCY = 20;

/** As many real participants as this machine holds join at once; how long until the table shows them all? */
export async function benchRealCrowd(target: LiveKitTarget, appUrl: string, browser: BrowserContext, size = 100) {
  const room = `bench-crowd-${Date.now()}`;
  const anchor = await RealParticipant.join(target, { room, identity: 'anchor' });
  const members: RealParticipant[] = [];
  try {
    const page = await openLiveRoom(browser, appUrl, room);
    const started = Date.now();
    // one Node process drives every participant: more than ~20 simultaneous WebRTC handshakes in it
    // starve each other on two cores, so they join in overlapping waves
    const joined = await mapWithConcurrency(Array.from({ length: size }, (_, index) => index), JOIN_CONCURRENCY, (index) =>
      RealParticipant.join(target, { room, identity: `real-${String(index).padStart(3, '0')}` }).then(
        (member) => void members.push(member),
        (error: Error) => error.message,
      ),
    );
    const joinedAt = Date.now() - started;
    const errors = joined.filter((outcome): outcome is string => typeof outcome === 'string');
    const failures = errors.length;
    await page.waitForFunction((expected) => window.__stagekeeper?.rowCount === expected, members.length + 1, {
      timeout: 60_000,
      polling: 50,
    });
    const converged = Date.now() - started;
    const listed = await new RoomServiceClient(target.url, target.apiKey, target.apiSecret).listParticipants(room);
    const shown = await page.evaluate(() => window.__stagekeeper!.inject!.getParticipants()!.map((p) => p.identity));
    const expected = listed.map((p) => p.identity).filter((identity) => !identity.startsWith('stagekeeper-observer-'));
    const same = expected.length === shown.filter((id) => !id.startsWith('stagekeeper-observer-')).length && expected.every((id) => shown.includes(id));
    const stats = await page.evaluate(() => ({ ...window.__stagekeeper!, inject: undefined }));
    await page.close();
    printReport(`Real crowd: ${size} @livekit/rtc-node participants joining at once`, [
      {
        name: `joined, ${JOIN_CONCURRENCY} handshakes at a time`,
        figure: `${joinedAt} ms, ${failures} failed${failures ? ` (${[...new Set(errors)].join('; ')})` : ''}`,
      },
      { name: 'table converged to every participant', figure: `${converged} ms after the first join` },
      { name: 'table equals ListParticipants', figure: same ? 'yes' : 'NO', target: 'yes', met: same },
      { name: 'full re-lists by the page', figure: String(stats.listFetches), target: '1 (on connect)', met: stats.listFetches <= 1 },
    ]);
  } finally {
    await Promise.allSettled(members.map((member) => member.leave()));
    await anchor.leave();
  }
}
