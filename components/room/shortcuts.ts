/** The room console's keyboard shortcuts, in the order the shortcuts dialog lists them. */
export const SHORTCUTS = [
  { key: 'j', label: 'Focus the next row', moderates: false },
  { key: 'k', label: 'Focus the previous row', moderates: false },
  { key: 'p', label: 'Promote the focused row to speaker', moderates: true },
  { key: 'd', label: 'Demote the focused row to the audience', moderates: true },
  { key: 'm', label: "Mute the focused row's microphone", moderates: true },
  { key: 'x', label: 'Kick the focused row (asks first)', moderates: true },
  { key: 'e', label: 'Edit the focused row', moderates: true },
  { key: 'h', label: 'Go to the hand queue', moderates: false },
  { key: '/', label: 'Search participants', moderates: false },
  { key: '?', label: 'Show these shortcuts', moderates: false },
] as const;

export type ShortcutKey = (typeof SHORTCUTS)[number]['key'];

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color', 'file', 'image']);

/** True while the key goes into a text field: a shortcut must never take a keystroke meant as text. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('textarea, select, [contenteditable]:not([contenteditable="false"])')) return true;
  const input = target.closest('input');
  return input !== null && !NOT_TEXT.has(input.type);
}
