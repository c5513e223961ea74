import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { headers } from 'next/headers';
import type { Span } from '@opentelemetry/api';
import { log } from './log';
import { metrics } from './metrics';
import { safely } from './safely';
import { failSpan, inSpan, traceIdOf } from './trace';

/**
 * The hooks the core calls, one line each (define-action, lib/livekit, the webhook route, locks,
 * lib/db, sign-in, the event stream): metrics, one log line per action, webhook and job, and their
 * spans. None may throw into the work it observes. Nothing here logs an input, a payload or a secret.
 */
interface ActionCall {
  requestId: string;
  span: Span | undefined;
}

const actionCall = new AsyncLocalStorage<ActionCall>();

/** A caller's `x-request-id` (a proxy's id) when it is a plain token of at most 128 characters; else none. */
export function acceptedRequestId(value: string | null | undefined): string | undefined {
  return value && /^[\w.:-]{1,128}$/.test(value) ? value : undefined;
}

async function requestIdHeader(): Promise<string | undefined> {
  try {
    return acceptedRequestId((await headers()).get('x-request-id'));
  } catch {
    return undefined; // outside a request
  }
}

/** One action call: its span, and its request id (the enclosing call's, x-request-id, or a new one). */
export async function observeActionCall<T>(action: string, run: () => Promise<T>): Promise<T> {
  const requestId = actionCall.getStore()?.requestId ?? (await requestIdHeader()) ?? randomUUID();
  const attributes = { 'stagekeeper.action': action, 'stagekeeper.request_id': requestId };
  return inSpan(`action ${action}`, attributes, (span) => actionCall.run({ requestId, span }, run));
}

export interface ActionRecord {
  action: string;
  /** `ok` or the error's code */
  outcome: string;
  durationMs: number;
  actor: { id: string; email: string } | null;
  target: { room?: string; identity?: string; trackSid?: string };
}

export function observeAction({ action, outcome, durationMs, actor, target }: ActionRecord): void {
  safely(() => metrics().actionDuration.observe({ action, outcome }, durationMs / 1000));
  safely(() => {
    const call = actionCall.getStore();
    call?.span?.setAttributes({ 'stagekeeper.outcome': outcome, ...(actor && { 'enduser.id': actor.id }) });
    if (outcome !== 'ok') failSpan(call?.span, outcome);
    const line = {
      kind: 'action',
      action,
      requestId: call?.requestId,
      actorId: actor?.id,
      actorEmail: actor?.email,
      ...target,
      outcome,
      durationMs: Math.round(durationMs),
      traceId: traceIdOf(call?.span),
    };
    log()[outcome === 'internal' ? 'error' : 'info'](line, `action ${action} ${outcome}`);
  });
}

/** Times a LiveKit call by method, as a child span; the outcome is `ok` or the code `codeOf` gives its error. */
export function observeLiveKitCall<T>(method: string, call: () => Promise<T>, codeOf: (error: unknown) => string): Promise<T> {
  const attributes = { 'rpc.system': 'twirp', 'rpc.service': 'livekit.RoomService', 'rpc.method': method };
  return inSpan(`livekit ${method}`, attributes, async () => {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const answer = await call();
      safely(() => metrics().livekitCallDuration.observe({ method, outcome: 'ok' }, seconds()));
      return answer;
    } catch (error) {
      safely(() => metrics().livekitCallDuration.observe({ method, outcome: codeOf(error) }, seconds()));
      throw error;
    }
  });
}

/** A database statement outside a transaction, or a whole transaction, as a child span. */
export function observeDatabase<T>(kind: 'query' | 'transaction', statement: string | undefined, run: () => Promise<T>): Promise<T> {
  const attributes = { 'db.system': 'postgresql', ...(statement && { 'db.statement': statement.slice(0, 300) }) };
  return inSpan(`db ${kind}`, attributes, run);
}

type WebhookOutcome = 'accepted' | 'duplicate' | 'unavailable';
type WebhookEvent = { id: string; event: string; room?: string; createdAt: number };
const delivery = new AsyncLocalStorage<{ outcome?: WebhookOutcome }>();

/** One verified delivery, handled: its span and its log line (event, room, outcome, lag). */
export async function observeWebhookDelivery<T extends { status: number }>(event: WebhookEvent, handle: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const lagMs = event.createdAt > 0 ? Math.max(0, Date.now() - event.createdAt) : undefined;
  const seen: { outcome?: WebhookOutcome } = {};
  let status: number | undefined;
  let traceId: string | undefined;
  try {
    return await inSpan(`webhook ${event.event}`, { 'stagekeeper.webhook.event': event.event, ...(event.room && { 'stagekeeper.room': event.room }) }, async (span) => {
      traceId = traceIdOf(span);
      const answer = await delivery.run(seen, handle);
      status = answer.status;
      span?.setAttributes({ 'http.response.status_code': status, ...(seen.outcome && { 'stagekeeper.outcome': seen.outcome }) });
      if (status >= 500) failSpan(span, `answered ${status}`);
      return answer;
    });
  } finally {
    safely(() => {
      const outcome = status === undefined || status >= 500 ? (seen.outcome === 'unavailable' ? 'unavailable' : 'failed') : (seen.outcome ?? 'accepted');
      const line = { kind: 'webhook', event: event.event, id: event.id, room: event.room, outcome, status, lagMs, durationMs: Math.round(performance.now() - started), traceId };
      log()[outcome === 'accepted' || outcome === 'duplicate' ? 'info' : 'warn'](line, `webhook ${event.event} ${outcome}`);
    });
  }
}

/** A verified delivery: accepted the first time, duplicate after; its lag from LiveKit's createdAt. */
export function observeWebhook(event: { event: string; createdAt: number }, outcome: WebhookOutcome): void {
  const seen = delivery.getStore();
  if (seen) seen.outcome = outcome;
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
  safely(() => log().warn({ kind: 'webhook', outcome: `refused_${reason}` }, `webhook refused: ${reason}`));
}

export function observeEventStream(change: 1 | -1): void {
  safely(() => metrics().eventStreams.inc(change));
}

export { observeJob, recentJobRuns, type JobRuns } from './observe-job';

export function observeSignInRefused(reason: 'credentials' | 'throttled' | 'queue_full'): void {
  safely(() => metrics().signIns.inc({ reason }));
}
