import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';

describe('parseEnv', () => {
  it('uses the embedded local LiveKit when nothing is set', () => {
    const env = parseEnv({});
    expect(env.livekit).toEqual({
      apiUrl: 'http://127.0.0.1:7880',
      publicUrl: 'ws://127.0.0.1:7880',
      apiKey: 'devkey',
      apiSecret: 'secret',
      embedded: true,
    });
    expect(env.maxMetadataBytes).toBe(65536);
  });

  it('accepts a wss:// LiveKit URL and derives the API and browser addresses', () => {
    const env = parseEnv({ LIVEKIT_URL: 'wss://demo.livekit.cloud/', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' });
    expect(env.livekit).toMatchObject({
      apiUrl: 'https://demo.livekit.cloud',
      publicUrl: 'wss://demo.livekit.cloud',
      embedded: false,
    });
  });

  it('refuses a partial LiveKit configuration with a message naming the variables', () => {
    expect(() => parseEnv({ LIVEKIT_URL: 'http://lk:7880' })).toThrow(EnvError);
    expect(() => parseEnv({ LIVEKIT_URL: 'http://lk:7880' })).toThrow(/LIVEKIT_API_KEY and LIVEKIT_API_SECRET together/);
  });

  it('refuses a URL that is not http(s) or ws(s) and a non-numeric limit', () => {
    expect(() => parseEnv({ LIVEKIT_URL: 'lk:7880', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: 's' })).toThrow(
      /LIVEKIT_URL: must be an http/,
    );
    expect(() => parseEnv({ STAGEKEEPER_MAX_METADATA_BYTES: 'lots' })).toThrow(/STAGEKEEPER_MAX_METADATA_BYTES/);
  });

  it('keeps successful reads in the audit log for 30 days unless told otherwise, and refuses a negative number', () => {
    expect(parseEnv({}).auditReadRetentionDays).toBe(30);
    expect(parseEnv({ STAGEKEEPER_AUDIT_READ_RETENTION_DAYS: '0' }).auditReadRetentionDays).toBe(0);
    expect(() => parseEnv({ STAGEKEEPER_AUDIT_READ_RETENTION_DAYS: '-1' })).toThrow(/STAGEKEEPER_AUDIT_READ_RETENTION_DAYS/);
  });

  it('keeps event data 30 days unless told otherwise, and refuses keeping it forever (0) or a negative number', () => {
    expect(parseEnv({}).eventRetentionDays).toBe(30);
    expect(parseEnv({ STAGEKEEPER_EVENT_RETENTION_DAYS: '7' }).eventRetentionDays).toBe(7);
    expect(() => parseEnv({ STAGEKEEPER_EVENT_RETENTION_DAYS: '0' })).toThrow(/STAGEKEEPER_EVENT_RETENTION_DAYS/);
    expect(() => parseEnv({ STAGEKEEPER_EVENT_RETENTION_DAYS: '-1' })).toThrow(/STAGEKEEPER_EVENT_RETENTION_DAYS/);
  });
});
