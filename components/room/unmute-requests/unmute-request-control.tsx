'use client';

import { Button } from '@/components/ui/button';
import { useNow } from '@/components/use-now';
import type { UnmuteRequestView } from '@/lib/unmute-requests/shared';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';
import { askKey, useUnmuteRequestsOf } from './unmute-requests-context';
import { formatClock } from '@/lib/format';

/** An answered request stays on its track this long. */
const SETTLED_SHOWN_MS = 60_000;

const STATE_STYLE: Record<UnmuteRequestView['state'], string> = {
  asked: 'bg-sky-500/15 text-sky-300 ring-sky-500/30',
  accepted: 'bg-emerald-500/15 text-emerald-300 ring-emerald-500/30',
  declined: 'bg-amber-500/15 text-amber-300 ring-amber-500/30',
  expired: 'bg-zinc-500/15 text-zinc-400 ring-zinc-500/30',
};

function shownRequest(request: UnmuteRequestView | undefined, now: number): UnmuteRequestView | undefined {
  if (!request) return undefined;
  if (request.state === 'asked') return request;
  return request.settledAt && now - Date.parse(request.settledAt) < SETTLED_SHOWN_MS ? request : undefined;
}

/** "muted" in a muted track's chip, unless its button already says so (Ask to unmute). */
export function MutedWord({ track, canModerate }: { track: TrackView; canModerate: boolean }) {
  const requests = useUnmuteRequestsOf();
  if (!track.muted || (canModerate && requests?.remoteUnmute === false)) return null;
  return <span className="shrink-0 font-medium">muted</span>;
}

/**
 * The second line of the tracks cell: each track's latest unmute request, asked with the seconds
 * left, then accepted / declined / expired for a minute. Live: every moderator's page re-reads the
 * requests when any replica pushes a change.
 */
export function UnmuteRequestLine({ tracks }: { tracks: TrackView[] }) {
  const requests = useUnmuteRequestsOf();
  const now = Date.now();
  const shown = tracks.flatMap((track) => {
    const request = shownRequest(requests?.latest.get(track.sid), now);
    return request ? [{ track, request }] : [];
  });
  if (shown.length === 0) return null;
  return (
    <div className="mt-0.5 flex gap-1 overflow-hidden">
      {shown.map(({ track, request }) => (
        <span
          key={track.sid}
          data-unmute-request={request.state}
          data-request-track={track.sid}
          title={`Asked by ${request.askedBy} at ${formatClock(request.askedAt, { seconds: true })}${
            request.settledAt ? `; ${request.state} at ${formatClock(request.settledAt, { seconds: true })}` : ''
          }`}
          className={`shrink-0 rounded-full px-1.5 text-[10px] leading-4 font-medium whitespace-nowrap ring-1 ring-inset ${STATE_STYLE[request.state]}`}
        >
          {track.source === 'unknown' ? 'track' : track.source.replaceAll('_', ' ')}: {request.state === 'asked' ? <SecondsLeft until={request.expiresAt} /> : request.state}
        </span>
      ))}
    </div>
  );
}

/** Ticks only while a request is asked: rows without one never re-render for it. */
function SecondsLeft({ until }: { until: string }) {
  const now = useNow(1_000);
  return <>asked · {Math.max(0, Math.ceil((Date.parse(until) - now) / 1000))}s</>;
}

/**
 * A muted track's control: the plain Unmute where the LiveKit server allows remote unmute (or
 * before the dashboard knows), Ask to unmute where it does not. Asking again waits for the open
 * request to end.
 */
export function UnmuteButton({
  participant,
  track,
  label,
  unmutePending,
  onUnmute,
}: {
  participant: ParticipantView;
  track: TrackView;
  label: string;
  unmutePending: boolean;
  onUnmute: () => void;
}) {
  const requests = useUnmuteRequestsOf();
  if (!requests || requests.remoteUnmute !== false) {
    return (
      <Button variant="ghost" className="h-5 px-1.5 text-[11px]" pending={unmutePending} onClick={onUnmute} aria-label={`Unmute ${label}`}>
        Unmute
      </Button>
    );
  }
  const open = requests.latest.get(track.sid)?.state === 'asked';
  return (
    <Button
      variant="ghost"
      className="h-5 px-1.5 text-[11px]"
      pending={requests.pending.has(askKey(participant.identity, track.sid))}
      disabled={open}
      onClick={() => requests.ask(participant, track)}
      aria-label={`Ask ${participant.identity} to unmute ${label}`}
      title="Ask to unmute"
    >
      {/* short: the track's name must stay readable in a narrow column; the label says it whole */}
      Ask
    </Button>
  );
}
