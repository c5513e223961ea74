import 'server-only';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { setTracingOn } from './trace';

/**
 * The tracing SDK, loaded only when OTEL_EXPORTER_OTLP_ENDPOINT is set (./trace imports it on
 * demand). Spans go in batches as OTLP/HTTP JSON to `<endpoint>/v1/traces`; the Node provider's
 * AsyncLocalStorage context manager makes a LiveKit call or a statement a child of the action,
 * webhook or job it runs in. The exporter also reads the standard OTEL_EXPORTER_OTLP_HEADERS.
 */
export interface Tracing {
  /** sends the spans that have ended and not gone yet */
  flush(): Promise<void>;
}

const PROVIDER = Symbol.for('stagekeeper.tracerProvider');
type Holder = { [PROVIDER]?: NodeTracerProvider };

export function startTracing(endpoint: string): Tracing {
  const holder = globalThis as Holder;
  if (!holder[PROVIDER]) {
    const exporter = new OTLPTraceExporter({ url: `${endpoint}/v1/traces` });
    const provider = new NodeTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'stagekeeper' }),
      spanProcessors: [new BatchSpanProcessor(exporter)],
    });
    provider.register();
    holder[PROVIDER] = provider;
    setTracingOn(true);
  }
  const provider = holder[PROVIDER];
  return { flush: () => provider.forceFlush() };
}
