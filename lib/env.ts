import { z } from 'zod';

export const EMBEDDED_LIVEKIT = {
  url: 'http://127.0.0.1:7880',
  apiKey: 'devkey',
  apiSecret: 'secret',
} as const;

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
    STAGEKEEPER_MAX_METADATA_BYTES: z.coerce.number().int().positive().max(1024 * 1024).default(64 * 1024),
    STAGEKEEPER_LIVEKIT_TIMEOUT_MS: z.coerce.number().int().positive().max(120_000).default(10_000),
  })
  .superRefine((env, ctx) => {
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
  };
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
