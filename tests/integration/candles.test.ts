import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { CandlesResponse, ErrorBody } from '@quoteline/protocol';
import { ROOT, startAppServer, type AppServer } from '../support/appServer';
import { signIn } from '../support/session';
import { waitUntil } from '../support/streamTools';

const baseUrl = inject('baseUrl');

async function candles(url: string, query = ''): Promise<{ status: number; body: CandlesResponse & ErrorBody }> {
  const response = await fetch(`${url}/api/instruments/${query}`);
  return { status: response.status, body: (await response.json()) as CandlesResponse & ErrorBody };
}

/** Candle rows of the server's SQLite file, read directly (not through the app). */
function storedCandles(
  server: AppServer,
  symbol: string,
  interval: string,
): { start: number; open: number; close: number; ticks: number }[] {
  const require = createRequire(join(ROOT, 'packages/db/package.json'));
  const Database = require('better-sqlite3') as new (
    path: string,
    o: { readonly: boolean },
  ) => { prepare(s: string): { all(...a: unknown[]): unknown[] }; close(): void };
  const db = new Database(server.databaseUrl.slice('file:'.length), { readonly: true });
  try {
    const rows = db
      .prepare('SELECT start, open, close, ticks FROM Candle WHERE symbol = ? AND interval = ? ORDER BY start')
      .all(symbol, interval) as { start: string; open: number; close: number; ticks: number }[];
    return rows.map((r) => ({ ...r, start: Date.parse(r.start) })); // Prisma keeps SQLite DateTimes as ISO text
  } finally {
    db.close();
  }
}

const decimalsOk = (n: number) => Math.abs(Math.round(n * 100) / 100 - n) < 1e-9;

describe('GET /api/instruments/<symbol>/candles', () => {
  it('answers 1m candles by default: oldest first, aligned, wire prices, the current one included', async () => {
    await waitUntil(async () => (await candles(baseUrl, 'ACME/candles')).body.candles?.length > 0, 'a first candle');
    const { status, body } = await candles(baseUrl, 'ACME/candles');
    expect(status).toBe(200);
    expect(body).toMatchObject({ symbol: 'ACME', interval: '1m', decimals: 2 });
    const times = body.candles.map((c) => c.time);
    expect([...times].sort((a, b) => a - b)).toEqual(times);
    expect(new Set(times).size).toBe(times.length);
    for (const c of body.candles) {
      expect(c.time % 60).toBe(0);
      expect(c.low).toBeLessThanOrEqual(Math.min(c.open, c.close));
      expect(c.high).toBeGreaterThanOrEqual(Math.max(c.open, c.close));
      for (const p of [c.open, c.high, c.low, c.close]) expect(decimalsOk(p)).toBe(true);
    }
    // the in-progress candle: its period contains now (give or take a minute boundary)
    expect(Date.now() / 1000 - body.candles.at(-1)!.time).toBeLessThan(120);
  });

  it.each([
    ['5m', 300],
    ['1h', 3600],
  ])('answers %s candles on their own period grid', async (interval, seconds) => {
    const { status, body } = await candles(baseUrl, `GLOBX/candles?interval=${interval}`);
    expect(status).toBe(200);
    expect(body.interval).toBe(interval);
    expect(body.candles.length).toBeGreaterThan(0);
    for (const c of body.candles) expect(c.time % seconds).toBe(0);
  });

  it('returns at most `limit` candles, the newest', async () => {
    const all = await candles(baseUrl, 'ACME/candles?interval=1m&limit=1000');
    const one = await candles(baseUrl, 'ACME/candles?limit=1');
    expect(one.status).toBe(200);
    expect(one.body.candles).toHaveLength(1);
    expect(one.body.candles[0]!.time).toBeGreaterThanOrEqual(all.body.candles.at(-1)!.time);
  });

  it.each([['2m'], ['1M'], ['']])('refuses interval=%j with 400 invalid_interval', async (interval) => {
    const { status, body } = await candles(baseUrl, `ACME/candles?interval=${interval}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('invalid_interval');
    expect(typeof body.error.message).toBe('string');
    expect(body.error.issues?.[0]?.path).toEqual(['interval']);
  });

  it.each([['0'], ['1001'], ['ten'], ['1.5']])('refuses limit=%s with 400 bad_request', async (limit) => {
    const { status, body } = await candles(baseUrl, `ACME/candles?limit=${limit}`);
    expect(status).toBe(400);
    expect(body.error.code).toBe('bad_request');
  });

  it.each([['acme'], ['TOO-LONG-SYMBOL'], ['A%20B']])(
    'refuses the symbol %s with 400 invalid_symbol',
    async (symbol) => {
      const { status, body } = await candles(baseUrl, `${symbol}/candles`);
      expect(status).toBe(400);
      expect(body.error.code).toBe('invalid_symbol');
    },
  );

  it('answers 404 unknown_symbol for a well-formed symbol no feed carries', async () => {
    const { status, body } = await candles(baseUrl, 'NOPE/candles');
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'unknown_symbol' });
  });
});

describe('candle persistence', () => {
  it('writes candles in batches while running', async () => {
    const server = await startAppServer({
      env: { QUOTELINE_CANDLE_FLUSH_MS: '300', QUOTELINE_INSTANCE: 'it-candles-batch' },
    });
    try {
      await waitUntil(() => storedCandles(server, 'ACME', '1m').length > 0, 'candles in the database', 15_000, 100);
      await waitUntil(
        () => (storedCandles(server, 'ACME', '1m').at(-1)?.ticks ?? 0) > 2,
        'a later batch updating the same candle',
        15_000,
        100,
      );
    } finally {
      await server.stop();
    }
  });

  it('keeps history across a restart: saved on SIGTERM, read back and continued', async () => {
    // A flush interval longer than the test: only the shutdown flush can have written them.
    const env = { QUOTELINE_CANDLE_FLUSH_MS: '60000', QUOTELINE_INSTANCE: 'it-candles-restart' };
    const first = await startAppServer({ env });
    let second: AppServer | null = null;
    try {
      await waitUntil(
        async () => (await candles(first.url, 'ACME/candles')).body.candles.length > 0,
        'candles',
        15_000,
        100,
      );
      const before = (await candles(first.url, 'ACME/candles')).body.candles;
      expect(storedCandles(first, 'ACME', '1m')).toEqual([]);
      await first.stop({ keepDatabase: true });
      expect(storedCandles(first, 'ACME', '1m').length).toBeGreaterThanOrEqual(before.length);

      second = await startAppServer({ env, databaseUrl: first.databaseUrl });
      const after = (await candles(second.url, 'ACME/candles?limit=1000')).body.candles;
      for (const earlier of before) {
        const same = after.find((c) => c.time === earlier.time);
        expect(same, `candle at ${earlier.time}`).toBeDefined();
        // the candle of the period still in progress goes on: same open, range only grows
        expect(same!.open).toBe(earlier.open);
        expect(same!.high).toBeGreaterThanOrEqual(earlier.high);
        expect(same!.low).toBeLessThanOrEqual(earlier.low);
      }
    } finally {
      if (second) await second.stop();
      else await first.stop();
    }
  });
});

describe('pushed ticks and the candle writer', () => {
  it('refuses a pushed ts far off the server clock with its index; later ticks still reach the stored candles', async () => {
    // A candle ten years ahead, as a database written before ts was bounded may hold: restoring it must not freeze GLOBX.
    const future = new Date(Math.floor((Date.now() + 10 * 365 * 86_400_000) / 60_000) * 60_000).toISOString();
    const sql = `INSERT INTO "Candle" ("id", "symbol", "interval", "start", "open", "high", "low", "close", "ticks") VALUES ('future', 'GLOBX', '1m', '${future}', 1, 1, 1, 1, 1);`;
    const server = await startAppServer({
      sql,
      env: { QUOTELINE_CANDLE_FLUSH_MS: '300', QUOTELINE_INSTANCE: 'it-candles-clock' },
    });
    try {
      const admin = await signIn(server.url, 'admin@example.com', 'quoteline-admin');
      const send = (path: string, body: unknown) =>
        admin.fetch(path, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        });
      const { pushToken } = (await (
        await send('/api/admin/feeds', { slug: 'clock', name: 'Clock', source: 'push' })
      ).json()) as { pushToken: string };
      expect(
        (await send('/api/admin/feeds/clock/instruments', { symbol: 'CPX', name: 'Clock Co', price: 10 })).status,
      ).toBe(201);
      const push = async (ticks: unknown[]) => {
        const response = await fetch(`${server.url}/api/feeds/clock/ticks`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${pushToken}` },
          body: JSON.stringify({ ticks }),
        });
        return {
          status: response.status,
          body: (await response.json()) as { accepted: number; rejected: { index: number; reason: string }[] },
        };
      };

      const tenYears = Date.now() + 10 * 365 * 86_400_000;
      const bad = await push([
        { symbol: 'CPX', price: 11, ts: 9e15 },
        { symbol: 'CPX', price: 11, ts: tenYears },
      ]);
      expect(bad.status).toBe(422);
      expect(bad.body.accepted).toBe(0);
      expect(bad.body.rejected.map((r) => r.index)).toEqual([0, 1]);
      for (const r of bad.body.rejected) expect(r.reason).toMatch(/within 5 minutes of the server clock/);

      const good = await push([{ symbol: 'CPX', price: 12 }]);
      expect(good).toEqual({ status: 200, body: { accepted: 1, rejected: [] } });
      const minute = Math.floor(Date.now() / 60_000) * 60_000;
      await waitUntil(
        () => storedCandles(server, 'CPX', '1m').some((c) => c.close === 1200),
        'the good tick in a stored candle',
        15_000,
        100,
      );
      const stored = storedCandles(server, 'CPX', '1m');
      expect(
        stored.every((c) => Math.abs(c.start - minute) <= 60_000),
        JSON.stringify(stored),
      ).toBe(true);
      // every instrument's candles go on being written, not only the pushed one
      const liveTicks = (symbol: string) =>
        storedCandles(server, symbol, '1m')
          .filter((c) => c.start <= Date.now())
          .reduce((n, c) => n + c.ticks, 0);
      const acme = liveTicks('ACME');
      await waitUntil(
        () => liveTicks('ACME') > acme && liveTicks('GLOBX') > 0,
        'later batches of the demo feed',
        15_000,
        100,
      );
    } finally {
      await server.stop();
    }
  });
});

describe('the demo seeded as `npm start` seeds it', () => {
  it('has a simulated past on every interval that ends where the live prices go on; re-seeding adds nothing', async () => {
    const seededBefore = Date.now();
    const server = await startAppServer({ history: true, env: { QUOTELINE_INSTANCE: 'it-candles-history' } });
    try {
      const minutes = (await candles(server.url, 'ACME/candles?interval=1m&limit=1000')).body.candles;
      expect(minutes.length).toBeGreaterThanOrEqual(12 * 60);
      // one candle a minute, no gaps, up to the live one
      minutes.slice(1).forEach((c, i) => expect(c.time - minutes[i]!.time).toBe(60));
      expect(Date.now() / 1000 - minutes.at(-1)!.time).toBeLessThan(120);
      expect(new Set(minutes.map((c) => c.close)).size).toBeGreaterThan(100);
      expect((await candles(server.url, 'GLOBX/candles?interval=5m')).body.candles.length).toBeGreaterThanOrEqual(
        12 * 12,
      );
      expect((await candles(server.url, 'GLOBX/candles?interval=1h')).body.candles.length).toBeGreaterThanOrEqual(12);
      // the fx feed's pairs have a past too, in their own precision
      const eurusd = (await candles(server.url, 'EURUSD/candles?interval=1m&limit=1000')).body;
      expect(eurusd.decimals).toBe(5);
      expect(eurusd.candles.length).toBeGreaterThanOrEqual(12 * 60);
      expect(eurusd.candles.every((c) => Math.abs(Math.round(c.close * 1e5) - c.close * 1e5) < 1e-6)).toBe(true);
      expect((await candles(server.url, 'USDJPY/candles?interval=1h')).body.decimals).toBe(3);
      // the seeded past ends at the price the live feed starts from: no jump between the last two minutes
      const [before, last] = [minutes.at(-2)!, minutes.at(-1)!];
      expect(Math.abs(last.open - before.close) / before.close).toBeLessThan(0.01);

      const past = () => storedCandles(server, 'ACME', '1m').filter((c) => c.start < seededBefore).length;
      const seeded = past();
      expect(seeded).toBeGreaterThanOrEqual(12 * 60);
      // what every `npm start` does
      execFileSync(join(ROOT, 'node_modules/.bin/tsx'), ['packages/platform/src/cli/seed.ts'], {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: server.databaseUrl },
        stdio: 'ignore',
      });
      expect(past()).toBe(seeded);
    } finally {
      await server.stop();
    }
  });
});
