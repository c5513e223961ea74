import { stageRole, type StageRole } from '@/lib/presets/shared';
import { versionOf } from '@/lib/actions/versions';
import { HAND_ATTRIBUTE, handRaisedAt } from '@/lib/hands/shared';
import { OBSERVER_IDENTITY_PREFIX } from '@/lib/live/observer-identity';
import { permissionSignature } from '@/lib/live/permission-signature';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';

/**
 * "See before you confirm": a bulk confirmation lists who will be affected and how, from the live
 * table, and sends exactly that list with the version of what it showed of each participant. The
 * server applies the operation to exactly that list, and refuses (conflict) a participant whose
 * version differs when it gets there. The same functions run in the browser and on the server.
 */
export const BULK_KINDS = ['mute', 'demote', 'hands', 'remove', 'incident'] as const;
export type BulkKind = (typeof BULK_KINDS)[number];

type Aspect = 'permission' | 'tracks' | 'hand';

/** What each operation's decision reads: a change to any of these since the preview is a conflict. */
const ASPECTS: Record<BulkKind, readonly Aspect[]> = {
  mute: ['permission', 'tracks'],
  demote: ['permission'],
  hands: ['hand'],
  remove: [],
  incident: ['permission', 'tracks', 'hand'],
};

const ASPECT_NAMES: Record<Aspect, string> = { permission: 'permissions', tracks: 'tracks', hand: 'hand' };

export interface BulkTarget {
  identity: string;
  /** previewVersion of the participant as the preview showed it; unchecked when absent (API callers) */
  version?: string;
}

const trackState = (tracks: TrackView[]) => tracks.map((track) => `${track.sid}:${track.muted ? 1 : 0}`).sort();

function aspectValue(aspect: Aspect, participant: ParticipantView): unknown {
  if (aspect === 'permission') return permissionSignature(participant.permission);
  if (aspect === 'tracks') return trackState(participant.tracks);
  return participant.attributes[HAND_ATTRIBUTE] ?? '';
}

/** The participant's session and the fields the operation reads, as one 64-bit version. */
export function previewVersion(kind: BulkKind, participant: ParticipantView): string {
  return versionOf(JSON.stringify([participant.sid, ...ASPECTS[kind].map((aspect) => aspectValue(aspect, participant))]));
}

/** What changed of what the operation reads, between two states of one identity, in words. */
export function changedSince(kind: BulkKind, previewed: ParticipantView | undefined, now: ParticipantView): string {
  if (previewed && previewed.sid !== now.sid) return 'left and joined again';
  const changed = ASPECTS[kind].filter((aspect) => !previewed || JSON.stringify(aspectValue(aspect, previewed)) !== JSON.stringify(aspectValue(aspect, now)));
  return changed.length > 0 ? `${changed.map((aspect) => ASPECT_NAMES[aspect]).join(' and ')} changed` : 'changed';
}

const isObserver = (participant: ParticipantView) => participant.identity.startsWith(OBSERVER_IDENTITY_PREFIX);

/** What one participant would get from the operation; null when it does not apply to them. */
export interface PlannedChange {
  identity: string;
  name: string;
  role: StageRole;
  /** unmuted tracks to mute */
  mute: TrackView[];
  demote: boolean;
  lowerHand: boolean;
  remove: boolean;
}

export function plannedChange(kind: BulkKind, participant: ParticipantView): PlannedChange | null {
  if (isObserver(participant)) return null;
  const role = stageRole(participant.permission);
  const crowd = role !== 'host';
  const unmuted = crowd && (kind === 'mute' || kind === 'incident') ? participant.tracks.filter((track) => !track.muted) : [];
  const demote = role === 'speaker' && (kind === 'demote' || kind === 'incident');
  const lowerHand = handRaisedAt(participant.attributes) !== null && (kind === 'hands' || (kind === 'incident' && crowd));
  const remove = kind === 'remove';
  if (unmuted.length === 0 && !demote && !lowerHand && !remove) return null;
  return { identity: participant.identity, name: participant.name || participant.identity, role, mute: unmuted, demote, lowerHand, remove };
}

export interface BulkPreview {
  kind: BulkKind;
  changes: PlannedChange[];
  targets: BulkTarget[];
  /** one sentence per kind of change, e.g. "Move 7 speakers to the audience" */
  summary: string[];
  /** hosts in the scope the incident leaves alone */
  untouched: { name: string; why: 'host' }[];
}

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** The preview of `kind` over `scope` (the rows shown, or the selected ones), as the table holds them now. */
export function previewBulk(kind: BulkKind, scope: readonly ParticipantView[]): BulkPreview {
  const changes: PlannedChange[] = [];
  const targets: BulkTarget[] = [];
  const untouched: BulkPreview['untouched'] = [];
  for (const participant of scope) {
    const change = plannedChange(kind, participant);
    if (change) {
      changes.push(change);
      targets.push({ identity: participant.identity, version: previewVersion(kind, participant) });
    } else if (kind === 'incident' && !isObserver(participant) && stageRole(participant.permission) === 'host') {
      untouched.push({ name: participant.name || participant.identity, why: 'host' });
    }
  }
  return { kind, changes, targets, summary: summarize(kind, changes), untouched };
}

function summarize(kind: BulkKind, changes: PlannedChange[]): string[] {
  const tracks = changes.reduce((sum, change) => sum + change.mute.length, 0);
  const muted = changes.filter((change) => change.mute.length > 0);
  const speakers = changes.filter((change) => change.demote).length;
  const hands = changes.filter((change) => change.lowerHand).length;
  const lines = [
    tracks > 0 && `Mute ${plural(tracks, 'track')} of ${plural(muted.length, 'participant')}${withRoles(muted)}`,
    speakers > 0 && `Move ${plural(speakers, 'speaker')} to the audience`,
    hands > 0 && `Lower ${plural(hands, 'hand')}`,
    kind === 'remove' && changes.length > 0 && `Disconnect ${plural(changes.length, 'participant')}${withRoles(changes)} (their tokens stay valid)`,
    kind === 'incident' && 'Lock the room: no new identity gets in; everyone here stays',
  ];
  return lines.filter((line): line is string => typeof line === 'string');
}

/** ", including 2 hosts": hosts are left alone by every operation but a removal, so one there is worth a second look. */
function withRoles(changes: PlannedChange[]): string {
  const hosts = changes.filter((change) => change.role === 'host').length;
  return hosts > 0 ? `, including ${plural(hosts, 'host')}` : '';
}

/** One participant's line in the confirmation: "mute microphone, move to the audience, lower hand". */
export function describeChange(change: PlannedChange): string {
  const parts = [
    change.mute.length > 0 && `mute ${change.mute.map((track) => track.name || track.source).join(', ')}`,
    change.demote && 'move to the audience',
    change.lowerHand && 'lower hand',
    change.remove && 'disconnect',
  ];
  return parts.filter(Boolean).join(', ');
}

/** One target's outcome in a bulk request. */
export interface BulkItemResult {
  identity: string;
  trackSid?: string;
  ok: boolean;
  error?: { code: string; message: string };
}

export interface BulkSummary {
  total: number;
  succeeded: number;
  failed: number;
  results: BulkItemResult[];
}
