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

  return (
    <>
      <div className="ql-wide">
        <label htmlFor={`${id}-symbol`}>Instrument</label>
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
      <div>
        <label htmlFor={`${id}-type`}>Type</label>
        <select
          {...field('type')}
          value={draft.type}
          onChange={(e) => onChange({ type: e.target.value as OrderDraft['type'] })}
        >
          <option value="market">Market</option>
          <option value="limit">Limit</option>
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-quantity`}>Quantity</label>
        <input
          {...field('quantity')}
          inputMode="numeric"
          value={draft.quantity}
          onChange={(e) => onChange({ quantity: e.target.value })}
        />
        {fieldError('quantity')}
      </div>
      {draft.type === 'limit' && (
        <div className="ql-wide">
          <label htmlFor={`${id}-limitPrice`}>Limit price</label>
          <input
            {...field('limitPrice')}
            inputMode="decimal"
            value={draft.limitPrice}
            onChange={(e) => onChange({ limitPrice: e.target.value })}
            placeholder={quote ? String(quote.price) : ''}
          />
          {fieldError('limitPrice')}
        </div>
      )}
    </>
  );
}
