'use client';

import { Dialog } from '@/components/ui/dialog';
import { SHORTCUTS } from './shortcuts';

/** Every keyboard shortcut of the room console, opened with `?`. */
export function ShortcutsDialog({ open, onClose, canModerate }: { open: boolean; onClose: () => void; canModerate: boolean }) {
  return (
    <Dialog open={open} onClose={onClose} title="Keyboard shortcuts">
      <table className="w-full text-sm" data-shortcuts>
        <tbody>
          {SHORTCUTS.map(({ key, label, moderates }) => (
            <tr key={key} data-shortcut={key} className="border-b border-zinc-800 last:border-0">
              <td className="w-12 py-1.5">
                <kbd className="inline-block min-w-6 rounded border border-zinc-600 bg-zinc-800 px-1.5 text-center font-mono text-xs text-zinc-100">
                  {key}
                </kbd>
              </td>
              <td className={`py-1.5 ${moderates && !canModerate ? 'text-zinc-400' : 'text-zinc-200'}`}>
                {label}
                {moderates && !canModerate && <span className="ml-1 text-xs">(moderators)</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-zinc-400">
        Shortcuts rest while you type in a field or a dialog is open. The focused row is announced to screen readers.
      </p>
    </Dialog>
  );
}
