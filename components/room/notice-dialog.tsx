'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { MAX_NOTICE_LENGTH } from '@/lib/live/hand';
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
  const [sending, setSending] = useState(false);
  const who = target === null ? `everyone in ${room}` : target ? target.name || target.identity : '';
  const trimmed = text.trim();
  const problem = trimmed === '' ? 'Write a message first.' : trimmed.length > MAX_NOTICE_LENGTH ? `At most ${MAX_NOTICE_LENGTH} characters.` : null;

  const send = async () => {
    if (problem || target === undefined) return;
    setSending(true);
    const ok = await onSend(target, trimmed);
    setSending(false);
    if (ok) {
      setText('');
      onClose();
    }
  };

  return (
    <Dialog
      open={target !== undefined}
      onClose={onClose}
      title={`Notice to ${who}`}
      footer={
        <>
          <Button size="md" onClick={onClose}>
            Cancel
          </Button>
          <Button size="md" variant="primary" pending={sending} disabled={problem !== null} onClick={() => void send()}>
            Send notice
          </Button>
        </>
      }
    >
      <textarea
        aria-label="Notice text"
        value={text}
        onChange={(event) => setText(event.target.value)}
        rows={3}
        placeholder="You are on stage in 10 s"
        className="w-full rounded-md border border-zinc-700 bg-zinc-950 p-3 text-sm outline-none focus:ring-2 focus:ring-indigo-500/50"
      />
      <p className="mt-2 text-xs text-zinc-500">
        Sent as a data message on the <code>stagekeeper.notice</code> topic; the event&apos;s app decides how to show it.{' '}
        {trimmed.length}/{MAX_NOTICE_LENGTH}
      </p>
    </Dialog>
  );
}
