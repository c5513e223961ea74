import 'server-only';
import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';
import { env } from '@/lib/env';

/**
 * Spans through the OpenTelemetry API only: the SDK is loaded by ./tracing when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set. Until then `inSpan` just runs the work. The switch lives on
 * globalThis, like the API's own registry: Next loads instrumentation and route bundles separately.
 */
const TRACING = Symbol.for('stagekeeper.tracing');
const FLUSH = Symbol.for('stagekeeper.tracingFlush');
type Holder = { [TRACING]?: boolean; [FLUSH]?: () => Promise<void> };

export function tracingOn(): boolean {
  return (globalThis as Holder)[TRACING] === true;
}

export function setTracingOn(on: boolean): void {
  (globalThis as Holder)[TRACING] = on;
}

/** Runs `work` in a new active span (a child of the active one); an error ends it as failed. */
export function inSpan<T>(name: string, attributes: Attributes, work: (span: Span | undefined) => Promise<T>): Promise<T> {
  if (!tracingOn()) return work(undefined);
  return trace.getTracer('stagekeeper').startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await work(span);
    } catch (error) {
      failSpan(span, error instanceof Error ? error.message : String(error));
      throw error;
    } finally {
      span.end();
    }
  });
}

export function failSpan(span: Span | undefined, message: string): void {
  span?.setStatus({ code: SpanStatusCode.ERROR, message });
}

/** The trace a log line belongs to, when tracing is on. */
export function traceIdOf(span: Span | undefined): string | undefined {
  return span?.isRecording() ? span.spanContext().traceId : undefined;
}

/** From instrumentation.ts: the SDK is imported only when OTEL_EXPORTER_OTLP_ENDPOINT is set. */
export async function startTracingWhenConfigured(): Promise<void> {
  let endpoint: string | undefined;
  try {
    endpoint = env().otlpEndpoint;
  } catch {
    return; // a bad environment: startServer says what is wrong
  }
  if (!endpoint) return;
  const { startTracing } = await import('./tracing');
  onTracesFlush(startTracing(endpoint).flush);
  console.log(`[tracing] spans go to ${endpoint}/v1/traces`);
}

export function onTracesFlush(flush: () => Promise<void>): void {
  (globalThis as Holder)[FLUSH] = flush;
}

/** At exit: sends the spans that have ended and not gone yet, waiting at most `boundMs`; never throws. */
export async function flushTraces(boundMs: number): Promise<void> {
  const flush = (globalThis as Holder)[FLUSH];
  if (!flush) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, boundMs)));
  await Promise.race([flush().catch((error: unknown) => console.error('[tracing] could not send the last spans', error)), bound]);
  clearTimeout(timer);
}
