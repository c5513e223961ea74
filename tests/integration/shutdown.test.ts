import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineAction } from '@/lib/actions/define-action';
import { queryAudit } from '@/lib/actions/audit-store';
import { database } from '@/lib/db';
import { roomEventHub } from '@/lib/events/room-events-store';
import { roomEventStream } from '@/lib/events/room-stream';
import { drain } from '@/lib/lifecycle/drain';
import { listRooms } from '@/lib/rooms/actions';
import { eventually } from '../helpers/participants';

/**
 * The drain SIGTERM starts (lib/lifecycle/shutdown.ts), in this process: one action held in flight by
 * the test (its handler waits for the test; the kernel, audit log and database are the app's own).
 */
let release!: () => void;
const held = new Promise<void>((resolve) => (release = resolve));
const slowChange = defineAction({
  name: 'test.slowChange',
  access: 'moderate',
  input: z.strictObject({}),
  run: async () => {
    await held;
    return 'changed';
  },
});

describe('draining on SIGTERM', () => {
  it('refuses new actions, lets the one in flight finish and complete its audit row, and ends event streams with a reconnect', async () => {
    const db = await database();
    const stream = await roomEventStream(roomEventHub(), new AbortController().signal);
    const inFlight = slowChange({});
    await eventually(
      async () => (await queryAudit(db, { action: 'test.slowChange' })).rows.map((row) => row.outcome),
      (outcomes) => outcomes.length === 1 && outcomes[0] === 'pending',
    );

    const drained = drain(30_000);
    expect(await listRooms()).toEqual({
      ok: false,
      error: { code: 'shutting_down', message: 'This console replica is shutting down; try again in a moment' },
    });
    expect(await new Response(stream.body).text()).toMatch(/event: hello[\s\S]*event: reconnect\ndata: \{\}\n\n$/);

    release();
    expect(await inFlight).toEqual({ ok: true, data: 'changed' });
    expect(await drained).toEqual({ stillInFlight: 0 });
    const rows = (await queryAudit(db, { action: 'test.slowChange' })).rows;
    expect(rows.map((row) => row.outcome)).toEqual(['ok']);
  });
});
