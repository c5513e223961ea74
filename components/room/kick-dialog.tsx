'use client';

import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { ParticipantView } from '@/lib/livekit/types';

export function KickDialog({
  room,
  participant,
  pending,
  onConfirm,
  onClose,
}: {
  room: string;
  participant: ParticipantView | null;
  pending: boolean;
  onConfirm: (participant: ParticipantView) => void;
  onClose: () => void;
}) {
  const who = participant ? participant.name || participant.identity : '';
  return (
    <Dialog
      open={participant !== null}
      onClose={onClose}
      title={`Kick ${who}?`}
      footer={
        <>
          <Button size="md" onClick={onClose}>
            Cancel
          </Button>
          <Button size="md" variant="danger" pending={pending} onClick={() => participant && onConfirm(participant)} autoFocus>
            Kick {who}
          </Button>
        </>
      }
    >
      {participant && (
        <div className="space-y-2 text-sm text-zinc-300">
          <p>
            <strong>{who}</strong> <span className="font-mono text-zinc-400">({participant.identity})</span> will be disconnected
            from <strong>{room}</strong> now.
          </p>
          <p className="text-zinc-400">LiveKit does not revoke their token: they can rejoin until it expires.</p>
        </div>
      )}
    </Dialog>
  );
}
