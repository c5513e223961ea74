import { afterAll, describe, it } from 'vitest';
import { joinParticipant, uniqueRoom } from '../helpers/participants';
import { closeBrowser, expect, openRoom, row } from './console';

afterAll(closeBrowser);

/**
 * LiveKit tells the room's participants (the observer too) about those who do not publish only in
 * batches, seconds late; its webhooks leave at once. The bound is the 500 ms target with
 * room for a loaded CI machine, and still below LiveKit's batch delay (2.5–3 s measured).
 */
const SHOWN_WITHIN_MS = 1_200;

describe('joins and leaves of participants who do not publish reach the table from the webhooks', () => {
  it('shows each join and each leave well before LiveKit tells the observer', async () => {
    const room = uniqueRoom('presence');
    await joinParticipant({ room, identity: 'host', grant: { canPublish: true }, publishTone: true });
    const page = await openRoom(room);
    await expect(row(page, 'host')).toBeVisible();

    for (const identity of ['fan-1', 'fan-2', 'fan-3']) {
      const fan = await joinParticipant({ room, identity, grant: { canPublish: false } });
      await expect(row(page, identity), `${identity} joined`).toBeVisible({ timeout: SHOWN_WITHIN_MS });
      await fan.leave();
      await expect(row(page, identity), `${identity} left`).toHaveCount(0, { timeout: SHOWN_WITHIN_MS });
    }
    await page.close();
  });
});
