import { HAND_ATTRIBUTE } from '@/lib/hands/shared';

/** One field an action changed, as the audit row's before and after snapshots tell it. */
export interface FieldChange {
  /** `name`, `metadata`, `attributes.<key>`, `permission.<field>` or `track <name or sid>` */
  field: string;
  before: string;
  after: string;
}

const MAX_VALUE_LENGTH = 200;
const MAX_CHANGES = 20;

type Snapshot = Record<string, unknown>;

const isSnapshot = (value: unknown): value is Snapshot =>
  typeof value === 'object' && value !== null && 'identity' in value && 'permission' in value;

function shown(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/**
 * What changed between two participant snapshots of the audit log (name, metadata, each attribute,
 * each permission field, each track's muted state), at most 20, values cut to 200 characters.
 * Empty when either side is not a participant (a ban, a notice, a participant who had left).
 */
export function participantChanges(before: unknown, after: unknown): FieldChange[] {
  if (!isSnapshot(before) || !isSnapshot(after)) return [];
  const changes: FieldChange[] = [];
  const add = (field: string, from: unknown, to: unknown) => {
    if (!same(from, to)) changes.push({ field, before: shown(from), after: shown(to) });
  };
  add('name', before.name, after.name);
  add('metadata', before.metadata, after.metadata);
  const [attributesBefore, attributesAfter] = [record(before.attributes), record(after.attributes)];
  for (const key of new Set([...Object.keys(attributesBefore), ...Object.keys(attributesAfter)])) {
    add(`attributes.${key}`, attributesBefore[key], attributesAfter[key]);
  }
  const [permissionBefore, permissionAfter] = [record(before.permission), record(after.permission)];
  for (const key of new Set([...Object.keys(permissionBefore), ...Object.keys(permissionAfter)])) {
    add(`permission.${key}`, permissionBefore[key], permissionAfter[key]);
  }
  const tracksAfter = new Map(tracks(after).map((track) => [track.sid, track]));
  for (const track of tracks(before)) {
    const now = tracksAfter.get(track.sid);
    if (now) add(`track ${track.name || track.sid}`, track.muted ? 'muted' : 'unmuted', now.muted ? 'muted' : 'unmuted');
  }
  return changes.slice(0, MAX_CHANGES);
}

function tracks(snapshot: Snapshot): Array<{ sid: string; name: string; muted: boolean }> {
  if (!Array.isArray(snapshot.tracks)) return [];
  return snapshot.tracks.map((track) => {
    const { sid, name, muted } = record(track);
    return { sid: String(sid ?? ''), name: typeof name === 'string' ? name : '', muted: muted === true };
  });
}

/** Whether an attribute change raised or lowered the hand, from the action's input. */
export function handChange(input: unknown): 'raised' | 'lowered' | null {
  const { set, remove } = record(input);
  if (Array.isArray(remove) && remove.includes(HAND_ATTRIBUTE)) return 'lowered';
  const value = record(set)[HAND_ATTRIBUTE];
  if (value === undefined) return null;
  return value === '' ? 'lowered' : 'raised';
}
