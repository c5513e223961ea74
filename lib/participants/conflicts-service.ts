import 'server-only';
import { ActionRefusal } from '@/lib/actions/define-action';
import type { FieldConflict } from '@/lib/actions/result';

export interface FieldCheck extends FieldConflict {
  /** the version the editor started from; unchecked when absent */
  basedOn: string | undefined;
}

function fieldList(fields: string[]): string {
  const attributes = fields.filter((field) => field.startsWith('attributes.')).map((field) => field.slice('attributes.'.length));
  const permissions = fields.filter((field) => field.startsWith('permission.')).map((field) => field.slice('permission.'.length));
  const plain = fields.filter((field) => !field.includes('.'));
  return [
    ...plain,
    ...(attributes.length > 0 ? [`attribute${attributes.length > 1 ? 's' : ''} ${attributes.join(', ')}`] : []),
    ...(permissions.length > 0 ? [`permission ${permissions.join(', ')}`] : []),
  ].join(' and ');
}

/**
 * Refuses the save with `conflict` when a field it changes is no longer the value the editor started
 * from; the error carries each such field's value now, so the editor can show theirs next to yours.
 */
export function refuseChangedFields(who: string, checks: FieldCheck[]): void {
  const conflicts = checks
    .filter((check) => check.basedOn !== undefined && check.basedOn !== check.version)
    .map(({ field, current, version }) => ({ field, current, version }));
  if (conflicts.length === 0) return;
  throw new ActionRefusal({
    code: 'conflict',
    message: `${who}'s ${fieldList(conflicts.map((conflict) => conflict.field))} changed since you started editing; compare, then apply yours on top or drop it`,
    conflicts,
  });
}
