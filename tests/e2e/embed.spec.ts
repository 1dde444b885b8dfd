import { expect, test, type APIRequestContext } from '@playwright/test';
import { serveDemo } from '../../widgets/embed/demo/serve';
import { streamRequests } from './streamRequests';

type Demo = { url: string; close(): Promise<void> };
let demo: Demo;
let hostile: Demo;

test.beforeAll(async ({ baseURL }) => {
  // Third-party pages on other origins (other ports): localhost is allowed by the demo key; the shop key allows only https://shop.example.
  const quoteline = baseURL!.replace('127.0.0.1', 'localhost');
  demo = await serveDemo({ port: 0, quoteline });
  hostile = await serveDemo({ port: 0, quoteline, key: 'pk_shop_example_only' });
});
test.afterAll(async () => {
  await demo?.close();
  await hostile?.close();
});

const opened = async (request: APIRequestContext) =>
  (await (await request.get('/api/health')).json()) as { stream: { opened: number }; connections: number };

test('a third-party page mounts four kinds of widget in Shadow DOM over ONE stream, and a board inserted later joins it', async ({
  page,
  request,
}) => {
  const before = await opened(request);
  const streams = streamRequests(page);
  await page.goto(demo.url);
  const boards = page.locator('[data-quoteline="quote-board"]');
  await expect(boards).toHaveCount(2);
  // Shadow DOM: Playwright's locators pierce open shadow roots; the page's hotpink table CSS must not reach them.
  await expect(boards.first().locator('tbody tr[data-symbol]')).toHaveCount(10);
  await expect(boards.nth(1).locator('tbody tr[data-symbol]')).toHaveCount(10);
  await expect(boards.first().getByRole('status')).toHaveText('Live');
  const border = await boards
    .first()
    .locator('td')
    .first()
    .evaluate((td) => getComputedStyle(td).borderTopStyle);
  expect(border).not.toBe('dashed');
  await expect(
    page.locator('[data-quoteline="order-ticket"]').getByRole('link', { name: /Trade on Quoteline/ }),
  ).toBeVisible();
  const tape = page.locator('[data-quoteline="ticker-tape"]');
  await expect(tape.getByTestId('ticker-tape')).toBeVisible();
  await expect(tape.getByText('HOOLI').first()).toBeVisible();
  const chart = page.locator('[data-quoteline="price-chart"]');
  await expect(chart.locator('canvas').first()).toBeVisible();
  // Prices move on the embedded board.
  const prices = () => boards.first().locator('[data-testid^="last-"]').allTextContents();
  const first = (await prices()).join('|');
  await expect.poll(async () => (await prices()).join('|'), { timeout: 5000 }).not.toBe(first);

  await page.getByRole('button', { name: 'Add another board' }).click();
  await expect(boards).toHaveCount(3);
  await expect(boards.nth(2).locator('tbody tr[data-symbol]')).toHaveCount(10);
  await page.screenshot({ path: '.data/test-results/screens/embed-demo-light.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });

  await page.screenshot({ path: '.data/test-results/screens/embed-demo.png', fullPage: true });

  expect(streams).toHaveLength(1);
  expect(new URL(streams[0]!).searchParams.get('key')).toBe('pk_demo_localhost_only');
  const after = await opened(request);
  expect(after.stream.opened - before.stream.opened).toBe(1);
});

test('a ticker tape in a grid or flex cell of the page keeps to the width it is given', async ({ page }) => {
  await page.goto(`${demo.url}/cells.html`);
  for (const id of ['in-grid', 'in-column', 'in-flex'])
    await expect(page.locator(`#${id}`).getByText('HOOLI').first()).toBeAttached();
  // Let the tapes measure themselves a few times: a tape that grows with its own content would keep widening the page.
  await page.waitForTimeout(1500);
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    viewport: innerWidth,
    tapes: ['in-grid', 'in-column', 'in-flex'].map((id) => document.getElementById(id)!.getBoundingClientRect().width),
  }));
  expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  for (const width of widths.tapes) expect(width).toBeLessThanOrEqual(widths.viewport);
  await page.screenshot({ path: '.data/test-results/screens/embed-cells.png', fullPage: true });
});

test('a page whose CSS unsets everything does not break the widgets', async ({ page }) => {
  await page.goto(`${demo.url}/aggressive.html`);
  const board = page.locator('[data-quoteline="quote-board"]');
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);
  const cell = board.locator('tbody th').first();
  expect(await cell.evaluate((el) => getComputedStyle(el).display)).toBe('table-cell');
  expect(await cell.evaluate((el) => getComputedStyle(el).color)).not.toBe('rgb(255, 0, 0)');
  expect(await cell.evaluate((el) => getComputedStyle(el).fontFamily)).not.toMatch(/Comic/);
  await page.screenshot({ path: '.data/test-results/screens/embed-aggressive-css.png', fullPage: true });
});

test('a page whose origin the key does not allow says so and receives no data', async ({ page }) => {
  const streams = streamRequests(page);
  await page.goto(hostile.url);
  const board = page.locator('[data-quoteline="quote-board"]').first();
  await expect(board.getByRole('alert')).toHaveText(/not authorised for this site/);
  await expect(page.locator('tbody tr[data-symbol]')).toHaveCount(0);
  expect(streams).toHaveLength(0);
  await page.screenshot({ path: '.data/test-results/screens/embed-unauthorised.png' });
});

test('on Quoteline itself the same loader mounts the trading widgets for the signed-in account, on one stream', async ({
  page,
  request,
}) => {
  await page.goto('/embed-self.html');
  await expect(page.locator('[data-quoteline="order-ticket"]').getByRole('alert')).toHaveText(/Sign in on Quoteline/);
  const signedIn = await page.request.post('/api/session', {
    data: { email: 'trader@example.com', password: 'quoteline-trader' },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(signedIn.status()).toBe(200);
  const before = (await opened(request)).stream.opened;
  await page.reload();
  const ticket = page.locator('[data-quoteline="order-ticket"]');
  await expect(ticket.getByRole('heading', { name: 'Order ticket' })).toBeVisible();
  await expect(ticket.getByTestId('ticket-ask')).not.toHaveText('—');
  await expect(page.locator('[data-quoteline="portfolio"]').getByTestId('portfolio-cash')).not.toBeEmpty();
  await expect(page.locator('[data-quoteline="quote-board"] tbody tr[data-symbol]')).toHaveCount(10);
  expect((await opened(request)).stream.opened - before).toBe(1);
  await page.screenshot({ path: '.data/test-results/screens/embed-self.png', fullPage: true });
});
