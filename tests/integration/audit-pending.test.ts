import path from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { installActionGate, roleGate, type AuditSink } from '@/lib/actions/gate';
import { listParticipants, muteTrack } from '@/lib/participants/actions';
import { auditEntries, database, openDatabase, useDatabase, type OpenDatabase } from '@/lib/db';
import { auditedChange, completeAuditEntry, databaseAuditSink, insertPendingEntry, queryAudit } from '@/lib/actions/audit-store';
import { sweepPendingEntries } from '@/lib/startup';
import { actorWith, freshDataDir } from '../helpers/actors';
import { joinParticipant, uniqueRoom } from '../helpers/participants';

const moderator = actorWith('moderator');

async function speakerWithWatcher() {
  const room = uniqueRoom('pending');
  const watcher = await joinParticipant({ room, identity: 'watcher' });
  const speaker = await joinParticipant({ room, identity: 'speaker', grant: { canPublish: true }, publishTone: true });
  const [trackSid] = speaker.publishedTrackSids();
  await watcher.waitFor('trackPublished', (e) => e.data.trackSid === trackSid);
  return { room, speaker, watcher, trackSid: trackSid! };
}

let opened: OpenDatabase | undefined;
async function ownDatabase(): Promise<OpenDatabase> {
  opened = await openDatabase({ kind: 'pglite', dir: path.join(freshDataDir(), 'pglite') });
  useDatabase(opened);
  return opened;
}

afterEach(async () => {
  installActionGate(roleGate({ currentActor: async () => moderator, sink: databaseAuditSink(database) }));
});

describe('the audit log loses nothing', () => {
  it('a change has its row before LiveKit applies it', async () => {
    const { room, watcher, trackSid } = await speakerWithWatcher();
    const sink = databaseAuditSink(database);
    let seenMuted!: () => void;
    const muteSeen = new Promise<void>((resolve) => (seenMuted = resolve));
    // every write that finishes an entry waits until the watcher has seen the mute: what is in the table then was written before
    const held: AuditSink = {
      begin: (entry) => sink.begin(entry),
      record: async (entry) => muteSeen.then(() => sink.record(entry)),
      complete: async (id, entry) => muteSeen.then(() => sink.complete(id, entry)),
    };
    installActionGate(roleGate({ currentActor: async () => moderator, sink: held }));

    const muting = muteTrack({ room, identity: 'speaker', trackSid });
    await watcher.waitFor('trackMuted', (e) => e.data.trackSid === trackSid);
    const { rows: whileApplied } = await queryAudit(await database(), { room, action: 'tracks.mute' });
    seenMuted();
    expect(await muting).toMatchObject({ ok: true });
    const { rows: afterwards } = await queryAudit(await database(), { room, action: 'tracks.mute' });

    expect(whileApplied).toMatchObject([{ targetTrack: trackSid, outcome: 'pending', actorEmail: moderator.email }]);
    expect(afterwards).toMatchObject([{ id: whileApplied[0]!.id, outcome: 'ok', after: { tracks: [{ sid: trackSid, muted: true }] } }]);
  });

  it('with the database gone, a change is refused with audit_unavailable and never reaches LiveKit; reads keep working', async () => {
    const { room, speaker, watcher, trackSid } = await speakerWithWatcher();
    const own = await ownDatabase();
    await own.close();

    const muted = await muteTrack({ room, identity: 'speaker', trackSid });
    expect(muted).toEqual({ ok: false, error: { code: 'audit_unavailable', message: expect.stringMatching(/nothing was changed/) } });
    const listed = await listParticipants({ room });
    expect(listed.ok && listed.data.find((p) => p.identity === 'speaker')?.tracks[0]?.muted).toBe(false);
    expect(watcher.events.some((e) => e.type === 'trackMuted')).toBe(false);
    expect(speaker.connected).toBe(true);
  });

  it('a pending entry left by a stopped dashboard becomes interrupted at the next start; one begun since stays pending', async () => {
    const own = await ownDatabase();
    const room = uniqueRoom('crash');
    const entry = (identity: string, at: Date) => ({
      at,
      action: 'tracks.mute',
      access: 'moderate' as const,
      actor: moderator,
      target: { room, identity, trackSid: `TR_${identity}` },
      input: { room, identity },
    });
    const startedAt = new Date();
    const lost = await insertPendingEntry(own.db, entry('lost', new Date(startedAt.getTime() - 1_000)));
    const running = await insertPendingEntry(own.db, entry('running', new Date(startedAt.getTime() + 1)));

    await sweepPendingEntries(startedAt);
    const outcome = async (id: number) =>
      (await own.db.select({ outcome: auditEntries.outcome }).from(auditEntries).where(eq(auditEntries.id, id)))[0]?.outcome;
    expect(await outcome(lost)).toBe('interrupted');
    expect(await outcome(running)).toBe('pending');

    // a call that outlived the sweep still tells how it ended
    await completeAuditEntry(own.db, lost, { ...entry('lost', new Date()), outcome: { ok: true }, durationMs: 5 });
    expect(await outcome(lost)).toBe('ok');
    await own.close();
  });

  it('a change made outside an action (the auto-eject) is pending while it runs, and does not run without its row', async () => {
    const own = await ownDatabase();
    const room = uniqueRoom('outside');
    const entry = { at: new Date(), action: 'bans.autoEject', access: 'moderate' as const, actor: null, target: { room, identity: 'x' }, input: {} };
    let seenWhileRunning: string | undefined;
    const outcome = await auditedChange(own.db, entry, async () => {
      seenWhileRunning = (await queryAudit(own.db, { room })).rows[0]?.outcome;
      return { ok: true };
    });
    expect(outcome).toEqual({ ok: true });
    expect(seenWhileRunning).toBe('pending');
    expect((await queryAudit(own.db, { room })).rows).toMatchObject([{ outcome: 'ok', action: 'bans.autoEject' }]);

    await own.close();
    const change = vi.fn(async () => ({ ok: true as const }));
    await expect(auditedChange(own.db, entry, change)).rejects.toThrow(/pending audit entry of bans.autoEject/);
    expect(change).not.toHaveBeenCalled();
  });
});
