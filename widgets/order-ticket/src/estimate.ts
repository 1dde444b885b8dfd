import { toCents } from '@quoteline/widget-kit';
import type { OrderDraft } from './OrderFields';

/**
 * The estimated cost (buy) or proceeds (sell) of a draft in cents: the limit
 * price, or for a market order the side of the quote it would trade at (ask
 * to buy, bid to sell). Null until a whole positive quantity and a price make one.
 */
export function estimateCents(
  draft: Pick<OrderDraft, 'side' | 'type' | 'quantity' | 'limitPrice'>,
  quote: { bid: number; ask: number } | undefined,
): number | null {
  const quantity = Number(draft.quantity);
  const unit =
    draft.type === 'limit'
      ? toCents(draft.limitPrice || 0)
      : quote
        ? toCents(draft.side === 'buy' ? quote.ask : quote.bid)
        : 0;
  return Number.isInteger(quantity) && quantity > 0 && unit > 0 ? quantity * unit : null;
}
