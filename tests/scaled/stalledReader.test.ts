import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScaledShape } from '../../scripts/scaled/shape.mjs';
import { freePort } from '../support/appServer';
import { signIn, type TestSession } from '../support/session';
import { runStalledReader } from '../support/stalledReader';

// The stalled reader of tests/integration/stalledReader.test.ts, through
// nginx (TLS, HTTP/1.1 to the client, proxy buffers) and the Redis log.

type Shape = Awaited<ReturnType<typeof startScaledShape>>;
let shape: Shape;
let dataDir: string;
let ca: string;
let trader: TestSession;
const SYMBOLS = ['NGX0', 'NGX1', 'NGX2', 'NGX3', 'NGX4'];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'quoteline-stall-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user and must enter this folder
  shape = await startScaledShape({
    dataDir,
    instances: 2,
    listen: await freePort(),
    appPorts: [await freePort(), await freePort()],
    redisPort: await freePort(),
    postgresPort: await freePort(),
  });
  ca = readFileSync(shape.tls.cert, 'utf8');
  const admin = await signIn(shape.apps[0]!.url, 'admin@example.com', 'quoteline-admin');
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
  trader = await signIn(shape.apps[1]!.url, 'trader@example.com', 'quoteline-trader');
}, 180_000);

afterAll(async () => {
  await shape?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a stalled reader that reads again, through nginx', () => {
  it('shows every symbol at most 2 s old within 5 s, and loses no private event', async () => {
    const figures = await runStalledReader({
      streamUrl: shape.url,
      ca,
      trader,
      feed: 'ngx',
      symbols: SYMBOLS,
      stallMs: 60_000,
      freshMs: 2_000,
      orders: 6,
      placeOrder: async () => {
        const response = await trader.order({ symbol: 'NGX0', side: 'buy', type: 'market', quantity: 1 });
        if (response.status !== 201) throw new Error(`order refused: ${response.status} ${await response.text()}`);
        return ((await response.json()) as { id: string }).id;
      },
    });
    console.log(`stalled reader, through nginx: ${JSON.stringify(figures)}`);
    expect(figures.freshAfterMs).toBeLessThanOrEqual(5_000);
    expect(figures.maxAgeMs).toBeLessThanOrEqual(2_000);
    expect(figures.firstShownAgeMs).toBeLessThanOrEqual(2_000);
    expect(figures.orderEventsReceived).toBe(figures.ordersPlaced);
  }, 120_000);
});
