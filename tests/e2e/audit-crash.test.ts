import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { and, gte, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEntries, openDatabase } from '@/lib/db';
import { builtAction, postAction, signInOverHttp } from '../helpers/app-http';
import { startLiveKitCounter } from '../helpers/livekit-counter';
import type { RunningApp } from '../helpers/app-server';
import { ownApp } from '../helpers/own-app';
import { directRoomService, eventually, joinParticipant, testServer, uniqueRoom } from '../helpers/participants';

/**
 * The dashboard's own process, killed and started again: a data folder of its own (its PGlite is
 * read directly while the app is stopped), the build the e2e setup made. It reaches the real LiveKit
 * through a proxy that can hold its calls, so the kill comes in the middle of a bulk request however
 * fast the machine runs it (48 mutes took less than the kill on one CI run).
 */
const proxy = await startLiveKitCounter(testServer().url);
const own = ownApp('crash', () => ({ ...testServer(), url: proxy.url }));
const { options } = own;
let app: RunningApp;

beforeAll(async () => {
  app = await own.start();
});
afterAll(() => proxy.close());

/** Reads the app's database while the app is stopped (PGlite is one process's at a time). */
async function withAppStopped<T>(read: (db: Awaited<ReturnType<typeof openDatabase>>['db']) => Promise<T>): Promise<T> {
  await app.stop();
  const open = await openDatabase({ kind: 'pglite', dir: path.join(options.dataDir, 'pglite') });
  try {
    return await read(open.db);
  } finally {
    await open.close();
    app = await own.start();
  }
}

describe('the audit log cannot be flooded', () => {
  it('200 anonymous calls of 500 KB each add at most 200 × 2 KB to the database', { timeout: 300_000 }, async () => {
    const started = new Date();
    const action = builtAction('muteTrack');
    // random text, so the database cannot compress it away; each string below the audit's 8 KB cut
    const input = () => ({
      room: 'flood',
      identity: 'victim',
      trackSid: 'TR_flood',
      pad: Array.from({ length: 100 }, () => randomBytes(3_750).toString('base64')),
    });
    expect(JSON.stringify(input()).length).toBeGreaterThan(500_000);
    for (let call = 0; call < 200; call += 1) {
      const response = await postAction(app.url, action, [input()]);
      expect(response.result).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }

    const stored = await withAppStopped(async (db) => {
      const anonymous = and(gte(auditEntries.at, started), isNull(auditEntries.actorId));
      const [sizes] = await db
        .select({ rows: sql<number>`count(*)::int`, bytes: sql<number>`coalesce(sum(pg_column_size(${auditEntries}.*)), 0)::int` })
        .from(auditEntries)
        .where(anonymous);
      const [sample] = await db.select({ input: auditEntries.input, address: auditEntries.clientAddress }).from(auditEntries).where(anonymous).limit(1);
      return { ...sizes!, sample };
    });
    expect(stored.rows).toBeGreaterThan(0); // refusals are still recorded, up to the limit
    expect(stored.bytes).toBeLessThanOrEqual(200 * 2048);
    expect(stored.sample?.input).toMatchObject({ originalChars: expect.any(Number), truncated: expect.any(String) });
    expect(stored.sample?.address).toBeTruthy();
  });
});

const TRACKS_EACH = 12;
const TRACKS = 4 * TRACKS_EACH;
const MUTES_BEFORE_KILL = 20;

describe('the audit log loses nothing when the dashboard dies', () => {
  // real participants publishing their tracks, and the app started twice more: minutes on a loaded machine
  it('after a SIGKILL in the middle of a bulk mute, every muted track has a row and no row claims ok for an unmuted one', { timeout: 600_000 }, async () => {
    const room = uniqueRoom('crash');
    // few participants with several tracks each: every rtc-node participant is a peer connection in this
    // process, and on a loaded 2-core machine 200 rtc-node tracks did not finish publishing (the cluster
    // test mutes 200 with the Go publisher)
    const speakers = [];
    for (let index = 0; index < 4; index += 1) {
      speakers.push(await joinParticipant({ room, identity: `speaker-${index}`, grant: { canPublish: true, canUpdateOwnMetadata: false } }));
    }
    // one publication at a time, each tried again when LiveKit's answer is lost on a loaded machine
    for (const speaker of speakers) {
      for (let track = 0; track < TRACKS_EACH; track += 1) {
        for (let attempt = 1; ; attempt += 1) {
          try {
            await speaker.publishSilentTrack(`mic-${track}`);
            break;
          } catch (error) {
            if (attempt === 3) throw error;
          }
        }
      }
    }
    console.log(`[crash test] 4 participants publish ${TRACKS} tracks`);
    const service = directRoomService();
    const tracks = async () => (await service.listParticipants(room)).flatMap((p) => p.tracks.map((t) => ({ sid: t.sid, muted: t.muted })));
    // LiveKit lists a publication a moment after the publisher has it
    const published = await eventually(tracks, (listed) => listed.length >= TRACKS);
    expect(published.filter((track) => track.muted)).toEqual([]);

    const cookie = await signInOverHttp(app.url, options.admin.email, options.admin.password);
    // LiveKit gets the first MUTES_BEFORE_KILL mutes; the rest wait at the proxy until the app is killed
    proxy.holdAfter('MutePublishedTrack', MUTES_BEFORE_KILL);
    const bulk = postAction(app.url, builtAction('muteAllButHosts'), [{ room }], { cookie }).catch(() => undefined);
    await eventually(tracks, (listed) => listed.filter((track) => track.muted).length >= MUTES_BEFORE_KILL);
    await app.kill();
    await bulk;
    proxy.passAll(); // what the killed app had sent after those never reaches LiveKit
    console.log('[crash test] killed the app mid-bulk');

    // LiveKit finishes what had reached it before the kill: read its state once it stops changing
    let final = await tracks();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      const next = await tracks();
      if (next.filter((t) => t.muted).length === final.filter((t) => t.muted).length) break;
      final = next;
    }
    const muted = new Set(final.filter((track) => track.muted).map((track) => track.sid));
    expect(muted.size, 'the kill came in the middle of the bulk mute').toBeGreaterThan(0);
    expect(muted.size, 'the kill came in the middle of the bulk mute').toBeLessThan(final.length);

    app = await own.start(); // its start marks what the killed process left pending
    const rows = await withAppStopped((db) =>
      db
        .select({ track: auditEntries.targetTrack, outcome: auditEntries.outcome })
        .from(auditEntries)
        .where(sql`${auditEntries.room} = ${room} and ${auditEntries.action} = 'tracks.mute'`),
    );
    const recorded = new Set(rows.map((row) => row.track));
    expect([...muted].filter((sid) => !recorded.has(sid)), 'muted tracks without an audit row').toEqual([]);
    expect(rows.filter((row) => row.outcome === 'ok' && !muted.has(row.track!)), 'ok rows for tracks that are not muted').toEqual([]);
    expect(rows.filter((row) => row.outcome === 'pending'), 'rows still pending after the restart').toEqual([]);
    expect(rows.filter((row) => muted.has(row.track!)).every((row) => row.outcome === 'ok' || row.outcome === 'interrupted')).toBe(true);
  });
});
