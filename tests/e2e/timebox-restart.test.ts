import { beforeAll, describe, expect, it } from 'vitest';
import { builtAction, exportAudit, postAction, signInOverHttp } from '../helpers/app-http';
import type { RunningApp } from '../helpers/app-server';
import { ownApp } from '../helpers/own-app';
import { directRoomService, joinParticipant, uniqueRoom } from '../helpers/participants';

/** A dashboard of its own (its own data folder), stopped and started again while slots run. */
const own = ownApp('timebox');
const { options } = own;
let app: RunningApp;

beforeAll(async () => {
  app = await own.start();
});

/** LiveKit's permission update for `identity` (every participant also hears of the others') */
const demotion = (identity: string) => (e: { type: string; data: Record<string, unknown> }) =>
  e.type === 'permissionChanged' && e.data.identity === identity && e.data.canPublish === false;

const canPublish = async (room: string, identity: string) => (await directRoomService().getParticipant(room, identity)).permission?.canPublish;

describe('time-boxes survive the dashboard', () => {
  it(
    'a slot that ended while the dashboard was down ends at its start; a slot that outlives the restart ends on time',
    { timeout: 300_000 },
    async () => {
      const room = uniqueRoom('restart');
      const short = await joinParticipant({ room, identity: 'short', grant: { canPublish: false } });
      const long = await joinParticipant({ room, identity: 'long', grant: { canPublish: false } });
      const cookie = await signInOverHttp(app.url, options.admin.email, options.admin.password);
      const promote = builtAction('promoteToSpeaker');
      const shortSlot = await postAction(app.url, promote, [{ room, identity: 'short', slotSeconds: 30 }], { cookie });
      expect(shortSlot.result).toMatchObject({ ok: true });
      const longSlot = await postAction(app.url, promote, [{ room, identity: 'long', slotSeconds: 120 }], { cookie });
      expect(longSlot.result).toMatchObject({ ok: true });
      const promotedAt = Date.now();
      await app.stop();

      // past the short slot's end with no dashboard running: nothing can act, the speaker stays
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, promotedAt + 35_000 - Date.now())));
      expect(await canPublish(room, 'short')).toBe(true);
      expect(short.events.some(demotion('short'))).toBe(false);

      app = await own.start();
      await short.waitFor('permissionChanged', demotion('short'), 60_000);
      expect(await canPublish(room, 'long')).toBe(true);

      const demoted = await long.waitFor('permissionChanged', demotion('long'), 150_000);
      expect(demoted.at).toBeGreaterThanOrEqual(promotedAt + 120_000 - 1_000);

      const admin = await signInOverHttp(app.url, options.admin.email, options.admin.password);
      const rows = await exportAudit(app.url, admin, `?room=${room}&action=participants.demote`);
      expect(rows.map((row) => [row.target_identity, row.actor_email, row.outcome]).sort()).toEqual([
        ['long', 'timebox (set by admin@timebox.test)', 'ok'],
        ['short', 'timebox (set by admin@timebox.test)', 'ok'],
      ]);
    },
  );
});
