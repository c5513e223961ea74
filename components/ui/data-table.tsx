import type { ReactNode } from 'react';

export interface Column {
  label: ReactNode;
  align?: 'left' | 'right';
}

/**
 * The bordered, scrollable table of the list pages. `marker` names it for tests and styles:
 * `marker="audit-table"` renders `<table data-audit-table>`. Rows go in as children; `after` sits
 * below the table inside the border (an empty-state line, say).
 */
export function DataTable({ marker, columns, children, after }: { marker: string; columns: Column[]; children: ReactNode; after?: ReactNode }) {
  const edge = (index: number) => `${index === 0 ? 'pl-4 ' : ''}${index === columns.length - 1 ? 'pr-4' : 'pr-3'}`;
  // focusable, so a keyboard can scroll the table sideways when it is wider than a phone
  return (
    <div tabIndex={0} className="overflow-x-auto rounded-lg border border-zinc-800 focus-visible:outline-2 focus-visible:outline-indigo-400">
      <table className="w-full text-left text-sm" {...{ [`data-${marker}`]: true }}>
        <thead className="bg-zinc-900 text-xs tracking-wide text-zinc-400 uppercase">
          <tr>
            {columns.map((column, index) => (
              <th key={index} className={`py-2 font-medium ${edge(index)} ${column.align === 'right' ? 'text-right' : ''}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
      {after}
    </div>
  );
}
