import 'server-only';
import { performAs } from '@/lib/actions/define-action';
import type { Actor } from '@/lib/actions/gate';
import { demoteDefinition, isOnStage } from '@/lib/participants/stage-service';
import { database, type TimeboxRow } from '@/lib/db';
import { auditedChange } from '@/lib/actions/audit-store';
import { runExclusive } from '@/lib/db/locks';
import * as livekit from '@/lib/livekit';
import { LiveKitError } from '@/lib/livekit/errors';
import { NOTICE_TOPIC } from '@/lib/hands/shared';
import { WARNING_LEAD_MS, warningNotice, type TimeboxEndReason } from '@/lib/timeboxes/shared';
import { dueTimeboxes, endTimebox, markWarned, recordFailedEnd, runningTimebox, type DueTimebox } from '@/lib/timeboxes/store';

/**
 * The time-boxes' clock. Every replica polls the stored slots once a second, and one replica at a
 * time acts on the due ones (runExclusive): the speaker's warning, then at the end the return to the
 * audience. Nothing is held in memory between ticks, so a slot whose end passed while no dashboard
 * ran is acted on by the first tick after the next start, and a replica that dies mid-tick leaves
 * the slot for the next one.
 */

export interface ClockOptions {
  pollMs?: number;
  warnLeadMs?: number;
}

export interface TickReport {
  warned: number;
  demoted: number;
  /** ended without a change: the speaker had left, rejoined, or was off stage already */
  moot: number;
  /** LiveKit could not be reached: tried again with backoff */
  failed: number;
  /** extended or replaced after the tick read it: left running, for a later tick to judge */
  superseded: number;
}

/** The time-box as the actor of what it does, naming who set it. */
export function timeboxActor(row: TimeboxRow): Actor {
  const label = `timebox (set by ${row.setByEmail ?? 'unknown'})`;
  return { id: `timebox:${row.id}`, email: label, role: 'moderator', label };
}

/** One pass over the due slots; null when another replica (or caller) is running one now. `at` stands in for now in tests. */
export async function processDueTimeboxes({ at, warnLeadMs = WARNING_LEAD_MS }: { at?: Date; warnLeadMs?: number } = {}): Promise<TickReport | null> {
  const run = await runExclusive('timeboxes:clock', async () => {
    const report: TickReport = { warned: 0, demoted: 0, moot: 0, failed: 0, superseded: 0 };
    for (const due of await dueTimeboxes(await database(), { warnLeadMs, at })) {
      if (due.endDue) report[await endSlot(due.row)] += 1;
      else if (await warn(due)) report.warned += 1;
    }
    return report;
  });
  return run.ran ? run.value : null;
}

/**
 * The notice on the `stagekeeper.notice` topic, once per slot end (an extension sends it again),
 * audited as `timeboxes.warn`, and marked sent only once LiveKit took it: a failed try is tried again
 * on the next tick (one replica ticks at a time, so no other sends it meanwhile). Not sent to a
 * session the slot was not given to or that is off stage already; the end records what became of those.
 */
async function warn({ row, now }: DueTimebox): Promise<boolean> {
  const db = await database();
  const speaker = await livekit.findParticipant(row.room, row.identity).catch(() => undefined);
  if (!speaker || speaker.sid !== row.participantSid || !isOnStage(speaker)) return false;
  const notice = warningNotice(row.endsAt.getTime(), now);
  const outcome = await auditedChange(
    db,
    {
      at: new Date(),
      action: 'timeboxes.warn',
      access: 'moderate',
      actor: timeboxActor(row),
      target: { room: row.room, identity: row.identity },
      input: { timeboxId: row.id, notice },
    },
    async () => {
      try {
        await livekit.sendData(row.room, new TextEncoder().encode(JSON.stringify(notice)), NOTICE_TOPIC, [row.identity]);
        return { ok: true };
      } catch (error) {
        const failure = error instanceof LiveKitError ? error : new LiveKitError('internal', (error as Error).message);
        return { ok: false, error: { code: failure.code, message: failure.message } };
      }
    },
  );
  return outcome.ok && (await markWarned(db, row));
}

/**
 * Back to the audience through the demote action itself (its audit row, its lock, its preset), as
 * the time-box; the guard inside the lock leaves alone a session the slot was not given to and a
 * speaker already off stage. Those, and a speaker who left, end the slot with no change.
 */
async function endSlot(row: TimeboxRow): Promise<'demoted' | 'moot' | 'failed' | 'superseded'> {
  const actor = timeboxActor(row);
  let moot: TimeboxEndReason | undefined;
  let superseded = false;
  const definition = demoteDefinition({
    slotId: row.id,
    guard: async (current) => {
      // slots start, end and extend only under this lock: the slot as it is now is the one this end may act on
      const slot = await runningTimebox(await database(), row.room, row.identity);
      if (slot?.id !== row.id || slot.endsAt.getTime() !== row.endsAt.getTime()) {
        superseded = true;
        throw new LiveKitError('failed_precondition', `${row.identity}'s slot was extended or replaced since the clock read it; nothing changed`);
      }
      if (current.sid !== row.participantSid) {
        moot = 'rejoined';
        throw new LiveKitError('failed_precondition', `${row.identity} left and joined again since the slot began; the new session keeps its role`);
      }
      if (!isOnStage(current)) {
        moot = 'not_on_stage';
        throw new LiveKitError('failed_precondition', `${row.identity} was already off stage when the slot ended; nothing changed`);
      }
    },
    ending: () => ({ reason: 'expired', by: actor.email }),
  });
  const result = await performAs(definition, { room: row.room, identity: row.identity }, actor);
  if (result.ok) return 'demoted';
  if (superseded) return 'superseded';
  const db = await database();
  if (moot || result.error.code === 'not_found') {
    await endTimebox(db, row.room, row.identity, { reason: moot ?? 'left', by: actor.email, note: result.error.message }, row.id);
    return 'moot';
  }
  await recordFailedEnd(db, row.id, result.error.message);
  return 'failed';
}

/** Starts the clock (a tick now, then every `pollMs`; once per process by lib/startup); the returned function stops it. The timer does not keep the process alive. */
export function keepTimeboxes({ pollMs = 1_000, warnLeadMs = WARNING_LEAD_MS }: ClockOptions = {}): () => void {
  const tick = () =>
    void processDueTimeboxes({ warnLeadMs })
      .then((report) => {
        if (report && report.demoted + report.moot + report.failed > 0) {
          console.log(`[timeboxes] ${report.demoted} returned to the audience, ${report.moot} ended without a change, ${report.failed} to retry`);
        }
      })
      .catch((error: unknown) => console.error(`[timeboxes] tick failed: ${(error as Error).message}`));
  tick();
  const timer = setInterval(tick, pollMs);
  timer.unref();
  return () => clearInterval(timer);
}
