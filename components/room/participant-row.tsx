'use client';

import { memo } from 'react';
import { Button } from '@/components/ui/button';
import { stageRole } from '@/lib/actions/presets';
import { metadataSummary, prettyMetadata, relativeTime } from '@/lib/format';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';
import { RoleBadge } from './role-badge';

export interface RowActions {
  promote: (participant: ParticipantView) => void;
  demote: (participant: ParticipantView) => void;
  setMuted: (participant: ParticipantView, track: TrackView, muted: boolean) => void;
  kick: (participant: ParticipantView) => void;
  edit: (participant: ParticipantView) => void;
}

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

function TrackChip({
  participant,
  track,
  pending,
  actions,
}: {
  participant: ParticipantView;
  track: TrackView;
  pending: boolean;
  actions: RowActions | null;
}) {
  const label = trackLabel(track);
  return (
    <span
      data-track-sid={track.sid}
      data-muted={track.muted}
      className={`inline-flex items-center gap-1.5 rounded-md border py-0.5 pr-0.5 pl-2 text-xs ${
        track.muted ? 'border-red-900 bg-red-950/60 text-red-200' : 'border-zinc-700 bg-zinc-800/60 text-zinc-200'
      }`}
      title={`${track.kind} · ${track.sid}${track.mimeType ? ` · ${track.mimeType}` : ''}`}
    >
      <span aria-hidden className={`size-1.5 rounded-full ${track.muted ? 'bg-red-400' : 'bg-emerald-400'}`} />
      {label}
      {track.muted && <span className="font-medium">muted</span>}
      {actions ? (
        <Button
          variant="ghost"
          className="h-5 px-1.5 text-[11px]"
          pending={pending}
          onClick={() => actions.setMuted(participant, track, !track.muted)}
          aria-label={`${track.muted ? 'Unmute' : 'Mute'} ${label}`}
        >
          {track.muted ? 'Unmute' : 'Mute'}
        </Button>
      ) : (
        <span className="pr-1.5" />
      )}
    </span>
  );
}

export const ParticipantRow = memo(function ParticipantRow({
  participant,
  pending,
  actions,
  now,
}: {
  participant: ParticipantView;
  pending: ReadonlySet<string>;
  /** null for viewers: the row shows no controls */
  actions: RowActions | null;
  now: number;
}) {
  const role = stageRole(participant.permission);
  const onStage = role === 'speaker' || role === 'host';
  const summary = metadataSummary(participant.metadata);
  const attributes = Object.entries(participant.attributes);
  const id = participant.identity;

  return (
    <tr data-identity={id} data-role={role} className="border-b border-zinc-800/70 align-top hover:bg-zinc-900/60">
      <td className="py-2 pr-3 pl-4">
        <div className="font-medium text-zinc-100">{participant.name || <span className="text-zinc-500">(no name)</span>}</div>
        <div className="font-mono text-xs text-zinc-500">{id}</div>
      </td>
      <td className="py-2 pr-3">
        <RoleBadge role={role} />
        {participant.kind !== 'standard' && <div className="mt-1 text-[11px] text-zinc-500">{participant.kind}</div>}
      </td>
      <td className="py-2 pr-3 text-xs whitespace-nowrap text-zinc-400">
        <div>{participant.state}</div>
        <div title={new Date(participant.joinedAt).toLocaleString()}>{relativeTime(participant.joinedAt, now)}</div>
      </td>
      <td className="py-2 pr-3">
        <div className="flex flex-wrap gap-1">
          {participant.tracks.length === 0 && <span className="text-xs text-zinc-600">—</span>}
          {participant.tracks.map((track) => (
            <TrackChip
              key={track.sid}
              participant={participant}
              track={track}
              pending={pending.has(`mute:${id}:${track.sid}`)}
              actions={actions}
            />
          ))}
        </div>
      </td>
      <td className="max-w-64 py-2 pr-3">
        {summary ? (
          <div className="truncate font-mono text-xs text-zinc-300" title={prettyMetadata(participant.metadata)} data-metadata>
            {summary}
          </div>
        ) : (
          <span className="text-xs text-zinc-600">—</span>
        )}
      </td>
      <td className="max-w-56 py-2 pr-3">
        <div className="flex flex-wrap gap-1">
          {attributes.length === 0 && <span className="text-xs text-zinc-600">—</span>}
          {attributes.map(([key, value]) => (
            <span
              key={key}
              title={`${key}=${value}`}
              className="max-w-full truncate rounded bg-zinc-800 px-1.5 py-0.5 font-mono text-[11px] text-zinc-300"
            >
              {key}={value}
            </span>
          ))}
        </div>
      </td>
      <td className="py-2 pr-4">
        {actions && (
        <div className="flex justify-end gap-1.5">
          {onStage ? (
            <Button pending={pending.has(`stage:${id}`)} onClick={() => actions.demote(participant)} aria-label={`Demote ${id}`}>
              Demote
            </Button>
          ) : (
            <Button
              variant="primary"
              pending={pending.has(`stage:${id}`)}
              disabled={role === 'hidden'}
              onClick={() => actions.promote(participant)}
              aria-label={`Promote ${id}`}
            >
              Promote
            </Button>
          )}
          <Button onClick={() => actions.edit(participant)} aria-label={`Edit ${id}`}>
            Edit
          </Button>
          <Button variant="danger" pending={pending.has(`kick:${id}`)} onClick={() => actions.kick(participant)} aria-label={`Kick ${id}`}>
            Kick
          </Button>
        </div>
        )}
      </td>
    </tr>
  );
});
