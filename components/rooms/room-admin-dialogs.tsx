'use client';

import { useState } from 'react';
import { ActionDialog } from '@/components/ui/dialog';
import { parseMetadata } from '@/lib/format';

const inputClass = 'w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 text-sm outline-none focus:ring-2 focus:ring-indigo-500/50';

export interface NewRoom {
  name: string;
  emptyTimeout?: number;
  maxParticipants?: number;
  metadata?: string;
}

export function CreateRoomDialog({
  open,
  onCreate,
  onClose,
}: {
  open: boolean;
  onCreate: (room: NewRoom) => Promise<boolean>;
  onClose: () => void;
}) {
  const [name, setName] = useState('');
  const [emptyTimeout, setEmptyTimeout] = useState('300');
  const [maxParticipants, setMaxParticipants] = useState('0');
  const [metadata, setMetadata] = useState('');

  const problem =
    name.trim() === '' ? 'Give the room a name.'
    : name.trim() !== name ? 'The name must not start or end with spaces.'
    : !/^\d+$/.test(emptyTimeout) ? 'Empty timeout is a whole number of seconds.'
    : !/^\d+$/.test(maxParticipants) ? 'Max participants is a whole number (0 = no limit).'
    : null;

  const create = async () => {
    const ok = await onCreate({
      name,
      emptyTimeout: Number(emptyTimeout),
      maxParticipants: Number(maxParticipants),
      ...(metadata.trim() && { metadata }),
    });
    if (ok) {
      setName('');
      setMetadata('');
    }
    return ok;
  };

  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title="Create a room"
      action={{ label: 'Create room', blocked: problem !== null, run: create }}
    >
      <div className="space-y-3 text-sm">
        <label className="block">
          <span className="mb-1 block text-xs text-zinc-400">Name</span>
          <input aria-label="Room name" value={name} onChange={(event) => setName(event.target.value)} className={inputClass} />
        </label>
        <div className="flex gap-3">
          <label className="block flex-1">
            <span className="mb-1 block text-xs text-zinc-400">Empty timeout (s)</span>
            <input aria-label="Empty timeout" value={emptyTimeout} onChange={(event) => setEmptyTimeout(event.target.value)} className={inputClass} />
          </label>
          <label className="block flex-1">
            <span className="mb-1 block text-xs text-zinc-400">Max participants</span>
            <input aria-label="Max participants" value={maxParticipants} onChange={(event) => setMaxParticipants(event.target.value)} className={inputClass} />
          </label>
        </div>
        <label className="block">
          <span className="mb-1 block text-xs text-zinc-400">Metadata (optional)</span>
          <textarea aria-label="Room metadata" rows={3} value={metadata} onChange={(event) => setMetadata(event.target.value)} className={`${inputClass} font-mono text-xs`} />
        </label>
        {problem && name !== '' && <p role="alert" className="text-xs text-red-400">{problem}</p>}
      </div>
    </ActionDialog>
  );
}

export function RoomMetadataDialog({
  room,
  metadata,
  open,
  onSave,
  onClose,
}: {
  room: string;
  metadata: string;
  open: boolean;
  onSave: (metadata: string) => Promise<boolean>;
  onClose: () => void;
}) {
  const [text, setText] = useState(metadata);
  const looksJson = /^\s*[[{]/.test(text);
  const problem =
    text.trim() === '' ? 'Metadata cannot be empty.' : looksJson && parseMetadata(text).kind !== 'json' ? 'This looks like JSON but does not parse.' : null;
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={`Metadata of ${room}`}
      action={{ label: 'Save room metadata', blocked: problem !== null, run: () => onSave(text) }}
    >
      <textarea aria-label="Room metadata" rows={8} value={text} onChange={(event) => setText(event.target.value)} className={`${inputClass} font-mono text-xs`} />
      {problem && <p role="alert" className="mt-2 text-xs text-red-400">{problem}</p>}
    </ActionDialog>
  );
}

export function DeleteRoomDialog({
  room,
  participantCount,
  open,
  onDelete,
  onClose,
}: {
  room: string;
  participantCount: number;
  open: boolean;
  onDelete: () => Promise<boolean>;
  onClose: () => void;
}) {
  return (
    <ActionDialog
      open={open}
      onClose={onClose}
      title={`Delete ${room}?`}
      action={{ label: `Delete ${room}`, variant: 'danger', run: onDelete }}
    >
      <p className="text-sm text-zinc-300">
        The room <strong>{room}</strong> ends now and all {participantCount} participants are disconnected.
      </p>
    </ActionDialog>
  );
}
