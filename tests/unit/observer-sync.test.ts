import { describe, expect, it } from 'vitest';
import { applyParticipantPatches, type ParticipantPatch } from '@/lib/live/participant-patches';
import { createObserverSync, isNewer } from '@/lib/live/observer-sync';
import type { ParticipantView } from '@/lib/livekit/types';
import { participantView } from '../helpers/participant-view';

/** What the observer's SDK holds for one participant: its row and the revision LiveKit last sent. */
interface Held {
  identity: string;
  row: ParticipantView;
  revision: object;
}

function harness(initial: ParticipantView[]) {
  let table = initial;
  const queue: ParticipantPatch[] = [];
  const sync = createObserverSync<Held>({
    read: () => table,
    enqueue: (patch) => queue.push(patch),
    pending: () => queue.length,
    toRow: (held) => held.row,
    revision: (held) => held.revision,
  });
  return {
    sync,
    flush: () => {
      table = applyParticipantPatches(table, queue.splice(0));
    },
    setTable: (list: ParticipantView[]) => {
      table = list;
    },
    table: () => table,
  };
}

const held = (row: ParticipantView): Held => ({ identity: row.identity, row, revision: {} });

describe('observer sync', () => {
  it('rewrites a row when LiveKit sent a new revision that no SDK event announced', () => {
    const before = participantView('ann', { version: 1 });
    const { sync, flush, table } = harness([before]);
    const ann = held(before);
    sync.check([ann]);
    flush();
    expect(table()[0]).toBe(before);

    // canUpdateMetadata alone: livekit-client's setPermissions emits nothing for it
    ann.row = participantView('ann', { version: 2, permission: { ...before.permission, canUpdateMetadata: true } });
    ann.revision = {};
    sync.check([ann]);
    flush();
    expect(table()[0]!.permission.canUpdateMetadata).toBe(true);
  });

  it('keeps an unchanged row as the same object', () => {
    const row = participantView('bo', { version: 3 });
    const { sync, flush, table } = harness([row]);
    const bo = held(participantView('bo', { version: 3 }));
    sync.check([bo]);
    flush();
    expect(table()[0]).toBe(row);
  });

  it('replaces an older answer that landed after a newer update, and keeps a newer one', () => {
    const { sync, flush, table, setTable } = harness([]);
    const cy = held(participantView('cy', { version: 6, name: 'from LiveKit' }));
    sync.refresh(cy);
    flush();
    // a moderator's action answered with version 5 after the observer already had 6
    setTable([participantView('cy', { version: 5, name: 'stale answer' })]);
    sync.check([cy]);
    flush();
    expect(table()[0]!.name).toBe('from LiveKit');

    // a change the observer is never told about (hidden), answered with a newer version, stays
    setTable([participantView('cy', { version: 7, name: 'from LiveKit', permission: { ...cy.row.permission, hidden: true } })]);
    sync.check([cy]);
    flush();
    expect(table()[0]!.permission.hidden).toBe(true);
  });

  it('after a re-list adds a participant the list missed and drops one who left while it was read', () => {
    const { sync, flush, table, setTable } = harness([]);
    const startedAt = Date.now();
    sync.left('gone');
    const late = held(participantView('late', { version: 1 }));
    setTable([participantView('gone', { version: 1 })]);
    sync.relisted([late], startedAt);
    flush();
    expect(table().map((row) => row.identity)).toEqual(['late']);
  });

  it('orders two sessions of one identity by join time, one session by version', () => {
    const first = participantView('dee', { sid: 'PA_1', joinedAt: 1_000, version: 9 });
    const second = participantView('dee', { sid: 'PA_2', joinedAt: 2_000, version: 1 });
    expect(isNewer(second, first)).toBe(true);
    expect(isNewer(first, second)).toBe(false);
    expect(isNewer({ ...first, version: 10 }, first)).toBe(true);
  });
});
