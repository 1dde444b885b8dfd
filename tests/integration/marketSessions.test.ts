import { describe, expect, it } from 'vitest';
import { appPerFile } from '../support/signedInApp';
import { openTestStream } from '../support/sseClient';

const app = appPerFile({ env: { QUOTELINE_INSTANCE: 'it-sessions', QUOTELINE_TEST_HOOKS: '1' } });

const newYork = {
  timeZone: 'America/New_York',
  hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, { open: '09:30', close: '16:00' }])),
  holidays: ['2026-12-25'],
};
// Monday 7 December 2026: 16:00 in New York (EST, UTC−5) is 21:00 UTC; Tuesday opens 14:30 UTC.
const CLOSE = Date.UTC(2026, 11, 7, 21, 0);
const TUESDAY_OPEN = Date.UTC(2026, 11, 8, 14, 30);

const setClock = async (now: number) => {
  const response = await app.admin.send('POST', '/api/test/clock', { now });
  expect(response.status).toBe(200);
};

describe('market sessions', () => {
  it('reports open, then closed at the close with the next open, refuses orders with 409 market_closed meanwhile, and reopens', async () => {
    expect((await app.admin.send('POST', '/api/admin/feeds', { slug: 'nyse', name: 'New York' })).status).toBe(201);
    expect(
      (await app.admin.send('POST', '/api/admin/feeds/nyse/instruments', { symbol: 'NYCO', name: 'NY Co', price: 50 }))
        .status,
    ).toBe(201);
    await setClock(CLOSE - 1_500);
    const patched = await app.admin.send('PATCH', '/api/admin/feeds/nyse', { calendar: newYork, staleAfterMs: 5_000 });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ calendar: newYork, staleAfterMs: 5_000 });

    const stream = await openTestStream(app.server.url, '/api/stream?topics=feed:nyse');
    try {
      const statuses = () => stream.events.flatMap((e) => (e.type === 'status' ? [e.data] : []));
      await stream.waitFor(() => statuses().length > 0, 3000);
      expect(statuses()[0]).toMatchObject({
        state: 'open',
        nextChange: CLOSE,
        timeZone: 'America/New_York',
        staleAfterMs: 5_000,
      });
      // the engine looks every second: the close reaches the stream within about one
      await stream.waitFor(() => statuses().some((s) => s.state === 'closed'), 5000);
      expect(statuses().at(-1)).toMatchObject({ status: 'running', state: 'closed', nextChange: TUESDAY_OPEN });

      const refused = await app.trader.order({ symbol: 'NYCO', side: 'buy', type: 'market', quantity: 1 });
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({
        error: { code: 'market_closed', message: expect.stringContaining('opens Tue 09:30 (New York)') },
      });

      await setClock(TUESDAY_OPEN - 500);
      await stream.waitFor(() => statuses().at(-1)?.state === 'open', 5000);
      const accepted = await app.trader.order({ symbol: 'NYCO', side: 'buy', type: 'market', quantity: 1 });
      expect(accepted.status).toBe(201);
    } finally {
      stream.close();
    }
  });

  it('refuses a calendar that is not one (400 invalid_body) and changes nothing', async () => {
    for (const calendar of [
      { timeZone: 'Mars/Olympus', hours: {}, holidays: [] },
      { timeZone: 'UTC', hours: { mon: { open: '16:00', close: '09:30' } } },
      { timeZone: 'UTC', hours: { someday: { open: '09:00', close: '10:00' } } },
    ]) {
      const response = await app.admin.send('PATCH', '/api/admin/feeds/demo', { calendar });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_body' } });
    }
    const feeds = (await (await app.admin.fetch('/api/admin/feeds')).json()) as {
      feeds: { slug: string; calendar: unknown; market: { state: string } }[];
    };
    expect(feeds.feeds.find((f) => f.slug === 'demo')).toMatchObject({ calendar: null, market: { state: 'open' } });
  });
});
