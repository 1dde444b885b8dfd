import type { ReactNode } from 'react';

/** A column heading: its text, or its text and whether it heads figures (right-aligned). */
export type Column = string | { label: ReactNode; numeric?: boolean; minor?: boolean };

/**
 * One titled table of the blotter: its heading (which names the table), the
 * column headings, then the rows; a skeleton row while `loading`, and when
 * `empty` says why there are no rows, that line across every column instead.
 */
export function BlotterTable({
  id,
  title,
  columns,
  loading,
  empty,
  testId,
  children,
}: {
  id: string;
  title: string;
  columns: readonly Column[];
  loading?: boolean;
  empty?: ReactNode;
  testId?: string;
  children?: ReactNode;
}) {
  // In place of the rows: a skeleton while loading, or the line that says why there are none.
  const placeholder = loading ? (
    <tr className="ql-skeleton">
      <td colSpan={columns.length}>
        <span />
      </td>
    </tr>
  ) : empty ? (
    <tr>
      <td className="ql-empty" colSpan={columns.length}>
        {empty}
      </td>
    </tr>
  ) : null;
  return (
    <>
      <h3 id={id}>{title}</h3>
      <div className="ql-table-wrap">
        <table aria-labelledby={id} aria-busy={loading} data-testid={testId}>
          <thead>
            <tr>
              {columns.map((column, i) => {
                const { label, numeric, minor } = typeof column === 'string' ? { label: column } : column;
                return (
                  <th
                    key={i}
                    scope="col"
                    className={[numeric && 'ql-num', minor && 'ql-minor'].filter(Boolean).join(' ') || undefined}
                  >
                    {label}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>{placeholder ?? children}</tbody>
        </table>
      </div>
    </>
  );
}
