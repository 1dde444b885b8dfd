import { toWirePrice, type Candle } from '@quoteline/market';
import {
  candlesQuerySchema,
  feedSlugOf,
  invalid,
  QuotelineError,
  parseSymbol,
  type CandlesResponse,
} from '@quoteline/protocol';
import type { TopicViews } from '@quoteline/stream';
import type { EmbedCaller, EmbedGrant, EmbedKeys } from '../embed/embedKeys';
import type { CandleRecorder } from './candleRecorder';
import type { CandleStore } from './candleStore';

/** What serving candle history needs from the platform. */
export interface CandleServiceDeps {
  /** Which instruments exist, their feed and decimals. */
  views: Pick<TopicViews, 'findSymbol'>;
  store: Pick<CandleStore, 'history'>;
  recorder: Pick<CandleRecorder, 'recent'>;
  embedKeys: Pick<EmbedKeys, 'grant'>;
}

/** A candles request's query as given (validated here). */
export interface CandlesQuery {
  interval?: string;
  limit?: string;
}

/** Candle history of one instrument, for charts on our pages and on embedding ones. */
export class CandleService {
  constructor(private readonly deps: CandleServiceDeps) {}

  /**
   * Stored history merged with the candles still in memory (the current one
   * and any not yet flushed), oldest first, prices as wire numbers. An embedded
   * chart names its key: it must allow the page, the symbol's feed and the symbol.
   */
  async history(
    symbolParam: string,
    input: CandlesQuery,
    embed: EmbedCaller | null,
  ): Promise<{ candles: CandlesResponse; grant: EmbedGrant | null }> {
    const symbol = parseSymbol(symbolParam);
    const query = candlesQuerySchema.safeParse(input);
    if (!query.success) {
      const badInterval = query.error.issues.some((i) => i.path[0] === 'interval');
      throw invalid(
        badInterval ? 'invalid_interval' : 'bad_request',
        badInterval ? 'The interval must be 1m, 5m or 1h.' : 'The limit must be a whole number from 1 to 1000.',
        query.error.issues,
      );
    }
    const quote = this.deps.views.findSymbol(symbol);
    if (!quote) throw new QuotelineError('unknown_symbol', `There is no instrument ${symbol}.`);
    const { interval, limit } = query.data;
    const grant = embed ? await this.deps.embedKeys.grant(embed.key, embed.origin) : null;
    if (grant && !grant.feeds.includes(feedSlugOf(quote.topic) ?? ''))
      throw new QuotelineError('forbidden', "This embed key does not allow this symbol's feed.");
    if (grant?.symbols && !grant.symbols.includes(symbol))
      throw new QuotelineError('forbidden', 'This embed key does not allow this symbol.');

    const byStart = new Map<number, Candle>();
    for (const c of await this.deps.store.history(symbol, interval, limit)) byStart.set(c.start, c);
    for (const c of this.deps.recorder.recent(symbol, interval)) byStart.set(c.start, c); // memory is newer than the store
    const candles = [...byStart.values()].sort((a, b) => a.start - b.start).slice(-limit);

    const d = quote.decimals;
    return {
      candles: {
        symbol: symbol,
        interval,
        decimals: d,
        candles: candles.map((c) => ({
          time: c.start / 1000,
          open: toWirePrice(c.open, d),
          high: toWirePrice(c.high, d),
          low: toWirePrice(c.low, d),
          close: toWirePrice(c.close, d),
        })),
      },
      grant,
    };
  }
}
