import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedSql, startAppServer, type AppServer } from '../support/appServer';
import { signIn, type TestSession } from '../support/session';
import { runStalledReader } from '../support/stalledReader';

// A reader that stops reading for a minute while a feed ticks every 50 ms,
// then reads again: socket buffers hold a minute of old prices, which the
// page's stream client must not show; it resumes, and shows fresh prices at
// once, with every private event of the stall.

let server: AppServer;
let trader: TestSession;
const SYMBOLS = ['FAST0', 'FAST1', 'FAST2', 'FAST3', 'FAST4'];

beforeAll(async () => {
  server = await startAppServer({
    env: { QUOTELINE_INSTANCE: 'it-stall' },
    sql: feedSql('fast', { tickMs: 50, count: 5, prefix: 'FAST' }),
  });
  trader = await signIn(server.url, 'trader@example.com', 'quoteline-trader');
});
afterAll(() => server?.stop());

describe('a stalled reader that reads again (loopback)', () => {
  it('shows every symbol at most 2 s old within 5 s, and loses no private event', async () => {
    const figures = await runStalledReader({
      streamUrl: server.url,
      trader,
      feed: 'fast',
      symbols: SYMBOLS,
      stallMs: 60_000,
      freshMs: 2_000,
      orders: 6,
      placeOrder: async () => {
        const response = await trader.order({ symbol: 'FAST0', side: 'buy', type: 'market', quantity: 1 });
        if (response.status !== 201) throw new Error(`order refused: ${response.status} ${await response.text()}`);
        return ((await response.json()) as { id: string }).id;
      },
    });
    console.log(`stalled reader, loopback: ${JSON.stringify(figures)}`);
    expect(figures.freshAfterMs).toBeLessThanOrEqual(5_000);
    expect(figures.maxAgeMs).toBeLessThanOrEqual(2_000);
    // What waited in the buffers is never shown: the first price shown after the stall is fresh too.
    expect(figures.firstShownAgeMs).toBeLessThanOrEqual(2_000);
    expect(figures.orderEventsReceived).toBe(figures.ordersPlaced);
  }, 120_000);
});
