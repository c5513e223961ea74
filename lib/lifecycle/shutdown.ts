import 'server-only';
import { env } from '@/lib/env';
import { flushTraces } from '@/lib/observability/trace';
import { drain } from './drain';
import { countOpenResponses, responsesWritten } from './requests';

/**
 * SIGTERM: drain (new requests 503, no job run starts, the actions and job runs in flight finish and
 * complete their audit rows, event streams end with a reconnect), wait until the answers are written,
 * then exit, all within STAGEKEEPER_SHUTDOWN_SECONDS. Next's own handler would exit at once: it
 * stands aside when NEXT_MANUAL_SIG_HANDLE=true (npm start and the Containerfile set it). PostgreSQL
 * releases this process's advisory locks when its connections close.
 */
/** how long the spans of the last actions may take to leave once the bound has passed */
const LAST_SPANS_MS = 2_000;

export function stopCleanlyOnSigterm(): void {
  countOpenResponses();
  process.once('SIGTERM', () => {
    const boundMs = env().shutdownSeconds * 1000;
    const deadline = Date.now() + boundMs;
    console.log(`[shutdown] SIGTERM: taking no new requests; waiting at most ${env().shutdownSeconds} s for the actions and job runs in flight`);
    void drain(boundMs).then(async ({ stillInFlight }) => {
      if (stillInFlight > 0) {
        console.error(`[shutdown] ${stillInFlight} actions or job runs still running after ${env().shutdownSeconds} s; exiting (the sweep marks their rows interrupted)`);
        await flushTraces(LAST_SPANS_MS);
        process.exit(0);
      }
      const unwritten = await responsesWritten(Math.max(0, deadline - Date.now()));
      if (unwritten === 0) console.log('[shutdown] every action in flight has finished and its answer is written; exiting');
      else console.error(`[shutdown] ${unwritten} responses still open after ${env().shutdownSeconds} s; exiting`);
      await flushTraces(Math.max(LAST_SPANS_MS, deadline - Date.now()));
      process.exit(0);
    });
  });
}
