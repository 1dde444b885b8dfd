import { expect, test } from '@playwright/test';

test('the trader page shows ten live quotes over exactly one stream', async ({ page }) => {
  const streamRequests: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/api/stream') streamRequests.push(request.url());
  });
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
  expect(streamRequests).toHaveLength(1);
});

test('the quote board is legible in dark mode', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page.locator('tbody tr[data-symbol]')).toHaveCount(10);
  await page.screenshot({ path: '.data/test-results/screens/trader-dark.png', fullPage: true });
  await context.close();
});
