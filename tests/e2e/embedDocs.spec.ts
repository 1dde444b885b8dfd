import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test, type Page } from '@playwright/test';

const SECTIONS = [
  'Add widgets to a page',
  'Live example',
  'Widgets and their attributes',
  'Light, dark and your own look',
  'Languages and number formats',
  'Embed keys and origins',
  'What a widget says when something is wrong',
  'React: @quoteline/react',
];

/** Console errors and uncaught exceptions of a page, from now on. */
function errorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} ${message.location().url}`);
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

const lastPrices = (page: Page) =>
  page.locator('[data-quoteline="quote-board"] [data-testid^="last-"]').allTextContents();

test('the embedding guide has every section, its live board ticks, and it fits light and dark at 1440 and 390 px', async ({
  page,
}) => {
  const errors = errorsOf(page);
  // The trader page links the guide; its header still fits a phone.
  await page.setViewportSize({ width: 390, height: 900 });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Sign in to trade' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await page.screenshot({ path: '.data/test-results/screens/trader-nav-390.png' });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.getByRole('link', { name: 'Embed widgets' }).click();
  await expect(page).toHaveURL(/\/docs\/embed$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Embedding Quoteline widgets');
  await expect(page.locator('main > section > h2')).toHaveText(SECTIONS);
  for (const widget of ['Ticker tape', 'Quote board', 'Price chart', 'Trading widgets'])
    await expect(page.getByRole('heading', { level: 3, name: new RegExp(`^${widget}:`) })).toBeVisible();
  const toc = page.getByRole('navigation', { name: 'On this page' });
  await expect(toc.getByRole('link')).toHaveText(SECTIONS);

  // The live example: the loader mounted a tape and a board, and prices move.
  const live = page.getByTestId('docs-live');
  await expect(live.locator('[data-quoteline="quote-board"] tbody tr[data-symbol]')).toHaveCount(10);
  await expect(live.locator('[data-quoteline="ticker-tape"]').getByText('HOOLI').first()).toBeVisible();
  const first = (await lastPrices(page)).join('|');
  await expect.poll(async () => (await lastPrices(page)).join('|'), { timeout: 5000 }).not.toBe(first);

  // The elements of the snippet are exactly the ones the live example runs.
  const snippet = (await page.getByTestId('embed-snippet').textContent())!.split('\n');
  const elements = await live.locator('> [data-quoteline]').evaluateAll((els) => els.map((el) => el.outerHTML));
  expect(elements).toHaveLength(2);
  expect(snippet.slice(1)).toEqual(elements);

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => window.scrollTo(0, 0));
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      await page.screenshot({ path: `.data/test-results/screens/embed-docs-${scheme}-${width}.png`, fullPage: true });
    }
  }
  expect(errors).toEqual([]);
});

test('the snippet as the guide shows it, pasted into a blank page on another origin with a real key, shows live quotes', async ({
  page,
}) => {
  await page.goto('/docs/embed');
  const snippet = (await page.getByTestId('embed-snippet').textContent())!;
  expect(snippet).toContain('data-key="pk_YOUR_KEY"');
  // pk_demo_localhost_only (seeded) allows http://localhost:* pages.
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Blank</title></head><body>${snippet.replace(
    'pk_YOUR_KEY',
    'pk_demo_localhost_only',
  )}</body></html>`;
  // A real server on loopback: Chromium lets only a page of the local network reach Quoteline on loopback.
  const blank = createServer((_, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end(html));
  await new Promise<void>((listening) => blank.listen(0, '127.0.0.1', listening));
  const errors = errorsOf(page);
  try {
    await page.goto(`http://localhost:${(blank.address() as AddressInfo).port}/`);
    await expect(page.locator('[data-quoteline="quote-board"] tbody tr[data-symbol]')).toHaveCount(10);
    await expect(page.locator('[data-quoteline="ticker-tape"]').getByText('GLOBX').first()).toBeVisible();
    const first = (await lastPrices(page)).join('|');
    await expect.poll(async () => (await lastPrices(page)).join('|'), { timeout: 5000 }).not.toBe(first);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
    await new Promise((closed) => blank.close(closed));
  }
});
