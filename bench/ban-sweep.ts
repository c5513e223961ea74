/**
 * What one ban sweep costs with N active rooms: `npx tsx --tsconfig bench/tsconfig.server.json bench/ban-sweep.ts 100 300`.
 * Starts its own LiveKit server and a throwaway PGlite database, creates N rooms (one real participant
 * in a few of them, one of those banned everywhere), then times five sweeps at each size and reads
 * the CPU LiveKit and this process spent on them. The tsconfig maps `server-only` to the tests' stub,
 * so the dashboard's server modules load outside Next.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { RoomServiceClient } from 'livekit-server-sdk';
import { freeLiveKitPorts, REPO_ROOT, startLiveKitServer } from '../scripts/lib/livekit-server';
import { RealParticipant } from '../scripts/lib/participant';
import { median, ms, printReport } from './stats';

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const ROOM_COUNTS = sizes.length > 0 ? sizes : [100, 300];
const SWEEPS = 5;
const PARTICIPANT_ROOMS = 5;

const livekit = await startLiveKitServer({
  ports: await freeLiveKitPorts(),
  webhookUrl: null,
  logFile: path.join(REPO_ROOT, 'test-results', 'bench-ban-sweep-livekit.log'),
});
const dataDir = mkdtempSync(path.join(tmpdir(), 'stagekeeper-bench-sweep-'));
Object.assign(process.env, {
  LIVEKIT_URL: livekit.url,
  LIVEKIT_API_KEY: livekit.apiKey,
  LIVEKIT_API_SECRET: livekit.apiSecret,
  STAGEKEEPER_DATA_DIR: dataDir,
});
delete process.env.DATABASE_URL;
const { sweepBans } = await import('@/lib/bans/job');
const { database } = await import('@/lib/db');
const { insertBan } = await import('@/lib/bans/store');

/** CPU (user + system) a process has used, in ms, from /proc. */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

interface Sample {
  calls: number;
  durationMs: number;
  dashboardCpuMs: number;
  livekitCpuMs: number;
}

/** Sweeps SWEEPS times, each after `prepare` (a banned returner joining, or nothing), expecting `ejects` removals. */
async function measure(prepare: () => Promise<RealParticipant | undefined>, ejects: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 0; i < SWEEPS; i += 1) {
    const returner = await prepare();
    const [livekitBefore, ownBefore] = [cpuMs(livekit.process.pid!), process.cpuUsage()];
    const report = await sweepBans();
    const livekitCpuMs = cpuMs(livekit.process.pid!) - livekitBefore;
    const own = process.cpuUsage(ownBefore);
    if (!report || report.ejected !== ejects) throw new Error(`expected ${ejects} removed: ${JSON.stringify(report)}`);
    samples.push({ calls: report.livekitCalls, durationMs: report.durationMs, dashboardCpuMs: (own.user + own.system) / 1000, livekitCpuMs });
    await returner?.leave();
  }
  return samples;
}

const service = new RoomServiceClient(livekit.url, livekit.apiKey, livekit.apiSecret);
const participants: RealParticipant[] = [];
try {
  await insertBan(await database(), { identity: 'banned-returner', room: null, reason: 'bench', expiresAt: null, createdBy: null });
  await sweepBans(); // opens the database and warms the client
  let created = 0;
  for (const rooms of ROOM_COUNTS) {
    for (; created < rooms; created += 1) {
      await service.createRoom({ name: `sweep-${String(created).padStart(5, '0')}`, emptyTimeout: 3600 });
      if (created < PARTICIPANT_ROOMS) {
        participants.push(await RealParticipant.join(livekit, { room: `sweep-${String(created).padStart(5, '0')}`, identity: `listener-${created}` }));
      }
    }
    const quiet = await measure(async () => undefined, 0);
    const catching = await measure(
      () => RealParticipant.join(livekit, { room: 'sweep-00000', identity: 'banned-returner' }),
      1,
    );
    const line = (name: string, pick: (sample: Sample) => number, unit = ms) => ({
      name,
      figure: `${unit(median(quiet.map(pick)))} / ${unit(median(catching.map(pick)))}`,
    });
    printReport(`ban sweep, ${rooms} active rooms: nobody to remove / one banned returner (medians of ${SWEEPS})`, [
      line('LiveKit calls (ListRooms + ListParticipants per room + ejects)', (sample) => sample.calls, String),
      line('wall time', (sample) => sample.durationMs),
      line('dashboard CPU (with PGlite, in process)', (sample) => sample.dashboardCpuMs),
      line('LiveKit CPU (10 ms resolution)', (sample) => sample.livekitCpuMs),
    ]);
  }
} finally {
  await Promise.all(participants.map((participant) => participant.leave()));
  await livekit.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
