import type { ReactNode } from 'react';

/** A column heading: its text, or its text and a class (a numeric column's alignment). */
export type Column = string | { label: ReactNode; className?: string };

/**
 * A table of the admin console: its column headings, then its rows, or, when
 * `empty` says why there are none, that one row across every column.
 * `hideCaption` keeps the caption for screen readers only (the heading above already names the table).
 */
export function ConsoleTable({
  caption,
  hideCaption,
  columns,
  empty,
  children,
}: {
  caption?: ReactNode;
  hideCaption?: boolean;
  columns: readonly Column[];
  empty?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <table>
      {caption && <caption className={hideCaption ? 'sr-only' : undefined}>{caption}</caption>}
      <thead>
        <tr>
          {columns.map((column, i) => (
            <th key={i} scope="col" className={typeof column === 'string' ? undefined : column.className}>
              {typeof column === 'string' ? column : column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {empty ? (
          <tr>
            <td colSpan={columns.length} className="muted">
              {empty}
            </td>
          </tr>
        ) : (
          children
        )}
      </tbody>
    </table>
  );
}
