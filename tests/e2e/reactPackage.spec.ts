import { expect, test, type APIRequestContext } from '@playwright/test';
import { buildReactExample, startReactExample } from '../support/reactExample';

// examples/react-next installs the PACKED @quoteline/react and runs on another origin than Quoteline.
let example: { url: string; stop(): Promise<void> };

test.beforeAll(async ({ baseURL }) => {
  test.setTimeout(300_000); // pack, install offline, next build: about a minute on a quiet machine
  await buildReactExample();
  example = await startReactExample({ quoteline: baseURL!.replace('127.0.0.1', 'localhost'), key: 'pk_react_example' });
});
test.afterAll(async () => {
  await example?.stop();
});

const opened = async (request: APIRequestContext) =>
  ((await (await request.get('/api/health')).json()) as { stream: { opened: number } }).stream.opened;

test('the server renders a placeholder for each widget, in HTML', async ({ request }) => {
  const html = await (await request.get(example.url)).text();
  for (const kind of ['ticker-tape', 'quote-board', 'price-chart'])
    expect(html).toContain(`data-quoteline-react="${kind}"`);
  expect(html.match(/data-quoteline-placeholder/g)).toHaveLength(3);
  expect(html).toContain('Loading the ACME chart…');
});

test('the widgets tick on ONE stream shared with a script-tag widget; 100 parent re-renders reopen nothing and remount no chart; a feed change resubscribes over POST', async ({
  page,
  request,
}) => {
  const before = await opened(request);
  const streams: string[] = [];
  const posts: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/api/stream' && r.method() === 'GET') streams.push(r.url());
    if (path === '/api/stream/subscriptions' && r.method() === 'POST') posts.push(r.postData() ?? '');
  });
  await page.goto(example.url);
  const tape = page.locator('[data-quoteline-react="ticker-tape"]');
  const board = page.locator('[data-quoteline-react="quote-board"]');
  const chart = page.locator('[data-quoteline-react="price-chart"]');
  await expect(tape.getByTestId('ticker-tape').getByText('ACME').first()).toBeVisible();
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);
  await expect(chart.locator('canvas').first()).toBeVisible();
  await expect(page.locator('[data-quoteline="ticker-tape"]').getByText('HOOLI').first()).toBeVisible();
  const prices = () => board.locator('[data-testid^="last-"]').allTextContents();
  const first = (await prices()).join('|');
  await expect.poll(async () => (await prices()).join('|'), { timeout: 5000 }).not.toBe(first);
  expect(streams).toHaveLength(1);
  expect(new URL(streams[0]!).searchParams.get('key')).toBe('pk_react_example');

  // Mark the chart's canvas: a remounted chart would draw on a new, unmarked one.
  await chart
    .locator('canvas')
    .first()
    .evaluate((canvas) => ((canvas as HTMLCanvasElement & { marked?: boolean }).marked = true));
  const postsBefore = posts.length;
  await page.getByRole('button', { name: 'Re-render 100 times' }).click();
  await expect(page.getByTestId('renders')).toHaveText('100');
  expect(
    await chart
      .locator('canvas')
      .first()
      .evaluate((canvas) => (canvas as HTMLCanvasElement & { marked?: boolean }).marked === true),
  ).toBe(true);
  expect(streams).toHaveLength(1);
  expect(posts.length).toBe(postsBefore);

  await page.getByRole('button', { name: 'Switch the board to fx' }).click();
  await expect(board.locator('tbody tr[data-symbol="EURUSD"]')).toBeVisible();
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(4);
  expect(posts.slice(postsBefore).some((body) => body.includes('feed:fx'))).toBe(true);
  expect(streams).toHaveLength(1);
  expect((await opened(request)) - before).toBe(1);
  await page.screenshot({ path: '.data/test-results/screens/react-example.png', fullPage: true });
});

test('the widgets watch their hosts: pushed out of view, the feed they read slows; back in view, full rate', async ({
  page,
}) => {
  const rates: Record<string, number>[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).pathname !== '/api/stream/subscriptions') return;
    const body = JSON.parse(r.postData() ?? '{}') as { rates?: Record<string, number> };
    if (body.rates) rates.push(body.rates);
  });
  await page.goto(example.url);
  const board = page.locator('[data-quoteline-react="quote-board"]');
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);
  await expect(page.locator('[data-quoteline="ticker-tape"]').getByText('HOOLI').first()).toBeVisible();
  expect(rates).toEqual([]);
  // Every reader of feed:demo (three React widgets, one script-tag tape) leaves the viewport. The topic
  // slows only if the React widgets watch their hosts too: else they would keep it at full rate.
  await page.evaluate(() => (document.body.style.paddingTop = '300vh'));
  await expect.poll(() => rates.at(-1)?.['feed:demo']).toBe(1000);
  await page.evaluate(() => (document.body.style.paddingTop = ''));
  await expect.poll(() => rates.at(-1)?.['feed:demo']).toBe(0);
  await expect(board).toBeInViewport();
});
