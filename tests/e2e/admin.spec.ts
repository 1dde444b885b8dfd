import { expect, test } from '@playwright/test';
import { ADMIN, closeContextsAfterEach, signedIn, TRADER } from './signedIn';

closeContextsAfterEach();

test('an admin adds and removes an instrument and pauses the feed; a trader sees it live on the same stream', async ({ browser }) => {
  const admin = await signedIn(browser, ADMIN);
  const trader = await signedIn(browser, TRADER);
  const board = trader.getByTestId('quote-board');
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);
  const opened = async () => ((await (await trader.request.get('/api/health')).json()) as { stream: { opened: number } }).stream.opened;
  const before = await opened();

  await admin.goto('/admin');
  const demo = admin.locator('[data-feed="demo"]');
  const add = demo.getByRole('form', { name: 'Add an instrument to demo' });
  await add.getByLabel('Symbol').fill('bad');
  await add.getByRole('button', { name: 'Add instrument' }).click();
  await expect(add.getByLabel('Symbol')).toHaveAttribute('aria-invalid', 'true');
  await expect(add.getByLabel('Symbol')).toHaveAccessibleDescription(/a symbol is 1-12 uppercase letters/);
  await add.getByLabel('Symbol').fill('ZETA');
  await add.getByLabel('Name').fill('Zeta Labs');
  await add.getByLabel('Price').fill('45.67');
  await add.getByRole('button', { name: 'Add instrument' }).click();
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
  const trader = await signedIn(browser, TRADER);
  await trader.goto('/admin');
  await expect(trader.getByRole('alert').filter({ hasText: 'Only admins' })).toBeVisible();
  expect((await trader.request.get('/api/admin/feeds')).status()).toBe(403);
});
