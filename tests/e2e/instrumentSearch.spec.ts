import { expect, test, type Page } from '@playwright/test';
import { closeContextsAfterEach, signedIn, TRADER } from './signedIn';

closeContextsAfterEach();

type Health = { connections: number; stream: { opened: number } };
const health = async (page: Page) => (await (await page.request.get('/api/health')).json()) as Health;

const SCREENS = '.data/test-results/screens';

/** The desk's parts the search drives. */
function desk(page: Page) {
  const search = page.getByRole('combobox', { name: 'Find an instrument' });
  return {
    search,
    list: page.getByRole('listbox', { name: 'Matching instruments' }),
    chartHeading: page.getByTestId('price-chart').getByRole('heading').first(),
    ticket: page.getByTestId('order-ticket'),
  };
}

/** Presses ArrowDown until the combobox's active option is `symbol`. */
async function arrowTo(page: Page, symbol: string): Promise<void> {
  const { search } = desk(page);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('ArrowDown');
    const active = await search.getAttribute('aria-activedescendant');
    if (active && (await page.locator(`[id="${active}"]`).getAttribute('data-symbol')) === symbol) return;
  }
  throw new Error(`${symbol} never became the active option`);
}

async function expectShowing(page: Page, symbol: string, feed: string): Promise<void> {
  const { chartHeading, ticket } = desk(page);
  await expect(chartHeading).toContainText(symbol);
  await expect(ticket.getByRole('heading', { name: `Order ticket · ${feed}` })).toBeVisible();
  await expect(ticket.getByLabel('Instrument')).toHaveValue(symbol);
  await expect(ticket.getByTestId('ticket-ask')).not.toHaveText('—');
}

test('"/" then "eur", arrow to EURUSD, Enter: chart and ticket show it, the URL keeps it across a reload and Back, on ONE stream', async ({
  browser,
}) => {
  const page = await signedIn(browser, TRADER, { viewport: { width: 1440, height: 900 } });
  const { search, list, chartHeading } = desk(page);
  await expect(page.locator('[data-testid="quote-board"] tbody tr[data-symbol]')).toHaveCount(10);
  await expect(chartHeading).toContainText('ACME');
  await expect(search).toHaveAttribute('aria-expanded', 'false');

  await page.locator('body').press('/');
  await expect(search).toBeFocused();
  await expect(search).toHaveValue(''); // the slash focused it, it was not typed
  await page.keyboard.type('eur');
  await expect(search).toHaveAttribute('aria-expanded', 'true');
  await expect(list.getByRole('option', { name: /EURUSD/ })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: /instruments?; arrow keys/ })).toBeVisible();
  await arrowTo(page, 'EURUSD');
  await expect(list.getByRole('option', { name: /EURUSD/ })).toHaveAttribute('aria-selected', 'true');
  await page.screenshot({ path: `${SCREENS}/instrument-search-list.png` });
  await page.keyboard.press('Enter');

  await expect(search).toHaveAttribute('aria-expanded', 'false');
  await expect(list).toBeHidden();
  await expectShowing(page, 'EURUSD', 'fx');
  const url = new URL(page.url());
  expect(url.searchParams.get('symbol')).toBe('EURUSD');
  expect(url.searchParams.get('feed')).toBe('fx');
  await page.screenshot({ path: `${SCREENS}/instrument-search-opened.png`, fullPage: true });

  await page.reload();
  await expectShowing(page, 'EURUSD', 'fx');
  // Typing "/" in a field stays a character there.
  await page.getByTestId('order-ticket').getByLabel('Quantity').fill('');
  await page.getByTestId('order-ticket').getByLabel('Quantity').press('/');
  await expect(search).not.toBeFocused();

  // Another instrument, the only match: Enter opens it; Back returns to the one before.
  await search.click();
  await page.keyboard.type('globex');
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expectShowing(page, 'GLOBX', 'demo');
  expect(new URL(page.url()).searchParams.get('feed')).toBe('demo');
  await page.goBack();
  await expectShowing(page, 'EURUSD', 'fx');

  // The SharedWorker holds the stream (Playwright does not see its requests): count on the server.
  await expect.poll(async () => (await health(page)).connections, { timeout: 10_000 }).toBe(1);
});

test('the search says when it is searching, when nothing matches and when it failed; Escape closes it', async ({
  browser,
}) => {
  const page = await signedIn(browser, TRADER, { viewport: { width: 1440, height: 900 } });
  const { search, list } = desk(page);
  let fail = false;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(
    (u) => u.pathname === '/api/instruments',
    async (route) => {
      if (fail)
        return route.fulfill({
          status: 503,
          json: { error: { code: 'unavailable', message: 'Quoteline is briefly unavailable; try again.' } },
        });
      if (new URL(route.request().url()).searchParams.get('q') === 'zzqx') await held;
      return route.continue();
    },
  );
  await search.click();
  await search.fill('zzqx');
  await expect(page.getByRole('status').filter({ hasText: 'Searching…' })).toBeVisible();
  release();
  await expect(page.getByRole('status').filter({ hasText: 'No instrument matches “zzqx”.' })).toBeVisible();
  await expect(list).toBeHidden();

  await search.fill('us dol');
  await expect(list.getByRole('option')).toHaveCount(3);
  await page.keyboard.press('Escape');
  await expect(search).toHaveAttribute('aria-expanded', 'false');
  await expect(list).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(search).toHaveValue('');

  fail = true;
  await search.fill('gbp');
  await expect(
    page.getByRole('status').filter({ hasText: 'The search failed: Quoteline is briefly unavailable; try again.' }),
  ).toBeVisible();
});

for (const width of [1440, 390])
  for (const colorScheme of ['light', 'dark'] as const)
    test(`the open search list is legible at ${width} px, ${colorScheme}`, async ({ browser }) => {
      const page = await signedIn(browser, TRADER, { viewport: { width, height: 844 }, colorScheme });
      await page.goto('/?symbol=GBPUSD&feed=fx');
      await expectShowing(page, 'GBPUSD', 'fx');
      const { search, list } = desk(page);
      await page.locator('body').press('/');
      await page.keyboard.type('us dol');
      await expect(list.getByRole('option')).toHaveCount(3);
      await page.keyboard.press('ArrowDown');
      // nothing wider than the page
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const box = (await list.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(width);
      await expect(search).toHaveAttribute('aria-activedescendant', /.+/);
      await page.screenshot({ path: `${SCREENS}/instrument-search-${width}-${colorScheme}.png` });
    });
