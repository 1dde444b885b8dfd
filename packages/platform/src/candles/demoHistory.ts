import type { Db } from '@quoteline/db';
import { simulatedHistory } from '@quoteline/market';

/** How far back a fresh demo's charts reach, and how finely the past is simulated. */
export const DEMO_HISTORY = { spanMs: 12 * 3_600_000, stepMs: 2_000 } as const;

/**
 * Gives every instrument of a simulated feed that has no candles yet a
 * simulated past ending at its last price (the feed's own volatility, drift
 * and seed), so a fresh install's charts show history at once. Instruments
 * with any candle are left alone: re-running it adds nothing. Returns the
 * number of candles written.
 */
export async function seedSimulatedHistory(db: Db, slug: string, now = Date.now()): Promise<number> {
  const feed = await db.feed.findUnique({ where: { slug }, include: { instruments: { orderBy: { symbol: 'asc' } } } });
  if (!feed || feed.source !== 'simulator') return 0;
  let written = 0;
  for (const [index, instrument] of feed.instruments.entries()) {
    if ((await db.candle.count({ where: { symbol: instrument.symbol } })) > 0) continue;
    const candles = simulatedHistory({
      symbol: instrument.symbol,
      lastPrice: instrument.lastPrice,
      tickSize: instrument.tickSize,
      params: feed,
      seed: feed.seed * 1_000 + index,
      end: now,
      ...DEMO_HISTORY,
    });
    const { count } = await db.candle.createMany({
      data: candles.map(({ start, ...c }) => ({ ...c, start: new Date(start) })),
    });
    written += count;
  }
  return written;
}
