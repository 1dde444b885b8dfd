import type { Db } from './client';

/** The demo feed every fresh install starts with (topic `feed:demo`). */
export const demoFeed = {
  slug: 'demo',
  name: 'Demo market',
  tickIntervalMs: 500,
  volatility: 0.35,
  spreadBps: 8,
  seed: 42,
} as const;

/** Ten fictional stocks for the stock-widget case; prices in minor units (cents, priceScale 2). */
export const demoInstruments: readonly { symbol: string; name: string; price: number }[] = [
  { symbol: 'ACME', name: 'Acme Corp', price: 14250 },
  { symbol: 'GLOBX', name: 'Globex Industries', price: 8733 },
  { symbol: 'INITE', name: 'Initech', price: 4120 },
  { symbol: 'UMBR', name: 'Umbrella Health', price: 21980 },
  { symbol: 'STARK', name: 'Stark Dynamics', price: 30615 },
  { symbol: 'WAYNE', name: 'Wayne Enterprises', price: 17840 },
  { symbol: 'CYBD', name: 'Cyberdyne Systems', price: 9275 },
  { symbol: 'SOYL', name: 'Soylent Foods', price: 2264 },
  { symbol: 'TYRL', name: 'Tyrell Robotics', price: 51390 },
  { symbol: 'HOOLI', name: 'Hooli', price: 12605 },
];

/** A second feed of currency pairs, quoted in their market's precision, ticking once a second (topic `feed:fx`). */
export const fxFeed = {
  slug: 'fx',
  name: 'FX majors',
  tickIntervalMs: 1000,
  volatility: 0.08,
  spreadBps: 1,
  seed: 7,
} as const;

/** Currency pairs; `price` in minor units of their `decimals` (pips and fractions of them; the yen pairs at 3). */
export const fxInstruments: readonly { symbol: string; name: string; price: number; decimals: number }[] = [
  { symbol: 'EURUSD', name: 'Euro / US Dollar', price: 108_520, decimals: 5 },
  { symbol: 'GBPUSD', name: 'British Pound / US Dollar', price: 126_710, decimals: 5 },
  { symbol: 'USDJPY', name: 'US Dollar / Japanese Yen', price: 151_425, decimals: 3 },
  { symbol: 'EURGBP', name: 'Euro / British Pound', price: 8_565, decimals: 4 },
];

/** Every seeded feed with its instruments (demo instruments are quoted in cents). */
export const seededFeeds = [
  { feed: demoFeed, instruments: demoInstruments.map((i) => ({ ...i, decimals: 2 })) },
  { feed: fxFeed, instruments: fxInstruments },
] as const;

/**
 * Upserts the seeded feeds and their instruments; safe to re-run. Existing rows only get their display names
 * refreshed: prices and feed tuning belong to the running market once created.
 */
export async function seed(db: Db): Promise<{ feeds: number; instruments: number }> {
  let instruments = 0;
  for (const { feed: config, instruments: list } of seededFeeds) {
    const { slug, name, ...settings } = config;
    const feed = await db.feed.upsert({ where: { slug }, create: { slug, name, ...settings }, update: { name } });
    for (const { symbol, name, price, decimals } of list) {
      await db.instrument.upsert({
        where: { symbol },
        create: {
          symbol,
          name,
          feedId: feed.id,
          priceScale: decimals,
          tickSize: 1,
          openPrice: price,
          lastPrice: price,
        },
        update: { name },
      });
      instruments++;
    }
  }
  return { feeds: seededFeeds.length, instruments };
}
