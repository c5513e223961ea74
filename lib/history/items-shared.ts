import type { FieldChange } from './changes-shared';
import { handChange, participantChanges } from './changes-shared';

export type HistoryKind = 'joined' | 'left' | 'action' | 'hand' | 'ban_lifted';

/** One thing that happened to an identity in a room, as the History tab shows it. */
export interface HistoryItem {
  /** unique: the source and its row */
  key: string;
  /** ISO time */
  at: string;
  kind: HistoryKind;
  title: string;
  /** the moderator's email; `system` for the dashboard's own acts; null for the participant's or LiveKit's */
  actor: string | null;
  /** for actions: how the call ended */
  outcome?: 'ok' | 'error' | 'pending' | 'interrupted';
  error?: string;
  /** the audit action name, for actions */
  action?: string;
  changes?: FieldChange[];
  /** a notice's text, a ban's reason and scope, a session's sid */
  detail?: string;
}

export interface HistoryPage {
  items: HistoryItem[];
  /** pass as `before` for the next (older) page; null when this was the oldest */
  next: string | null;
}

const TITLES: Record<string, string> = {
  'participants.promote': 'Promoted to speaker',
  'participants.demote': 'Moved to the audience',
  'participants.applyPreset': 'Preset applied',
  'participants.setPermissions': 'Permissions changed',
  'participants.updateMetadata': 'Metadata changed',
  'participants.updateAttributes': 'Attributes changed',
  'participants.updateName': 'Name changed',
  'participants.remove': 'Kicked',
  'tracks.mute': 'Track muted',
  'tracks.unmute': 'Track unmuted',
  'hands.approve': 'Hand approved: brought on stage',
  'hands.dismiss': 'Hand dismissed',
  'notices.send': 'Notice sent',
  'bans.create': 'Banned',
  'bans.eject': 'Removed: banned',
  'bans.autoEject': 'Removed automatically: banned',
};

/** The audit row's fields the history reads. */
export interface AuditRowForHistory {
  id: number;
  at: Date;
  action: string;
  actorEmail: string | null;
  outcome: 'ok' | 'error' | 'pending' | 'interrupted';
  errorMessage: string | null;
  input: unknown;
  before: unknown;
  after: unknown;
}

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

export function auditHistoryItem(row: AuditRowForHistory): HistoryItem {
  const input = (typeof row.input === 'object' && row.input !== null ? row.input : {}) as Record<string, unknown>;
  const hand = row.action === 'participants.updateAttributes' ? handChange(input) : null;
  let title = TITLES[row.action] ?? row.action;
  if (hand) title = hand === 'raised' ? 'Hand raised by a moderator' : 'Hand lowered by a moderator';
  if (row.action === 'participants.applyPreset' && text(input.preset)) title = `Preset applied: ${text(input.preset)}`;
  let detail: string | undefined;
  if (row.action === 'notices.send') detail = text(input.text);
  if (row.action === 'bans.create') {
    const scope = input.scope === 'everywhere' ? 'every room' : 'this room';
    detail = [`${scope}`, text(input.reason) && `reason: ${text(input.reason)}`].filter(Boolean).join(' · ');
  }
  if (row.action === 'bans.autoEject' || row.action === 'bans.eject') detail = text(input.reason);
  return {
    key: `audit:${row.id}`,
    at: row.at.toISOString(),
    kind: 'action',
    title,
    actor: row.actorEmail ?? 'system',
    outcome: row.outcome,
    ...(row.errorMessage && { error: row.errorMessage }),
    action: row.action,
    changes: participantChanges(row.before, row.after),
    ...(detail && { detail }),
  };
}
