import type { AuditRow } from '@/lib/db';
import { DataTable } from '@/components/ui/data-table';

function json(value: unknown): string {
  return value === null || value === undefined ? '' : JSON.stringify(value);
}

export function AuditTable({ rows }: { rows: AuditRow[] }) {
  return (
    <DataTable
      marker="audit-table"
      columns={[{ label: 'Time' }, { label: 'Moderator' }, { label: 'Action' }, { label: 'Room' }, { label: 'Target' }, { label: 'Outcome' }, { label: 'Details' }]}
      after={rows.length === 0 && <p className="p-6 text-center text-sm text-zinc-400">No entries match.</p>}
    >
      {rows.map((row) => (
        <tr
          key={row.id}
          data-audit-row={row.id}
          data-action={row.action}
          data-actor={row.actorEmail ?? ''}
          data-outcome={row.outcome}
          className="border-b border-zinc-800/70 align-top"
        >
          <td className="py-2 pr-3 pl-4 font-mono text-xs whitespace-nowrap text-zinc-400">
            {row.at.toISOString().replace('T', ' ').slice(0, 19)}
          </td>
          <td className="py-2 pr-3 text-xs">
            {row.actorEmail ? (
              <>
                <div className="text-zinc-200">{row.actorEmail}</div>
                <div className="text-zinc-400">{row.actorRole}</div>
              </>
            ) : (
              <span className="text-zinc-400">not signed in</span>
            )}
          </td>
          <td className="py-2 pr-3 font-mono text-xs text-zinc-200">{row.action}</td>
          <td className="py-2 pr-3 text-xs text-zinc-300">{row.room}</td>
          <td className="py-2 pr-3 font-mono text-xs text-zinc-300">
            {row.targetIdentity}
            {row.targetTrack && <div className="text-zinc-400">{row.targetTrack}</div>}
          </td>
          <td className="py-2 pr-3 text-xs">
            {row.outcome === 'ok' ? (
              <span className="rounded bg-emerald-950 px-1.5 py-0.5 text-emerald-300">ok</span>
            ) : (
              <span title={row.errorMessage ?? ''} className="rounded bg-red-950 px-1.5 py-0.5 text-red-300">
                {row.errorCode}
              </span>
            )}
          </td>
          <td className="max-w-xl py-2 pr-4 font-mono text-[11px] text-zinc-400">
            {row.errorMessage && <div className="text-red-300/80">{row.errorMessage}</div>}
            {row.input !== null && (
              <div className="truncate" title={json(row.input)}>
                input {json(row.input)}
              </div>
            )}
            {(row.before !== null || row.after !== null) && (
              <details>
                <summary className="cursor-pointer py-1 text-zinc-400 pointer-coarse:py-3.5">before / after</summary>
                <pre className="mt-1 max-h-64 overflow-auto whitespace-pre-wrap">{`before ${JSON.stringify(row.before, null, 2)}\nafter ${JSON.stringify(row.after, null, 2)}`}</pre>
              </details>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
