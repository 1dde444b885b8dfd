import type { Db } from '@quoteline/db';
import type { Candle } from '@quoteline/market';
import { CANDLE_INTERVAL_MS, candleIntervalSchema, type CandleInterval } from '@quoteline/protocol';

/** Where candles persist; the recorder and the candles endpoint see only this, so tests can count writes. */
export interface CandleStore {
  /** Upserts candles by (symbol, interval, start); one call is one batch. */
  save(candles: readonly Candle[]): Promise<void>;
  /** The newest `limit` candles of a series, oldest first. */
  history(symbol: string, interval: CandleInterval, limit: number): Promise<Candle[]>;
  /** Candles whose period contains `now`: what a restarted recorder continues. */
  inProgress(now: number): Promise<Candle[]>;
}

/** Rows per transaction: keeps one flush from holding SQLite's write lock for long. */
const BATCH = 200;

type CandleRow = {
  symbol: string;
  interval: string;
  start: Date;
  open: number;
  high: number;
  low: number;
  close: number;
  ticks: number;
};

/** The Prisma-backed candle store. */
export function prismaCandleStore(db: Db): CandleStore {
  return {
    async save(candles) {
      for (let i = 0; i < candles.length; i += BATCH) {
        await db.$transaction(
          candles.slice(i, i + BATCH).map((c) => {
            const values = { open: c.open, high: c.high, low: c.low, close: c.close, ticks: c.ticks };
            const key = { symbol: c.symbol, interval: c.interval, start: new Date(c.start) };
            return db.candle.upsert({
              where: { symbol_interval_start: key },
              create: { ...key, ...values },
              update: values,
            });
          }),
        );
      }
    },
    async history(symbol, interval, limit) {
      const rows = await db.candle.findMany({ where: { symbol, interval }, orderBy: { start: 'desc' }, take: limit });
      return rows.reverse().flatMap(fromRow);
    },
    async inProgress(now) {
      // Not a candle of a later period: continuing one would skip every tick until then as older.
      const rows = await db.candle.findMany({
        where: { start: { gt: new Date(now - CANDLE_INTERVAL_MS['1h']), lte: new Date(now) } },
      });
      return rows.flatMap(fromRow).filter((c) => c.start + CANDLE_INTERVAL_MS[c.interval] > now);
    },
  };
}

/** A row as a candle; a row of an interval this version does not build is skipped. */
function fromRow(row: CandleRow): Candle[] {
  const interval = candleIntervalSchema.safeParse(row.interval);
  if (!interval.success) return [];
  return [
    {
      symbol: row.symbol,
      interval: interval.data,
      start: row.start.getTime(),
      open: row.open,
      high: row.high,
      low: row.low,
      close: row.close,
      ticks: row.ticks,
    },
  ];
}
