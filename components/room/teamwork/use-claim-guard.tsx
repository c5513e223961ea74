'use client';

import { useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { claimedByOther, type ClaimView } from '@/lib/teamwork/shared';
import type { ParticipantView } from '@/lib/livekit/types';
import { heldFor } from './claim-control';
import { useTeamwork } from './teamwork-context';

const WHAT: Record<string, string> = {
  promote: 'promote them',
  demote: 'move them to the audience',
  setMuted: 'mute or unmute their track',
  kick: 'kick them',
  edit: 'edit them',
  notify: 'send them a notice',
  approve: 'bring them on stage',
  dismiss: 'lower their hand',
};

type Act = (participant: ParticipantView, ...rest: never[]) => void;

interface Waiting {
  claim: ClaimView;
  participant: ParticipantView;
  what: string;
  go: () => void;
}

/**
 * Warns before acting on a participant another moderator has claimed: the action waits for a
 * confirmation, and goes ahead on "Act anyway" (never blocked). `guardAll` wraps every handler of a
 * row-actions object the same way; the wrappers stay the same objects while claims change, so the
 * memoized rows do not re-render for them.
 */
export function useClaimGuard(): {
  guard: (participant: ParticipantView, what: string, go: () => void) => void;
  guardAll: <Actions extends { [Key in keyof Actions]: Act }>(actions: Actions) => Actions;
  dialog: ReactNode;
} {
  const teamwork = useTeamwork();
  const latest = useRef(teamwork);
  latest.current = teamwork;
  const [waiting, setWaiting] = useState<Waiting | null>(null);

  const guard = useCallback((participant: ParticipantView, what: string, go: () => void) => {
    const now = latest.current;
    const claim = now ? claimedByOther(now.claims, participant.identity, now.you) : undefined;
    if (!claim) return go();
    setWaiting({ claim, participant, what, go });
  }, []);

  const guardAll = useCallback(
    <Actions extends { [Key in keyof Actions]: Act }>(actions: Actions): Actions =>
      Object.fromEntries(
        (Object.entries(actions) as Array<[string, Act]>).map(([what, act]) => [
          what,
          (participant: ParticipantView, ...rest: never[]) => guard(participant, what, () => act(participant, ...rest)),
        ]),
      ) as Actions,
    [guard],
  );

  const dialog = useMemo(() => {
    const who = waiting ? waiting.participant.name || waiting.participant.identity : '';
    const close = () => setWaiting(null);
    return (
      <Dialog
        open={waiting !== null}
        onClose={close}
        title={`${waiting?.claim.claimedByName ?? 'Someone'} is handling ${who}`}
        footer={
          <>
            <Button onClick={close}>Leave it to them</Button>
            <Button
              variant="primary"
              data-claim-act-anyway
              onClick={() => {
                waiting?.go();
                close();
              }}
            >
              Act anyway
            </Button>
          </>
        }
      >
        {waiting && (
          <p className="text-sm text-zinc-300" data-claim-warning>
            {waiting.claim.claimedByName} claimed {waiting.claim.kind === 'hand' ? `${who}'s raised hand` : who}{' '}
            {heldFor(waiting.claim.claimedAt, Date.now() + (latest.current?.clockOffsetMs ?? 0))} ago. Do you still want to{' '}
            <strong>{WHAT[waiting.what] ?? waiting.what}</strong>?
          </p>
        )}
      </Dialog>
    );
  }, [waiting]);

  return { guard, guardAll, dialog };
}
