import { describe, expect, it } from 'vitest';
import type { ErrorBody, InstrumentSearchResponse } from '@quoteline/protocol';
import { embedKeySql } from '../support/appServer';
import { appPerFile } from '../support/signedInApp';
import { openTestStream } from '../support/sseClient';
import { waitUntil } from '../support/streamTools';

const SHOP = 'https://shop.example';
const app = appPerFile({
  env: { QUOTELINE_INSTANCE: 'it-search' },
  sql: embedKeySql('pk_shop_search_01', { origins: [SHOP], feeds: ['demo'], symbols: ['ACME', 'HOOLI'] }),
});

/** `GET /api/instruments?<query>`, anonymous unless `headers` say otherwise. */
async function search(
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: InstrumentSearchResponse & ErrorBody }> {
  const response = await fetch(`${app.server.url}/api/instruments?${query}`, { headers });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as InstrumentSearchResponse & ErrorBody,
  };
}
const symbols = async (query: string) => (await search(query)).body.instruments.map((i) => i.symbol);

/** A feed of its own for this file: exact, prefix and name matches of "eur", one that only contains it, and a dozen alike. */
async function createSearchFeed(): Promise<void> {
  const created = await app.admin.send('POST', '/api/admin/feeds', { slug: 'srch', name: 'Search', source: 'push' });
  expect(created.status).toBe(201);
  const instruments = [
    { symbol: 'EUR', name: 'Exact Holdings' },
    { symbol: 'EURX', name: 'Prefix Partners' },
    { symbol: 'ZZEU', name: 'The European Fund' },
    { symbol: 'AEUR', name: 'Aeuro Group' },
    ...Array.from({ length: 12 }, (_, i) => ({
      symbol: `SRCH${String(i + 1).padStart(2, '0')}`,
      name: `Search Item ${i + 1}`,
    })),
  ];
  for (const instrument of instruments) {
    const answer = await app.admin.send('POST', '/api/admin/feeds/srch/instruments', { ...instrument, price: 10 });
    expect(answer.status).toBe(201);
  }
  await waitUntil(async () => (await symbols('q=srch&limit=50')).length === 12, 'the new instruments in the search');
}

describe('GET /api/instruments?q=', () => {
  it('ranks the exact symbol, then symbol prefixes, then words of the name, ties by symbol', async () => {
    await createSearchFeed();
    expect(await symbols('q=eur')).toEqual(['EUR', 'EURGBP', 'EURUSD', 'EURX', 'ZZEU']);
    expect(await symbols('q=EuR')).toEqual(await symbols('q=eur'));
    expect(await symbols('q=%20eur%20')).toEqual(await symbols('q=eur'));
    // a name word's start, even across words; never the middle of a word or of a symbol
    expect(await symbols('q=us%20dol')).toEqual(['EURUSD', 'GBPUSD', 'USDJPY']);
    expect(await symbols('q=uro')).toEqual([]);
    expect(await symbols('q=ACME')).toEqual(['ACME']);
    expect(await symbols('q=acme%20corp')).toEqual(['ACME']);
    expect(await symbols('q=nothing-like-it')).toEqual([]);
  });

  it("answers the seeded fx feed's EURUSD with its feed, name, decimals and the live last price", async () => {
    const { status, headers, body } = await search('q=EURUSD');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body.instruments).toEqual([
      { symbol: 'EURUSD', name: 'Euro / US Dollar', feed: 'fx', decimals: 5, last: expect.any(Number) },
    ]);
    const last = body.instruments[0]!.last;
    expect(Math.abs(Math.round(last * 1e5) / 1e5 - last)).toBeLessThan(1e-12);
    expect(last).toBeGreaterThan(0.5);
    expect(last).toBeLessThan(2);
  });

  it('answers signed-in traders the same feeds as anonymous readers', async () => {
    const signedIn = (await (
      await app.trader.fetch('/api/instruments?q=e&limit=50')
    ).json()) as InstrumentSearchResponse;
    const anonymous = (await search('q=e&limit=50')).body;
    expect(signedIn.instruments.map((i) => i.symbol)).toEqual(anonymous.instruments.map((i) => i.symbol));
    expect(new Set(anonymous.instruments.map((i) => i.feed))).toEqual(new Set(['demo', 'fx', 'srch']));
  });

  it('answers 10 by default, `limit` of them when given, the best first', async () => {
    expect(await symbols('q=srch')).toEqual(
      Array.from({ length: 10 }, (_, i) => `SRCH${String(i + 1).padStart(2, '0')}`),
    );
    expect(await symbols('q=srch&limit=50')).toHaveLength(12);
    expect(await symbols('q=eur&limit=2')).toEqual(['EUR', 'EURGBP']);
    expect(await symbols('q=eur&limit=1')).toEqual(['EUR']);
  });

  it("keeps a paused feed's instruments at the price its stream shows", async () => {
    expect((await app.admin.send('POST', '/api/admin/feeds/fx/pause')).status).toBe(200);
    const stream = await openTestStream(app.server.url, '/api/stream?topics=feed:fx');
    try {
      await stream.waitFor((events) => events.some((e) => e.type === 'add' && e.data.symbol === 'EURUSD'));
      const shown = stream.events.find((e) => e.type === 'add' && e.data.symbol === 'EURUSD')!.data as {
        price: number;
      };
      const [found] = (await search('q=EURUSD')).body.instruments;
      expect(found).toMatchObject({ symbol: 'EURUSD', feed: 'fx', last: shown.price });
    } finally {
      stream.close();
      expect((await app.admin.send('POST', '/api/admin/feeds/fx/resume')).status).toBe(200);
    }
  });

  it('forgets a removed instrument at once, and every instrument of a deleted feed', async () => {
    expect((await app.admin.send('DELETE', '/api/admin/feeds/srch/instruments/EURX')).status).toBe(204);
    expect(await symbols('q=eur')).toEqual(['EUR', 'EURGBP', 'EURUSD', 'ZZEU']);
    expect(await symbols('q=EURX')).toEqual([]);
    expect((await app.admin.send('DELETE', '/api/admin/feeds/srch?confirm=true')).status).toBe(204);
    expect(await symbols('q=eur')).toEqual(['EURGBP', 'EURUSD']);
    expect(await symbols('q=srch')).toEqual([]);
  });

  it("limits an embedding page to its key's feeds and symbols, with CORS for it", async () => {
    const answer = await search('q=e&limit=50&key=pk_shop_search_01', { Origin: SHOP });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(SHOP);
    expect(answer.body.instruments.map((i) => i.symbol)).toEqual([]);
    const acme = await search('q=a&key=pk_shop_search_01', { Origin: SHOP });
    expect(acme.body.instruments.map((i) => `${i.feed}/${i.symbol}`)).toEqual(['demo/ACME']);
    expect((await search('q=EURUSD&key=pk_shop_search_01', { Origin: SHOP })).body.instruments).toEqual([]);
    const elsewhere = await search('q=a&key=pk_shop_search_01', { Origin: 'https://evil.example' });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.error.code).toBe('forbidden');
  });

  it.each([
    ['no q', '', 'q'],
    ['an empty q', 'q=', 'q'],
    ['a q of spaces only', 'q=%20%20%20', 'q'],
    ['a q over 64 characters', `q=${'a'.repeat(65)}`, 'q'],
    ['a q with a control character', 'q=eu%01r', 'q'],
    ['a q with a newline', 'q=eur%0A', 'q'],
    ['limit=0', 'q=eur&limit=0', 'limit'],
    ['limit=51', 'q=eur&limit=51', 'limit'],
    ['limit=ten', 'q=eur&limit=ten', 'limit'],
    ['limit=1.5', 'q=eur&limit=1.5', 'limit'],
    ['an empty limit', 'q=eur&limit=', 'limit'],
  ])('refuses %s with 400 bad_request naming the parameter', async (_what, query, parameter) => {
    const { status, body } = await search(query);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message.length).toBeGreaterThan(10);
    expect(body.error.issues?.[0]?.path).toEqual([parameter]);
  });

  it('accepts a q of exactly 64 characters', async () => {
    const { status, body } = await search(`q=${'a'.repeat(64)}`);
    expect(status).toBe(200);
    expect(body.instruments).toEqual([]);
  });
});
