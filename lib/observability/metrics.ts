import 'server-only';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * This replica's Prometheus metrics (served by /api/metrics). On globalThis: Next may load this
 * module more than once in a process, and two registries would each count half. Safe to lose on a
 * restart: Prometheus counters are per process by design.
 */
function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'stagekeeper_' });
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  return {
    registry,
    actionDuration: new Histogram({
      name: 'stagekeeper_action_duration_seconds',
      help: 'Server actions from the call to the completed audit row, by action and outcome (ok or the error code)',
      labelNames: ['action', 'outcome'] as const,
      buckets: seconds,
      registers: [registry],
    }),
    livekitCallDuration: new Histogram({
      name: 'stagekeeper_livekit_call_duration_seconds',
      help: 'Calls to LiveKit\'s server API by method and outcome (ok or the error code)',
      labelNames: ['method', 'outcome'] as const,
      buckets: seconds,
      registers: [registry],
    }),
    webhookDeliveries: new Counter({
      name: 'stagekeeper_webhook_deliveries_total',
      help: 'LiveKit webhook deliveries by event and outcome (accepted, duplicate, refused_<reason>, unavailable)',
      labelNames: ['event', 'outcome'] as const,
      registers: [registry],
    }),
    webhookLag: new Histogram({
      name: 'stagekeeper_webhook_lag_seconds',
      help: 'From the event\'s createdAt (LiveKit, whole seconds) to its receipt here',
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 300],
      registers: [registry],
    }),
    eventStreams: new Gauge({ name: 'stagekeeper_event_streams_open', help: 'Room event streams (SSE) this replica serves now', registers: [registry] }),
    jobRuns: new Counter({
      name: 'stagekeeper_job_runs_total',
      help: 'Background job runs by job and outcome (ok, failed; skipped when another replica held it)',
      labelNames: ['job', 'outcome'] as const,
      registers: [registry],
    }),
    jobDuration: new Histogram({
      name: 'stagekeeper_job_duration_seconds',
      help: 'Background job runs that ran here, by job',
      labelNames: ['job'] as const,
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
      registers: [registry],
    }),
    signIns: new Counter({
      name: 'stagekeeper_sign_in_refusals_total',
      help: 'Password sign-ins refused, by reason (credentials, throttled)',
      labelNames: ['reason'] as const,
      registers: [registry],
    }),
    auditPending: new Gauge({ name: 'stagekeeper_audit_pending_rows', help: 'Audit rows still pending (the whole database, not only this replica)', registers: [registry] }),
    auditOldestPending: new Gauge({
      name: 'stagekeeper_audit_oldest_pending_age_seconds',
      help: 'Age of the oldest pending audit row; 0 when none',
      registers: [registry],
    }),
    databasePoolWaiting: new Gauge({
      name: 'stagekeeper_database_pool_waiting',
      help: 'Queries waiting for a connection of this replica\'s PostgreSQL pool (0 on PGlite)',
      registers: [registry],
    }),
  };
}

type Metrics = ReturnType<typeof createMetrics>;
const METRICS = Symbol.for('stagekeeper.metrics');
type Holder = { [METRICS]?: Metrics };

export function metrics(): Metrics {
  const holder = globalThis as Holder;
  holder[METRICS] ??= createMetrics();
  return holder[METRICS];
}
