/**
 * One share of a real crowd, driven by scripts/lib/crowd-workers.ts over stdio.
 *
 * stdin:  one JSON line `CrowdJob`, then `go`; closing stdin (or SIGTERM/SIGINT) means leave.
 * stdout: JSON lines `CrowdWorkerMessage`: `ready` once rtc-node is loaded, then one `joined` or
 *         `failed` per identity, all joins started at once, then `left` before the process exits.
 */
import { createInterface } from 'node:readline';
import { AudioSource, dispose } from '@livekit/rtc-node';
import { RealParticipant } from './lib/participant';
import type { CrowdJob, CrowdWorkerMessage } from './lib/crowd-workers';
import { demoUnmuteDecision } from './lib/demo-crowd';
import { answerUnmuteRequests } from './lib/unmute-responder';

const LEAVE_DEADLINE_MS = 15_000;

const members: RealParticipant[] = [];
let leaving: Promise<void> | undefined;

function send(message: CrowdWorkerMessage) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

/** Starts rtc-node's native runtime now, so the first join does not pay for it. */
async function warmUpRtcNode() {
  await new AudioSource(48_000, 1).close();
}

async function joinAll(job: CrowdJob) {
  await Promise.all(
    job.identities.map((identity) =>
      RealParticipant.join(job.target, { room: job.room, identity }).then(
        (member) => {
          members.push(member);
          let asked = 0;
          answerUnmuteRequests(member, () => demoUnmuteDecision(member.identity, asked++), { thinkMs: 2_500 });
          send({ type: 'joined', identity, at: Date.now() });
        },
        (error: unknown) =>
          send({ type: 'failed', identity, at: Date.now(), error: String((error as Error)?.message ?? error) }),
      ),
    ),
  );
}

function leave() {
  leaving ??= (async () => {
    setTimeout(() => process.exit(1), LEAVE_DEADLINE_MS).unref();
    await Promise.allSettled(members.map((member) => member.leave()));
    send({ type: 'left', count: members.length });
    await dispose();
    process.exit(0);
  })();
  return leaving;
}

process.once('SIGTERM', leave);
process.once('SIGINT', leave);
// When a join gives up, rtc-node 1.1 can throw or reject later, outside any call of ours ("trying to
// drop an invalid handle", "handle not found"). That join has already reported its failure; ending
// the process would also drop every other member of this worker, so these go to the worker log.
process.on('unhandledRejection', (reason) => console.error('unhandled rejection:', reason));
process.on('uncaughtException', (error) => {
  console.error('uncaught exception:', error);
  if (!/invalid handle|handle not found/.test(error.message)) process.exit(1);
});

let job: CrowdJob | undefined;
const lines = createInterface({ input: process.stdin });
lines.on('close', leave);
lines.on('line', (line) => {
  if (!job) {
    job = JSON.parse(line) as CrowdJob;
    void warmUpRtcNode().then(() => send({ type: 'ready' }));
  } else if (line === 'go') {
    void joinAll(job);
  }
});
