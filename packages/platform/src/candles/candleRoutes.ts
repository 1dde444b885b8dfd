import { toWirePrice, type Candle } from '@quoteline/market';
import { candlesQuerySchema, invalid, QuotelineError, symbolSchema, type CandlesResponse } from '@quoteline/protocol';
import type { Platform } from '../platform';
import { corsHeaders } from '../embed/embedKeys';

/**
 * `GET /api/instruments/<symbol>/candles?interval=1m|5m|1h&limit=N`: stored
 * history merged with the candles still in memory (the current one and any
 * not yet flushed), oldest first, prices as wire numbers.
 */
export async function getCandles(platform: Platform, symbolParam: string, search: URLSearchParams, origin: string | null = null): Promise<Response> {
  const symbol = symbolSchema.safeParse(symbolParam);
  if (!symbol.success) throw invalid('invalid_symbol', 'The symbol must be 1-12 uppercase letters, digits, dots or dashes.', symbol.error.issues.map((i) => ({ ...i, path: ['symbol'] })));
  const query = candlesQuerySchema.safeParse({ interval: search.get('interval') ?? undefined, limit: search.get('limit') ?? undefined });
  if (!query.success) {
    const badInterval = query.error.issues.some((i) => i.path[0] === 'interval');
    throw invalid(badInterval ? 'invalid_interval' : 'bad_request', badInterval ? 'The interval must be 1m, 5m or 1h.' : 'The limit must be a whole number from 1 to 1000.', query.error.issues);
  }
  const quote = platform.hub.views.findSymbol(symbol.data);
  if (!quote) throw new QuotelineError('unknown_symbol', `There is no instrument ${symbol.data}.`);
  const { interval, limit } = query.data;
  // Embedded charts name their key: it must allow this page, this symbol's feed and the symbol itself.
  const key = search.get('key');
  const grant = key ? await platform.embedKeys.grant(key, origin) : null;
  if (grant && !grant.feeds.includes(quote.topic.slice('feed:'.length))) throw new QuotelineError('forbidden', 'This embed key does not allow this symbol\'s feed.');
  if (grant?.symbols && !grant.symbols.includes(symbol.data)) throw new QuotelineError('forbidden', 'This embed key does not allow this symbol.');

  const byStart = new Map<number, Candle>();
  for (const c of await platform.candleStore.history(symbol.data, interval, limit)) byStart.set(c.start, c);
  for (const c of platform.candles.recent(symbol.data, interval)) byStart.set(c.start, c); // memory is newer than the store
  const candles = [...byStart.values()].sort((a, b) => a.start - b.start).slice(-limit);

  const d = quote.decimals;
  const body: CandlesResponse = {
    symbol: symbol.data,
    interval,
    decimals: d,
    candles: candles.map((c) => ({ time: c.start / 1000, open: toWirePrice(c.open, d), high: toWirePrice(c.high, d), low: toWirePrice(c.low, d), close: toWirePrice(c.close, d) })),
  };
  return Response.json(body, { headers: { 'Cache-Control': 'no-store', ...(grant ? corsHeaders(grant.origin) : {}) } });
}
