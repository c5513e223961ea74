'use client';

import { useMemo, useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog, usePendingSubmit } from '@/components/ui/dialog';
import { PRESET_LABELS, STAGE_PRESETS, type StagePreset } from '@/lib/actions/presets';
import { byteLength, parseMetadata, prettyMetadata } from '@/lib/format';
import { TRACK_SOURCES, withSourceToggled, type ParticipantView, type PermissionView } from '@/lib/livekit/types';

export type EditTab = 'metadata' | 'attributes' | 'name' | 'permissions';

export interface EditHandlers {
  saveMetadata: (participant: ParticipantView, metadata: string) => Promise<boolean>;
  saveAttributes: (participant: ParticipantView, set: Record<string, string>, remove: string[]) => Promise<boolean>;
  saveName: (participant: ParticipantView, name: string) => Promise<boolean>;
  savePermissions: (participant: ParticipantView, permission: PermissionView) => Promise<boolean>;
  applyPreset: (participant: ParticipantView, preset: StagePreset) => Promise<boolean>;
}

const TABS: Array<{ id: EditTab; label: string }> = [
  { id: 'metadata', label: 'Metadata' },
  { id: 'attributes', label: 'Attributes' },
  { id: 'name', label: 'Name' },
  { id: 'permissions', label: 'Permissions' },
];

export function EditParticipantDialog({
  participant,
  maxMetadataBytes,
  handlers,
  onClose,
}: {
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
            {TABS.map(({ id, label }) => (
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
            <MetadataEditor key={participant.identity} participant={participant} maxBytes={maxMetadataBytes} save={handlers.saveMetadata} />
          )}
          {tab === 'attributes' && <AttributesEditor key={participant.identity} participant={participant} save={handlers.saveAttributes} />}
          {tab === 'name' && <NameEditor key={participant.identity} participant={participant} save={handlers.saveName} />}
          {tab === 'permissions' && (
            <>
              <div className="mb-4 flex items-center gap-2 text-sm">
                <span className="text-xs text-zinc-400">Apply a preset:</span>
                {STAGE_PRESETS.map((preset) => (
                  <Button key={preset} onClick={() => void handlers.applyPreset(participant, preset)}>
                    {PRESET_LABELS[preset]}
                  </Button>
                ))}
              </div>
              <PermissionsEditor
                key={`${participant.identity}:${JSON.stringify(participant.permission)}`}
                participant={participant}
                save={handlers.savePermissions}
              />
            </>
          )}
        </>
      )}
    </Dialog>
  );
}

/** One tab of the editor: its fields, the problem that blocks saving (if any) and the save button. */
function EditorForm({
  save,
  saveLabel,
  problem = null,
  secondary,
  children,
}: {
  save: () => Promise<boolean>;
  saveLabel: string;
  problem?: string | null;
  /** another button, on the left of the save button */
  secondary?: ReactNode;
  children: ReactNode;
}) {
  const { pending, submit } = usePendingSubmit();
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (problem === null) void submit(save);
      }}
      className="space-y-3"
    >
      {children}
      {problem && (
        <p role="alert" data-editor-error className="text-xs text-red-400">
          {problem}
        </p>
      )}
      <div className={`flex items-center ${secondary ? 'justify-between' : 'justify-end'}`}>
        {secondary}
        <Button type="submit" variant="primary" size="md" pending={pending} disabled={problem !== null}>
          {saveLabel}
        </Button>
      </div>
    </form>
  );
}

function MetadataEditor({
  participant,
  maxBytes,
  save,
}: {
  participant: ParticipantView;
  maxBytes: number;
  save: EditHandlers['saveMetadata'];
}) {
  const initialKind = parseMetadata(participant.metadata).kind;
  const [mode, setMode] = useState<'json' | 'text'>(initialKind === 'text' ? 'text' : 'json');
  const [text, setText] = useState(() => (initialKind === 'empty' ? '{\n  \n}' : prettyMetadata(participant.metadata)));
  const bytes = byteLength(text);
  const problem = useMemo(() => {
    if (text.trim() === '') return 'Metadata cannot be empty: LiveKit ignores an empty update. Use {} to clear JSON metadata.';
    if (bytes > maxBytes) return `Too large: ${bytes.toLocaleString('en-US')} bytes; the limit is ${maxBytes.toLocaleString('en-US')}.`;
    if (mode === 'json') {
      try {
        JSON.parse(text);
      } catch (error) {
        return `Invalid JSON: ${(error as Error).message}`;
      }
    }
    return null;
  }, [text, bytes, maxBytes, mode]);

  const saveMetadata = () => save(participant, mode === 'json' ? JSON.stringify(JSON.parse(text)) : text);

  return (
    <EditorForm save={saveMetadata} saveLabel="Save metadata" problem={problem}>
      <div className="flex items-center justify-between text-xs text-zinc-400">
        <div className="flex gap-3">
          {(['json', 'text'] as const).map((value) => (
            <label key={value} className="flex items-center gap-1.5">
              <input type="radio" name="metadata-mode" checked={mode === value} onChange={() => setMode(value)} />
              {value === 'json' ? 'JSON' : 'Plain text'}
            </label>
          ))}
        </div>
        <span data-metadata-bytes className={bytes > maxBytes ? 'text-red-400' : ''}>
          {bytes.toLocaleString('en-US')} / {maxBytes.toLocaleString('en-US')} bytes
        </span>
      </div>
      <textarea
        aria-label="Metadata"
        value={text}
        onChange={(event) => setText(event.target.value)}
        spellCheck={false}
        rows={12}
        className={`w-full rounded-md border bg-zinc-950 p-3 font-mono text-xs text-zinc-100 outline-none focus:ring-2 ${
          problem ? 'border-red-700 focus:ring-red-600/50' : 'border-zinc-700 focus:ring-indigo-500/50'
        }`}
      />
    </EditorForm>
  );
}

function AttributesEditor({ participant, save }: { participant: ParticipantView; save: EditHandlers['saveAttributes'] }) {
  const [rows, setRows] = useState(() =>
    Object.entries(participant.attributes).map(([key, value], index) => ({ id: index, key, value })),
  );
  const [nextId, setNextId] = useState(rows.length);

  const keys = rows.map((row) => row.key.trim());
  const problem =
    keys.some((key) => key === '') ? 'Every attribute needs a key.'
    : new Set(keys).size !== keys.length ? 'Keys must be unique.'
    : rows.some((row) => row.value === '') ? 'Values cannot be empty; remove the row to delete a key.'
    : null;

  const saveAttributes = async () => {
    const set: Record<string, string> = {};
    for (const row of rows) {
      if (participant.attributes[row.key.trim()] !== row.value) set[row.key.trim()] = row.value;
    }
    const remove = Object.keys(participant.attributes).filter((key) => !keys.includes(key));
    if (Object.keys(set).length === 0 && remove.length === 0) return true;
    return save(participant, set, remove);
  };

  const addRow = (
    <Button
      onClick={() => {
        setRows([...rows, { id: nextId, key: '', value: '' }]);
        setNextId(nextId + 1);
      }}
    >
      Add attribute
    </Button>
  );

  return (
    <EditorForm save={saveAttributes} saveLabel="Save attributes" problem={problem} secondary={addRow}>
      {rows.length === 0 && <p className="text-sm text-zinc-500">No attributes.</p>}
      {rows.map((row) => (
        <div key={row.id} className="flex gap-2">
          <input
            aria-label="Attribute key"
            value={row.key}
            onChange={(event) => setRows(rows.map((r) => (r.id === row.id ? { ...r, key: event.target.value } : r)))}
            className="w-2/5 rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-xs"
          />
          <input
            aria-label="Attribute value"
            value={row.value}
            onChange={(event) => setRows(rows.map((r) => (r.id === row.id ? { ...r, value: event.target.value } : r)))}
            className="flex-1 rounded-md border border-zinc-700 bg-zinc-950 px-2 py-1 font-mono text-xs"
          />
          <Button variant="ghost" onClick={() => setRows(rows.filter((r) => r.id !== row.id))} aria-label={`Remove ${row.key || 'row'}`}>
            ✕
          </Button>
        </div>
      ))}
    </EditorForm>
  );
}

function NameEditor({ participant, save }: { participant: ParticipantView; save: EditHandlers['saveName'] }) {
  const [name, setName] = useState(participant.name);
  const trimmed = name.trim();
  const problem = trimmed === '' ? 'The name cannot be empty.' : trimmed.length > 256 ? 'At most 256 characters.' : null;
  return (
    <EditorForm save={() => save(participant, trimmed)} saveLabel="Rename" problem={problem}>
      <input
        aria-label="Display name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        className="w-full rounded-md border border-zinc-700 bg-zinc-950 px-3 py-2 text-sm"
      />
    </EditorForm>
  );
}

const FLAGS: Array<{ key: Exclude<keyof PermissionView, 'canPublishSources'>; label: string; hint: string }> = [
  { key: 'canSubscribe', label: 'Subscribe', hint: 'hear and see others' },
  { key: 'canPublish', label: 'Publish', hint: 'speak or share; off unpublishes their tracks' },
  { key: 'canPublishData', label: 'Publish data', hint: 'chat and data messages' },
  { key: 'canUpdateMetadata', label: 'Update own metadata', hint: 'e.g. raise a hand' },
  { key: 'hidden', label: 'Hidden', hint: 'invisible to other participants' },
];

function PermissionsEditor({ participant, save }: { participant: ParticipantView; save: EditHandlers['savePermissions'] }) {
  const [permission, setPermission] = useState<PermissionView>(participant.permission);
  return (
    <EditorForm save={() => save(participant, permission)} saveLabel="Save permissions">
      {FLAGS.map(({ key, label, hint }) => (
        <label key={key} className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={permission[key]}
            onChange={(event) => setPermission({ ...permission, [key]: event.target.checked })}
          />
          <span>
            {label} <span className="text-xs text-zinc-500">— {hint}</span>
          </span>
        </label>
      ))}
      <fieldset className="rounded-md border border-zinc-800 p-3" disabled={!permission.canPublish}>
        <legend className="px-1 text-xs text-zinc-400">Allowed sources (none checked = all)</legend>
        <div className="flex flex-wrap gap-4">
          {TRACK_SOURCES.map((source) => (
            <label key={source} className="flex items-center gap-1.5 text-sm">
              <input type="checkbox" checked={permission.canPublishSources.includes(source)} onChange={() => setPermission(withSourceToggled(permission, source))} />
              {source.replaceAll('_', ' ')}
            </label>
          ))}
        </div>
      </fieldset>
    </EditorForm>
  );
}
