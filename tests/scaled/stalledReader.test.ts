import { beforeAll, describe, it } from 'vitest';
import { shapePerFile } from '../support/scaledShape';
import { signIn, type TestSession } from '../support/session';
import { expectFreshAfterStall, runStalledReader } from '../support/stalledReader';

// The stalled reader of tests/integration/stalledReader.test.ts, through
// nginx (TLS, HTTP/1.1 to the client, proxy buffers) and the Redis log.

let trader: TestSession;
const SYMBOLS = ['NGX0', 'NGX1', 'NGX2', 'NGX3', 'NGX4'];

const scaled = shapePerFile('stall', {
  instances: 2,
});

beforeAll(async () => {
  const admin = await signIn(scaled.shape.apps[0]!.url, 'admin@example.com', 'quoteline-admin');
  const created = await admin.fetch('/api/admin/feeds', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ slug: 'ngx', name: 'Fast', source: 'simulator', tickIntervalMs: 50 }),
  });
  if (created.status !== 201) throw new Error(`creating the feed: ${created.status} ${await created.text()}`);
  for (const symbol of SYMBOLS)
    await admin.fetch('/api/admin/feeds/ngx/instruments', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ symbol, name: symbol, price: 20 }),
    });
  trader = await signIn(scaled.shape.apps[1]!.url, 'trader@example.com', 'quoteline-trader');
}, 180_000);

describe('a stalled reader that reads again, through nginx', () => {
  it('shows every symbol at most 2 s old within 5 s, and loses no private event', async () => {
    const figures = await runStalledReader({
      streamUrl: scaled.shape.url,
      ca: scaled.ca,
      trader,
      feed: 'ngx',
      symbols: SYMBOLS,
      stallMs: 60_000,
      freshMs: 2_000,
      orders: 6,
      orderSymbol: 'NGX0',
    });
    console.log(`stalled reader, through nginx: ${JSON.stringify(figures)}`);
    expectFreshAfterStall(figures);
  }, 120_000);
});
