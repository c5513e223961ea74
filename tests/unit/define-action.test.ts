import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineAction, performEach, type ActionContext } from '@/lib/actions/define-action';
import { installActionGate, roleGate, type ActionGate, type Actor, type AuditEntry, type AuditSink } from '@/lib/actions/gate';
import { LiveKitError } from '@/lib/livekit/errors';

/** Entries as a table would hold them: a change appears as pending first, then its outcome replaces it. */
function memorySink() {
  const entries: Array<AuditEntry | (Omit<AuditEntry, 'outcome'> & { outcome: 'pending' })> = [];
  const events: string[] = [];
  const sink: AuditSink = {
    record: async (entry) => {
      events.push(`record ${entry.target.identity ?? ''}`);
      entries.push(entry);
    },
    begin: async (entry) => {
      events.push(`begin ${entry.target.identity ?? ''}`);
      return entries.push({ ...entry, durationMs: 0, outcome: 'pending' }) - 1;
    },
    complete: async (id, entry) => {
      events.push(`complete ${entry.target.identity ?? ''}`);
      // as the audit table's completion does: a "before" the completion leaves out stays as the pending row had it
      entries[id] = { ...entry, before: entry.before ?? entries[id]?.before };
    },
  };
  return { entries: entries as AuditEntry[], events, sink };
}

function recordingGate(authorize: ActionGate['authorize']) {
  const { entries, sink } = memorySink();
  installActionGate({ authorize, ...sink });
  return entries;
}

const moderator: Actor = { id: 'm1', email: 'mod@example.com', role: 'moderator', label: 'Mod One' };
const allowAll: ActionGate['authorize'] = async () => ({ ok: true, actor: moderator });

afterEach(() => installActionGate(undefined));

const echo = (run: (input: { room: string }, context: ActionContext) => Promise<unknown>) =>
  defineAction({ name: 'test.echo', access: 'moderate', input: z.strictObject({ room: z.string().min(1) }), run });

describe('defineAction', () => {
  it('tells the handler when the call came, not when its session check let it run', async () => {
    let sessionChecked = 0;
    recordingGate(async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      sessionChecked = Date.now();
      return { ok: true, actor: moderator };
    });
    const run = vi.fn(async (_input: { room: string }, _context: ActionContext) => 'ran');
    const called = Date.now();
    await echo(run)({ room: 'stage' });
    const { calledAt } = run.mock.calls[0]![1];
    // calls of the same moment (twelve tabs' listings) share what is asked for after the first of them came
    expect(calledAt).toBeGreaterThanOrEqual(called);
    expect(calledAt).toBeLessThan(sessionChecked);
  });

  it("reads what the handler needs (prepare) while the target's snapshot is read, and a failed read only leaves it out", async () => {
    recordingGate(allowAll);
    const order: string[] = [];
    let snapshotDone!: () => void;
    const snapshotRead = new Promise<void>((resolve) => (snapshotDone = resolve));
    const definition = (prepare: () => Promise<unknown>) =>
      defineAction({
        name: 'test.prepared',
        access: 'moderate',
        input: z.strictObject({ room: z.string() }),
        snapshot: async () => {
          order.push('snapshot started');
          await snapshotRead;
          return { state: 'before' };
        },
        prepare: async () => {
          order.push('prepare started');
          // the snapshot is still being read: the two go together, not one after the other
          snapshotDone();
          return prepare();
        },
        run: async (_input, context) => context.prepared ?? 'nothing prepared',
      });
    expect(await definition(async () => 'presets')({ room: 'stage' })).toEqual({ ok: true, data: 'presets' });
    expect(order.slice(0, 2)).toEqual(['snapshot started', 'prepare started']);
    expect(await definition(async () => Promise.reject(new Error('database down')))({ room: 'stage' })).toEqual({ ok: true, data: 'nothing prepared' });
  });

  it('validates, runs the handler and audits success with the actor and target', async () => {
    const entries = recordingGate(allowAll);
    const run = vi.fn(async ({ room }: { room: string }) => `hello ${room}`);
    const result = await echo(run)({ room: 'stage' });

    expect(result).toEqual({ ok: true, data: 'hello stage' });
    // the handler also gets the id of its own pending row (its parts point to it: an incident's)
    expect(run).toHaveBeenCalledWith({ room: 'stage' }, { actor: moderator, auditId: 0, calledAt: expect.any(Number) });
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

  it('refuses a change with audit_unavailable, without running it, when its pending entry cannot be written', async () => {
    const { sink } = memorySink();
    installActionGate({ authorize: allowAll, ...sink, begin: async () => Promise.reject(new Error('disk full')) });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const run = vi.fn(async () => 1);
    expect(await echo(run)({ room: 'stage' })).toMatchObject({ ok: false, error: { code: 'audit_unavailable' } });
    expect(run).not.toHaveBeenCalled();
    spy.mockRestore();
  });

  it('writes a change as pending before its handler runs and completes it after', async () => {
    const { entries, events, sink } = memorySink();
    installActionGate({ authorize: allowAll, ...sink });
    const run = vi.fn(async () => {
      events.push('run');
      expect(entries[0]?.outcome).toBe('pending');
      return 1;
    });
    await echo(run)({ room: 'stage' });
    expect(events).toEqual(['begin ', 'run', 'complete ']);
    expect(entries).toMatchObject([{ outcome: { ok: true } }]);
  });

  it('answers a read that was made even when its entry cannot be written', async () => {
    const { sink } = memorySink();
    installActionGate({ authorize: allowAll, ...sink, record: async () => Promise.reject(new Error('disk full')) });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const read = defineAction({ name: 'test.read', access: 'read', input: z.strictObject({ room: z.string() }), run: async () => 1 });
    expect(await read({ room: 'stage' })).toEqual({ ok: true, data: 1 });
    expect(spy).toHaveBeenCalledWith('[audit] could not record test.read', expect.any(Error));
    spy.mockRestore();
  });

  it('writes no row for a successful call of an action with auditSuccess: false, and still one for a failure', async () => {
    const entries = recordingGate(allowAll);
    let fail = false;
    const poll = defineAction({
      name: 'test.poll',
      access: 'read',
      auditSuccess: false,
      input: z.strictObject({ room: z.string() }),
      run: async () => {
        if (fail) throw new LiveKitError('unreachable', 'down');
        return 1;
      },
    });
    await poll({ room: 'stage' });
    expect(entries).toHaveLength(0);
    fail = true;
    await poll({ room: 'stage' });
    expect(entries).toMatchObject([{ outcome: { ok: false, error: { code: 'unreachable' } } }]);
  });

  it('stores a bounded input for a refused call, with the size that was sent', async () => {
    const entries = recordingGate(async () => ({ ok: false, actor: null, error: { code: 'unauthorized', message: 'sign in' } }));
    const huge = Array.from({ length: 100 }, (_, index) => `${index}`.padEnd(5_000, 'x'));
    await echo(async () => 1)({ room: 'r'.repeat(10_000), huge } as never);
    const stored = JSON.stringify(entries[0]);
    expect(stored.length).toBeLessThan(2_048);
    expect(entries[0]?.input).toMatchObject({ originalChars: JSON.stringify({ room: 'r'.repeat(10_000), huge }).length });
  });

  it('checks the role before the input: a refused caller gets no validation details', async () => {
    const { entries, sink } = memorySink();
    installActionGate(roleGate({ currentActor: async () => null, sink }));
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

  it("writes a change's pending row while its snapshot is read, never runs it before the row is written, and completes the row with the before", async () => {
    const { entries, events, sink } = memorySink();
    let begun!: () => void;
    const rowWritten = new Promise<void>((resolve) => (begun = resolve));
    installActionGate({ authorize: allowAll, ...sink, begin: async (entry) => sink.begin(entry).finally(begun) });
    const run = vi.fn(async () => 'moved');
    const promote = defineAction({
      name: 'test.promote',
      access: 'moderate',
      input: z.strictObject({ room: z.string() }),
      // the read answers only once the pending row is there: a call that wrote the row after the read never ends
      snapshot: async () => {
        const waited = await Promise.race([rowWritten.then(() => 'row first'), new Promise((resolve) => setTimeout(resolve, 1_000, 'no row'))]);
        events.push(`read (${waited})`);
        return { role: 'audience' };
      },
      run,
    });
    expect(await promote({ room: 'stage' })).toMatchObject({ ok: true, data: 'moved' });
    // the second read is the "after" (this definition cannot derive it)
    expect(events).toEqual(['begin ', 'read (row first)', 'read (row first)', 'complete ']);
    expect(entries[0]).toMatchObject({ outcome: { ok: true }, before: { role: 'audience' } });
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
  const gateFor = (role: Actor['role'] | null) => roleGate({ currentActor: async () => role && { ...moderator, role }, sink: memorySink().sink });

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
    const { entries, events, sink } = memorySink();
    installActionGate({ authorize: allowAll, ...sink });
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
    // each item that runs is pending before its change; the refused one is recorded when refused
    expect(events.filter((event) => event.startsWith('begin')).sort()).toEqual(['begin a', 'begin b', 'begin gone']);
    expect(events.filter((event) => event.startsWith('record'))).toEqual(['record ']);
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

  it('writes the pending rows of unlocked items together before any change, and their completions in batches, all before it answers', async () => {
    const { entries, events, sink } = memorySink();
    installActionGate({ authorize: allowAll, ...sink });
    let inFlight = 0;
    let mostInFlight = 0;
    const run = vi.fn(async ({ identity }: { identity: string }) => {
      events.push(`run ${identity}`);
      inFlight += 1;
      mostInFlight = Math.max(mostInFlight, inFlight);
      // items end one at a time, as LiveKit answers them
      await new Promise((resolve) => setTimeout(resolve, 1));
      inFlight -= 1;
      return { identity, flipped: true };
    });
    const items = Array.from({ length: 40 }, (_, n) => ({ input: { room: 'stage', identity: `p${n}` }, listed: { identity: `p${n}`, flipped: false } }));

    const results = await performEach({ ...flip, run }, items, { actor: moderator, concurrency: 4 });

    expect(results.every((result) => result.ok)).toBe(true);
    expect(mostInFlight).toBe(4);
    const kinds = events.map((event) => event.split(' ')[0]);
    expect(kinds.lastIndexOf('begin')).toBeLessThan(kinds.indexOf('run'));
    // one group of completions per batch, not one after each change (40 groups)
    const completionGroups = kinds.filter((kind, index) => kind === 'complete' && kinds[index - 1] !== 'complete').length;
    expect(completionGroups).toBeLessThanOrEqual(3);
    expect(entries.filter((entry) => (entry.outcome as unknown) === 'pending')).toEqual([]);
    expect(entries).toHaveLength(40);
  });

  it('starts at most a thousand items at once, however many the request has', async () => {
    const { sink } = memorySink();
    let begun = 0;
    let finished = 0;
    let mostUnfinished = 0;
    installActionGate({
      authorize: allowAll,
      ...sink,
      begin: (entry) => {
        begun += 1;
        mostUnfinished = Math.max(mostUnfinished, begun - finished);
        return sink.begin(entry);
      },
    });
    const run = vi.fn(async ({ identity }: { identity: string }) => {
      finished += 1;
      return { identity, flipped: true };
    });
    const items = Array.from({ length: 2_500 }, (_, n) => ({ input: { room: 'stage', identity: `p${n}` }, listed: null }));
    const results = await performEach({ ...flip, run }, items, { actor: moderator, concurrency: 16 });
    expect(results.filter((result) => result.ok)).toHaveLength(2_500);
    expect(mostUnfinished).toBe(1_000);
  });

  it('refuses the items whose pending entry cannot be written, and runs the rest', async () => {
    const { entries, sink } = memorySink();
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const run = vi.fn(async ({ identity }: { identity: string }) => ({ identity, flipped: true }));
    installActionGate({
      authorize: allowAll,
      ...sink,
      begin: async (entry) => (entry.target.identity === 'p2' ? Promise.reject(new Error('connection lost')) : sink.begin(entry)),
    });
    const results = await performEach({ ...flip, run }, [1, 2, 3].map((n) => ({ input: { room: 'stage', identity: `p${n}` }, listed: null })), {
      actor: moderator,
      concurrency: 3,
    });
    expect(results.map((result) => (result.ok ? 'ok' : result.error.code))).toEqual(['ok', 'audit_unavailable', 'ok']);
    expect(run.mock.calls.map(([input]) => input.identity).sort()).toEqual(['p1', 'p3']);
    expect(entries.map((entry) => entry.target.identity).sort()).toEqual(['p1', 'p3']);
    spy.mockRestore();
  });
});
