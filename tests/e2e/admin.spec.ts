import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
  // Open pages hold streams; later specs count connections.
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toBeVisible();
  return page;
}

test('an admin adds and removes an instrument and pauses the feed; a trader sees it live on the same stream', async ({ browser }) => {
  const admin = await signedIn(browser, 'admin@example.com', 'quoteline-admin');
  const trader = await signedIn(browser, 'trader@example.com', 'quoteline-trader');
  const board = trader.getByTestId('quote-board');
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);
  const opened = async () => ((await (await trader.request.get('/api/health')).json()) as { stream: { opened: number } }).stream.opened;
  const before = await opened();

  await admin.goto('/admin');
  const demo = admin.locator('[data-feed="demo"]');
  await demo.getByLabel('Symbol').fill('bad');
  await demo.getByRole('button', { name: 'Add instrument' }).click();
  await expect(demo.locator('.field-error').first()).toBeVisible();
  await demo.getByLabel('Symbol').fill('ZETA');
  await demo.getByLabel('Name').fill('Zeta Labs');
  await demo.getByLabel('Price').fill('45.67');
  await demo.getByRole('button', { name: 'Add instrument' }).click();
  await expect(board.locator('tbody tr[data-symbol="ZETA"]')).toBeVisible();
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(11);
  await admin.screenshot({ path: '.data/test-results/screens/admin.png', fullPage: true });

  admin.once('dialog', (d) => d.accept());
  await demo.getByRole('button', { name: 'Remove ZETA' }).click();
  await expect(board.locator('tbody tr[data-symbol="ZETA"]')).toHaveCount(0);

  await demo.getByRole('button', { name: 'Pause updates' }).click();
  await expect(demo.getByText('Paused', { exact: true })).toBeVisible();
  const snapshot = async () => (await board.locator('[data-testid^="last-"]').allTextContents()).join('|');
  await trader.waitForTimeout(300);
  const frozen = await snapshot();
  await trader.waitForTimeout(1500);
  expect(await snapshot()).toBe(frozen);
  await demo.getByRole('button', { name: 'Resume updates' }).click();
  await expect.poll(snapshot, { timeout: 5000 }).not.toBe(frozen);

  const audit = admin.getByRole('region', { name: 'Audit log' });
  await expect(audit.getByText('instrument.add')).toBeVisible();
  await expect(audit.getByText('feed.pause')).toBeVisible();
  expect(await opened()).toBe(before); // the trader's page kept its one stream throughout
});

test('a trader gets no admin console', async ({ browser }) => {
  const trader = await signedIn(browser, 'trader@example.com', 'quoteline-trader');
  await trader.goto('/admin');
  await expect(trader.getByRole('alert').filter({ hasText: 'Only admins' })).toBeVisible();
  expect((await trader.request.get('/api/admin/feeds')).status()).toBe(403);
});
