'use client';

import { useCan } from '@/components/account-context';
import { useNow } from '@/components/use-now';
import { Button } from '@/components/ui/button';
import { formatDateTime, relativeTime } from '@/lib/format';
import { ROOM_ACCESS_HINTS, ROOM_ACCESS_LABELS, ROOM_ACCESS_MODES, type LobbyView, type RoomAccessMode } from '@/lib/access/shared';
import { useLobby } from './use-lobby';

/** A long lobby is admitted with Admit all; a thousand rows would help nobody. */
const SHOWN = 50;

const MODE_STYLES: Record<RoomAccessMode, string> = {
  open: 'aria-pressed:bg-emerald-700 aria-pressed:text-white',
  knock: 'aria-pressed:bg-amber-700 aria-pressed:text-white',
  locked: 'aria-pressed:bg-red-700 aria-pressed:text-white',
};

/** Who may come in (open, knock, locked) and the lobby of those knocking, live for every moderator. */
export function LobbyPanel({ room, initial }: { room: string; initial?: LobbyView }) {
  const canModerate = useCan('moderate');
  const { lobby, error, pending, setMode, admit, deny, admitAll } = useLobby(room, initial);
  const now = useNow(15_000);
  const mode = lobby?.access.mode;
  const waiting = lobby?.waiting ?? [];

  return (
    <section aria-label="Lobby" className="rounded-lg border border-zinc-800 bg-zinc-900/40" data-lobby data-access-mode={mode}>
      <header className="border-b border-zinc-800 px-3 py-2">
        <div className="flex items-center justify-between gap-2">
          <h2 className="text-sm font-semibold">Access</h2>
          <div role="group" aria-label="Room access" className="flex rounded-md bg-zinc-800 p-0.5">
            {ROOM_ACCESS_MODES.map((option) => (
              <button
                key={option}
                type="button"
                aria-pressed={mode === option}
                disabled={!canModerate || mode === undefined || pending.has('access')}
                onClick={() => mode !== option && setMode(option)}
                className={`h-6 rounded px-2 text-xs font-medium text-zinc-300 enabled:hover:text-white disabled:cursor-not-allowed ${MODE_STYLES[option]}`}
              >
                {ROOM_ACCESS_LABELS[option]}
              </button>
            ))}
          </div>
        </div>
        <p className="mt-1 text-[11px] text-zinc-400">{mode ? ROOM_ACCESS_HINTS[mode] : (error ?? 'Loading…')}</p>
      </header>
      <div className="flex items-center justify-between px-3 pt-2">
        <h3 className="text-sm font-semibold">
          Lobby <span className="ml-1 rounded-full bg-zinc-800 px-1.5 text-xs text-zinc-300" data-lobby-count>{waiting.length}</span>
        </h3>
        {canModerate && waiting.length > 1 && (
          <Button variant="ghost" onClick={() => admitAll(waiting.slice(0, SHOWN))} pending={pending.has('lobby:all')}>
            Admit all
          </Button>
        )}
      </div>
      {waiting.length === 0 ? (
        <p className="px-3 pt-1 pb-3 text-xs text-zinc-400">
          {mode === 'knock' ? 'Nobody is knocking.' : 'Set the room to Knock to let new people in one by one.'}
        </p>
      ) : (
        <ol className="max-h-[40vh] divide-y divide-zinc-800 overflow-y-auto">
          {waiting.slice(0, SHOWN).map((entry) => (
            <li key={entry.identity} data-knocking={entry.identity} className="flex items-center gap-2 px-3 py-2">
              <div className="min-w-0 flex-1">
                <div className="truncate text-sm">{entry.name || entry.identity}</div>
                <div className="truncate text-[11px] text-zinc-400">
                  {entry.name && entry.name !== entry.identity && <span>{entry.identity} · </span>}
                  <span title={formatDateTime(entry.since)}>knocked {relativeTime(entry.since, Math.max(now, entry.since))}</span>
                  {entry.preset === 'speaker' && <span> · speaker</span>}
                </div>
              </div>
              {canModerate && (
                <>
                  <Button
                    variant="primary"
                    pending={pending.has(`lobby:${entry.identity}`)}
                    onClick={() => admit(entry)}
                    aria-label={`Admit ${entry.identity}`}
                  >
                    Admit
                  </Button>
                  <Button variant="ghost" onClick={() => deny(entry)} aria-label={`Deny ${entry.identity}`}>
                    Deny
                  </Button>
                </>
              )}
            </li>
          ))}
          {waiting.length > SHOWN && (
            <li className="px-3 py-2 text-xs text-zinc-400">and {waiting.length - SHOWN} more waiting (Admit all takes the first {SHOWN})</li>
          )}
        </ol>
      )}
    </section>
  );
}
