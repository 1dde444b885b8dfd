'use client';
import { useId, useState } from 'react';
import { ApiError, cancelOrder } from '@quoteline/client';
import { useAccount } from '@quoteline/client/react';
import { StreamStatus, widgetBaseCss } from '@quoteline/widget-kit';
import { z } from 'zod';

/** Configuration of a blotter. */
export const blotterConfigSchema = z.object({ accountId: z.string().min(1), title: z.string().max(80).default('Orders and fills'), rows: z.number().int().min(1).max(200).default(20) });

const css = `
.ql-blotter h3{font-size:13px;margin:12px 0 4px;color:var(--ql-muted)}
.ql-blotter td button{padding:2px 8px;font-size:13px}
.ql-blotter [data-status="filled"]{color:var(--ql-up)}
.ql-blotter [data-status="rejected"],.ql-blotter [data-status="cancelled"]{color:var(--ql-muted)}
`;

const time = (iso: string) => new Date(iso).toLocaleTimeString('en-GB', { hour12: false });

/** The account's orders and fills, live, newest first; resting orders can be cancelled. */
export function Blotter(props: Partial<z.input<typeof blotterConfigSchema>> & { accountId: string; theme?: 'light' | 'dark' }) {
  const { theme, ...rest } = props;
  const config = blotterConfigSchema.parse(rest);
  const { account, error } = useAccount(config.accountId);
  const id = useId();
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<string | null>(null);

  const cancel = async (orderId: string) => {
    setCancelling(orderId);
    setCancelError(null);
    try {
      await cancelOrder(orderId);
    } catch (e) {
      setCancelError(e instanceof ApiError ? e.message : 'Could not cancel the order; try again.');
    } finally {
      setCancelling(null);
    }
  };

  return (
    <section className="ql-widget ql-blotter" data-theme={theme} aria-labelledby={`${id}-title`} data-testid="blotter">
      <style>{widgetBaseCss + css}</style>
      <header>
        <h2 id={`${id}-title`}>{config.title}</h2>
        <StreamStatus />
      </header>
      {error && <p className="ql-error">Could not load your orders: {error.message}</p>}
      {cancelError && (
        <p className="ql-error" role="alert">
          {cancelError}
        </p>
      )}
      <h3 id={`${id}-orders`}>Orders</h3>
      <div className="ql-table-wrap">
      <table aria-labelledby={`${id}-orders`} aria-busy={!account}>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col" className="ql-num">Qty</th>
            <th scope="col">Type</th>
            <th scope="col" className="ql-num">Price</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="ql-muted">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {!account ? (
            <tr className="ql-skeleton">
              <td colSpan={8}>
                <span />
              </td>
            </tr>
          ) : account.orders.length === 0 ? (
            <tr>
              <td className="ql-empty" colSpan={8}>
                No orders yet. Place one with the order ticket.
              </td>
            </tr>
          ) : (
            account.orders.slice(0, config.rows).map((o) => (
              <tr key={o.id} data-order={o.id}>
                <td>{time(o.createdAt)}</td>
                <th scope="row">{o.symbol}</th>
                <td>{o.side === 'buy' ? 'Buy' : 'Sell'}</td>
                <td className="ql-num">{o.quantity}</td>
                <td>{o.type === 'market' ? 'Market' : `Limit ${o.limitPrice}`}</td>
                <td className="ql-num">{o.averagePrice ?? '—'}</td>
                <td data-status={o.status}>{o.status === 'rejected' && o.reason ? `rejected (${o.reason.replace('_', ' ')})` : o.status}</td>
                <td>
                  {o.status === 'open' && (
                    <button type="button" onClick={() => cancel(o.id)} disabled={cancelling === o.id} aria-label={`Cancel ${o.side} ${o.quantity} ${o.symbol}`}>
                      {cancelling === o.id ? 'Cancelling…' : 'Cancel'}
                    </button>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      </div>
      <h3 id={`${id}-fills`}>Fills</h3>
      <div className="ql-table-wrap">
      <table aria-labelledby={`${id}-fills`} data-testid="fills">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Symbol</th>
            <th scope="col">Side</th>
            <th scope="col" className="ql-num">Qty</th>
            <th scope="col" className="ql-num">Price</th>
          </tr>
        </thead>
        <tbody>
          {account?.fills.length === 0 && (
            <tr>
              <td className="ql-empty" colSpan={5}>
                No fills yet.
              </td>
            </tr>
          )}
          {account?.fills.slice(0, config.rows).map((f) => (
            <tr key={f.id} data-fill={f.id}>
              <td>{time(f.createdAt)}</td>
              <th scope="row">{f.symbol}</th>
              <td>{f.side === 'buy' ? 'Bought' : 'Sold'}</td>
              <td className="ql-num">{f.quantity}</td>
              <td className="ql-num">{f.price}</td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
    </section>
  );
}
