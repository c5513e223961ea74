import { readFileSync } from 'node:fs';
import { STATIC_DIR, staticFiles } from '../helpers/built-assets';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { MAX_METADATA_BYTES_LIMIT, parseEnv } from '@/lib/env';
import { REPO_ROOT } from '../../scripts/lib/livekit-server';
import { builtAction, postAction } from '../helpers/app-http';
import { joinParticipant, testServer, uniqueRoom } from '../helpers/participants';
import { adminSession, appUrl, browserInstance, closeBrowser, expect, liveStats, newPageAs, openRoom } from './console';

afterAll(closeBrowser);

describe('the console is not indexed, framed or sniffed', () => {
  it('every response carries the CSP, X-Robots-Tag, Referrer-Policy and nosniff: pages, API routes, static files, 404s', async () => {
    const chunk = staticFiles().find((file) => file.endsWith('.js'))!;
    const chunkPath = `/_next/static/${path.relative(STATIC_DIR, chunk).split(path.sep).join('/')}`;
    const cookie = await adminSession();
    const requests: [string, RequestInit?][] = [
      ['/signin'],
      ['/', { headers: { cookie } }],
      ['/rooms/nowhere'],
      ['/api/auth/csrf'],
      ['/api/token', { method: 'POST', body: '{}' }],
      ['/api/audit/export', { headers: { cookie } }],
      ['/robots.txt'],
      ['/icon.svg'],
      [chunkPath],
      ['/no-such-page'],
    ];
    for (const [url, init] of requests) {
      const response = await fetch(appUrl(url), { redirect: 'manual', ...init });
      await response.arrayBuffer();
      const headers = Object.fromEntries(response.headers);
      expect(headers['x-robots-tag'], url).toBe('noindex, nofollow');
      expect(headers['referrer-policy'], url).toBe('same-origin');
      expect(headers['x-content-type-options'], url).toBe('nosniff');
      expect(headers['content-security-policy'], url).toContain("frame-ancestors 'none'");
    }
    const robots = await fetch(appUrl('/robots.txt'));
    expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/\n?$/);
  });

  it('pages get a fresh script nonce and reach only the dashboard and LiveKit', async () => {
    const policies = await Promise.all([1, 2].map(async () => (await fetch(appUrl('/signin'))).headers.get('content-security-policy')!));
    const nonces = policies.map((policy) => /'nonce-([^']+)'/.exec(policy)?.[1]);
    expect(nonces[0]).toBeTruthy();
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(policies[0]).toContain("'strict-dynamic'");
    expect(policies[0]).not.toContain('unsafe-eval');
    const livekitWs = testServer().url.replace(/^http/, 'ws');
    expect(policies[0]).toMatch(new RegExp(`connect-src 'self' ${livekitWs.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ ;]`));
  });

  it('the room page goes live in Chromium under the policy, with no violation reported', async () => {
    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member' });
    const page = await newPageAs('moderator');
    await page.addInitScript(() => {
      const seen: string[] = [];
      (window as unknown as { violations: string[] }).violations = seen;
      document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.effectiveDirective} ${event.blockedURI}`));
    });
    await page.goto(appUrl(`/rooms/${room}`));
    await expect(page.locator('[data-live-status="live"]')).toBeVisible({ timeout: 15_000 });
    const violations = await page.evaluate(() => (window as unknown as { violations: string[] }).violations);
    expect(violations).toEqual([]);
    await expect(page.locator('tr[data-identity="member"]')).toBeVisible();
    // what the policy is for: markup injected into the page cannot run script (an inline handler here)
    const injected = await page.evaluate(
      () =>
        new Promise<{ ran: boolean; directive?: string }>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => {
            if (event.effectiveDirective === 'script-src-attr') resolve({ ran: false, directive: event.effectiveDirective });
          });
          window.addEventListener('injected', () => resolve({ ran: true }));
          document.body.insertAdjacentHTML('beforeend', '<img src="/no-such-image.png" onerror="dispatchEvent(new Event(\'injected\'))">');
        }),
    );
    expect(injected).toEqual({ ran: false, directive: 'script-src-attr' });
    await page.close();
  });

  it('another site cannot frame the console (clickjacking a Kick button)', async () => {
    const page = await (await browserInstance()).newPage();
    const refused = page.waitForEvent('console', (message) => /frame-ancestors 'none'/.test(message.text()));
    await page.setContent(`<iframe name="console" src="${appUrl('/signin')}"></iframe>`);
    await refused;
    const frame = page.frame({ name: 'console' })!;
    expect(frame.url()).not.toContain(appUrl('/signin'));
    expect(await frame.locator('form').count()).toBe(0);
    await page.close();
  });
});

describe('test hooks stay out of production', () => {
  it('the production build has no window.__stagekeeper.inject, in its chunks or in the room page', async () => {
    const carrying = staticFiles().filter((file) => file.endsWith('.js') && /setParticipants|__stagekeeper[^;]{0,80}inject/.test(readFileSync(file, 'utf8')));
    expect(carrying).toEqual([]);

    const room = uniqueRoom();
    await joinParticipant({ room, identity: 'member' });
    const page = await openRoom(room);
    const stats = await liveStats(page);
    expect(stats.observerIdentity).toMatch(/^stagekeeper-observer-/);
    expect(await page.evaluate(() => typeof window.__stagekeeper?.inject)).toBe('undefined');
    await page.close();
  });
});

describe('the bulk progress dialog', () => {
  it('ends and can be closed when a chunk\'s request to the dashboard fails', async () => {
    const room = uniqueRoom();
    await Promise.all(['s1', 's2'].map((identity) => joinParticipant({ room, identity, grant: { canPublish: true }, publishTone: true })));
    const page = await openRoom(room);
    await expect(page.locator('[data-track-sid]')).toHaveCount(2);

    const bulkMute = builtAction('muteAllButHosts').id;
    await page.route('**/*', (route) =>
      route.request().method() === 'POST' && route.request().headers()['next-action'] === bulkMute ? route.abort('connectionreset') : route.continue(),
    );
    await page.getByRole('button', { name: /^Mute all but hosts/ }).click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Mute all but hosts' }).click();
    const summary = page.locator('[data-bulk-summary][data-finished="true"]');
    await expect(summary).toBeVisible();
    await expect(summary.getByRole('alert')).toContainText('The dashboard did not answer');
    await page.locator('dialog[open]').getByRole('button', { name: 'Close', exact: true }).click();
    await expect(page.locator('dialog[open]')).toHaveCount(0);
    await page.close();
  });
});

describe('metadata limit and server-action body limit agree', () => {
  it('the largest limit the env accepts, in the worst JSON encoding, reaches the action and gets its clear answer', async () => {
    expect(parseEnv({ STAGEKEEPER_MAX_METADATA_BYTES: String(MAX_METADATA_BYTES_LIMIT) }).maxMetadataBytes).toBe(MAX_METADATA_BYTES_LIMIT);
    expect(() => parseEnv({ STAGEKEEPER_MAX_METADATA_BYTES: String(MAX_METADATA_BYTES_LIMIT + 1) })).toThrow(/STAGEKEEPER_MAX_METADATA_BYTES/);

    // control characters are 1 byte of metadata and 6 in the JSON body (\u0001)
    const metadata = '\u0001'.repeat(MAX_METADATA_BYTES_LIMIT);
    const action = builtAction('updateMetadata');
    const { status, result } = await postAction(appUrl(''), action, [{ room: uniqueRoom(), identity: 'member', metadata }], {
      cookie: await adminSession(),
    });
    expect(status).toBe(200);
    // this app runs with the default 64 KiB limit: the action itself refuses, naming the limit
    expect(result).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('the limit is 65,536 bytes') } });
  });
});
