import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MarketEngine, parseReplayCsv, type MarketEvent } from '@quoteline/market';
import { Replays } from './replays';

const CSV = 'timestamp,symbol,price\n1767225600,RPL,20.5\n1767225601,RPL,21\n1767225602,RPL,21.25\n';
const options = { speed: 1, loop: false };

function setup() {
  const published: MarketEvent[] = [];
  const engine = new MarketEngine({ publish: (e) => published.push(e), now: () => 1 });
  engine.loadFeed({
    slug: 'r',
    source: 'replay',
    status: 'running',
    tickIntervalMs: 500,
    volatility: 0,
    drift: 0,
    spreadBps: 10,
    seed: 1,
    instruments: [{ symbol: 'RPL', name: 'Replay Co', priceScale: 2, tickSize: 1, openPrice: 2_000, lastPrice: 2_000 }],
  });
  const prices = () => published.filter((e) => e.type === 'update').map((e) => (e.data as { price: number }).price);
  return { engine, replays: new Replays(engine), prices };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('replays', () => {
  it('keeps the place of an uploaded replay when the same file and pace are restored (another change to the feed was announced)', async () => {
    const { replays, prices } = setup();
    replays.play('r', CSV, parseReplayCsv(CSV).rows, options);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(prices()).toEqual([20.5, 21]);
    replays.restore('r', CSV, options);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(prices()).toEqual([20.5, 21, 21.25]); // went on, did not start over
  });

  it('starts over when the file or the pace changed', async () => {
    const { replays, prices } = setup();
    replays.restore('r', CSV, options);
    await vi.advanceTimersByTimeAsync(1_500);
    replays.restore('r', CSV, { speed: 2, loop: false });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(prices()).toEqual([20.5, 21, 20.5, 21, 21.25]);
  });
});
