import 'server-only';
import { metrics } from './metrics';

/**
 * The hooks the core calls, one line each (define-action, lib/livekit, the webhook route, locks,
 * sign-in, the event stream). None may throw into the work it observes.
 */
function safely(record: () => void): void {
  try {
    record();
  } catch (error) {
    console.error('[metrics] could not record', error);
  }
}

export function observeAction(action: string, outcome: string, durationMs: number): void {
  safely(() => metrics().actionDuration.observe({ action, outcome }, durationMs / 1000));
}

/** Times a LiveKit call by method; the outcome is `ok` or the code `codeOf` gives its error. */
export async function observeLiveKitCall<T>(method: string, call: () => Promise<T>, codeOf: (error: unknown) => string): Promise<T> {
  const started = performance.now();
  try {
    const answer = await call();
    safely(() => metrics().livekitCallDuration.observe({ method, outcome: 'ok' }, (performance.now() - started) / 1000));
    return answer;
  } catch (error) {
    safely(() => metrics().livekitCallDuration.observe({ method, outcome: codeOf(error) }, (performance.now() - started) / 1000));
    throw error;
  }
}

/** A verified delivery: accepted the first time, duplicate after; its lag from LiveKit's createdAt. */
export function observeWebhook(event: { event: string; createdAt: number }, outcome: 'accepted' | 'duplicate' | 'unavailable'): void {
  safely(() => {
    metrics().webhookDeliveries.inc({ event: event.event, outcome });
    if (outcome === 'accepted' && Number.isFinite(event.createdAt) && event.createdAt > 0) {
      metrics().webhookLag.observe(Math.max(0, (Date.now() - event.createdAt) / 1000));
    }
  });
}

/** A delivery that did not verify; its event is unknown (unverified bodies are not read). */
export function observeWebhookRefused(reason: string): void {
  safely(() => metrics().webhookDeliveries.inc({ event: 'unverified', outcome: `refused_${reason}` }));
}

export function observeEventStream(change: 1 | -1): void {
  safely(() => metrics().eventStreams.inc(change));
}

/** A background job's run under runExclusive: timed when it ran here, `skipped` when another replica held it. */
export async function observeJob<T extends { ran: boolean }>(job: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    const result = await run();
    safely(() => {
      metrics().jobRuns.inc({ job, outcome: result.ran ? 'ok' : 'skipped' });
      if (result.ran) metrics().jobDuration.observe({ job }, (performance.now() - started) / 1000);
    });
    return result;
  } catch (error) {
    safely(() => {
      metrics().jobRuns.inc({ job, outcome: 'failed' });
      metrics().jobDuration.observe({ job }, (performance.now() - started) / 1000);
    });
    throw error;
  }
}

export function observeSignInRefused(reason: 'credentials' | 'throttled' | 'queue_full'): void {
  safely(() => metrics().signIns.inc({ reason }));
}
