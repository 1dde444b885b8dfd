import { expect, test } from '@playwright/test';

test('the trader page shows ten live quotes over exactly one stream', async ({ page }) => {
  // The SharedWorker opens the stream (Playwright does not see its requests): count on the server.
  const opened = async () =>
    ((await (await page.request.get('/api/health')).json()) as { stream: { opened: number } }).stream.opened;
  const openedBefore = await opened();
  await page.goto('/');
  const board = page.getByTestId('quote-board');
  await expect(board.getByRole('status')).toHaveText('Live');
  const rows = board.locator('tbody tr[data-symbol]');
  await expect(rows).toHaveCount(10);
  await expect(board.getByRole('columnheader')).toHaveText([
    'Symbol',
    'Name',
    'Last',
    'Change',
    'Change %',
    'Bid',
    'Ask',
    'Time',
  ]);
  // screen readers hear the biggest mover once the quotes are in (then every 30 s, never per tick)
  await expect(board.locator('p[aria-live="polite"]')).toHaveText(
    /^Biggest move: [A-Z]+ at \d+\.\d{2}, (up|down|unchanged) \d+\.\d{2} percent\.$/,
  );

  const first = page.getByTestId('last-ACME');
  const before = await first.textContent();
  await expect
    .poll(
      async () => {
        const prices = await board.locator('[data-testid^="last-"]').allTextContents();
        return prices.join('|');
      },
      { timeout: 5000 },
    )
    .not.toBe((await board.locator('[data-testid^="last-"]').allTextContents()).join('|'));
  expect(before).toMatch(/^\d[\d,]*\.\d{2}$/);

  await page.screenshot({ path: '.data/test-results/screens/trader-light.png', fullPage: true });
  expect((await opened()) - openedBefore).toBe(1);
});

test('the quote board is legible in dark mode', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('tbody tr[data-symbol]')).toHaveCount(10);
  await page.screenshot({ path: '.data/test-results/screens/trader-dark.png', fullPage: true });
  await context.close();
});

test('the quote board sorts by a column from the keyboard and says so to screen readers', async ({ page }) => {
  await page.goto('/');
  const board = page.getByTestId('quote-board');
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);
  const last = board.getByRole('columnheader', { name: 'Last' });
  await last.getByRole('button').focus();
  await page.keyboard.press('Enter');
  await expect(last).toHaveAttribute('aria-sort', 'ascending');
  const prices = async () =>
    (await board.locator('[data-testid^="last-"]').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
  const ascending = await prices();
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  await page.keyboard.press('Enter');
  await expect(last).toHaveAttribute('aria-sort', 'descending');
  const symbolHeader = board.getByRole('columnheader', { name: 'Symbol' });
  await symbolHeader.getByRole('button').click();
  await expect(board.locator('tbody tr[data-symbol]').first()).toHaveAttribute('data-symbol', 'ACME');
});
