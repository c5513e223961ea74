import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DisconnectReason } from '@livekit/rtc-node';
import { afterAll, describe, inject, it } from 'vitest';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { builtAction, exportAudit, postAction, signInOverHttp } from '../helpers/app-http';
import { startApp, type AppOptions, type RunningApp } from '../helpers/app-server';
import { startLiveKitRelay, type LiveKitRelay } from '../helpers/livekit-relay';
import { joinParticipant, uniqueRoom } from '../helpers/participants';
import { browserInstance, closeBrowser, expect } from './console';

/**
 * A dashboard of its own (its own database, reaching LiveKit through a relay the test can cut), so it
 * can be stopped while the shared one keeps running. LiveKit's webhooks go to the shared dashboard,
 * which knows nothing of these bans: only this dashboard's sweep can remove the banned.
 */
const options: AppOptions = {
  dataDir: mkdtempSync(path.join(tmpdir(), 'stagekeeper-e2e-sweep-')),
  nextauthSecret: `nextauth-${randomBytes(24).toString('hex')}`,
  admin: { email: 'admin@sweep.test', password: `pw-${randomBytes(12).toString('hex')}` },
};
const logFile = (name: string) => path.join(REPO_ROOT, 'test-results', `app-bans-sweep-${name}.log`);
let relay: LiveKitRelay | undefined;
let app: RunningApp | undefined;

afterAll(async () => {
  await closeBrowser();
  await app?.stop();
  await relay?.close();
  rmSync(options.dataDir, { recursive: true, force: true });
});

const removed = (event: { data: Record<string, unknown> }) => event.data.reason === DisconnectReason.PARTICIPANT_REMOVED;

async function start(name: string): Promise<{ app: RunningApp; cookie: string }> {
  relay ??= await startLiveKitRelay(inject('livekit').url);
  app = await startApp({ ...inject('livekit'), url: relay.url }, logFile(name), options);
  return { app, cookie: await signInOverHttp(app.url, options.admin.email, options.admin.password) };
}

async function ban(base: string, cookie: string, input: Record<string, unknown>) {
  const { result } = await postAction(base, builtAction('banParticipant'), [input], { cookie });
  return result;
}

describe('bans hold with no dashboard running', () => {
  it('a banned identity that joined while the dashboard was stopped is removed by the sweep at start', { timeout: 180_000 }, async () => {
    const room = uniqueRoom('sweep');
    const first = await start('first');
    expect(await ban(first.app.url, first.cookie, { room, identity: 'lurker', scope: 'everywhere', reason: 'comes back' })).toMatchObject({
      ok: true,
      data: { ejectedFrom: [] },
    });
    await first.app.stop();

    const lurker = await joinParticipant({ room, identity: 'lurker' });
    const bystander = await joinParticipant({ room, identity: 'bystander' });
    expect(lurker.connected).toBe(true);

    const second = await start('second');
    expect(removed(await lurker.waitFor('disconnected', undefined, 30_000))).toBe(true);
    expect(bystander.connected).toBe(true);
    await expect.poll(() => readFileSync(logFile('second'), 'utf8')).toContain('[bans] sweep (start): 1 removed, 0 pending');
    const entries = await exportAudit(second.app.url, second.cookie, `?room=${room}&action=bans.autoEject`);
    expect(entries).toMatchObject([{ target_identity: 'lurker', outcome: 'ok', actor_email: '' }]);
    expect(JSON.parse(entries[0]!.input!)).toMatchObject({ cause: 'sweep' });
  });

  it('a failed eject is shown on the Bans page with its tries and last error until a retry succeeds', { timeout: 120_000 }, async () => {
    const { app: running, cookie } = app ? { app, cookie: await signInOverHttp(app.url, options.admin.email, options.admin.password) } : await start('pending');
    const room = uniqueRoom('pending');
    const pest = await joinParticipant({ room, identity: 'pest' });

    const page = await (await browserInstance()).newPage();
    await page.goto(`${running.url}/signin`);
    await page.getByLabel('Email').fill(options.admin.email);
    await page.getByLabel('Password').fill(options.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator(`[data-account="${options.admin.email}"]`)).toBeVisible({ timeout: 15_000 });

    await relay!.cut();
    expect(await ban(running.url, cookie, { room, identity: 'pest', reason: 'flooding' })).toMatchObject({
      ok: true,
      data: { removed: false, pendingIn: [room] },
    });
    await page.goto(`${running.url}/bans`);
    const pending = page.locator(`tr[data-ban="pest"] [data-pending-ejection="${room}"]`);
    await expect(pending).toContainText(/eject pending from .*: \d+ tr(y|ies), last error: Cannot reach LiveKit at /);
    expect(pest.connected).toBe(true);

    await relay!.restore();
    expect(removed(await pest.waitFor('disconnected', undefined, 30_000))).toBe(true);
    await expect(pending).toHaveCount(0, { timeout: 15_000 });
    await expect(page.locator('tr[data-ban="pest"]')).toBeVisible();
    await page.close();
  });
});
