import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction, performEach } from '@/lib/actions/define-action';
import { installActionGate, type Actor, type PendingEntry } from '@/lib/actions/gate';

const moderator: Actor = { id: 'm1', email: 'mod@example.com', role: 'moderator', label: 'Mod One' };

/** Every entry begun, by id (its index): what links it carries. */
function linkingGate() {
  const begun: PendingEntry[] = [];
  installActionGate({
    authorize: async () => ({ ok: true, actor: moderator }),
    record: async () => {},
    begin: async (entry) => begun.push(entry) - 1,
    complete: async () => {},
  });
  return begun;
}

afterEach(() => installActionGate(undefined));

const input = z.strictObject({ identity: z.string() });
const item = { name: 'test.item', access: 'moderate', input, undoable: true, run: async ({ identity }: { identity: string }) => identity } as const;
const single = defineAction(item);

describe('defineAction and undo', () => {
  it('an undoable change answers its entry id; a change that is not undoable, and a read, do not', async () => {
    const begun = linkingGate();
    const undoable = await single({ identity: 'a' });
    expect(undoable).toEqual({ ok: true, data: 'a', auditId: 0 });
    expect(await defineAction({ ...item, undoable: undefined })({ identity: 'b' })).toEqual({ ok: true, data: 'b' });
    expect(await defineAction({ ...item, undoable: ({ identity }) => identity === 'yes' })({ identity: 'no' })).toEqual({ ok: true, data: 'no' });
    expect(await defineAction({ ...item, access: 'read' })({ identity: 'c' })).toEqual({ ok: true, data: 'c' });
    expect(begun).toHaveLength(3);
  });

  it("a bulk request's items, run through performEach or as nested actions, name the request's entry as their parent", async () => {
    const begun = linkingGate();
    const bulk = defineAction({
      name: 'test.bulk',
      access: 'moderate',
      input: z.strictObject({}),
      run: async (_input, { actor }) => {
        await performEach(item, [{ input: { identity: 'x' }, listed: null }, { input: { identity: 'y' }, listed: null }], { actor, concurrency: 2 });
        await single({ identity: 'z' });
        return 'done';
      },
    });
    await bulk({});
    await single({ identity: 'after' });
    expect(begun.map((entry) => [entry.action, entry.target.identity ?? null, entry.parentId ?? null])).toEqual([
      ['test.bulk', null, null],
      ['test.item', 'x', 0],
      ['test.item', 'y', 0],
      ['test.item', 'z', 0],
      ['test.item', 'after', null],
    ]);
  });

  it('an undo links its entry to the entry it undoes, and its handler knows its own entry', async () => {
    const begun = linkingGate();
    const undo = defineAction({
      name: 'test.undo',
      access: 'moderate',
      input: z.strictObject({ auditEntryId: z.number() }),
      undoes: ({ auditEntryId }) => auditEntryId,
      run: async (_input, { auditId }) => auditId,
    });
    await single({ identity: 'a' });
    expect(await undo({ auditEntryId: 0 })).toEqual({ ok: true, data: 1 });
    expect(begun[1]).toMatchObject({ action: 'test.undo', undoesId: 0 });
  });
});
