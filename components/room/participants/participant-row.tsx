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
import { ClaimControl } from '@/components/room/teamwork/claim-control';
import { ownAttributes } from './shown-attributes';
import { TrackChip } from './track-chip';
import { UnmuteRequestLine } from '@/components/room/unmute-requests/unmute-request-control';

/** Every row has this height (px) and never wraps, which lets the table virtualize. */
export const ROW_HEIGHT = 57;
/** Below `lg` each row is a card of three lines (who, tracks, actions), as fixed in height as a row. */
export const CARD_HEIGHT = 172;

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
  height = ROW_HEIGHT,
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
  /** ROW_HEIGHT, or CARD_HEIGHT below `lg` */
  height?: number;
}) {
  const role = stageRole(participant.permission);
  const onStage = role === 'speaker' || role === 'host';
  const text = rowText(participant);
  const attributes = ownAttributes(participant.attributes);
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
      style={{ height }}
      className={`border-b border-zinc-800/70 align-middle max-lg:grid max-lg:grid-cols-[auto_minmax(0,1fr)_auto] max-lg:content-center max-lg:gap-x-3 max-lg:gap-y-1.5 max-lg:overflow-hidden max-lg:px-3 max-lg:py-2 ${focused ? FOCUSED_ROW : ''} ${
        selected ? 'bg-indigo-950/40' : focused ? 'bg-indigo-900/25' : 'hover:bg-zinc-900/60'
      }`}
    >
      {canModerate && (
        <td className="pl-4 max-lg:p-0">
          <input type="checkbox" className="size-4 pointer-coarse:size-6" aria-label={`Select ${id}`} checked={selected} onChange={() => onToggle(id)} />
        </td>
      )}
      <td className="truncate py-1 pr-3 pl-4 max-lg:col-start-2 max-lg:p-0">
        <div className="truncate font-medium text-zinc-100">
          {hand !== null && (
            <span
              className="mr-1.5 inline-block rounded bg-amber-400/15 px-1 align-middle text-[10px] font-semibold tracking-wide text-amber-300 uppercase ring-1 ring-amber-400/30"
              title={`Hand raised ${relativeTime(hand, now)}`}
            >
              hand
            </span>
          )}
          {participant.name || <span className="text-zinc-400">(no name)</span>}
        </div>
        <div className="truncate font-mono text-xs text-zinc-400">
          <RowTeamworkBadges identity={id} />
          {id}
        </div>
      </td>
      <td className="py-1 pr-3 whitespace-nowrap max-lg:col-start-3 max-lg:p-0 max-lg:text-right">
        <RoleBadge role={role} />
        {timebox ? (
          <div className="mt-0.5 leading-none">
            <TimeboxCountdown slot={timebox} clockOffsetMs={clockOffsetMs} />
          </div>
        ) : (
          <div className="mt-0.5 truncate text-[11px] text-zinc-400" title={text.joinedTitle}>
            {participant.kind !== 'standard' && `${participant.kind} · `}
            {relativeTime(participant.joinedAt, now)}
          </div>
        )}
      </td>
      <td className="py-1 pr-3 max-lg:col-span-full max-lg:p-0">
        <div className="flex gap-1 overflow-hidden">
          {participant.tracks.length === 0 && <span className="text-xs text-zinc-400">—</span>}
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
      <td className="py-1 pr-3 max-lg:hidden">
        {text.metadataSummary ? (
          <div className="truncate font-mono text-xs text-zinc-300" title={text.metadataPretty} data-metadata>
            {text.metadataSummary}
          </div>
        ) : (
          <span className="text-xs text-zinc-400">—</span>
        )}
      </td>
      <td className="py-1 pr-3 max-lg:hidden">
        <div className="flex gap-1 overflow-hidden">
          {attributes.length === 0 && <span className="text-xs text-zinc-400">—</span>}
          {attributes.map(([key, value]) => (
            <span
              key={key}
              data-attribute={key}
              title={`${key}=${value}`}
              className="max-w-full shrink-0 truncate rounded bg-zinc-800 px-1.5 py-0.5 font-mono text-[11px] text-zinc-300"
            >
              {key}={value}
            </span>
          ))}
        </div>
      </td>
      <td className="py-1 pr-4 max-lg:col-span-full max-lg:p-0">
        {canModerate && (
        <div className="flex justify-end gap-1.5 max-lg:justify-start">
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
          <ClaimControl kind="participant" identity={id} unclaimedOnly />
        </div>
        )}
      </td>
    </tr>
  );
});
