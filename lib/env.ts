import path from 'node:path';
import { z } from 'zod';

export const EMBEDDED_LIVEKIT = {
  url: 'http://127.0.0.1:7880',
  apiKey: 'devkey',
  apiSecret: 'secret',
} as const;

/**
 * The largest STAGEKEEPER_MAX_METADATA_BYTES: a metadata edit this size, written as JSON (6 bytes for
 * each control character at worst), stays within the 2 MiB server-action body limit in next.config.mjs.
 */
export const MAX_METADATA_BYTES_LIMIT = 256 * 1024;

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    LIVEKIT_URL: optionalString.pipe(
      z
        .string()
        .regex(/^(https?|wss?):\/\/[^\s]+$/, 'must be an http(s):// or ws(s):// URL')
        .optional(),
    ),
    LIVEKIT_PUBLIC_URL: optionalString.pipe(
      z
        .string()
        .regex(/^(https?|wss?):\/\/[^\s]+$/, 'must be an http(s):// or ws(s):// URL')
        .optional(),
    ),
    LIVEKIT_API_KEY: optionalString,
    LIVEKIT_API_SECRET: optionalString,
    STAGEKEEPER_MAX_METADATA_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .max(MAX_METADATA_BYTES_LIMIT, `must be at most ${MAX_METADATA_BYTES_LIMIT} (256 KiB): larger edits would not fit a server-action body`)
      .default(64 * 1024),
    STAGEKEEPER_LIVEKIT_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(10_000),
    /** 0: unlimited; unset: LIVEKIT_CLOUD_CALLS_PER_MINUTE on a LiveKit Cloud host, unlimited elsewhere */
    STAGEKEEPER_LIVEKIT_CALLS_PER_MINUTE: z.coerce.number().int().min(0, 'must be 0 (unlimited) or more').optional(),
    STAGEKEEPER_APP_KEY: optionalString.pipe(z.string().min(24, 'must be at least 24 characters').optional()),
    STAGEKEEPER_OPS_TOKEN: optionalString.pipe(z.string().min(24, 'must be at least 24 characters (openssl rand -hex 24)').optional()),
    STAGEKEEPER_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url('must be the OTLP/HTTP base URL, e.g. http://collector:4318').optional()),
    STAGEKEEPER_SHUTDOWN_SECONDS: z.coerce.number().int().min(1).max(600).default(20),
    STAGEKEEPER_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(24 * 3600).default(600),
    STAGEKEEPER_DATA_DIR: optionalString,
    STAGEKEEPER_AUDIT_READ_RETENTION_DAYS: z.coerce.number().int().min(0).max(36_500).default(30),
    STAGEKEEPER_EVENT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(30),
    STAGEKEEPER_CLAIM_TTL_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
    STAGEKEEPER_HAND_WAIT_ALERT_SECONDS: z.coerce.number().int().min(1).max(24 * 3600).default(300),
    DATABASE_URL: optionalString.pipe(
      z.string().regex(/^postgres(ql)?:\/\/[^\s]+$/, 'must be a postgres:// or postgresql:// URL').optional(),
    ),
    NEXTAUTH_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters (openssl rand -base64 32)').optional()),
    STAGEKEEPER_ADMIN_EMAIL: optionalString.pipe(z.email('must be an email address').optional()),
    STAGEKEEPER_ADMIN_PASSWORD: optionalString.pipe(
      z
        .string()
        .min(12, 'must be at least 12 characters')
        .refine((value) => new TextEncoder().encode(value).length <= 72, 'must be at most 72 bytes (bcrypt ignores the rest)')
        .optional(),
    ),
    NEXTAUTH_URL: optionalString.pipe(z.url('must be the dashboard\'s public URL').optional()),
    STAGEKEEPER_TRUSTED_PROXIES: z.coerce.number().int().min(0).max(10).default(0),
    GITHUB_ID: optionalString,
    GITHUB_SECRET: optionalString,
    OIDC_ISSUER: optionalString.pipe(z.url('must be the issuer URL').optional()),
    OIDC_CLIENT_ID: optionalString,
    OIDC_CLIENT_SECRET: optionalString,
    OIDC_NAME: optionalString,
  })
  .superRefine((env, ctx) => {
    requireTogether(ctx, env, ['STAGEKEEPER_ADMIN_EMAIL', 'STAGEKEEPER_ADMIN_PASSWORD']);
    requireTogether(ctx, env, ['GITHUB_ID', 'GITHUB_SECRET']);
    requireTogether(ctx, env, ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET']);
    const given = [env.LIVEKIT_URL, env.LIVEKIT_API_KEY, env.LIVEKIT_API_SECRET].filter(Boolean).length;
    if (given !== 0 && given !== 3) {
      ctx.addIssue({
        code: 'custom',
        path: ['LIVEKIT_URL'],
        message:
          'set LIVEKIT_URL, LIVEKIT_API_KEY and LIVEKIT_API_SECRET together, or none of them for the embedded local server',
      });
    }
  });

function requireTogether<Key extends string>(
  ctx: z.RefinementCtx,
  env: Partial<Record<Key, string>>,
  keys: Key[],
) {
  const given = keys.filter((key) => env[key] !== undefined).length;
  if (given !== 0 && given !== keys.length) {
    ctx.addIssue({ code: 'custom', path: [keys[0]!], message: `set ${keys.join(', ')} together, or none of them` });
  }
}

export interface Env {
  nodeEnv: 'development' | 'production' | 'test';
  /** the dashboard's HTTP port */
  port: number;
  livekit: {
    /** http(s) address the server SDK talks to */
    apiUrl: string;
    /** ws(s) address browsers connect to */
    publicUrl: string;
    apiKey: string;
    apiSecret: string;
    embedded: boolean;
  };
  maxMetadataBytes: number;
  livekitTimeoutMs: number;
  /** the cap on the dashboard's LiveKit calls a minute, across all replicas; undefined: unlimited */
  livekitCallsPerMinute: number | undefined;
  /** the token endpoint for the event's own app; off (undefined) without STAGEKEEPER_APP_KEY */
  tokenEndpoint: { appKey: string; ttlSeconds: number } | undefined;
  /** bearer token for /api/metrics and /api/diagnostics (npm run doctor); without it only a signed-in admin reads diagnostics */
  opsToken: string | undefined;
  /** the logger's level: STAGEKEEPER_LOG_LEVEL, else info (warn under test) */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** OTLP/HTTP traces go to `${endpoint}/v1/traces`; undefined: no tracing SDK is loaded */
  otlpEndpoint: string | undefined;
  /** after SIGTERM, how long the actions in flight may take before the process exits anyway */
  shutdownSeconds: number;
  /** no LIVEKIT_URL and not production: everything local, secrets and the first admin may be generated */
  embeddedDefault: boolean;
  /** git-ignored folder for PGlite and the generated dev secret */
  dataDir: string;
  database: { kind: 'pglite'; dir: string } | { kind: 'postgres'; url: string };
  /** successful reads are pruned from the audit log after this many days; 0 keeps them forever */
  auditReadRetentionDays: number;
  /** event data (webhook payloads, joins and leaves, alerts, finished slots, lifted bans, …) is pruned after this many days */
  eventRetentionDays: number;
  /** a moderator's claim lasts this long unless released; a hand up longer than handWaitAlertMs is highlighted */
  teamwork: { claimTtlMs: number; handWaitAlertMs: number };
  auth: {
    /** NEXTAUTH_SECRET; lib/auth generates one only on the embedded default */
    secret: string | undefined;
    bootstrapAdmin: { email: string; password: string } | undefined;
    github: { clientId: string; clientSecret: string } | undefined;
    oidc: { issuer: string; clientId: string; clientSecret: string; name: string } | undefined;
    /** NEXTAUTH_URL: served over https there → Secure session cookies */
    publicUrl: string | undefined;
    /**
     * how many proxies in front of the app append to X-Forwarded-For (and set X-Forwarded-Proto);
     * 0: none, and neither header is believed
     */
    trustedProxies: number;
  };
}

export class EnvError extends Error {
  override name = 'EnvError';
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(env)'}: ${issue.message}`);
    throw new EnvError(`Invalid Stagekeeper environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  const embedded = env.LIVEKIT_URL === undefined;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ env.STAGEKEEPER_DATA_DIR ?? '.data');
  const apiUrl = toHttpUrl(env.LIVEKIT_URL ?? EMBEDDED_LIVEKIT.url);
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    livekit: {
      apiUrl,
      publicUrl: toWsUrl(env.LIVEKIT_PUBLIC_URL ?? apiUrl),
      apiKey: env.LIVEKIT_API_KEY ?? EMBEDDED_LIVEKIT.apiKey,
      apiSecret: env.LIVEKIT_API_SECRET ?? EMBEDDED_LIVEKIT.apiSecret,
      embedded,
    },
    maxMetadataBytes: env.STAGEKEEPER_MAX_METADATA_BYTES,
    livekitTimeoutMs: env.STAGEKEEPER_LIVEKIT_TIMEOUT_MS,
    livekitCallsPerMinute: callsPerMinute(env.STAGEKEEPER_LIVEKIT_CALLS_PER_MINUTE, apiUrl),
    tokenEndpoint: env.STAGEKEEPER_APP_KEY
      ? { appKey: env.STAGEKEEPER_APP_KEY, ttlSeconds: env.STAGEKEEPER_TOKEN_TTL_SECONDS }
      : undefined,
    opsToken: env.STAGEKEEPER_OPS_TOKEN,
    logLevel: env.STAGEKEEPER_LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT?.replace(/\/+$/, ''),
    shutdownSeconds: env.STAGEKEEPER_SHUTDOWN_SECONDS,
    embeddedDefault: embedded && env.NODE_ENV !== 'production',
    dataDir,
    database: env.DATABASE_URL
      ? { kind: 'postgres', url: env.DATABASE_URL }
      : { kind: 'pglite', dir: path.join(dataDir, 'pglite') },
    auditReadRetentionDays: env.STAGEKEEPER_AUDIT_READ_RETENTION_DAYS,
    eventRetentionDays: env.STAGEKEEPER_EVENT_RETENTION_DAYS,
    teamwork: {
      claimTtlMs: env.STAGEKEEPER_CLAIM_TTL_SECONDS * 1000,
      handWaitAlertMs: env.STAGEKEEPER_HAND_WAIT_ALERT_SECONDS * 1000,
    },
    auth: {
      secret: env.NEXTAUTH_SECRET,
      bootstrapAdmin:
        env.STAGEKEEPER_ADMIN_EMAIL && env.STAGEKEEPER_ADMIN_PASSWORD
          ? { email: env.STAGEKEEPER_ADMIN_EMAIL.toLowerCase(), password: env.STAGEKEEPER_ADMIN_PASSWORD }
          : undefined,
      github:
        env.GITHUB_ID && env.GITHUB_SECRET ? { clientId: env.GITHUB_ID, clientSecret: env.GITHUB_SECRET } : undefined,
      oidc:
        env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET
          ? {
              issuer: env.OIDC_ISSUER,
              clientId: env.OIDC_CLIENT_ID,
              clientSecret: env.OIDC_CLIENT_SECRET,
              name: env.OIDC_NAME ?? 'Single sign-on',
            }
          : undefined,
      publicUrl: env.NEXTAUTH_URL,
      trustedProxies: env.STAGEKEEPER_TRUSTED_PROXIES,
    },
  };
}

/**
 * LiveKit Cloud's documented Server API quota is 1,000 requests a minute per project, shared with the
 * event's own backend: by default the dashboard takes half of it there.
 */
export const LIVEKIT_CLOUD_CALLS_PER_MINUTE = 500;

function callsPerMinute(given: number | undefined, apiUrl: string): number | undefined {
  if (given !== undefined) return given === 0 ? undefined : given;
  return new URL(apiUrl).hostname.endsWith('.livekit.cloud') ? LIVEKIT_CLOUD_CALLS_PER_MINUTE : undefined;
}

export function toHttpUrl(url: string): string {
  return url.replace(/^ws(s?):\/\//, 'http$1://').replace(/\/+$/, '');
}

export function toWsUrl(url: string): string {
  return url.replace(/^http(s?):\/\//, 'ws$1://').replace(/\/+$/, '');
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
