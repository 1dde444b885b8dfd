import type { FillView } from '@quoteline/protocol';
import { BlotterTable } from './BlotterTable';
import { timeOf } from './timeOf';

/** The account's fills, newest first (undefined while loading: the orders table shows the skeleton). */
export function FillsTable({ id, fills, rows }: { id: string; fills: FillView[] | undefined; rows: number }) {
  return (
    <BlotterTable
      id={id}
      title="Fills"
      columns={[
        { label: 'Time', minor: true },
        'Symbol',
        'Side',
        { label: 'Qty', numeric: true },
        { label: 'Price', numeric: true },
      ]}
      empty={fills?.length === 0 && 'No fills yet.'}
      testId="fills"
    >
      {fills?.slice(0, rows).map((f) => (
        <tr key={f.id} data-fill={f.id}>
          <td className="ql-minor">{timeOf(f.createdAt)}</td>
          <th scope="row">{f.symbol}</th>
          <td>{f.side === 'buy' ? 'Bought' : 'Sold'}</td>
          <td className="ql-num">{f.quantity}</td>
          <td className="ql-num">{f.price}</td>
        </tr>
      ))}
    </BlotterTable>
  );
}
