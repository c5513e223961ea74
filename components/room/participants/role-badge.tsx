import type { StageRole } from '@/lib/presets/shared';

const STYLES: Record<StageRole, string> = {
  host: 'bg-violet-500/15 text-violet-300 ring-violet-500/30',
  speaker: 'bg-emerald-500/15 text-emerald-300 ring-emerald-500/30',
  audience: 'bg-zinc-500/15 text-zinc-300 ring-zinc-500/30',
  hidden: 'bg-transparent text-zinc-400 ring-zinc-600 ring-dashed',
};

export function RoleBadge({ role }: { role: StageRole }) {
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[role]}`}>
      {role}
    </span>
  );
}
