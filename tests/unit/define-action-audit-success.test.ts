import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction, performEach } from '@/lib/actions/define-action';
import { installActionGate, type ActionGate, type Actor, type AuditEntry } from '@/lib/actions/gate';
import { LiveKitError } from '@/lib/livekit/errors';

const viewer: Actor = { id: 'v1', email: 'viewer@example.com', role: 'viewer', label: 'Viewer' };

function recordingGate(actor: Actor | null) {
  const entries: AuditEntry[] = [];
  const gate: ActionGate = {
    authorize: async () =>
      actor ? { ok: true, actor } : { ok: false, actor: null, error: { code: 'unauthorized', message: 'Sign in' } },
    record: async (entry) => void entries.push(entry),
    begin: async (entry) => entries.push({ ...entry, outcome: { ok: true }, durationMs: 0 }) - 1,
    complete: async (id, entry) => void (entries[id] = entry),
  };
  installActionGate(gate);
  return entries;
}

afterEach(() => installActionGate(undefined));

const refresh = (run: () => Promise<string[]>) =>
  defineAction({ name: 'test.refresh', access: 'read', auditSuccess: false, input: z.strictObject({ room: z.string().min(1) }), run });

describe('defineAction with auditSuccess: false', () => {
  it('writes no audit row for a successful call', async () => {
    const entries = recordingGate(viewer);
    const result = await refresh(async () => ['a'])({ room: 'stage' });
    expect(result).toEqual({ ok: true, data: ['a'] });
    expect(entries).toEqual([]);
  });

  it('still audits a refused call, an invalid input and a failed call', async () => {
    const entries = recordingGate(null);
    await refresh(async () => ['a'])({ room: 'stage' });
    const more = recordingGate(viewer);
    await refresh(async () => ['a'])({ room: '' });
    await refresh(async () => {
      throw new LiveKitError('unreachable', 'LiveKit is down');
    })({ room: 'stage' });
    expect(entries.map((entry) => entry.outcome)).toEqual([{ ok: false, error: { code: 'unauthorized', message: 'Sign in' } }]);
    expect(more.map((entry) => (entry.outcome.ok ? 'ok' : entry.outcome.error.code))).toEqual(['validation', 'unreachable']);
  });

  it('leaves successful bulk items of such an action unaudited and audits the failed ones', async () => {
    const entries = recordingGate(viewer);
    const definition = {
      name: 'test.each',
      access: 'read' as const,
      auditSuccess: false,
      input: z.strictObject({ room: z.string().min(1) }),
      run: async ({ room }: { room: string }) => room,
    };
    const results = await performEach(definition, [{ input: { room: 'a' }, listed: null }, { input: { room: '' }, listed: null }], {
      actor: viewer,
      concurrency: 2,
    });
    expect(results.map((result) => result.ok)).toEqual([true, false]);
    expect(entries.map((entry) => entry.input)).toEqual([{ room: '' }]);
  });

  it('audits successful calls by default', async () => {
    const entries = recordingGate(viewer);
    await defineAction({ name: 'test.read', access: 'read', input: z.undefined(), run: async () => 1 })();
    expect(entries).toHaveLength(1);
  });
});
