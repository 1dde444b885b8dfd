import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { demoPage, serveDemo } from '../../widgets/embed/demo/serve';
import { WireMeter } from '../support/wireMeter';
import { ADMIN } from './signedIn';
import { streamRequests } from './streamRequests';

// A third-party page (another origin: the page holds the stream itself, so its
// DevTools session sees the body) with the demo board at the top and the fx
// board below a long article. What the stream carries is read ON THE WIRE.
// A hidden tab is not covered: headless Chromium keeps document.visibilityState
// 'visible' whatever DevTools does (Page.setWebLifecycleState frozen, another
// tab brought to the front, a minimised window), so it never fires visibilitychange.

type Demo = { url: string; close(): Promise<void> };
let demo: Demo;
let admin: APIRequestContext;

/** The demo feed ticks every 100 ms here (500 ms as seeded): full rate and one per second are far apart. */
const FAST_TICK_MS = 100;
const SEEDED_TICK_MS = 500;

async function retuneDemo(tickIntervalMs: number) {
  const response = await admin.patch('/api/admin/feeds/demo', { data: { tickIntervalMs } });
  expect(response.status()).toBe(200);
}

test.beforeAll(async ({ playwright, baseURL }) => {
  // pk_react_example allows demo and fx on any localhost port (see globalSetup).
  // Two variants of the page with data-offscreen="full": on the fx board only, and on the loader script.
  const page = demoPage('offscreen.html');
  const pages = {
    'fx-full.html': page.replace('data-feed="fx"', 'data-feed="fx" data-offscreen="full"'),
    'all-full.html': page.replace('<script async', '<script data-offscreen="full" async'),
  };
  demo = await serveDemo({
    port: 0,
    quoteline: baseURL!.replace('127.0.0.1', 'localhost'),
    key: 'pk_react_example',
    pages,
  });
  admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } });
  const [email, password] = ADMIN;
  expect((await admin.post('/api/session', { data: { email, password } })).status()).toBe(200);
  await retuneDemo(FAST_TICK_MS);
});
test.afterAll(async () => {
  if (admin) await retuneDemo(SEEDED_TICK_MS);
  await admin?.dispose();
  await demo?.close();
});

/** Opens the page (or a variant) and waits for both boards to be live. */
async function openDemo(page: Page, name = 'offscreen.html') {
  await page.goto(`${demo.url}/${name}`);
  const top = page.locator('[data-quoteline="quote-board"][data-feed="demo"]');
  const bottom = page.locator('[data-quoteline="quote-board"][data-feed="fx"]');
  await expect(top.locator('tbody tr[data-symbol]')).toHaveCount(10);
  await expect(top.getByRole('status')).toHaveText('Live');
  await expect(bottom.locator('tbody tr[data-symbol]')).toHaveCount(4);
  return { top, bottom };
}

/** The `rates` of every subscriptions POST the page makes from now on. */
function ratesPosted(page: Page): Record<string, number>[] {
  const rates: Record<string, number>[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname !== '/api/stream/subscriptions') return;
    const body = JSON.parse(r.postData() ?? '{}') as { rates?: Record<string, number> };
    if (body.rates) rates.push(body.rates);
  });
  return rates;
}

const rateAsked = (page: Page, topic: string, ms: number) =>
  page.waitForRequest(
    (r) =>
      new URL(r.url()).pathname === '/api/stream/subscriptions' &&
      (JSON.parse(r.postData() ?? '{}') as { rates?: Record<string, number> }).rates?.[topic] === ms,
  );

test('a board scrolled out of view gets one update per symbol per second on the wire, and full rate once back', async ({
  page,
}) => {
  const wire = await WireMeter.attach(page);
  const streams = streamRequests(page);
  const fxSlowed = rateAsked(page, 'feed:fx', 1000);
  const { top, bottom } = await openDemo(page);
  // The fx board starts below the fold: its topic is slowed at once, the demo board's is not.
  await fxSlowed;
  await page.screenshot({ path: '.data/test-results/screens/offscreen-top.png' });

  // Scroll the demo board away.
  const demoSlowed = rateAsked(page, 'feed:demo', 1000);
  const fxBack = rateAsked(page, 'feed:fx', 0);
  await bottom.scrollIntoViewIfNeeded();
  const scrolledAway = Date.now();
  await expect(top).not.toBeInViewport();
  await Promise.all([demoSlowed, fxBack]);
  await page.waitForTimeout(4000);
  await page.screenshot({ path: '.data/test-results/screens/offscreen-bottom.png' });

  // Allow the first second for the POST to take effect, then measure 3 s.
  const away = { from: scrolledAway + 1000, to: scrolledAway + 4000 };
  const hidden = wire.count('feed:demo', away.from, away.to);
  expect(hidden.perSymbol.size, 'the hidden board still gets every symbol').toBe(10);
  for (const [symbol, n] of hidden.perSymbol)
    expect(n, `${symbol}: at most one update per second over 3 s (+1 at the window's edge)`).toBeLessThanOrEqual(4);
  // Throttled updates come without an id (protocol); the fx board, now in view, gets its updates with ids.
  expect(wire.framesOf('feed:demo', away.from, away.to).filter((f) => f.type === 'update' && f.id)).toEqual([]);
  const fxInView = wire.framesOf('feed:fx', away.from, away.to).filter((f) => f.type === 'update');
  expect(fxInView.length).toBeGreaterThan(0);
  expect(fxInView.every((f) => f.id)).toBe(true);

  // Scroll back: the demo topic is at full rate again within a second.
  const demoBack = rateAsked(page, 'feed:demo', 0);
  await top.scrollIntoViewIfNeeded();
  const scrolledBack = Date.now();
  await expect(top).toBeInViewport();
  await demoBack;
  await page.waitForTimeout(3000);
  const back = { from: scrolledBack + 1000, to: scrolledBack + 3000 };
  const full = wire.count('feed:demo', back.from, back.to);
  const fullUpdates = wire.framesOf('feed:demo', back.from, back.to).filter((f) => f.type === 'update');
  expect(
    fullUpdates.every((f) => f.id),
    'full-rate updates carry their ids again',
  ).toBe(true);
  // More than one update per symbol per second could ever deliver in 2 s (3 per symbol, edges included).
  expect(full.updates).toBeGreaterThan(3 * 10);

  const perSecond = (n: number, ms: number) => Math.round((n * 1000) / ms);
  const figures = {
    hidden: { updatesPerS: perSecond(hidden.updates, 3000), bytesPerS: perSecond(hidden.bytes, 3000) },
    inView: { updatesPerS: perSecond(full.updates, 2000), bytesPerS: perSecond(full.bytes, 2000) },
  };
  test.info().annotations.push({ type: 'feed:demo on the wire', description: JSON.stringify(figures) });
  expect(figures.hidden.bytesPerS).toBeLessThan(figures.inView.bytesPerS);
  expect(streams).toHaveLength(1);
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: '.data/test-results/screens/offscreen-top-dark.png' });
});

test('data-offscreen="full" keeps one widget, or on the loader script every widget, at full rate out of view', async ({
  page,
}) => {
  const wire = await WireMeter.attach(page);
  const rates = ratesPosted(page);
  // On the fx board only: it starts below the fold, yet its topic is never slowed.
  await openDemo(page, 'fx-full.html');
  const loaded = Date.now();
  await page.waitForTimeout(2500);
  expect(rates).toEqual([]);
  const fx = wire.framesOf('feed:fx', loaded, Date.now()).filter((f) => f.type === 'update');
  expect(fx.length).toBeGreaterThan(0);
  expect(fx.every((f) => f.id)).toBe(true);

  // On the loader script: the demo board scrolled away stays at full rate too.
  const { top, bottom } = await openDemo(page, 'all-full.html');
  await bottom.scrollIntoViewIfNeeded();
  const scrolledAway = Date.now();
  await expect(top).not.toBeInViewport();
  await page.waitForTimeout(3000);
  expect(rates).toEqual([]);
  const away = wire.framesOf('feed:demo', scrolledAway + 1000, scrolledAway + 3000).filter((f) => f.type === 'update');
  expect(away.every((f) => f.id)).toBe(true);
  // More than one update per symbol per second could deliver in 2 s.
  expect(away.length).toBeGreaterThan(3 * 10);
});
