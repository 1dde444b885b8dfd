import { expect, test } from '@playwright/test';
import { serveDemo } from '../../widgets/embed/demo/serve';
import { answerConfirm } from './confirmDialog';
import { ADMIN, adminConsole, closeContextsAfterEach, signedIn, TRADER, visitor } from './signedIn';

closeContextsAfterEach();

test('an admin adds and removes an instrument and pauses the feed; a trader sees it live on the same stream', async ({
  browser,
}) => {
  const admin = await signedIn(browser, ADMIN);
  const trader = await signedIn(browser, TRADER);
  const board = trader.getByTestId('quote-board');
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);
  const opened = async () =>
    ((await (await trader.request.get('/api/health')).json()) as { stream: { opened: number } }).stream.opened;

  await admin.goto('/admin');
  // The console's live connections panel opens the admin's own stream; count from here on.
  await expect(admin.getByTestId('live-connections').getByTestId('stat-streams').first()).toBeVisible();
  const before = await opened();
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

  await demo.getByRole('button', { name: 'Remove ZETA' }).click();
  await answerConfirm(admin, 'Remove ZETA');
  await expect(board.locator('tbody tr[data-symbol="ZETA"]')).toHaveCount(0);

  await expect(board.getByTestId('feed-paused')).toHaveCount(0);
  await demo.getByRole('button', { name: 'Pause updates' }).click();
  await expect(demo.getByText('Paused', { exact: true })).toBeVisible();
  // The trader's widgets say so at once, in words, inside a status region screen readers announce.
  const marker = board.getByTestId('feed-paused');
  await expect(marker).toBeVisible();
  await expect(marker).toContainText('Paused');
  await expect(board.locator('[aria-live="polite"]').filter({ hasText: 'Paused' })).toHaveText(
    '❚❚ Paused: feed demo is not updating',
  );
  const tape = trader.getByTestId('ticker-tape');
  await expect(tape.getByTestId('feed-paused')).toBeVisible();
  await tape.screenshot({ path: '.data/test-results/screens/paused-tape-light.png' });
  const ticket = trader.getByTestId('order-ticket');
  await expect(ticket.getByTestId('ticket-paused')).toBeVisible();
  await expect(ticket.locator('button[type="submit"]')).toBeDisabled();
  await board.screenshot({ path: '.data/test-results/screens/paused-board-light.png' });
  await trader.emulateMedia({ colorScheme: 'dark' });
  await ticket.screenshot({ path: '.data/test-results/screens/paused-ticket-dark.png' });
  await board.screenshot({ path: '.data/test-results/screens/paused-board-dark.png' });
  await trader.emulateMedia({ colorScheme: 'light' });
  const snapshot = async () => (await board.locator('[data-testid^="last-"]').allTextContents()).join('|');
  await trader.waitForTimeout(300);
  const frozen = await snapshot();
  await trader.waitForTimeout(1500);
  expect(await snapshot()).toBe(frozen);
  await demo.getByRole('button', { name: 'Resume updates' }).click();
  await expect.poll(snapshot, { timeout: 5000 }).not.toBe(frozen);
  await expect(board.getByTestId('feed-paused')).toHaveCount(0);
  await expect(ticket.locator('button[type="submit"]')).toBeEnabled();

  const audit = admin.getByRole('region', { name: 'Audit log' });
  await expect(audit.getByText('instrument.add')).toBeVisible();
  await expect(audit.getByText('feed.pause')).toBeVisible();
  expect(await opened()).toBe(before); // the trader's page kept its one stream throughout
});

test('the live connections panel counts open streams and goes up when a trader page opens', async ({ browser }) => {
  const admin = await adminConsole(browser);
  const panel = admin.getByTestId('live-connections');
  const rowIn = (table: RegExp, row: RegExp) =>
    panel.getByRole('table', { name: table }).first().getByRole('row', { name: row });
  await expect(panel.getByRole('heading', { name: 'Live connections' })).toBeVisible();
  const streams = panel.getByTestId('stat-streams').first();
  await expect(streams).toBeVisible();
  const count = async () => Number((await streams.textContent())!.replace(/\D/g, ''));
  // Streams of earlier tests may still be closing: start from a count that held for a whole sample.
  await expect
    .poll(
      async () => {
        const first = await count();
        await admin.waitForTimeout(1100);
        return (await count()) === first;
      },
      { timeout: 10_000 },
    )
    .toBe(true);
  const before = await count();
  expect(before).toBeGreaterThanOrEqual(1); // at least the admin's own stream
  await expect(rowIn(/Streams per topic/, /admin:connections/)).toBeVisible();

  const trader = await visitor(browser);
  await trader.goto('/');
  await expect(trader.getByTestId('quote-board').locator('tbody tr[data-symbol]')).toHaveCount(10);
  await expect.poll(count, { timeout: 5000 }).toBeGreaterThan(before);
  await expect(rowIn(/Streams per topic/, /feed:demo/)).toBeVisible();
  await expect(rowIn(/Slowest consumers/, /anonymous/).first()).toBeVisible();

  await panel.screenshot({ path: '.data/test-results/screens/admin-connections-light.png' });
  await admin.emulateMedia({ colorScheme: 'dark' });
  await panel.screenshot({ path: '.data/test-results/screens/admin-connections-dark.png' });

  await trader.context().close();
  await expect.poll(count, { timeout: 10_000 }).toBeLessThanOrEqual(before);
});

test('a trader gets no admin console', async ({ browser }) => {
  const trader = await signedIn(browser, TRADER);
  await trader.goto('/admin');
  await expect(trader.getByRole('alert').filter({ hasText: 'Only admins' })).toBeVisible();
  await expect(trader.getByTestId('live-connections')).toHaveCount(0);
  expect((await trader.request.get('/api/admin/feeds')).status()).toBe(403);
  // A page of its own, not a bare line: a heading, who is signed in, and the way back.
  await expect(trader.getByRole('heading', { level: 1, name: 'Not allowed' })).toBeVisible();
  await expect(trader.getByRole('alert').filter({ hasText: 'Only admins' })).toContainText(TRADER[0]);
  await trader.screenshot({ path: '.data/test-results/screens/admin-not-allowed.png' });
  await trader.getByRole('link', { name: 'Back to the trader page' }).click();
  await expect(trader).toHaveURL(/\/$/);
  await expect(trader.getByTestId('quote-board')).toBeVisible();
});

test('a signed-out visitor on /admin is asked to sign in as an admin', async ({ page }) => {
  await page.goto('/admin');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in as an admin' })).toBeVisible();
  await page.getByRole('link', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/signin$/);
});

test('an admin creates an embed key and revokes it, asked first in a dialog', async ({ browser }) => {
  const admin = await adminConsole(browser);
  const keys = admin.getByRole('region', { name: 'Embed keys' });
  const form = keys.getByRole('form', { name: 'Create an embed key' });
  await form.getByLabel('Label').fill('Revoke me');
  await form.getByLabel('Allowed origins (comma-separated)').fill('https://revoke.example');
  await form.getByRole('button', { name: 'Create key' }).click();
  const row = keys.getByRole('row', { name: /^Revoke me / });
  await expect(row).toContainText('https://revoke.example');
  await expect(row).toContainText('all symbols');

  await row.getByRole('button', { name: 'Revoke' }).click();
  expect(await answerConfirm(admin, null)).toContain('Revoke the key "Revoke me"?');
  await expect(row.getByRole('button', { name: 'Revoke' })).toBeVisible();
  await row.getByRole('button', { name: 'Revoke' }).click();
  await answerConfirm(admin, 'Revoke key');
  await expect(row.getByRole('cell').last()).toHaveText('Revoked');
});

test('an admin creates a key for two symbols; the console lists them and its widgets get only those', async ({
  browser,
  baseURL,
}) => {
  const admin = await adminConsole(browser);
  const keys = admin.getByRole('region', { name: 'Embed keys' });
  const form = keys.getByRole('form', { name: 'Create an embed key' });
  const symbols = form.getByLabel('Symbols (comma- or space-separated)');
  await form.getByLabel('Label').fill('Two symbols');
  await form.getByLabel('Allowed origins (comma-separated)').fill('http://localhost:*');
  await symbols.fill('ACME, globx');
  await form.getByRole('button', { name: 'Create key' }).click();
  // Checked as the API checks it, the error next to the field.
  await expect(symbols).toHaveAttribute('aria-invalid', 'true');
  await expect(symbols).toHaveAccessibleDescription(/a symbol is 1-12 uppercase letters/);
  await expect(keys.getByRole('row', { name: /^Two symbols / })).toHaveCount(0);
  await symbols.fill('ACME, GLOBX');
  await form.getByRole('button', { name: 'Create key' }).click();
  const row = keys.getByRole('row', { name: /^Two symbols / });
  await expect(row.getByRole('cell').nth(3)).toHaveText('ACME, GLOBX');
  await expect(symbols).toHaveValue('');
  await expect(symbols).toHaveAttribute('aria-invalid', 'false');
  const key = await keys.getByRole('status').locator('code').textContent();
  expect(key).toMatch(/^pk_/);
  await admin.screenshot({ path: '.data/test-results/screens/admin-embed-key-symbols.png', fullPage: true });

  // A page on another origin embeds a board of the whole demo feed with that key: it shows only the two.
  const page = await admin.context().newPage();
  const shop = await serveDemo({ port: 0, quoteline: baseURL!.replace('127.0.0.1', 'localhost'), key: key! });
  try {
    await page.goto(`${shop.url}/aggressive.html`);
    const rows = page.locator('[data-quoteline="quote-board"] tbody tr[data-symbol]');
    await expect(rows).toHaveCount(2);
    expect((await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-symbol')))).sort()).toEqual([
      'ACME',
      'GLOBX',
    ]);
  } finally {
    await page.close();
    await shop.close();
  }
});
