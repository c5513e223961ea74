'use client';

import { Button } from '@/components/ui/button';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';
import type { RowActions } from './participant-row';
import { MutedWord, UnmuteButton } from '@/components/room/unmute-requests/unmute-request-control';

const SOURCE_LABEL: Record<TrackView['source'], string> = {
  microphone: 'microphone',
  camera: 'camera',
  screen_share: 'screen share',
  screen_share_audio: 'screen audio',
  unknown: 'track',
};

export function trackLabel(track: TrackView): string {
  return SOURCE_LABEL[track.source];
}

export function TrackChip({
  participant,
  track,
  pending,
  actions,
  canModerate,
}: {
  participant: ParticipantView;
  track: TrackView;
  pending: boolean;
  actions: RowActions;
  canModerate: boolean;
}) {
  const label = trackLabel(track);
  return (
    <span
      data-track-sid={track.sid}
      data-muted={track.muted}
      className={`inline-flex min-w-0 items-center gap-1.5 rounded-md border py-0.5 pr-0.5 pl-2 text-xs ${
        track.muted ? 'border-red-900 bg-red-950/60 text-red-200' : 'border-zinc-700 bg-zinc-800/60 text-zinc-200'
      }`}
      title={`${label} · ${track.kind} · ${track.sid}${track.mimeType ? ` · ${track.mimeType}` : ''}`}
    >
      <span aria-hidden className={`size-1.5 shrink-0 rounded-full ${track.muted ? 'bg-red-400' : 'bg-emerald-400'}`} />
      {/* a narrow column shortens the label, never the controls */}
      <span className="min-w-0 truncate">{label}</span>
      <MutedWord track={track} canModerate={canModerate} />
      {canModerate && track.muted && (
        <UnmuteButton participant={participant} track={track} label={label} unmutePending={pending} onUnmute={() => actions.setMuted(participant, track, false)} />
      )}
      {canModerate && !track.muted && (
      <Button
        variant="ghost"
        className="h-5 px-1.5 text-[11px]"
        pending={pending}
        onClick={() => actions.setMuted(participant, track, true)}
        aria-label={`Mute ${label}`}
      >
        Mute
      </Button>
      )}
    </span>
  );
}
