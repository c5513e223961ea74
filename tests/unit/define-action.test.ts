import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { anonymousOperatorGate, installActionGate, type ActionGate, type AuditEntry } from '@/lib/actions/gate';
import { LiveKitError } from '@/lib/livekit/errors';

function recordingGate(authorize: ActionGate['authorize']) {
  const entries: AuditEntry[] = [];
  const gate: ActionGate = { authorize, record: async (entry) => void entries.push(entry) };
  installActionGate(gate);
  return entries;
}

const allowAll: ActionGate['authorize'] = async () => ({ ok: true, actor: { id: 'm1', label: 'Mod One' } });

afterEach(() => installActionGate(anonymousOperatorGate));

const echo = (run: (input: { room: string }) => Promise<unknown>) =>
  defineAction({ name: 'test.echo', access: 'moderate', input: z.strictObject({ room: z.string().min(1) }), run });

describe('defineAction', () => {
  it('validates, runs the handler and audits success with the actor and target', async () => {
    const entries = recordingGate(allowAll);
    const run = vi.fn(async ({ room }: { room: string }) => `hello ${room}`);
    const result = await echo(run)({ room: 'stage' });

    expect(result).toEqual({ ok: true, data: 'hello stage' });
    expect(run).toHaveBeenCalledWith({ room: 'stage' });
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
});
