'use client';
import { useId, useState, type FormEvent } from 'react';
import { ApiError, placeOrder } from '@quoteline/client';
import { useAccount, useFeed } from '@quoteline/client/react';
import { orderRequestSchema, type OrderView } from '@quoteline/protocol';
import { FeedPaused, formatCents, formatPrice, StreamStatus, toCents, TopicNotice, widgetBaseCss } from '@quoteline/widget-kit';
import { orderTicketConfigSchema, type OrderTicketConfig } from './config';

type Phase =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'accepted'; order: OrderView }
  | { kind: 'rejected'; message: string };

const css = `
.ql-ticket form{display:grid;grid-template-columns:1fr 1fr;gap:10px 12px}
.ql-ticket .ql-wide{grid-column:1 / -1}
.ql-ticket fieldset{border:none;padding:0;margin:0;display:flex;gap:12px}
.ql-ticket legend{font-size:12px;font-weight:600;color:var(--ql-muted);margin-bottom:4px;padding:0}
.ql-ticket fieldset label{display:inline-flex;align-items:center;gap:6px;font-size:14px;color:var(--ql-fg);font-weight:400;margin:0}
.ql-ticket fieldset input{width:auto}
.ql-ticket .ql-touch{display:flex;gap:16px;font-variant-numeric:tabular-nums}
.ql-ticket .ql-outcome{margin:0;padding:8px;border-radius:6px;border:1px solid var(--ql-border)}
.ql-ticket .ql-outcome[data-kind="rejected"]{border-color:var(--ql-down);color:var(--ql-down)}
.ql-ticket .ql-outcome[data-kind="filled"]{border-color:var(--ql-up)}
.ql-ticket .ql-paused-reason{margin:0;color:var(--ql-warn)}
.ql-ticket button[aria-describedby]:disabled{cursor:not-allowed}
`;

/** Fields a person edits, kept as typed so errors can sit next to them. */
interface Draft {
  symbol: string;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  quantity: string;
  limitPrice: string;
}

/** Buy or sell one instrument: validated before sending, live bid/ask and estimated cost, then pending → accepted → filled. */
export function OrderTicket(props: Partial<OrderTicketConfig> & { accountId: string; theme?: 'light' | 'dark' }) {
  const { theme, ...rest } = props;
  const config = orderTicketConfigSchema.parse(rest);
  const feed = useFeed(config.feed);
  const { account } = useAccount(config.accountId);
  const id = useId();
  const [draft, setDraft] = useState<Draft>({ symbol: '', side: 'buy', type: 'market', quantity: '10', limitPrice: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [key, setKey] = useState(() => crypto.randomUUID());

  const symbol = draft.symbol || feed?.symbols[0] || '';
  const quote = symbol ? feed?.rows[symbol] : undefined;
  const quantity = Number(draft.quantity);
  const unit = draft.type === 'limit' ? toCents(draft.limitPrice || 0) : quote ? toCents(draft.side === 'buy' ? quote.ask : quote.bid) : 0;
  const estimate = Number.isInteger(quantity) && quantity > 0 && unit > 0 ? quantity * unit : null;
  // Read-your-writes: the ticket trusts the stream, so "Filled" shows when the stream delivered the fill.
  const live = phase.kind === 'accepted' ? account?.orders.find((o) => o.id === phase.order.id) : undefined;
  const status = live?.status ?? null;
  // The server refuses orders on a paused feed (409 feed_paused): say so before anyone tries.
  const paused = feed?.status === 'paused';

  const update = (patch: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setKey(crypto.randomUUID()); // a changed order is a new order
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (paused) return;
    const candidate = {
      symbol,
      side: draft.side,
      type: draft.type,
      quantity: draft.quantity.trim() === '' ? Number.NaN : Number(draft.quantity),
      ...(draft.type === 'limit' ? { limitPrice: draft.limitPrice.trim() } : {}),
    };
    const parsed = orderRequestSchema.safeParse(candidate);
    if (!parsed.success) {
      setErrors(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
      return;
    }
    setErrors({});
    setPhase({ kind: 'pending' });
    try {
      const order = await placeOrder(parsed.data, key);
      setPhase({ kind: 'accepted', order });
      setKey(crypto.randomUUID());
    } catch (error) {
      if (error instanceof ApiError && error.issues.length) setErrors(Object.fromEntries(error.issues.map((i) => [String(i.path[0] ?? 'form'), i.message])));
      setPhase({ kind: 'rejected', message: error instanceof Error ? error.message : 'The order could not be placed.' });
    }
  };

  const field = (name: keyof Draft) => ({
    id: `${id}-${name}`,
    'aria-invalid': errors[name] ? true : undefined,
    'aria-describedby': errors[name] ? `${id}-${name}-error` : undefined,
  });
  const fieldError = (name: string) =>
    errors[name] ? (
      <p className="ql-field-error" id={`${id}-${name}-error`}>
        {errors[name]}
      </p>
    ) : null;

  return (
    <section className="ql-widget ql-ticket" data-theme={theme} aria-labelledby={`${id}-title`} data-testid="order-ticket">
      <style>{widgetBaseCss + css}</style>
      <header>
        <h2 id={`${id}-title`}>{config.title}</h2>
        <span className="ql-header-end">
          <FeedPaused status={feed?.status} feed={config.feed} />
          <StreamStatus unavailable={!!feed?.problem} />
        </span>
      </header>
      {feed?.problem && <TopicNotice problem={feed.problem} feed={config.feed} />}
      <form onSubmit={submit} noValidate>
        <div className="ql-wide">
          <label htmlFor={`${id}-symbol`}>Instrument</label>
          <select {...field('symbol')} value={symbol} onChange={(e) => update({ symbol: e.target.value })} disabled={!feed}>
            {feed?.symbols.map((s) => (
              <option key={s} value={s}>
                {s} · {feed.rows[s]!.name}
              </option>
            ))}
          </select>
          {fieldError('symbol')}
        </div>
        <div className="ql-touch ql-wide" aria-live="off">
          <span>
            Bid <strong data-testid="ticket-bid">{quote ? formatPrice(quote.bid, quote.decimals) : '—'}</strong>
          </span>
          <span>
            Ask <strong data-testid="ticket-ask">{quote ? formatPrice(quote.ask, quote.decimals) : '—'}</strong>
          </span>
        </div>
        <fieldset className="ql-wide">
          <legend>Side</legend>
          {(['buy', 'sell'] as const).map((side) => (
            <label key={side}>
              <input type="radio" name={`${id}-side`} value={side} checked={draft.side === side} onChange={() => update({ side })} />
              {side === 'buy' ? 'Buy' : 'Sell'}
            </label>
          ))}
        </fieldset>
        <div>
          <label htmlFor={`${id}-type`}>Type</label>
          <select {...field('type')} value={draft.type} onChange={(e) => update({ type: e.target.value as Draft['type'] })}>
            <option value="market">Market</option>
            <option value="limit">Limit</option>
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-quantity`}>Quantity</label>
          <input {...field('quantity')} inputMode="numeric" value={draft.quantity} onChange={(e) => update({ quantity: e.target.value })} />
          {fieldError('quantity')}
        </div>
        {draft.type === 'limit' && (
          <div className="ql-wide">
            <label htmlFor={`${id}-limitPrice`}>Limit price</label>
            <input {...field('limitPrice')} inputMode="decimal" value={draft.limitPrice} onChange={(e) => update({ limitPrice: e.target.value })} placeholder={quote ? String(quote.price) : ''} />
            {fieldError('limitPrice')}
          </div>
        )}
        <p className="ql-wide ql-muted" data-testid="ticket-estimate">
          Estimated {draft.side === 'buy' ? 'cost' : 'proceeds'}: {estimate === null ? '—' : formatCents(estimate)}
          {account && <> · Cash {formatCents(toCents(account.cash))}</>}
        </p>
        {paused && (
          <p className="ql-wide ql-paused-reason" id={`${id}-paused`} data-testid="ticket-paused">
            Trading is paused: feed {config.feed} is not updating, so orders are refused until it resumes.
          </p>
        )}
        <button type="submit" className="ql-primary ql-wide" disabled={phase.kind === 'pending' || !feed || paused} aria-describedby={paused ? `${id}-paused` : undefined}>
          {phase.kind === 'pending' ? 'Sending…' : `${draft.side === 'buy' ? 'Buy' : 'Sell'} ${symbol}`}
        </button>
        <div className="ql-wide" role="status" aria-live="polite">
          {phase.kind === 'rejected' && (
            <p className="ql-outcome" data-kind="rejected" data-testid="ticket-outcome">
              Rejected: {phase.message}
            </p>
          )}
          {phase.kind === 'accepted' && (
            <p className="ql-outcome" data-kind={status ?? 'accepted'} data-testid="ticket-outcome">
              {status === 'filled'
                ? `Filled: ${phase.order.side} ${phase.order.quantity} ${phase.order.symbol} at ${live?.averagePrice ?? phase.order.averagePrice}`
                : status === 'open'
                  ? `Accepted: resting at ${phase.order.limitPrice} until the market reaches it`
                  : status === 'cancelled'
                    ? 'Cancelled'
                    : status === 'rejected'
                      ? `Rejected: ${live?.reason ?? 'by the market'}`
                      : 'Accepted: confirming…'}
            </p>
          )}
        </div>
      </form>
    </section>
  );
}
