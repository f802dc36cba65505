/**
 * Tables over TanStack Table: click a header (or focus it and press Enter) to sort; ↑/↓ move between rows,
 * Home/End jump, Enter opens the row when the view gives `onOpen`. Rows are focusable, so the whole table
 * works without a mouse.
 */
import { flexRender, getCoreRowModel, getSortedRowModel, useReactTable, type ColumnDef, type SortingState } from '@tanstack/react-table';
import { Fragment, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';

export type { ColumnDef } from '@tanstack/react-table';

export function DataTable<T>({ rows, columns, label, rowId, onOpen, expanded, renderExpanded, initialSort = [] }: {
  rows: T[];
  columns: ColumnDef<T, any>[];
  label: string;
  rowId: (row: T) => string;
  onOpen?: (row: T) => void;
  expanded?: string | null;
  renderExpanded?: (row: T) => ReactNode;
  initialSort?: SortingState;
}) {
  const [sorting, setSorting] = useState<SortingState>(initialSort);
  const table = useReactTable({
    data: rows, columns, state: { sorting }, onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(), getSortedRowModel: getSortedRowModel(), getRowId: (r) => rowId(r),
  });
  const body = useRef<HTMLTableSectionElement>(null);
  const move = (event: KeyboardEvent<HTMLTableRowElement>, row: T) => {
    const rowsEls = [...(body.current?.querySelectorAll<HTMLTableRowElement>('tr[data-row]') ?? [])];
    const at = rowsEls.indexOf(event.currentTarget);
    const go = (i: number) => { event.preventDefault(); rowsEls[Math.max(0, Math.min(rowsEls.length - 1, i))]?.focus(); };
    if (event.key === 'ArrowDown') go(at + 1);
    else if (event.key === 'ArrowUp') go(at - 1);
    else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(rowsEls.length - 1);
    else if ((event.key === 'Enter' || event.key === ' ') && onOpen && event.target === event.currentTarget) { event.preventDefault(); onOpen(row); }
  };
  return (
    <div className="table-wrap">
      <table className="data" aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((g) => (
            <tr key={g.id}>
              {g.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                return (
                  <th key={h.id} aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'} scope="col">
                    {h.column.getCanSort()
                      ? <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                        {flexRender(h.column.columnDef.header, h.getContext())}<span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                      </button>
                      : flexRender(h.column.columnDef.header, h.getContext())}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody ref={body}>
          {table.getRowModel().rows.map((r) => {
            const open = expanded === r.id;
            return (
              <Fragment key={r.id}>
                <tr data-row={r.id} tabIndex={0} className={open ? 'open' : undefined} aria-expanded={renderExpanded ? open : undefined}
                  onKeyDown={(e) => move(e, r.original)} onClick={(e) => { if (onOpen && !(e.target as HTMLElement).closest('a,button,input,select')) onOpen(r.original); }}>
                  {r.getVisibleCells().map((c) => <td key={c.id}>{flexRender(c.column.columnDef.cell, c.getContext())}</td>)}
                </tr>
                {open && renderExpanded ? <tr className="detail"><td colSpan={columns.length}>{renderExpanded(r.original)}</td></tr> : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
