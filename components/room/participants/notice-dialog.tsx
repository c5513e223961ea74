'use client';

import { useState } from 'react';
import { ActionDialog } from '@/components/ui/dialog';
import { MAX_NOTICE_LENGTH } from '@/lib/hands/shared';
import type { ParticipantView } from '@/lib/livekit/types';

/** `target` null means the whole room; undefined means closed. */
export function NoticeDialog({
  room,
  target,
  onSend,
  onClose,
}: {
  room: string;
  target: ParticipantView | null | undefined;
  onSend: (target: ParticipantView | null, text: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const [text, setText] = useState('');
  const who = target === null ? `everyone in ${room}` : target ? target.name || target.identity : '';
  const trimmed = text.trim();
  const problem = trimmed === '' ? 'Write a message first.' : trimmed.length > MAX_NOTICE_LENGTH ? `At most ${MAX_NOTICE_LENGTH} characters.` : null;

  const send = async () => {
    if (problem || target === undefined) return false;
    const ok = await onSend(target, trimmed);
    if (ok) setText('');
    return ok;
  };

  return (
    <ActionDialog
      open={target !== undefined}
      onClose={onClose}
      title={`Notice to ${who}`}
      action={{ label: 'Send notice', blocked: problem !== null, run: send }}
    >
      <textarea
        aria-label="Notice text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={3}
        placeholder="You are on stage in 10 s"
        className="w-full rounded-md border border-zinc-700 bg-zinc-950 p-3 text-sm outline-none focus:ring-2 focus:ring-indigo-500/50"
      />
      <p className="mt-2 text-xs text-zinc-400">
        Sent as a data message on the <code>stagekeeper.notice</code> topic; the event&apos;s app decides how to show it.{' '}
        {trimmed.length}/{MAX_NOTICE_LENGTH}
      </p>
    </ActionDialog>
  );
}
