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

/**
 * Upserts the demo feed and its instruments; safe to re-run. Existing rows only get their display names
 * refreshed: prices and feed tuning belong to the running market once created.
 */
export async function seed(db: Db): Promise<{ feedId: string; instruments: number }> {
  const { slug, name, ...settings } = demoFeed;
  const feed = await db.feed.upsert({ where: { slug }, create: { slug, name, ...settings }, update: { name } });
  for (const { symbol, name, price } of demoInstruments) {
    await db.instrument.upsert({
      where: { symbol },
      create: { symbol, name, feedId: feed.id, priceScale: 2, tickSize: 1, openPrice: price, lastPrice: price },
      update: { name },
    });
  }
  return { feedId: feed.id, instruments: demoInstruments.length };
}
