'use client';

import { useTeamwork } from './teamwork-context';

/** Who else has this room open right now (moderators, admins, viewers), from the tabs' heartbeats. */
export function ModeratorPresenceStrip() {
  const teamwork = useTeamwork();
  if (!teamwork) return null;
  const { present, you } = teamwork.presence;
  const others = present.filter((each) => each.accountId !== you);
  return (
    <div className="flex items-center gap-1.5 text-xs text-zinc-400" data-presence-strip data-presence-count={others.length} aria-live="polite">
      {others.length === 0 ? (
        <span className="text-zinc-400">Only you here</span>
      ) : (
        <>
          <span>Also here:</span>
          {others.map((each) => (
            <span
              key={each.accountId}
              data-present={each.name}
              title={each.tabs > 1 ? `${each.name} (${each.tabs} tabs)` : each.name}
              className="inline-flex items-center gap-1 rounded-full bg-zinc-800 px-2 py-0.5 text-zinc-200"
            >
              <span aria-hidden className="size-1.5 rounded-full bg-emerald-400" />
              {each.name}
            </span>
          ))}
        </>
      )}
    </div>
  );
}
