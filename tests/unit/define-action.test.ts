import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineAction, performEach } from '@/lib/actions/define-action';
import { installActionGate, roleGate, type ActionGate, type Actor, type AuditEntry } from '@/lib/actions/gate';
import { LiveKitError } from '@/lib/livekit/errors';

function recordingGate(authorize: ActionGate['authorize']) {
  const entries: AuditEntry[] = [];
  const gate: ActionGate = { authorize, record: async (entry) => void entries.push(entry) };
  installActionGate(gate);
  return entries;
}

const moderator: Actor = { id: 'm1', email: 'mod@example.com', role: 'moderator', label: 'Mod One' };
const allowAll: ActionGate['authorize'] = async () => ({ ok: true, actor: moderator });

afterEach(() => installActionGate(undefined));

const echo = (run: (input: { room: string }) => Promise<unknown>) =>
  defineAction({ name: 'test.echo', access: 'moderate', input: z.strictObject({ room: z.string().min(1) }), run });

describe('defineAction', () => {
  it('validates, runs the handler and audits success with the actor and target', async () => {
    const entries = recordingGate(allowAll);
    const run = vi.fn(async ({ room }: { room: string }) => `hello ${room}`);
    const result = await echo(run)({ room: 'stage' });

    expect(result).toEqual({ ok: true, data: 'hello stage' });
    expect(run).toHaveBeenCalledWith({ room: 'stage' }, { actor: moderator });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      action: 'test.echo',
      access: 'moderate',
      actor: { id: 'm1' },
      target: { room: 'stage' },
      outcome: { ok: true },
    });
  });

  it('returns field errors for invalid input, never runs the handler, and audits the refusal', async () => {
    const entries = recordingGate(allowAll);
    const run = vi.fn();
    const result = await echo(run)({ room: '' });

    expect(result).toMatchObject({ ok: false, error: { code: 'validation', fieldErrors: { room: [expect.any(String)] } } });
    expect(run).not.toHaveBeenCalled();
    expect(entries[0]?.outcome).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses when the gate says so, without running the handler', async () => {
    const entries = recordingGate(async () => ({
      ok: false,
      actor: null,
      error: { code: 'forbidden', message: 'viewers cannot moderate' },
    }));
    const run = vi.fn();
    const result = await echo(run)({ room: 'stage' });

    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: 'viewers cannot moderate' } });
    expect(run).not.toHaveBeenCalled();
    expect(entries[0]).toMatchObject({ actor: null, outcome: { ok: false, error: { code: 'forbidden' } } });
  });

  it('maps a LiveKitError from the handler to its code and message', async () => {
    recordingGate(allowAll);
    const result = await echo(async () => {
      throw new LiveKitError('not_found', 'participant does not exist');
    })({ room: 'stage' });
    expect(result).toEqual({ ok: false, error: { code: 'not_found', message: 'participant does not exist' } });
  });

  it('hides unexpected errors behind a generic internal error', async () => {
    recordingGate(allowAll);
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await echo(async () => {
      throw new Error('secret stack detail');
    })({ room: 'stage' });
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'test.echo failed unexpectedly; see the server log' },
    });
    expect(JSON.stringify(result)).not.toContain('secret stack detail');
    spy.mockRestore();
  });

  it('still answers when the audit sink fails', async () => {
    installActionGate({ authorize: allowAll, record: async () => Promise.reject(new Error('disk full')) });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await echo(async () => 1)({ room: 'stage' })).toEqual({ ok: true, data: 1 });
    expect(spy).toHaveBeenCalledWith('[audit] could not record test.echo', expect.any(Error));
    spy.mockRestore();
  });

  it('checks the role before the input: a refused caller gets no validation details', async () => {
    const entries: AuditEntry[] = [];
    installActionGate(roleGate({ currentActor: async () => null, record: async (entry) => void entries.push(entry) }));
    const run = vi.fn();
    expect(await echo(run)({ room: '' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(run).not.toHaveBeenCalled();
    expect(entries[0]).toMatchObject({ actor: null, input: { room: '' }, outcome: { ok: false, error: { code: 'unauthorized' } } });
  });

  it('records the before and after state from the snapshot hook', async () => {
    const entries = recordingGate(allowAll);
    let state = 'audience';
    const promote = defineAction({
      name: 'test.promote',
      access: 'moderate',
      input: z.strictObject({ room: z.string() }),
      snapshot: async () => ({ role: state }),
      run: async () => void (state = 'speaker'),
    });
    await promote({ room: 'stage' });
    expect(entries[0]).toMatchObject({ before: { role: 'audience' }, after: { role: 'speaker' } });
  });

  it('derives the after state from the snapshot and the result when the action says how, reading once', async () => {
    const entries = recordingGate(allowAll);
    const snapshot = vi.fn(async () => ({ role: 'audience', muted: false }));
    const mute = defineAction({
      name: 'test.mute',
      access: 'moderate',
      input: z.strictObject({ room: z.string() }),
      snapshot,
      run: async (_input, { before }) => ({ muted: true, sawBefore: before }),
      afterFrom: (before: unknown, result: { muted: boolean }) => ({ ...(before as object), muted: result.muted }),
    });
    const result = await mute({ room: 'stage' });
    expect(result).toMatchObject({ ok: true, data: { sawBefore: { role: 'audience', muted: false } } });
    expect(snapshot).toHaveBeenCalledTimes(1);
    expect(entries[0]).toMatchObject({ before: { role: 'audience', muted: false }, after: { role: 'audience', muted: true } });
  });

  it('redacts secrets and makes any decoded input storable as JSON', async () => {
    const entries = recordingGate(allowAll);
    await echo(async () => 1)({
      room: 'a\u0000b',
      password: 'hunter2hunter2',
      huge: 10n,
      when: new Date(0),
      set: new Set([1]),
      lone: '\uD800x',
    } as never);
    expect(entries[0]?.input).toEqual({
      room: 'a\\u0000b',
      password: '[redacted]',
      huge: '10n',
      when: '1970-01-01T00:00:00.000Z',
      set: { $set: [1] },
      lone: '\uFFFDx',
    });
    expect(JSON.stringify(entries[0])).not.toContain('hunter2');
  });
});

describe('roleGate', () => {
  const gateFor = (role: Actor['role'] | null) =>
    roleGate({ currentActor: async () => role && { ...moderator, role }, record: async () => {} });

  it.each([
    ['viewer', 'read', true],
    ['viewer', 'moderate', false],
    ['viewer', 'admin', false],
    ['moderator', 'read', true],
    ['moderator', 'moderate', true],
    ['moderator', 'admin', false],
    ['admin', 'read', true],
    ['admin', 'moderate', true],
    ['admin', 'admin', true],
  ] as const)('%s may %s: %s', async (role, access, allowed) => {
    const result = await gateFor(role).authorize({ action: 'x', access });
    expect(result.ok).toBe(allowed);
    if (!result.ok) expect(result.error.code).toBe('forbidden');
  });

  it('refuses everything without a session as unauthorized', async () => {
    for (const access of ['read', 'moderate', 'admin'] as const) {
      expect(await gateFor(null).authorize({ action: 'x', access })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
  });
});

describe('performEach (the items of a bulk request)', () => {
  const viewer: Actor = { id: 'v1', email: 'viewer@example.com', role: 'viewer', label: 'Viewer' };
  const flip = {
    name: 'test.flip',
    access: 'moderate' as const,
    input: z.strictObject({ room: z.string(), identity: z.string().min(1) }),
    snapshot: vi.fn(async () => ({ read: true })),
    run: vi.fn(async ({ identity }: { identity: string }, _context: unknown) => {
      if (identity === 'gone') throw new LiveKitError('not_found', 'gone has left');
      return { identity, flipped: true };
    }),
    afterFrom: (listed: unknown, result: { flipped: boolean }) => ({ ...(listed as object), flipped: result.flipped }),
  };

  it('validates, runs and audits each item on its own, with the listed state as before; one failure does not stop the rest', async () => {
    const entries: AuditEntry[] = [];
    const recordMany = vi.fn(async (many: AuditEntry[]) => void entries.push(...many));
    installActionGate({ authorize: allowAll, record: async (entry) => void entries.push(entry), recordMany });
    const items = [
      { input: { room: 'stage', identity: 'a' }, listed: { identity: 'a', flipped: false } },
      { input: { room: 'stage', identity: 'gone' }, listed: { identity: 'gone', flipped: false } },
      { input: { room: 'stage', identity: '' }, listed: null },
      { input: { room: 'stage', identity: 'b' }, listed: { identity: 'b', flipped: false } },
    ];

    const results = await performEach(flip, items, { actor: moderator, concurrency: 2 });

    expect(results).toMatchObject([
      { ok: true, data: { identity: 'a' } },
      { ok: false, error: { code: 'not_found' } },
      { ok: false, error: { code: 'validation' } },
      { ok: true, data: { identity: 'b' } },
    ]);
    expect(flip.run).toHaveBeenCalledWith(expect.anything(), expect.objectContaining({ actor: moderator, before: items[0]!.listed }));
    expect(flip.snapshot).toHaveBeenCalledTimes(1); // only the failed item's "after" is read again
    expect(recordMany).toHaveBeenCalledTimes(1);
    const byIdentity = Object.fromEntries(entries.map((entry) => [entry.target.identity, entry]));
    expect(byIdentity.a).toMatchObject({
      action: 'test.flip',
      actor: { id: 'm1' },
      before: { identity: 'a', flipped: false },
      after: { identity: 'a', flipped: true },
      outcome: { ok: true },
    });
    expect(byIdentity.gone).toMatchObject({ before: { identity: 'gone' }, after: { read: true }, outcome: { ok: false } });
    expect(entries).toHaveLength(4);
  });

  it('checks the actor\'s role for every item, without asking the session again', async () => {
    const authorize = vi.fn(allowAll);
    const entries = recordingGate(authorize);
    const run = vi.fn();
    const results = await performEach({ ...flip, run }, [{ input: { room: 'stage', identity: 'a' }, listed: null }], {
      actor: viewer,
      concurrency: 1,
    });
    expect(results).toMatchObject([{ ok: false, error: { code: 'forbidden' } }]);
    expect(run).not.toHaveBeenCalled();
    expect(authorize).not.toHaveBeenCalled();
    expect(entries[0]).toMatchObject({ actor: { id: 'v1' }, outcome: { ok: false, error: { code: 'forbidden' } } });
  });

  it('records entry by entry when writing them at once fails', async () => {
    const entries: AuditEntry[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    installActionGate({
      authorize: allowAll,
      record: async (entry) => void entries.push(entry),
      recordMany: async () => Promise.reject(new Error('too big')),
    });
    await performEach(flip, [1, 2, 3].map((n) => ({ input: { room: 'stage', identity: `p${n}` }, listed: null })), {
      actor: moderator,
      concurrency: 3,
    });
    expect(entries.map((entry) => entry.target.identity).sort()).toEqual(['p1', 'p2', 'p3']);
    spy.mockRestore();
  });
});
