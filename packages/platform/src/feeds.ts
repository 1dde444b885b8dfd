import type { Db } from '@quoteline/db';
import type { FeedConfig } from '@quoteline/market';

/** Reads every feed with its instruments from the database, in the shape the market engine takes. */
export async function loadFeedConfigs(db: Db): Promise<FeedConfig[]> {
  const feeds = await db.feed.findMany({ include: { instruments: true }, orderBy: { slug: 'asc' } });
  return feeds.map((f) => ({
    slug: f.slug,
    source: f.source,
    status: f.status === 'paused' ? 'paused' : 'running',
    tickIntervalMs: f.tickIntervalMs,
    volatility: f.volatility,
    drift: f.drift,
    spreadBps: f.spreadBps,
    seed: f.seed,
    instruments: f.instruments.map((i) => ({
      symbol: i.symbol,
      name: i.name,
      priceScale: i.priceScale,
      tickSize: i.tickSize,
      openPrice: i.openPrice,
      lastPrice: i.lastPrice,
    })),
  }));
}

/** Writes the engine's live last prices back, so a restart continues from them. */
export async function checkpointLastPrices(db: Db, prices: { symbol: string; price: number }[]): Promise<void> {
  if (prices.length === 0) return;
  await db.$transaction(prices.map((p) => db.instrument.updateMany({ where: { symbol: p.symbol }, data: { lastPrice: p.price } })));
}
