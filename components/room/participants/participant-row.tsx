'use client';

import { memo } from 'react';
import { Button } from '@/components/ui/button';
import { stageRole } from '@/lib/presets/shared';
import { formatDateTime, metadataSummary, prettyMetadata, relativeTime } from '@/lib/format';
import { handRaisedAt } from '@/lib/hands/shared';
import { permissionSignature } from '@/lib/live/permission-signature';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';
import type { TimeboxView } from '@/lib/timeboxes/shared';
import { RoleBadge } from './role-badge';
import { TimeboxCountdown } from '@/components/room/timeboxes/timebox-countdown';
import { RowTeamworkBadges } from '@/components/room/teamwork/row-teamwork-badges';
import { TrackChip } from './track-chip';
import { UnmuteRequestLine } from '@/components/room/unmute-requests/unmute-request-control';

/** Every row has this height (px) and never wraps, which lets the table virtualize. */
export const ROW_HEIGHT = 57;

export interface RowActions {
  notify: (participant: ParticipantView) => void;
  promote: (participant: ParticipantView) => void;
  demote: (participant: ParticipantView) => void;
  setMuted: (participant: ParticipantView, track: TrackView, muted: boolean) => void;
  kick: (participant: ParticipantView) => void;
  edit: (participant: ParticipantView) => void;
}

interface RowText {
  metadataSummary: string;
  metadataPretty: string;
  joinedTitle: string;
}

/** A row's participant object is replaced whenever it changes, so the text derived from it is computed once per version. */
const rowTexts = new WeakMap<ParticipantView, RowText>();
function rowText(participant: ParticipantView): RowText {
  let text = rowTexts.get(participant);
  if (!text) {
    const summary = metadataSummary(participant.metadata);
    text = {
      metadataSummary: summary,
      metadataPretty: summary ? prettyMetadata(participant.metadata) : '',
      joinedTitle: `${participant.state} · joined ${formatDateTime(participant.joinedAt)}`,
    };
    rowTexts.set(participant, text);
  }
  return text;
}

const FOCUSED_ROW = 'outline-2 -outline-offset-2 outline-indigo-400';

export const ParticipantRow = memo(function ParticipantRow({
  participant,
  pending,
  actions,
  now,
  selected,
  onToggle,
  canModerate,
  focused = false,
  timebox,
  clockOffsetMs = 0,
}: {
  participant: ParticipantView;
  pending: ReadonlySet<string>;
  actions: RowActions;
  now: number;
  selected: boolean;
  onToggle: (identity: string) => void;
  canModerate: boolean;
  /** the keyboard's row (j/k): reachable by Tab, outlined */
  focused?: boolean;
  /** this session's speaking slot, while one runs */
  timebox?: TimeboxView;
  clockOffsetMs?: number;
}) {
  const role = stageRole(participant.permission);
  const onStage = role === 'speaker' || role === 'host';
  const text = rowText(participant);
  const attributes = Object.entries(participant.attributes);
  const id = participant.identity;
  const hand = handRaisedAt(participant.attributes);

  return (
    <tr
      data-identity={id}
      data-role={role}
      data-kind={participant.kind}
      data-permission={permissionSignature(participant.permission)}
      data-hand={hand !== null || undefined}
      data-focused={focused || undefined}
      tabIndex={focused ? 0 : undefined}
      style={{ height: ROW_HEIGHT }}
      className={`border-b border-zinc-800/70 align-middle ${focused ? FOCUSED_ROW : ''} ${
        selected ? 'bg-indigo-950/40' : focused ? 'bg-indigo-900/25' : 'hover:bg-zinc-900/60'
      }`}
    >
      {canModerate && (
        <td className="pl-4">
          <input type="checkbox" aria-label={`Select ${id}`} checked={selected} onChange={() => onToggle(id)} />
        </td>
      )}
      <td className="truncate py-1 pr-3 pl-4">
        <div className="truncate font-medium text-zinc-100">
          {hand !== null && (
            <span
              className="mr-1.5 inline-block rounded bg-amber-400/15 px-1 align-middle text-[10px] font-semibold tracking-wide text-amber-300 uppercase ring-1 ring-amber-400/30"
              title={`Hand raised ${relativeTime(hand, now)}`}
            >
              hand
            </span>
          )}
          {participant.name || <span className="text-zinc-500">(no name)</span>}
        </div>
        <div className="truncate font-mono text-xs text-zinc-500">
          <RowTeamworkBadges identity={id} />
          {id}
        </div>
      </td>
      <td className="py-1 pr-3 whitespace-nowrap">
        <RoleBadge role={role} />
        {timebox ? (
          <div className="mt-0.5 leading-none">
            <TimeboxCountdown slot={timebox} clockOffsetMs={clockOffsetMs} />
          </div>
        ) : (
          <div className="mt-0.5 truncate text-[11px] text-zinc-500" title={text.joinedTitle}>
            {participant.kind !== 'standard' && `${participant.kind} · `}
            {relativeTime(participant.joinedAt, now)}
          </div>
        )}
      </td>
      <td className="py-1 pr-3">
        <div className="flex gap-1 overflow-hidden">
          {participant.tracks.length === 0 && <span className="text-xs text-zinc-600">—</span>}
          {participant.tracks.map((track) => (
            <TrackChip
              key={track.sid}
              participant={participant}
              track={track}
              pending={pending.has(`mute:${id}:${track.sid}`)}
              actions={actions}
              canModerate={canModerate}
            />
          ))}
        </div>
        <UnmuteRequestLine tracks={participant.tracks} />
      </td>
      <td className="py-1 pr-3">
        {text.metadataSummary ? (
          <div className="truncate font-mono text-xs text-zinc-300" title={text.metadataPretty} data-metadata>
            {text.metadataSummary}
          </div>
        ) : (
          <span className="text-xs text-zinc-600">—</span>
        )}
      </td>
      <td className="py-1 pr-3">
        <div className="flex gap-1 overflow-hidden">
          {attributes.length === 0 && <span className="text-xs text-zinc-600">—</span>}
          {attributes.map(([key, value]) => (
            <span
              key={key}
              title={`${key}=${value}`}
              className="max-w-full shrink-0 truncate rounded bg-zinc-800 px-1.5 py-0.5 font-mono text-[11px] text-zinc-300"
            >
              {key}={value}
            </span>
          ))}
        </div>
      </td>
      <td className="py-1 pr-4">
        {canModerate && (
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
          <Button variant="ghost" onClick={() => actions.notify(participant)} aria-label={`Send a notice to ${id}`}>
            Notice
          </Button>
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
