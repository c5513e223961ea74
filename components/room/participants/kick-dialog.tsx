'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import type { ParticipantView } from '@/lib/livekit/types';

export interface BanChoice {
  scope: 'room' | 'everywhere';
  reason: string;
  expiresInMinutes?: number;
}

const EXPIRY: Array<{ label: string; minutes?: number }> = [
  { label: 'until lifted' },
  { label: '1 hour', minutes: 60 },
  { label: '24 hours', minutes: 24 * 60 },
  { label: '7 days', minutes: 7 * 24 * 60 },
];

const fieldClass = 'h-8 rounded-md border border-zinc-700 bg-zinc-950 px-2 text-sm';

export function KickDialog({
  room,
  participant,
  pending,
  onConfirm,
  onBan,
  onClose,
}: {
  room: string;
  participant: ParticipantView | null;
  pending: boolean;
  onConfirm: (participant: ParticipantView) => void;
  onBan: (participant: ParticipantView, ban: BanChoice) => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [scope, setScope] = useState<BanChoice['scope']>('room');
  const [expiry, setExpiry] = useState(0);
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
          <Button
            size="md"
            variant="danger"
            pending={pending}
            onClick={() => participant && onBan(participant, { scope, reason, expiresInMinutes: EXPIRY[expiry]!.minutes })}
          >
            Ban {who}
          </Button>
          <Button size="md" variant="danger" pending={pending} onClick={() => participant && onConfirm(participant)} autoFocus>
            Kick {who}
          </Button>
        </>
      }
    >
      {participant && (
        <div className="space-y-3 text-sm text-zinc-300">
          <p>
            <strong>{who}</strong> <span className="font-mono text-zinc-400">({participant.identity})</span> will be disconnected
            from <strong>{room}</strong> now.
          </p>
          <p className="text-zinc-400">
            A kick leaves their token valid: they can rejoin until it expires. A ban keeps them out: the token endpoint refuses
            them and a rejoin is removed at once.
          </p>
          <fieldset className="space-y-2 rounded-md border border-zinc-800 p-3">
            <legend className="px-1 text-xs text-zinc-400">Ban</legend>
            <input
              aria-label="Ban reason"
              placeholder="Reason (shown on the Bans page)"
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              maxLength={500}
              className={`${fieldClass} w-full`}
            />
            <div className="flex flex-wrap gap-2 *:min-w-0 *:max-w-full">
              <select aria-label="Ban scope" value={scope} onChange={(event) => setScope(event.target.value as BanChoice['scope'])} className={fieldClass}>
                <option value="room">from {room}</option>
                <option value="everywhere">from every room</option>
              </select>
              <select aria-label="Ban length" value={expiry} onChange={(event) => setExpiry(Number(event.target.value))} className={fieldClass}>
                {EXPIRY.map((option, index) => (
                  <option key={option.label} value={index}>
                    {option.label}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
        </div>
      )}
    </Dialog>
  );
}
