'use client';

/** What a moderator sees below `xl` (1280 px): the participants or one side panel at a time. */
export type RoomPanel = 'participants' | 'lobby' | 'slots' | 'hands' | 'alerts' | 'activity';

const PANELS: Array<{ id: RoomPanel; label: string }> = [
  { id: 'participants', label: 'Participants' },
  { id: 'hands', label: 'Hands' },
  { id: 'lobby', label: 'Lobby' },
  { id: 'slots', label: 'Slots' },
  { id: 'alerts', label: 'Alerts' },
  { id: 'activity', label: 'Chart' },
];

/** Counts that ask for attention (someone waiting) are filled; a zero stays quiet. */
const URGENT = 'bg-amber-300 text-zinc-950';
const QUIET = 'bg-zinc-800 text-zinc-300';

/**
 * The tab bar below `xl`, sticky under the header so the hand and lobby counts stay in sight while
 * the list scrolls. At `xl` and wider every panel is on screen and this bar is not rendered visible.
 */
export function RoomPanelTabs({
  shown,
  onShow,
  counts,
}: {
  shown: RoomPanel;
  onShow: (panel: RoomPanel) => void;
  counts: Partial<Record<RoomPanel, number>>;
}) {
  return (
    <nav aria-label="Room panels" className="sticky top-12 z-20 -mx-4 mb-3 border-b border-zinc-800 bg-zinc-950 px-4 py-1.5 xl:hidden" data-panel-tabs>
      <ul className="grid grid-cols-3 gap-1 sm:flex sm:flex-wrap">
        {PANELS.map(({ id, label }) => {
          const count = counts[id];
          return (
            <li key={id}>
              <button
                type="button"
                data-panel-tab={id}
                aria-pressed={shown === id}
                onClick={() => onShow(id)}
                className="flex h-11 w-full items-center justify-center gap-1.5 rounded-md px-3 text-sm font-medium text-zinc-300 hover:bg-zinc-800 hover:text-white focus-visible:outline-2 focus-visible:outline-indigo-400 aria-pressed:bg-zinc-800 aria-pressed:text-white aria-pressed:ring-1 aria-pressed:ring-zinc-600"
              >
                {label}
                {count !== undefined && (
                  <span data-panel-count={id} className={`min-w-5 rounded-full px-1.5 text-xs font-semibold ${count > 0 ? URGENT : QUIET}`}>
                    {count}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** A side panel's wrapper: always shown at `xl`, below it only while its tab is chosen. */
export function shownBelowXl(panel: RoomPanel, shown: RoomPanel): string {
  return panel === shown ? '' : 'max-xl:hidden';
}
