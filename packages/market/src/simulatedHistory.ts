import { CandleBuilder, type Candle } from './candleBuilder';
import { createRandom } from './random';
import { gbmStep, quoteFromMid, type SimulatorParams } from './simulator';

/** What a simulated past of one instrument is made from. */
export interface SimulatedHistoryOptions {
  symbol: string;
  /** The price (minor units) the history ends at: the instrument's last price, so live ticks continue it. */
  lastPrice: number;
  tickSize: number;
  params: Pick<SimulatorParams, 'volatility' | 'drift'>;
  seed: number;
  /** End of the history (ms since the epoch); the last tick falls one step before it. */
  end: number;
  /** How far back it reaches, in wall-clock ms. */
  spanMs: number;
  /** Wall-clock ms between simulated ticks (a live feed ticks more often; 2 s gives a 1-minute candle 30 ticks). */
  stepMs: number;
}

/**
 * Candles (every interval) of a simulated past that ends at `lastPrice`: the
 * simulator's own random walk run backwards from the last price, folded by
 * the platform's candle builder. Deterministic for a seed. A fresh demo's
 * charts then show a past instead of one lone candle.
 */
export function simulatedHistory(options: SimulatedHistoryOptions): Candle[] {
  const { symbol, lastPrice, tickSize, params, end, spanMs, stepMs } = options;
  const random = createRandom(options.seed);
  const count = Math.floor(spanMs / stepMs);
  // Walking back in time: the drift runs the other way.
  const backwards = { volatility: params.volatility, drift: -params.drift, spreadBps: 0 };
  const mids = new Array<number>(count);
  let mid = lastPrice;
  for (let i = count - 1; i >= 0; i--) {
    mids[i] = mid;
    mid = gbmStep(mid, backwards, stepMs, random);
  }
  const builder = new CandleBuilder({ keepClosed: 0 });
  mids.forEach((m, i) => builder.add(symbol, quoteFromMid(m, tickSize, 0).price, end - (count - i) * stepMs));
  return builder.takeChanged();
}
