import { expect, test, type Locator, type Page } from '@playwright/test';

const SCREENS = '.data/test-results/screens';

/** The track's current horizontal offset in px (0 when not transformed). */
async function offset(tape: Locator): Promise<number> {
  return tape.locator('.ql-tape-track').evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).m41);
}

/** Where the strip's scrolling animation is (ms into its cycle), or null when it has none. */
async function progress(tape: Locator): Promise<number | null> {
  return tape.locator('.ql-tape-track').evaluate((el) => {
    const [animation] = el.getAnimations();
    return animation ? Number(animation.currentTime) : null;
  });
}

/** Two readings of the animation's progress some frames apart: equal means the strip stands still. */
async function progressApart(page: Page, tape: Locator): Promise<[number | null, number | null]> {
  const first = await progress(tape);
  await page.waitForTimeout(400);
  return [first, await progress(tape)];
}

/** Pausing takes effect at the next animation frame: wait until two readings agree. */
async function expectStill(page: Page, tape: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const [a, b] = await progressApart(page, tape);
      return a !== null && a === b;
    })
    .toBe(true);
}

async function expectMoving(page: Page, tape: Locator): Promise<void> {
  await expect
    .poll(async () => {
      const [a, b] = await progressApart(page, tape);
      return a !== null && b !== null && b > a;
    })
    .toBe(true);
}

const opened = async (page: Page) =>
  ((await (await page.request.get('/api/health')).json()) as { stream: { opened: number } }).stream.opened;

test.describe('price chart', () => {
  test('draws the candle history on a canvas and keeps it going live', async ({ page }) => {
    const history = (await (await page.request.get('/api/instruments/ACME/candles')).json()) as { candles: unknown[] };
    expect(history.candles.length).toBeGreaterThan(0);
    await page.goto('/widgets?chart=ACME');
    const chart = page.getByTestId('price-chart');
    await expect(chart.getByRole('heading')).toContainText('ACME');
    await expect(chart.getByRole('status')).toHaveText('Live');
    const canvas = chart.getByTestId('price-chart-canvas');
    await expect(canvas.locator('canvas').first()).toBeVisible();
    await expect
      .poll(async () => Number(await canvas.getAttribute('data-bars')))
      .toBeGreaterThanOrEqual(history.candles.length);
    // one summary for people who cannot see the canvas: symbol, interval, last price, change
    await expect(canvas).toHaveAttribute('role', 'img');
    await expect(canvas).toHaveAttribute('aria-label', /^ACME, 1-minute candles\. Last \d+\.\d\d, (up|down|unchanged)/);
    const box = await canvas.locator('canvas').first().boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(200);
  });

  test('says when the history cannot be loaded and retries on request', async ({ page }) => {
    let fail = true;
    await page.route('**/api/instruments/ACME/candles*', (route) =>
      fail
        ? route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'Try again.' } } })
        : route.continue(),
    );
    await page.goto('/widgets?chart=ACME');
    const chart = page.getByTestId('price-chart');
    await expect(chart.getByRole('alert')).toContainText('Could not load the chart history of ACME.', {
      timeout: 15_000,
    });
    await chart.screenshot({ path: `${SCREENS}/price-chart-error.png` });
    fail = false;
    await chart.getByRole('button', { name: 'Retry' }).click();
    await expect(chart.getByTestId('price-chart-canvas').locator('canvas').first()).toBeVisible();
    await expect(chart.getByRole('alert')).toHaveCount(0);
  });

  test('follows the theme: data-theme and the reader’s preference recolour the canvas', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/widgets?chart=ACME&kind=line');
    const canvas = page.getByTestId('price-chart-canvas');
    await expect(canvas).toHaveAttribute('data-chart-bg', '#ffffff');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(canvas).toHaveAttribute('data-chart-bg', '#0f172a');
    await page.goto('/widgets?chart=ACME&theme=light');
    await expect(page.getByTestId('price-chart-canvas')).toHaveAttribute('data-chart-bg', '#ffffff');
  });
});

test.describe('ticker tape', () => {
  test('shows the ten demo symbols with direction in words, and scrolls', async ({ page }) => {
    await page.goto('/widgets?tape=demo');
    const tape = page.getByTestId('ticker-tape');
    const items = tape.locator('ul:not([aria-hidden]) li[data-symbol]');
    await expect(items).toHaveCount(10);
    await expect(items.first()).toHaveText(/^ACME\s*[\d,]+\.\d\d\s*[▲▼■]?\s*(up|down|unchanged)/);
    await expect(tape).toHaveAttribute('data-moving', 'true');
    await page.mouse.move(0, 0);
    await expect.poll(async () => (await offset(tape)) < -1, { timeout: 10_000 }).toBe(true);
    await expectMoving(page, tape);
  });

  test('pauses on hover, on focus and with its button', async ({ page }) => {
    await page.goto('/widgets?tape=demo');
    const tape = page.getByTestId('ticker-tape');
    await expect(tape).toHaveAttribute('data-moving', 'true');
    await tape.locator('.ql-tape-viewport').hover();
    await expectStill(page, tape);
    await page.mouse.move(0, 0);
    await expectMoving(page, tape);

    await tape.getByRole('button', { name: 'Pause' }).focus();
    await expectStill(page, tape);
    await tape.getByRole('button', { name: 'Pause' }).blur();
    await expectMoving(page, tape);

    await tape.getByRole('button', { name: 'Pause' }).click();
    await page.locator('h1').click(); // focus and pointer leave the tape: the button keeps it paused
    await page.mouse.move(0, 0);
    await expect(tape.getByRole('button', { name: 'Play' })).toBeVisible();
    await expectStill(page, tape);
  });

  test('stands still as a wrapped list under reduced motion', async ({ browser }) => {
    const context = await browser.newContext({ reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto('/widgets?tape=demo');
    const tape = page.getByTestId('ticker-tape');
    const items = tape.locator('ul:not([aria-hidden]) li[data-symbol]');
    await expect(items).toHaveCount(10);
    await expect(tape.locator('.ql-tape-copy')).toBeHidden();
    await expect(tape.getByRole('button', { name: 'Pause' })).toBeHidden();
    expect(await progressApart(page, tape)).toEqual([null, null]);
    expect(await offset(tape)).toBe(0);
    // every item visible inside the widget: wrapped, not clipped (measured in one go, as prices change widths)
    const outside = await tape.evaluate((frame) => {
      const f = frame.getBoundingClientRect();
      return [...frame.querySelectorAll('ul:not([aria-hidden]) li[data-symbol]')]
        .filter((li) => {
          const r = li.getBoundingClientRect();
          return r.left < f.left - 1 || r.right > f.right + 1 || r.bottom > f.bottom + 1;
        })
        .map((li) => li.getAttribute('data-symbol'));
    });
    expect(outside).toEqual([]);
    await tape.screenshot({ path: `${SCREENS}/ticker-tape-reduced-motion.png` });
    await context.close();
  });

  test('announces a summary politely, not per tick', async ({ page }) => {
    await page.goto('/widgets?tape=demo');
    const summary = page.getByTestId('ticker-tape-summary');
    await expect(summary).toHaveAttribute('aria-live', 'polite');
    await expect(summary).toHaveText(/^10 instruments: \d+ up, \d+ down, \d+ unchanged since the open\./);
    const changes = await summary.evaluate(async (el) => {
      let n = 0;
      new MutationObserver(() => n++).observe(el, { childList: true, characterData: true, subtree: true });
      await new Promise((r) => setTimeout(r, 3000)); // six demo ticks
      return n;
    });
    expect(changes).toBeLessThanOrEqual(1); // only a large move may speak before the 30 s round
  });
});

test('the trader page has the ticker tape above the board and a chart, on the same one stream', async ({ page }) => {
  const before = await opened(page);
  await page.goto('/');
  const tape = page.getByTestId('ticker-tape');
  const board = page.getByTestId('quote-board');
  await expect(tape.locator('ul:not([aria-hidden]) li[data-symbol]')).toHaveCount(10);
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);
  await expect(page.getByTestId('price-chart-canvas').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('price-chart').getByRole('heading')).toContainText('ACME');
  expect((await tape.boundingBox())!.y).toBeLessThan((await board.boundingBox())!.y);
  expect((await opened(page)) - before).toBe(1);
});

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of the chart and the tape in ${scheme}`, async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    await page.goto('/widgets?tape=demo&chart=ACME,GLOBX');
    const tape = page.getByTestId('ticker-tape');
    await expect(tape.locator('ul:not([aria-hidden]) li[data-symbol]')).toHaveCount(10);
    for (const canvas of await page.getByTestId('price-chart-canvas').all())
      await expect(canvas.locator('canvas').first()).toBeVisible();
    await tape.locator('.ql-tape-viewport').hover(); // hold the strip still for the picture
    await tape.screenshot({ path: `${SCREENS}/ticker-tape-${scheme}.png` });
    await page
      .getByTestId('price-chart')
      .first()
      .screenshot({ path: `${SCREENS}/price-chart-${scheme}.png` });
    await page.screenshot({ path: `${SCREENS}/widgets-${scheme}.png`, fullPage: true });
    await context.close();
  });
}
