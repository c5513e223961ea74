'use client';

import { useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import type { ParticipantView } from '@/lib/livekit/types';
import { AttributesTab } from './edit-attributes-tab';
import { HistoryTab } from '@/components/room/history/history-tab';
import { MetadataTab } from './edit-metadata-tab';
import { NameTab } from './edit-name-tab';
import { PermissionsTab } from './edit-permissions-tab';
import type { EditHandlers } from './use-edit-handlers';

export type { EditHandlers } from './use-edit-handlers';

export type EditTab = 'metadata' | 'attributes' | 'name' | 'permissions' | 'history';

const TABS: Array<{ id: EditTab; label: string }> = [
  { id: 'metadata', label: 'Metadata' },
  { id: 'attributes', label: 'Attributes' },
  { id: 'name', label: 'Name' },
  { id: 'permissions', label: 'Permissions' },
  { id: 'history', label: 'History' },
];

/**
 * `participant` is the live row: each tab shows what the moderator has not touched as it is now, and
 * keeps what they changed with the value it started from, so a save changes only that, and is
 * refused with a conflict view when someone else changed the same field meanwhile.
 */
export function EditParticipantDialog({
  room,
  participant,
  maxMetadataBytes,
  handlers,
  onClose,
}: {
  /** the History tab shows only when given */
  room?: string;
  participant: ParticipantView | null;
  maxMetadataBytes: number;
  handlers: EditHandlers;
  onClose: () => void;
}) {
  const [tab, setTab] = useState<EditTab>('metadata');
  return (
    <Dialog
      open={participant !== null}
      onClose={onClose}
      wide
      title={
        participant && (
          <>
            Edit {participant.name || participant.identity}{' '}
            <span className="font-mono text-sm font-normal text-zinc-400">{participant.identity}</span>
          </>
        )
      }
    >
      {participant && (
        <>
          <div role="tablist" className="mb-4 flex gap-1 border-b border-zinc-800">
            {TABS.filter(({ id }) => id !== 'history' || room !== undefined).map(({ id, label }) => (
              <button
                key={id}
                role="tab"
                type="button"
                aria-selected={tab === id}
                onClick={() => setTab(id)}
                className={`-mb-px border-b-2 px-3 py-1.5 text-sm ${
                  tab === id ? 'border-indigo-400 text-zinc-100' : 'border-transparent text-zinc-400 hover:text-zinc-200'
                }`}
              >
                {label}
              </button>
            ))}
          </div>
          {tab === 'metadata' && (
            <MetadataTab key={participant.identity} participant={participant} maxBytes={maxMetadataBytes} save={handlers.saveMetadata} />
          )}
          {tab === 'attributes' && <AttributesTab key={participant.identity} participant={participant} save={handlers.saveAttributes} />}
          {tab === 'name' && <NameTab key={participant.identity} participant={participant} save={handlers.saveName} />}
          {tab === 'permissions' && (
            <PermissionsTab
              key={participant.identity}
              participant={participant}
              save={handlers.savePermissions}
              applyPreset={handlers.applyPreset}
            />
          )}
          {tab === 'history' && room !== undefined && <HistoryTab key={participant.identity} room={room} identity={participant.identity} />}
        </>
      )}
    </Dialog>
  );
}
