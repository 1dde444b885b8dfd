'use client';
import { useId } from 'react';
import { useAccount, useFeed } from '@quoteline/client/react';
import { feedSlugSchema } from '@quoteline/protocol';
import { directionOf, formatCents, formatSignedCents, StreamStatus, toCents, WidgetFrame } from '@quoteline/widget-kit';
import type { WidgetLook } from '@quoteline/widget-kit';
import { z } from 'zod';
import { reservedCents } from './reservedCash';

/** Configuration of a portfolio: the account, and the feed whose live prices value it. */
export const portfolioConfigSchema = z.object({
  accountId: z.string().min(1),
  feed: feedSlugSchema.default('demo'),
  title: z.string().max(80).default('Portfolio'),
});

const css = `
.ql-portfolio dl{display:grid;grid-template-columns:repeat(auto-fit,minmax(9em,1fr));gap:8px;margin:0 0 12px}
.ql-portfolio dt{font-size:12px;color:var(--qli-muted)}
.ql-portfolio dd{margin:0;font-size:18px;font-weight:600;font-variant-numeric:tabular-nums}
.ql-portfolio .ql-cash-split{margin:-4px 0 12px;font-size:13px;color:var(--qli-muted);font-variant-numeric:tabular-nums}
.ql-portfolio .ql-cash-split strong{color:var(--qli-fg)}
@container (max-width: 469px){.ql-portfolio .ql-minor{display:none}}
`;

/** Cash, positions, market value and unrealised P&L, revalued on every tick of the held instruments. */
export function Portfolio(
  props: Partial<z.input<typeof portfolioConfigSchema>> & { accountId: string } & Omit<WidgetLook, 'locale'>,
) {
  const config = portfolioConfigSchema.parse(props);
  const { account, error } = useAccount(config.accountId);
  const feed = useFeed(config.feed);
  const id = useId();

  const rows = (account?.positions ?? []).map((p) => {
    const quote = feed?.rows[p.symbol];
    const cost = p.quantity * toCents(p.averageCost);
    const value = quote ? p.quantity * toCents(quote.price) : null;
    return { ...p, value, pnl: value === null ? null : value - cost };
  });
  const cash = account ? toCents(account.cash) : null;
  const reserved = account ? reservedCents(account.orders) : null;
  const invested = rows.every((r) => r.value !== null) ? rows.reduce((s, r) => s + r.value!, 0) : null;

  return (
    <WidgetFrame
      look={props}
      css={css}
      className="ql-portfolio"
      aria-labelledby={`${id}-title`}
      data-testid="portfolio"
    >
      <header>
        <h2 id={`${id}-title`}>{config.title}</h2>
        <StreamStatus />
      </header>
      {error && <p className="ql-error">Could not load your portfolio: {error.message}</p>}
      <dl>
        <div>
          <dt>Cash</dt>
          <dd data-testid="portfolio-cash">
            {cash === null ? <span className="ql-skeleton-line" /> : formatCents(cash)}
          </dd>
        </div>
        <div>
          <dt>Positions value</dt>
          <dd>{invested === null ? '—' : formatCents(invested)}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>{invested === null || cash === null ? '—' : formatCents(invested + cash)}</dd>
        </div>
      </dl>
      {cash !== null && reserved !== null && (
        <p className="ql-cash-split">
          Reserved for open buy orders <strong data-testid="portfolio-reserved">{formatCents(reserved)}</strong> ·
          Available to trade <strong data-testid="portfolio-available">{formatCents(cash - reserved)}</strong>
        </p>
      )}
      <div className="ql-table-wrap">
        <table aria-labelledby={`${id}-title`} aria-busy={!account}>
          <thead>
            <tr>
              <th scope="col">Symbol</th>
              <th scope="col" className="ql-num">
                Qty
              </th>
              <th scope="col" className="ql-num ql-minor">
                Avg cost
              </th>
              <th scope="col" className="ql-num">
                Market value
              </th>
              <th scope="col" className="ql-num">
                Unrealised P&amp;L
              </th>
            </tr>
          </thead>
          <tbody>
            {account && rows.length === 0 && (
              <tr>
                <td className="ql-empty" colSpan={5}>
                  No positions. Bought shares show up here.
                </td>
              </tr>
            )}
            {rows.map((r) => {
              const direction = r.pnl === null ? 'flat' : directionOf(r.pnl);
              return (
                <tr key={r.symbol} data-position={r.symbol}>
                  <th scope="row">{r.symbol}</th>
                  <td className="ql-num" data-testid={`position-qty-${r.symbol}`}>
                    {r.quantity}
                  </td>
                  <td className="ql-num ql-minor">{r.averageCost}</td>
                  <td className="ql-num">{r.value === null ? '—' : formatCents(r.value)}</td>
                  <td className={`ql-num ql-${direction}`}>
                    {r.pnl === null ? '—' : formatSignedCents(r.pnl)}
                    <span className="ql-muted">
                      {direction === 'up' ? ' gain' : direction === 'down' ? ' loss' : ''}
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </WidgetFrame>
  );
}
