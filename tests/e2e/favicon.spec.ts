import { expect, test } from '@playwright/test';

test('every page names an icon the server serves, and the browser asks for no missing favicon', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  for (const path of ['/', '/signin', '/docs/embed']) {
    await page.goto(path);
    const href = await page.locator('link[rel="icon"]').first().getAttribute('href');
    expect(href, `icon link on ${path}`).toBeTruthy();
    const icon = await page.request.get(new URL(href!, page.url()).href);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
  }
  expect(missing).toEqual([]);
});
