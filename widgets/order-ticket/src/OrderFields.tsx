import type { ReactNode } from 'react';
import type { FeedState, QuoteRow } from '@quoteline/client';
import { formatPrice } from '@quoteline/widget-kit';

/** Fields a person edits, kept as typed so errors can sit next to them. */
export interface OrderDraft {
  symbol: string;
  side: 'buy' | 'sell';
  type: 'market' | 'limit';
  quantity: string;
  limitPrice: string;
}

/**
 * The ticket's order fields: the instrument (with its live bid and ask), side,
 * type, quantity and, for a limit order, the limit price. Each field points at
 * its error (aria-describedby) and says when it is invalid.
 */
export function OrderFields({
  id,
  draft,
  symbol,
  feed,
  quote,
  errors,
  onChange,
}: {
  id: string;
  draft: OrderDraft;
  symbol: string;
  feed: FeedState | undefined;
  quote: QuoteRow | undefined;
  errors: Record<string, string>;
  onChange: (patch: Partial<OrderDraft>) => void;
}) {
  const field = (name: keyof OrderDraft) => ({
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
  /** A typed field's input, bound to the draft. */
  const typed = (name: 'quantity' | 'limitPrice', inputMode: 'numeric' | 'decimal', placeholder?: string) => (
    <input
      {...field(name)}
      inputMode={inputMode}
      value={draft[name]}
      onChange={(e) => onChange({ [name]: e.target.value })}
      placeholder={placeholder}
    />
  );
  /** A field's row: its label, its control and its error. */
  const labelled = (name: keyof OrderDraft, label: string, control: ReactNode, className?: string) => (
    <div className={className}>
      <label htmlFor={`${id}-${name}`}>{label}</label>
      {control}
      {fieldError(name)}
    </div>
  );

  return (
    <>
      {labelled(
        'symbol',
        'Instrument',
        <select
          {...field('symbol')}
          value={symbol}
          onChange={(e) => onChange({ symbol: e.target.value })}
          disabled={!feed}
        >
          {feed?.symbols.map((s) => (
            <option key={s} value={s}>
              {s} · {feed.rows[s]!.name}
            </option>
          ))}
        </select>,
        'ql-wide',
      )}
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
            <input
              type="radio"
              name={`${id}-side`}
              value={side}
              checked={draft.side === side}
              onChange={() => onChange({ side })}
            />
            {side === 'buy' ? 'Buy' : 'Sell'}
          </label>
        ))}
      </fieldset>
      {labelled(
        'type',
        'Type',
        <select
          {...field('type')}
          value={draft.type}
          onChange={(e) => onChange({ type: e.target.value as OrderDraft['type'] })}
        >
          <option value="market">Market</option>
          <option value="limit">Limit</option>
        </select>,
      )}
      {labelled('quantity', 'Quantity', typed('quantity', 'numeric'))}
      {draft.type === 'limit' &&
        labelled(
          'limitPrice',
          'Limit price',
          typed('limitPrice', 'decimal', quote ? String(quote.price) : ''),
          'ql-wide',
        )}
    </>
  );
}
