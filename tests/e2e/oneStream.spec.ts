import { expect, test, type Page } from '@playwright/test';
import { openTestStream } from '../support/sseClient';
import { streamRequests } from './streamRequests';

type Health = { connections: number; stream: { opened: number; closed: Record<string, number> } };

async function health(page: Page): Promise<Health> {
  return (await (await page.request.get('/api/health')).json()) as Health;
}

async function expectConnections(page: Page, n: number) {
  await expect.poll(async () => (await health(page)).connections, { timeout: 10_000 }).toBe(n);
}

/** The server's current prices of a feed, from a fresh snapshot. */
async function serverPrices(baseURL: string, feed: string, count: number): Promise<Record<string, string>> {
  const stream = await openTestStream(baseURL, `/api/stream?topics=feed:${feed}`);
  try {
    await stream.waitFor((events) => events.filter((e) => e.type === 'add').length >= count);
    const prices: Record<string, string> = {};
    for (const e of stream.events) if (e.type === 'add') prices[e.data.symbol] = e.data.price.toFixed(e.data.decimals);
    return prices;
  } finally {
    stream.close();
  }
}

async function pagePrices(page: Page): Promise<Record<string, string>> {
  return page
    .locator('[data-testid="quote-board"]')
    .first()
    .evaluate((board) => {
      const out: Record<string, string> = {};
      for (const row of board.querySelectorAll('tbody tr[data-symbol]')) {
        const cell = row.querySelector('[data-testid^="last-"]');
        out[row.getAttribute('data-symbol')!] = (cell?.textContent ?? '').replace(/,/g, '');
      }
      return out;
    });
}

test.describe('one stream per browser', () => {
  test.afterEach(async ({ page }) => {
    await page.context().close();
  });

  test('three tabs with several widgets each hold ONE stream, and a board added later joins it', async ({
    context,
    page,
  }) => {
    await expectConnections(page, 0);
    const openedBefore = (await health(page)).stream.opened;
    const tabs = [page, await context.newPage(), await context.newPage()];
    for (const tab of tabs) {
      await tab.goto('/widgets?boards=demo,demo,demo');
      await expect(tab.getByTestId('quote-board')).toHaveCount(3);
      for (const board of await tab.getByTestId('quote-board').all())
        await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);
    }
    await expectConnections(page, 1);

    // A widget for a topic not yet on the stream: the worker subscribes it over POST, no second stream.
    await page.getByLabel('Add a quote board for feed').fill('fx');
    await page.getByRole('button', { name: 'Add board' }).click();
    const fxBoard = page.getByTestId('quote-board').nth(3);
    await expect(fxBoard.getByRole('heading')).toHaveText('Feed fx');
    await expect(fxBoard.locator('tbody tr[data-symbol]')).toHaveCount(4);
    await expectConnections(page, 1);
    expect((await health(page)).stream.opened - openedBefore).toBe(1);
  });

  test('without SharedWorker each tab falls back to one stream of its own', async ({ context, page }) => {
    await context.addInitScript(() => {
      // @ts-expect-error simulate a browser without SharedWorker
      delete window.SharedWorker;
    });
    const streams = streamRequests(context);
    const second = await context.newPage();
    for (const tab of [page, second]) {
      await tab.goto('/widgets?boards=demo,demo');
      await expect(tab.locator('tbody tr[data-symbol]')).toHaveCount(20);
    }
    await expectConnections(page, 2);
    expect(streams).toHaveLength(2);
    await page.getByLabel('Add a quote board for feed').fill('fx');
    await page.getByRole('button', { name: 'Add board' }).click();
    await expect(page.getByTestId('quote-board').nth(2).locator('tbody tr[data-symbol]')).toHaveCount(4);
    expect(streams).toHaveLength(2);
  });

  test('when the server drops the stream, widgets say so, come back live, and show the server’s prices', async ({
    page,
    baseURL,
  }) => {
    await page.goto('/widgets?boards=fx');
    const board = page.getByTestId('quote-board');
    await expect(board.getByRole('status')).toHaveText('Live');
    await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(4);
    await board.getByRole('status').evaluate((el) => {
      const seen: string[] = [];
      (window as unknown as { statusSeen: string[] }).statusSeen = seen;
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    const dropped = await page.request.post('/api/test/streams/drop');
    expect(await dropped.json()).toMatchObject({ dropped: 1 });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { statusSeen: string[] }).statusSeen))
      .toContain('Reconnecting…');
    await expect(board.getByRole('status')).toHaveText('Live');
    await expectConnections(page, 1);
    // The fx feed ticks once a second: between ticks the page must match a fresh server snapshot.
    await expect
      .poll(
        async () => JSON.stringify(await pagePrices(page)) === JSON.stringify(await serverPrices(baseURL!, 'fx', 4)),
        { timeout: 10_000 },
      )
      .toBe(true);
  });
});
