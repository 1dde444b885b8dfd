import { expect, test } from '@playwright/test';
import { closeContextsAfterEach, signedIn, TRADER } from './signedIn';

closeContextsAfterEach();

test('a trader signs in, buys 10, and sees the fill, the position and the lower cash live on one stream', async ({
  page,
}) => {
  const opened = async () =>
    ((await (await page.request.get('/api/health')).json()) as { stream: { opened: number } }).stream.opened;

  await page.goto('/signin');
  await page.getByLabel('Email').fill('trader@example.com');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.locator('form').getByRole('alert')).toHaveText(/do not match/);
  await page.getByLabel('Password').fill('quoteline-trader');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toContainText('trader@example.com');

  const before = await opened();
  const ticket = page.getByTestId('order-ticket');
  const portfolio = page.getByTestId('portfolio');
  const blotter = page.getByTestId('blotter');
  await expect(portfolio.getByTestId('portfolio-cash')).toHaveText('100,000.00');
  await expect(ticket.getByTestId('ticket-ask')).not.toHaveText('—');
  await expect(blotter.getByText('No orders yet')).toBeVisible();

  // Validation before sending, next to the field.
  await ticket.getByLabel('Quantity').fill('0');
  await ticket.getByRole('button', { name: /^Buy / }).click();
  await expect(ticket.locator('.ql-field-error')).toBeVisible();

  await ticket.getByLabel('Instrument').selectOption('ACME');
  await ticket.getByLabel('Quantity').fill('10');
  await expect(ticket.getByTestId('ticket-estimate')).toContainText(/Estimated cost: [\d,]+\.\d\d/);
  await page.screenshot({ path: '.data/test-results/screens/desk-before.png', fullPage: true });
  await ticket.getByRole('button', { name: 'Buy ACME' }).click();

  await expect(ticket.getByTestId('ticket-outcome')).toHaveText(/^Filled: buy 10 ACME at \d+\.\d\d$/);
  await expect(blotter.locator('[data-fill]')).toHaveCount(1);
  await expect(blotter.locator('[data-fill]').first()).toContainText('ACME');
  await expect(portfolio.getByTestId('position-qty-ACME')).toHaveText('10');
  const cash = Number((await portfolio.getByTestId('portfolio-cash').textContent())!.replace(/,/g, ''));
  expect(cash).toBeLessThan(100_000);
  expect(cash).toBeGreaterThan(100_000 - 10 * 200);

  // Selling more than held is refused in words.
  await ticket.getByLabel('Sell').check();
  await ticket.getByLabel('Quantity').fill('11');
  await ticket.getByRole('button', { name: 'Sell ACME' }).click();
  await expect(ticket.getByTestId('ticket-outcome')).toHaveText(/Rejected: You do not hold enough/);

  await page.screenshot({ path: '.data/test-results/screens/desk-after.png', fullPage: true });
  // The outcome is about ACME: another instrument clears it, and back on ACME it is not brought back as news.
  await ticket.getByLabel('Instrument').selectOption('GLOBX');
  await expect(ticket.getByTestId('ticket-outcome')).toHaveCount(0);
  await ticket.getByLabel('Instrument').selectOption('ACME');
  await expect(ticket.getByTestId('ticket-outcome')).toHaveCount(0);
  expect(await opened()).toBe(before); // the account topic joined the existing stream
});

test('the trader desk is legible in dark mode', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill('trader@example.com');
  await page.getByLabel('Password').fill('quoteline-trader');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('portfolio').getByTestId('portfolio-cash')).not.toBeEmpty();
  await expect(page.locator('[data-testid="quote-board"] tbody tr[data-symbol]')).toHaveCount(10);
  await page.screenshot({ path: '.data/test-results/screens/desk-dark.png', fullPage: true });
  await context.close();
});

test('a resting buy limit shows as reserved cash, and cancelling it gives the cash back', async ({ browser }) => {
  const page = await signedIn(browser, TRADER);
  const ticket = page.getByTestId('order-ticket');
  const portfolio = page.getByTestId('portfolio');
  const blotter = page.getByTestId('blotter');
  const rest = async () =>
    (await (await page.request.get('/api/portfolio')).json()) as { cash: string; reserved: string; available: string };
  const cents = (money: string) => Math.round(Number(money.replace(/,/g, '')) * 100);
  const shown = async (id: string) => cents((await portfolio.getByTestId(id).textContent())!);
  await expect(portfolio.getByTestId('portfolio-reserved')).toBeVisible();
  const before = await rest();
  expect(await shown('portfolio-reserved')).toBe(cents(before.reserved));

  // 7 at 1.00: far below the market, so it rests and sets 7.00 aside.
  await ticket.getByLabel('Instrument').selectOption('ACME');
  await ticket.getByLabel('Type').selectOption('limit');
  await ticket.getByLabel('Quantity').fill('7');
  await ticket.getByLabel('Limit price').fill('1.00');
  await ticket.getByRole('button', { name: 'Buy ACME' }).click();
  await expect(ticket.getByTestId('ticket-outcome')).toHaveText(/resting at 1\.00/);
  await expect.poll(() => shown('portfolio-reserved')).toBe(cents(before.reserved) + 700);
  const resting = await rest();
  expect(cents(resting.reserved)).toBe(cents(before.reserved) + 700);
  expect(await shown('portfolio-available')).toBe(cents(resting.available));
  await portfolio.screenshot({ path: '.data/test-results/screens/portfolio-reserved.png' });

  await blotter.getByRole('button', { name: 'Cancel buy 7 ACME' }).first().click();
  await expect.poll(() => shown('portfolio-reserved')).toBe(cents(before.reserved));
  expect(cents((await rest()).reserved)).toBe(cents(before.reserved));
});
