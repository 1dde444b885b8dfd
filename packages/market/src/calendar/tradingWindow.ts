import type { MarketStatus } from '../engine';
import { describeSession } from './tradingCalendar';

/** Why an instrument cannot be traded right now, as an error code and words for the trader. */
export interface TradingRefusal {
  code: 'feed_paused' | 'market_closed';
  message: string;
}

/** Null when orders on `symbol` may go ahead under `market`; else why not (halted: paused by an admin; closed: outside its session). */
export function tradingRefusal(symbol: string, market: MarketStatus | null): TradingRefusal | null {
  if (!market || market.state === 'open') return null;
  if (market.state === 'halted')
    return { code: 'feed_paused', message: `Trading in ${symbol} is paused; try again when its feed resumes.` };
  const when = describeSession({ state: 'closed', nextChange: market.nextChange }, market.timeZone ?? 'UTC');
  return { code: 'market_closed', message: `The market for ${symbol} is closed (${when}).` };
}
