import 'server-only';
import { z } from 'zod';
import { roleAllows, requiredRole, type Access } from '@/lib/auth/roles';
import { database, type AuditRow } from '@/lib/db';
import * as livekit from '@/lib/livekit';
import { auditEntryById, childEntries, claimUndo, releaseUndo, setEntryTarget } from '@/lib/undo/store';
import { ActionRefusal, performEach, type ActionDefinition } from '@/lib/actions/define-action';
import type { Actor } from '@/lib/actions/gate';
import type { ActionErrorCode } from '@/lib/actions/result';
import { BULK_ACTIONS, PARTICIPANT_STEPS, UNDO_STEPS, type UndoneStep } from './steps-service';

export interface UndoItem {
  identity: string;
  trackSid?: string;
  ok: boolean;
  message: string;
}

export interface UndoResult extends UndoneStep {
  /** the entry undone */
  entryId: number;
  action: string;
  /** a bulk request's items: which were restored, and why the rest were not */
  items?: UndoItem[];
}

const undoInput = z.strictObject({ auditEntryId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const BULK_CONCURRENCY = 16;

function refusal(code: ActionErrorCode, message: string): ActionRefusal {
  return new ActionRefusal({ code, message });
}

/** Whether this entry may be undone by this actor at all: a finished change of a kind undo knows, with the role it needed. */
function checkUndoable(row: AuditRow | undefined, id: number, actor: Actor): AuditRow {
  if (!row) throw refusal('not_found', `There is no audit entry #${id}`);
  if (row.undoesId !== null) throw refusal('failed_precondition', `Entry #${id} is itself an undo; it cannot be undone`);
  if (!UNDO_STEPS[row.action] && !BULK_ACTIONS.has(row.action)) throw refusal('failed_precondition', `${row.action} cannot be undone`);
  if (row.outcome !== 'ok') {
    throw refusal('failed_precondition', `Entry #${id} (${row.action}) did not complete (${row.outcome}); there is nothing to undo`);
  }
  const access = row.access as Access;
  if (!roleAllows(actor.role, access)) {
    throw refusal('forbidden', `Undoing ${row.action} needs the ${requiredRole(access)} role, as the action did; ${actor.email} is a ${actor.role}`);
  }
  return row;
}

async function alreadyUndone(row: AuditRow): Promise<ActionRefusal> {
  const undo = row.undoneById === null ? undefined : await auditEntryById(await database(), row.undoneById);
  const by = undo ? ` by ${undo.actorEmail ?? 'someone'} at ${undo.at.toISOString()} (entry #${undo.id})` : '';
  return refusal('failed_precondition', `Entry #${row.id} (${row.action}) was undone already${by}`);
}

/** Every item of a bulk request, each undone as its own audited undo; what cannot be undone is reported, not fatal. */
async function undoBulk(row: AuditRow, actor: Actor): Promise<UndoResult> {
  const children = (await childEntries(await database(), row.id)).filter((child) => child.outcome === 'ok');
  const results = await performEach(
    undoDefinition,
    children.map((child) => ({ input: { auditEntryId: child.id }, listed: null })),
    { actor, concurrency: BULK_CONCURRENCY },
  );
  const items = children.map((child, index): UndoItem => {
    const result = results[index]!;
    return {
      identity: child.targetIdentity ?? '',
      ...(child.targetTrack && { trackSid: child.targetTrack }),
      ok: result.ok,
      message: result.ok ? result.data.message : result.error.message,
    };
  });
  const restored = items.filter((item) => item.ok).length;
  if (restored === 0 && items.length > 0) {
    throw new ActionRefusal({ code: 'conflict', message: `None of the ${items.length} item(s) could be undone: ${items[0]!.message}` });
  }
  const rest = items.length - restored;
  return {
    entryId: row.id,
    action: row.action,
    message: `Undid ${restored} of ${items.length}${rest > 0 ? `; ${rest} could not be undone` : ''}`,
    items,
  };
}

/**
 * Undo of an audited change, from the database (any replica, any moderator with the role the change
 * needed): the entry is claimed once, the state before is restored from its "before" unless the
 * target changed since its "after", and the claim is given back when nothing was undone.
 */
export const undoDefinition: ActionDefinition<typeof undoInput, UndoResult> = {
  name: 'audit.undo',
  access: 'moderate',
  input: undoInput,
  undoes: ({ auditEntryId }) => auditEntryId,
  // the participant around the undo, for the entries that change one; the others' state is in their message
  snapshot: async ({ auditEntryId }) => {
    const row = await auditEntryById(await database(), auditEntryId);
    if (!row?.room || !row.targetIdentity || !PARTICIPANT_STEPS.has(row.action)) return null;
    return (await livekit.findParticipant(row.room, row.targetIdentity)) ?? null;
  },
  afterFrom: (_before, result) => result.participant,
  run: async ({ auditEntryId }, { actor, auditId }) => {
    const db = await database();
    const row = checkUndoable(await auditEntryById(db, auditEntryId), auditEntryId, actor);
    // a change always has its entry (written as pending before run); it names what this undo is about
    if (auditId === undefined) throw refusal('internal', 'The undo has no audit entry of its own');
    await setEntryTarget(db, auditId, { room: row.room, targetIdentity: row.targetIdentity, targetTrack: row.targetTrack });
    if (!(await claimUndo(db, row.id, auditId))) throw await alreadyUndone((await auditEntryById(db, row.id)) ?? row);
    try {
      if (BULK_ACTIONS.has(row.action)) return await undoBulk(row, actor);
      return { entryId: row.id, action: row.action, ...(await UNDO_STEPS[row.action]!(row, actor)) };
    } catch (error) {
      await releaseUndo(db, row.id, auditId);
      throw error;
    }
  },
};
