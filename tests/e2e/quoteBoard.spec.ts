import { expect, test } from '@playwright/test';

test('the trader page shows ten live quotes over exactly one stream', async ({ page }) => {
  // The SharedWorker opens the stream (Playwright does not see its requests): count on the server.
  const opened = async () => ((await (await page.request.get('/api/health')).json()) as { stream: { opened: number } }).stream.opened;
  const openedBefore = await opened();
  await page.goto('/');
  const board = page.getByTestId('quote-board');
  await expect(board.getByRole('status')).toHaveText('Live');
  const rows = board.locator('tbody tr[data-symbol]');
  await expect(rows).toHaveCount(10);
  await expect(board.getByRole('columnheader')).toHaveText(['Symbol', 'Name', 'Last', 'Change', 'Change %', 'Bid', 'Ask', 'Time']);

  const first = page.getByTestId('last-ACME');
  const before = await first.textContent();
  await expect
    .poll(async () => {
      const prices = await board.locator('[data-testid^="last-"]').allTextContents();
      return prices.join('|');
    }, { timeout: 5000 })
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
