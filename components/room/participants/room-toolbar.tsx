'use client';

import type { RefObject } from 'react';
import type { ParticipantFilter, RoleFilter, SortOrder } from '@/lib/participants/filter-shared';

const selectClass = 'h-8 rounded-md border border-zinc-700 bg-zinc-900 px-2 text-xs text-zinc-200';

export function RoomToolbar({
  filter,
  onChange,
  searchRef,
  shown,
  total,
}: {
  filter: ParticipantFilter;
  onChange: (filter: ParticipantFilter) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  shown: number;
  total: number;
}) {
  const set = <K extends keyof ParticipantFilter>(key: K, value: ParticipantFilter[K]) => onChange({ ...filter, [key]: value });
  const toggles: Array<{ key: 'handRaised' | 'publishing' | 'muted' | 'showHidden'; label: string }> = [
    { key: 'handRaised', label: 'Hand raised' },
    { key: 'publishing', label: 'Publishing' },
    { key: 'muted', label: 'Muted' },
    { key: 'showHidden', label: 'Show hidden' },
  ];
  return (
    <div className="mb-2 flex flex-wrap items-center gap-3">
      <div className="relative">
        <input
          ref={searchRef}
          type="search"
          aria-label="Search participants"
          placeholder="Search name, identity, metadata"
          value={filter.search}
          onChange={(event) => set('search', event.target.value)}
          className="h-8 w-72 rounded-md border border-zinc-700 bg-zinc-900 pr-8 pl-3 text-sm outline-none placeholder:text-zinc-500 focus:ring-2 focus:ring-indigo-500/50"
        />
        <kbd className="absolute top-1.5 right-2 rounded border border-zinc-700 px-1 text-[10px] text-zinc-400">/</kbd>
      </div>
      <select aria-label="Role" className={selectClass} value={filter.role} onChange={(event) => set('role', event.target.value as RoleFilter)}>
        <option value="all">All roles</option>
        <option value="stage">On stage</option>
        <option value="audience">Audience</option>
      </select>
      {toggles.map(({ key, label }) => (
        <label key={key} className="flex items-center gap-1.5 text-xs text-zinc-400">
          <input type="checkbox" checked={filter[key]} onChange={(event) => set(key, event.target.checked)} />
          {label}
        </label>
      ))}
      <select aria-label="Sort" className={`${selectClass} ml-auto`} value={filter.sort} onChange={(event) => set('sort', event.target.value as SortOrder)}>
        <option value="stage">Stage first</option>
        <option value="joined">Joined first</option>
        <option value="name">Name</option>
      </select>
      <span className="text-xs text-zinc-400 tabular-nums" data-shown-count>
        {shown === total ? `${total} participants` : `${shown} of ${total}`}
      </span>
    </div>
  );
}
