import { expect, test, type Page } from '@playwright/test';
import { serveDemo } from '../../widgets/embed/demo/serve';
import { WireMeter } from '../support/wireMeter';
import { ADMIN, closeContextsAfterEach, signedIn } from './signedIn';
import { streamRequests } from './streamRequests';

// A third-party page (another origin: the page holds the stream itself, so its
// DevTools session sees the body) with the demo board at the top and the fx
// board below a long article. What the stream carries is read ON THE WIRE.
// A hidden tab is not covered: headless Chromium keeps document.visibilityState
// 'visible' whatever DevTools does (Page.setWebLifecycleState frozen, another
// tab brought to the front, a minimised window), so it never fires visibilitychange.

type Demo = { url: string; close(): Promise<void> };
let demo: Demo;
closeContextsAfterEach();

/** The demo feed ticks every 100 ms here (500 ms as seeded): full rate and one per second are far apart. */
const FAST_TICK_MS = 100;
const SEEDED_TICK_MS = 500;

async function retuneDemo(admin: Page, baseURL: string, tickIntervalMs: number) {
  const response = await admin.request.patch('/api/admin/feeds/demo', {
    data: { tickIntervalMs },
    headers: { Origin: baseURL },
  });
  expect(response.status()).toBe(200);
}

test.beforeAll(async ({ baseURL }) => {
  // pk_react_example allows demo and fx on any localhost port (see globalSetup).
  demo = await serveDemo({ port: 0, quoteline: baseURL!.replace('127.0.0.1', 'localhost'), key: 'pk_react_example' });
});
test.afterAll(async () => {
  await demo?.close();
});

const rateAsked = (page: Page, topic: string, ms: number) =>
  page.waitForRequest(
    (r) =>
      new URL(r.url()).pathname === '/api/stream/subscriptions' &&
      (JSON.parse(r.postData() ?? '{}') as { rates?: Record<string, number> }).rates?.[topic] === ms,
  );

test('a board scrolled out of view gets one update per symbol per second on the wire, and full rate once back', async ({
  browser,
  page,
  baseURL,
}) => {
  const admin = await signedIn(browser, ADMIN);
  await retuneDemo(admin, baseURL!, FAST_TICK_MS);
  try {
    const wire = await WireMeter.attach(page);
    const streams = streamRequests(page);
    const fxSlowed = rateAsked(page, 'feed:fx', 1000);
    await page.goto(`${demo.url}/offscreen.html`);
    const top = page.locator('[data-quoteline="quote-board"][data-feed="demo"]');
    const bottom = page.locator('[data-quoteline="quote-board"][data-feed="fx"]');
    await expect(top.locator('tbody tr[data-symbol]')).toHaveCount(10);
    await expect(top.getByRole('status')).toHaveText('Live');
    await expect(bottom.locator('tbody tr[data-symbol]')).toHaveCount(4);
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
  } finally {
    await retuneDemo(admin, baseURL!, SEEDED_TICK_MS);
  }
});
