import type { OrderView } from '@quoteline/protocol';
import { BlotterTable } from './BlotterTable';
import { timeOf } from './timeOf';
import type { CancelOrder } from './useCancelOrder';

/** The account's orders, newest first (undefined while loading); open ones have a Cancel button. */
export function OrdersTable({
  id,
  orders,
  rows,
  cancel,
}: {
  id: string;
  orders: OrderView[] | undefined;
  rows: number;
  cancel: CancelOrder;
}) {
  return (
    <BlotterTable
      id={id}
      title="Orders"
      columns={[
        { label: 'Time', minor: true },
        'Symbol',
        'Side',
        { label: 'Qty', numeric: true },
        { label: 'Type', minor: true },
        { label: 'Price', numeric: true, minor: true },
        'Status',
        { label: <span className="ql-muted">Action</span> },
      ]}
      loading={!orders}
      empty={orders?.length === 0 && 'No orders yet. Place one with the order ticket.'}
    >
      {orders?.slice(0, rows).map((o) => (
        <tr key={o.id} data-order={o.id}>
          <td className="ql-minor">{timeOf(o.createdAt)}</td>
          <th scope="row">{o.symbol}</th>
          <td>{o.side === 'buy' ? 'Buy' : 'Sell'}</td>
          <td className="ql-num">{o.quantity}</td>
          <td className="ql-minor">{o.type === 'market' ? 'Market' : `Limit ${o.limitPrice}`}</td>
          <td className="ql-num ql-minor">{o.averagePrice ?? '—'}</td>
          <td data-status={o.status}>
            {o.status === 'rejected' && o.reason ? `rejected (${o.reason.replace('_', ' ')})` : o.status}
          </td>
          <td>
            {o.status === 'open' && (
              <button
                type="button"
                onClick={() => cancel.cancel(o.id)}
                disabled={cancel.cancelling === o.id}
                aria-label={`Cancel ${o.side} ${o.quantity} ${o.symbol}`}
              >
                {cancel.cancelling === o.id ? 'Cancelling…' : 'Cancel'}
              </button>
            )}
          </td>
        </tr>
      ))}
    </BlotterTable>
  );
}
