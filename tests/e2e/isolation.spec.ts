import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { serveDemo } from '../../widgets/embed/demo/serve';
import { ADMIN, closeContextsAfterEach, signedIn, visitor } from './signedIn';
import { streamRequests } from './streamRequests';

// One stream, no shared fate: a board for a feed that does not exist, that
// the page's key does not allow, or that an admin deletes shows its own
// message; every other widget, in every tab sharing the stream, keeps ticking.

closeContextsAfterEach();

type Health = { connections: number; stream: { opened: number } };
const health = async (request: APIRequestContext) => (await (await request.get('/api/health')).json()) as Health;

/** The board's last prices as one string: changes when any price moves. */
const pricesOf = (board: Locator) =>
  board
    .locator('[data-testid^="last-"]')
    .allTextContents()
    .then((p) => p.join('|'));

/** Waits until the board shows rows and then a price change: it is live. */
async function expectTicking(board: Locator) {
  await expect(board.locator('tbody tr[data-symbol]').first()).toBeVisible();
  const before = await pricesOf(board);
  await expect.poll(() => pricesOf(board), { timeout: 10_000 }).not.toBe(before);
}

async function addBoard(page: Page, feed: string): Promise<Locator> {
  const count = await page.getByTestId('quote-board').count();
  await page.getByLabel('Add a quote board for feed').fill(feed);
  await page.getByRole('button', { name: 'Add board' }).click();
  const board = page.getByTestId('quote-board').nth(count);
  await expect(board.getByRole('heading')).toHaveText(`Feed ${feed}`);
  return board;
}

test('a board for a feed that does not exist says so; every other board in both tabs keeps ticking on ONE stream', async ({
  browser,
  request,
}) => {
  const openedBefore = (await health(request)).stream.opened;
  const first = await visitor(browser);
  await first.goto('/widgets?boards=demo,demo');
  const second = await first.context().newPage();
  await second.goto('/widgets?boards=demo');
  await expect(first.getByTestId('quote-board').first().locator('tbody tr[data-symbol]')).toHaveCount(10);
  await expect(second.getByTestId('quote-board').first().locator('tbody tr[data-symbol]')).toHaveCount(10);

  const missing = await addBoard(first, 'nosuch');
  const notice = missing.getByTestId('topic-problem');
  await expect(notice).toContainText('No feed "nosuch"');
  await expect(notice).toContainText('There is no feed "nosuch".');
  await expect(notice.getByRole('button', { name: 'Try again' })).toBeVisible();
  await expect(missing.getByRole('status')).toHaveText('Unavailable');

  for (const board of [
    first.getByTestId('quote-board').nth(0),
    first.getByTestId('quote-board').nth(1),
    second.getByTestId('quote-board').nth(0),
  ]) {
    await expect(board.getByRole('status')).toHaveText('Live');
    await expectTicking(board);
  }
  // A person asking again is answered again, and nothing retries in a loop meanwhile.
  await notice.getByRole('button', { name: 'Try again' }).click();
  await expect(notice).toContainText('No feed "nosuch"');
  await first.waitForTimeout(3000);
  await expectTicking(second.getByTestId('quote-board').nth(0));
  const after = await health(request);
  expect(after.stream.opened - openedBefore).toBe(1);
  expect(after.connections).toBe(1);

  await first.setViewportSize({ width: 1100, height: 900 });
  await first.screenshot({ path: '.data/test-results/screens/refused-board-light.png', fullPage: true });
  await first.emulateMedia({ colorScheme: 'dark' });
  await expect(missing.getByTestId('topic-problem')).toBeVisible();
  await first.screenshot({ path: '.data/test-results/screens/refused-board-dark.png', fullPage: true });
});

test('on a third-party page, a widget for a feed its key does not allow says so; the other widgets tick on ONE stream', async ({
  browser,
  baseURL,
}) => {
  const demo = await serveDemo({ port: 0, quoteline: baseURL!.replace('127.0.0.1', 'localhost') });
  try {
    const page = await visitor(browser);
    const streams = streamRequests(page);
    await page.goto(demo.url);
    const boards = page.locator('[data-quoteline="quote-board"]');
    await expect(boards.first().locator('tbody tr[data-symbol]')).toHaveCount(10);
    // The page adds an element for feed fx, which its key (demo only) does not allow.
    await page.evaluate(() => {
      const div = document.createElement('div');
      div.dataset.quoteline = 'quote-board';
      div.dataset.feed = 'fx';
      div.dataset.title = 'Forex';
      document.getElementById('widgets')!.append(div);
    });
    const fx = boards.nth(2);
    await expect(fx.getByTestId('topic-problem')).toContainText('Not available with this key');
    await expect(fx.getByTestId('topic-problem')).toContainText('This embed key does not allow feed "fx"');
    await expectTicking(boards.first());
    await expectTicking(boards.nth(1));
    await expect(page.locator('[data-quoteline="ticker-tape"]').getByRole('status')).toHaveText('Live');
    await page.waitForTimeout(2000);
    expect(streams).toHaveLength(1);
    await page.screenshot({ path: '.data/test-results/screens/embed-refused-widget.png', fullPage: true });
  } finally {
    await demo.close();
  }
});

test('an admin deletes a watched feed: its board says so, the others go on; after a reload it still says so', async ({
  browser,
  baseURL,
}) => {
  const admin = await signedIn(browser, ADMIN);
  const api = (method: 'post' | 'delete', path: string, data?: unknown) =>
    admin.request[method](path, { data, headers: { Origin: baseURL! } });
  expect(
    (
      await api('post', '/api/admin/feeds', {
        slug: 'short-lived',
        name: 'Short lived',
        source: 'simulator',
        tickIntervalMs: 200,
      })
    ).status(),
  ).toBe(201);
  expect(
    (
      await api('post', '/api/admin/feeds/short-lived/instruments', { symbol: 'SHRT', name: 'Short Co', price: 5 })
    ).status(),
  ).toBe(201);

  const watcher = await visitor(browser);
  await watcher.goto('/widgets?boards=demo,short-lived');
  const boards = watcher.getByTestId('quote-board');
  await expect(boards.nth(1).locator('tbody tr[data-symbol="SHRT"]')).toBeVisible();

  expect((await api('delete', '/api/admin/feeds/short-lived?confirm=true')).status()).toBe(204);
  await expect(boards.nth(1).getByTestId('topic-problem')).toContainText('This feed was removed');
  await expect(boards.nth(1).locator('tbody tr[data-symbol]')).toHaveCount(0);
  await expectTicking(boards.nth(0));

  await watcher.reload();
  await expect(boards.nth(1).getByTestId('topic-problem')).toContainText('The feed "short-lived" was deleted.');
  await expectTicking(boards.nth(0));
  await expect(boards.nth(0).getByRole('status')).toHaveText('Live');
});
