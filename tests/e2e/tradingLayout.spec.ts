import { expect, test, type Page } from '@playwright/test';
import { closeContextsAfterEach, signedIn, TRADER } from './signedIn';

// Runs after trading.spec.ts (files run in name order on one worker): that spec expects the trader without orders.
closeContextsAfterEach();

/** Each table of the board, blotter and portfolio: its columns' widths against its container's, and how many columns show. */
const tables = (page: Page) =>
  page.evaluate(() =>
    ['quote-board', 'blotter', 'portfolio'].flatMap((id) =>
      [...document.querySelectorAll(`[data-testid="${id}"] .ql-table-wrap`)].map((wrap, i) => ({
        table: `${id}#${i}`,
        scrollWidth: wrap.scrollWidth,
        clientWidth: wrap.clientWidth,
        columns: wrap.querySelectorAll('thead th').length,
        shown: [...wrap.querySelectorAll('thead th')].filter((th) => getComputedStyle(th).display !== 'none').length,
      })),
    ),
  );

test('at 1280, 1440 and 1920 px every column of the board, blotter and portfolio shows, none clipped; at 390 px nothing scrolls sideways', async ({
  browser,
}) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const page = await signedIn(browser, TRADER, { colorScheme });
    // An open order, so the blotter has a Cancel button to reach.
    const placed = await page.request.post('/api/orders', {
      headers: { Origin: new URL(page.url()).origin, 'Idempotency-Key': crypto.randomUUID() },
      data: { symbol: 'GLOBX', side: 'buy', type: 'limit', quantity: 1, limitPrice: '1.00' },
    });
    expect(placed.status()).toBe(201);
    await expect(
      page
        .getByTestId('blotter')
        .getByRole('button', { name: /^Cancel / })
        .first(),
    ).toBeVisible();
    await expect(page.locator('[data-testid="quote-board"] tbody tr[data-symbol]')).toHaveCount(10);

    for (const width of [1280, 1440, 1920, 390]) {
      await page.setViewportSize({ width, height: 1000 });
      await expect
        .poll(async () => (await tables(page)).filter((t) => t.scrollWidth > t.clientWidth), { timeout: 5000 })
        .toEqual([]);
      const shown = await tables(page);
      expect(shown).toHaveLength(4);
      if (width >= 1280) for (const t of shown) expect(t, `${t.table} at ${width}`).toMatchObject({ shown: t.columns });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      if (width === 390) {
        // The ticket near the top, before the board; the blotter's Cancel within the screen's width.
        const ticket = await page.getByTestId('order-ticket').boundingBox();
        const board = await page.getByTestId('quote-board').boundingBox();
        expect(ticket!.y).toBeLessThan(board!.y);
        const cancel = await page
          .getByTestId('blotter')
          .getByRole('button', { name: /^Cancel / })
          .first()
          .boundingBox();
        expect(cancel!.x + cancel!.width).toBeLessThanOrEqual(width);
      }
      if (width !== 1280)
        await page.screenshot({ path: `.data/test-results/screens/desk-${colorScheme}-${width}.png`, fullPage: true });
    }
    // Leave no resting order behind for other tests.
    for (const button of await page
      .getByTestId('blotter')
      .getByRole('button', { name: /^Cancel / })
      .all())
      await button.click();
  }
});
