import type { FieldConflict } from '@/lib/actions/result';
import { versionOf } from '@/lib/actions/versions';

/**
 * What the moderator did in the attributes tab, kept apart from the participant's live attributes:
 * rows nobody touched always show the live value (a hand raised while the dialog is open appears),
 * and a save sends only the keys the moderator added, changed or removed, each with the value it
 * started from.
 */
export interface AttributeDraft {
  /** existing keys the moderator edited: the row as it is now, and the value it started from */
  edited: Record<string, { key: string; value: string; base: string }>;
  /** existing keys the moderator removed, with the value they started from */
  removed: Record<string, string>;
  added: Array<{ id: number; key: string; value: string }>;
  /** keys whose base is now the value another moderator set ("apply mine on top") */
  rebased: Record<string, string>;
  nextId: number;
}

export interface AttributeRow {
  id: string;
  /** the live key this row started as; null for an added row */
  original: string | null;
  key: string;
  value: string;
}

export interface AttributeChange {
  set: Record<string, string>;
  remove: string[];
  basedOn: Record<string, string>;
}

export const EMPTY_ATTRIBUTE_DRAFT: AttributeDraft = { edited: {}, removed: {}, added: [], rebased: {}, nextId: 0 };

export function attributeRows(live: Record<string, string>, draft: AttributeDraft): AttributeRow[] {
  const keys = [...new Set([...Object.keys(live), ...Object.keys(draft.edited)])].filter((key) => !Object.hasOwn(draft.removed, key));
  return [
    ...keys.map((key) => {
      const edit = draft.edited[key];
      return { id: `live:${key}`, original: key, key: edit?.key ?? key, value: edit?.value ?? live[key] ?? '' };
    }),
    ...draft.added.map(({ id, key, value }) => ({ id: `added:${id}`, original: null, key, value })),
  ];
}

export function isUnchanged(draft: AttributeDraft): boolean {
  return Object.keys(draft.edited).length + Object.keys(draft.removed).length + draft.added.length === 0;
}

export function addRow(draft: AttributeDraft): AttributeDraft {
  return { ...draft, added: [...draft.added, { id: draft.nextId, key: '', value: '' }], nextId: draft.nextId + 1 };
}

export function editRow(
  draft: AttributeDraft,
  live: Record<string, string>,
  row: AttributeRow,
  change: { key?: string; value?: string },
): AttributeDraft {
  if (row.original === null) {
    const added = draft.added.map((item) => (`added:${item.id}` === row.id ? { ...item, ...change } : item));
    return { ...draft, added };
  }
  const original = row.original;
  const base = draft.edited[original]?.base ?? live[original] ?? '';
  const next = { key: row.key, value: row.value, ...change, base };
  const edited = { ...draft.edited, [original]: next };
  if (next.key === original && next.value === base) delete edited[original];
  return { ...draft, edited };
}

export function removeRow(draft: AttributeDraft, live: Record<string, string>, row: AttributeRow): AttributeDraft {
  if (row.original === null) return { ...draft, added: draft.added.filter((item) => `added:${item.id}` !== row.id) };
  const { [row.original]: edit, ...edited } = draft.edited;
  return { ...draft, edited, removed: { ...draft.removed, [row.original]: edit?.base ?? live[row.original] ?? '' } };
}

/** Why the rows cannot be saved as they are, or null. */
export function attributeProblem(rows: AttributeRow[]): string | null {
  const keys = rows.map((row) => row.key.trim());
  if (keys.some((key) => key === '')) return 'Every attribute needs a key.';
  if (new Set(keys).size !== keys.length) return 'Keys must be unique.';
  if (rows.some((row) => row.value === '')) return 'Values cannot be empty; remove the row to delete a key.';
  return null;
}

/** The keys to set and remove, each with the version of the value the moderator started from ('' for a new key). */
export function attributeChange(draft: AttributeDraft): AttributeChange {
  const removals = new Map(Object.entries(draft.removed));
  const sets = new Map<string, { value: string; base: string }>();
  for (const [original, edit] of Object.entries(draft.edited)) {
    const key = edit.key.trim();
    if (key === original) {
      sets.set(key, { value: edit.value, base: edit.base });
    } else {
      removals.set(original, edit.base);
      sets.set(key, { value: edit.value, base: '' });
    }
  }
  for (const { key, value } of draft.added) sets.set(key.trim(), { value, base: '' });
  for (const [key, set] of sets) {
    // a key removed (or renamed away) and set again in one save: one set, from the value it had
    if (removals.has(key)) {
      set.base = removals.get(key)!;
      removals.delete(key);
    }
  }
  const baseOf = (key: string, base: string) => versionOf(Object.hasOwn(draft.rebased, key) ? draft.rebased[key]! : base);
  return {
    set: Object.fromEntries([...sets].map(([key, { value }]) => [key, value])),
    remove: [...removals.keys()],
    basedOn: Object.fromEntries([
      ...[...removals].map(([key, base]) => [key, baseOf(key, base)]),
      ...[...sets].map(([key, { base }]) => [key, baseOf(key, base)]),
    ]),
  };
}

const conflictKey = (conflict: FieldConflict) => conflict.field.slice('attributes.'.length);

/** "Apply mine on top": the conflicting keys now start from the value another moderator set. */
export function rebaseAttributes(draft: AttributeDraft, conflicts: FieldConflict[]): AttributeDraft {
  const rebased = { ...draft.rebased };
  for (const conflict of conflicts) rebased[conflictKey(conflict)] = String(conflict.current ?? '');
  return { ...draft, rebased };
}

/** "Drop mine": every change the moderator made to a conflicting key is forgotten; the live value shows. */
export function dropAttributes(draft: AttributeDraft, conflicts: FieldConflict[]): AttributeDraft {
  const keys = new Set(conflicts.map(conflictKey));
  return {
    ...draft,
    edited: Object.fromEntries(Object.entries(draft.edited).filter(([original, edit]) => !keys.has(original) && !keys.has(edit.key.trim()))),
    removed: Object.fromEntries(Object.entries(draft.removed).filter(([key]) => !keys.has(key))),
    added: draft.added.filter((row) => !keys.has(row.key.trim())),
  };
}
