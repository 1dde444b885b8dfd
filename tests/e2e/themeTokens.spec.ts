import { expect, test, type Locator } from '@playwright/test';
import { serveDemo } from '../../widgets/embed/demo/serve';

let demo: { url: string; close(): Promise<void> };

test.beforeAll(async ({ baseURL }) => {
  demo = await serveDemo({ port: 0, quoteline: baseURL!.replace('127.0.0.1', 'localhost') });
});
test.afterAll(async () => demo?.close());

/** The computed style of a widget's frame (the section inside its shadow root). */
const frameStyle = (board: Locator) =>
  board.getByTestId('quote-board').evaluate((section) => {
    const s = getComputedStyle(section);
    return {
      bg: s.backgroundColor,
      border: s.borderTopColor,
      radius: s.borderTopLeftRadius,
      font: s.fontFamily,
      size: s.fontSize,
    };
  });

test('a host page themes the widgets through --ql-* tokens and data-tokens, and a de-DE board formats as German', async ({
  page,
}) => {
  await page.goto(`${demo.url}/themed.html`);
  const german = page.locator('#german');
  const compact = page.locator('#compact');
  const plain = page.locator('#plain');
  for (const board of [german, compact, plain]) await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);

  // Tokens set on an ancestor cross the shadow boundary; a widget outside it keeps the defaults.
  expect(await frameStyle(german)).toMatchObject({
    bg: 'rgb(255, 251, 230)',
    border: 'rgb(138, 109, 29)',
    radius: '0px',
    size: '15px',
  });
  expect((await frameStyle(german)).font).toContain('Georgia');
  expect(await frameStyle(plain)).toMatchObject({ bg: 'rgb(255, 255, 255)', radius: '8px', size: '14px' });

  // An up move is drawn in the page's up colour.
  const upCell = german.locator('td.ql-up').first();
  await expect(upCell).toBeVisible({ timeout: 10_000 });
  expect(await upCell.evaluate((td) => getComputedStyle(td).color)).toBe('rgb(0, 100, 0)');

  // data-tokens: its own accent and a denser table (cells padded at 0.6 × 6 px).
  const cellPadding = (board: Locator) =>
    board
      .locator('tbody td')
      .first()
      .evaluate((td) => getComputedStyle(td).paddingTop);
  expect(await cellPadding(compact)).toBe('3.6px');
  expect(await cellPadding(plain)).toBe('6px');
  const accent = await compact
    .getByTestId('quote-board')
    .evaluate((s) => getComputedStyle(s).getPropertyValue('--qli-accent').trim());
  expect(accent).toBe('#6b21a8');

  // de-DE: German headings and words, decimal commas; the plain board stays in the browser's en-US.
  await expect(german.getByRole('columnheader', { name: /Letzter/ })).toBeVisible();
  await expect(plain.getByRole('columnheader', { name: /Last/ })).toBeVisible();
  await expect(german.getByTestId('quote-board')).toHaveAttribute('lang', 'de-DE');
  const germanLast = await german.locator('[data-testid^="last-"]').first().textContent();
  expect(germanLast).toMatch(/^\d{1,3}(\.\d{3})*,\d{2}$/);
  const plainLast = await plain.locator('[data-testid^="last-"]').first().textContent();
  expect(plainLast).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
  await expect(page.locator('[data-quoteline="ticker-tape"]').getByRole('button', { name: 'Anhalten' })).toBeVisible();

  await page.screenshot({ path: '.data/test-results/screens/theme-tokens-light.png', fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  // The unbranded board turns dark; the branded ones take the page's dark palette (its tokens win in both themes).
  await expect.poll(async () => (await frameStyle(plain)).bg).toBe('rgb(15, 23, 42)');
  expect(await frameStyle(german)).toMatchObject({ bg: 'rgb(43, 32, 5)', radius: '0px' });
  expect(await german.getByTestId('quote-board').evaluate((s) => getComputedStyle(s).color)).toBe('rgb(255, 251, 230)');
  await page.screenshot({ path: '.data/test-results/screens/theme-tokens-dark.png', fullPage: true });
});

test('a bad data-tokens value is refused in words, and that widget alone shows it', async ({ page }) => {
  await page.setContent('<p>loading</p>');
  await page.goto(`${demo.url}/themed.html`);
  await page.evaluate(() => {
    const el = document.createElement('div');
    el.id = 'bad';
    el.dataset.quoteline = 'quote-board';
    el.dataset.feed = 'demo';
    el.dataset.tokens = 'bg: url(https://tracker.example/x.png)';
    document.body.append(el);
  });
  await expect(page.locator('#bad').getByRole('alert')).toContainText('not a plain CSS value');
  await expect(page.locator('#german tbody tr[data-symbol]')).toHaveCount(10);
});
