import { describe, expect, it } from 'vitest';
import { appPerFile } from '../support/signedInApp';
import { openTestStream } from '../support/sseClient';

const app = appPerFile({ env: { QUOTELINE_INSTANCE: 'it-precision' } });

/** Adds an instrument as the admin, expecting 201, and answers its JSON. */
async function addInstrument(feed: string, instrument: Record<string, unknown>): Promise<unknown> {
  const added = await app.admin.send('POST', `/api/admin/feeds/${feed}/instruments`, instrument);
  expect(added.status).toBe(201);
  return added.json();
}

/** True when `n` has at most `decimals` decimals. */
const hasAtMost = (n: number, decimals: number) =>
  Math.abs(Math.round(n * 10 ** decimals) / 10 ** decimals - n) < 1e-12;

describe('instruments quoted in their own precision', () => {
  it('an FX instrument added at 4 decimals ticks at 4 decimals end to end (stream, candles) and refuses off-grid limits', async () => {
    const created = await app.admin.send('POST', '/api/admin/feeds', {
      slug: 'fx4',
      name: 'FX at four',
      source: 'simulator',
      tickIntervalMs: 50,
      volatility: 2,
    });
    expect(created.status).toBe(201);
    const added = await addInstrument('fx4', {
      symbol: 'EURUSD4',
      name: 'Euro / US dollar',
      price: 1.0852,
      decimals: 4,
    });
    expect(added).toMatchObject({ symbol: 'EURUSD4', decimals: 4, tickSize: '0.0001' });

    const stream = await openTestStream(app.server.url, '/api/stream?topics=feed:fx4');
    try {
      await stream.waitFor((events) => events.filter((e) => e.type === 'update').length >= 20, 5000);
      const add = stream.events.find((e) => e.type === 'add' && e.data.symbol === 'EURUSD4')!;
      expect(add.data).toMatchObject({ decimals: 4, open: 1.0852 });
      const prices = stream.events.flatMap((e) => (e.type === 'update' ? [e.data.price, e.data.bid, e.data.ask] : []));
      for (const p of prices) expect(hasAtMost(p, 4)).toBe(true);
      // a simulator at 40 %/tick moves below the cent: prices use the third and fourth decimals
      expect(prices.some((p) => !hasAtMost(p, 2))).toBe(true);
    } finally {
      stream.close();
    }

    const candles = await (await fetch(`${app.server.url}/api/instruments/EURUSD4/candles?interval=1m`)).json();
    expect(candles).toMatchObject({ symbol: 'EURUSD4', decimals: 4 });

    const offGrid = await app.trader.order({
      symbol: 'EURUSD4',
      side: 'buy',
      type: 'limit',
      quantity: 1,
      limitPrice: 1.08525,
    });
    expect(offGrid.status).toBe(400);
    const body = (await offGrid.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('invalid_price');
    expect(body.error.message).toContain('0.0001');
  });

  it('takes a tick size larger than one unit of the last decimal and holds limits to it', async () => {
    const added = await addInstrument('demo', {
      symbol: 'NICKEL',
      name: 'Nickel Steps Inc',
      price: 20.05,
      tickSize: 0.05,
    });
    expect(added).toMatchObject({ decimals: 2, tickSize: '0.05' });
    const offGrid = await app.trader.order({
      symbol: 'NICKEL',
      side: 'buy',
      type: 'limit',
      quantity: 1,
      limitPrice: 20.03,
    });
    expect(offGrid.status).toBe(400);
    expect(await offGrid.json()).toMatchObject({
      error: { code: 'invalid_price', message: expect.stringContaining('multiple of 0.05') },
    });
    const onGrid = await app.trader.order({
      symbol: 'NICKEL',
      side: 'buy',
      type: 'limit',
      quantity: 1,
      limitPrice: 1.05,
    });
    expect(onGrid.status).toBe(201);
  });

  it.each([
    ['more decimals than it is quoted with', { price: 1.08525, decimals: 4 }],
    ['a price off its tick size', { price: 20.03, tickSize: 0.05 }],
    ['a tick size finer than its decimals', { price: 20, tickSize: 0.001 }],
    ['a price whose minor units an integer column cannot hold', { price: 30_000, decimals: 5 }],
  ])('refuses an instrument with %s (400 invalid_price)', async (_name, fields) => {
    const response = await app.admin.send('POST', '/api/admin/feeds/demo/instruments', {
      symbol: 'BADGRID',
      name: 'Bad grid',
      ...fields,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_price' } });
  });
});
