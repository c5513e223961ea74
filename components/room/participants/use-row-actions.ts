'use client';

import { useMemo } from 'react';
import { demoteToAudience, muteTrack, promoteToSpeaker, unmuteTrack } from '@/lib/participants/actions';
import type { ParticipantView, TrackView } from '@/lib/livekit/types';
import type { RowActions } from './participant-row';
import { trackLabel } from './track-chip';
import { forSlot, withSlotChoice, type SlotChoice } from '@/components/room/timeboxes/slot-picker';
import { displayName, upsert, type RunStep } from './use-moderation';

/** What opens a dialog for a row; each comes from that dialog's own hook and must be stable. */
export interface RowDialogOpeners {
  notify: (participant: ParticipantView) => void;
  kick: (participant: ParticipantView) => void;
  edit: (participant: ParticipantView) => void;
}

/**
 * Every button of a table row: stage moves and mutes run here, the rest open their dialog.
 * The keyboard shortcuts call the same functions, so both paths audit and refuse alike.
 */
export function useRowActions(room: string, run: RunStep, open: RowDialogOpeners, slot?: () => SlotChoice): RowActions {
  const { notify, kick, edit } = open;
  return useMemo(
    () => ({
      promote: (p) => {
        const choice = slot?.();
        void run({
          key: `stage:${p.identity}`,
          call: () => withSlotChoice(choice, (given) => promoteToSpeaker({ room, identity: p.identity, ...given })),
          success: `${displayName(p)} is now a speaker${forSlot(choice)}`,
          failure: `Could not promote ${displayName(p)}`,
          patch: upsert,
        });
      },
      demote: (p) =>
        void run({
          key: `stage:${p.identity}`,
          call: () => demoteToAudience({ room, identity: p.identity }),
          success: `${displayName(p)} moved to the audience`,
          failure: `Could not demote ${displayName(p)}`,
          patch: upsert,
        }),
      setMuted: (p: ParticipantView, track: TrackView, muted: boolean) =>
        void run({
          key: `mute:${p.identity}:${track.sid}`,
          call: () => (muted ? muteTrack : unmuteTrack)({ room, identity: p.identity, trackSid: track.sid }),
          success: `${muted ? 'Muted' : 'Unmuted'} ${displayName(p)}'s ${trackLabel(track)}`,
          failure: `Could not ${muted ? 'mute' : 'unmute'} ${displayName(p)}'s ${trackLabel(track)}`,
          patch: (updated) => ({ type: 'track', identity: p.identity, track: { ...track, ...updated } }),
        }),
      notify,
      kick,
      edit,
    }),
    [room, run, notify, kick, edit, slot],
  );
}
