import { expect, test, type Locator, type Page } from '@playwright/test';
import { answerConfirm } from './confirmDialog';
import { ADMIN, adminConsole, closeContextsAfterEach, signedIn, visitor } from './signedIn';

const SCREENS = '.data/test-results/screens';

closeContextsAfterEach();

/** The console's "Create a feed" form. */
const createForm = (admin: Page) => admin.getByRole('form', { name: 'Create a feed' });

/** Creates a feed through the page's form and waits for its card. */
async function createFeed(
  admin: Page,
  slug: string,
  name: string,
  source: 'Simulator' | 'Push' | 'Replay',
  settings: Record<string, string> = {},
): Promise<Locator> {
  const form = createForm(admin);
  await form.getByLabel('Slug').fill(slug);
  await form.getByLabel('Display name').fill(name);
  await form.getByRole('radio', { name: source }).check();
  for (const [label, value] of Object.entries(settings)) await form.getByLabel(label).fill(value);
  await form.getByRole('button', { name: 'Create feed' }).click();
  const card = admin.locator(`[data-feed="${slug}"]`);
  await expect(card.getByRole('heading', { level: 3 })).toContainText(name);
  return card;
}

/** Adds an instrument through a feed card's form. */
async function addInstrument(card: Locator, symbol: string, name: string, price: string): Promise<void> {
  const form = card.getByRole('form', { name: /^Add an instrument/ });
  await form.getByLabel('Symbol').fill(symbol);
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Price').fill(price);
  await form.getByRole('button', { name: 'Add instrument' }).click();
  await expect(card.getByRole('row', { name: new RegExp(`^${symbol} `) })).toBeVisible();
}

type ListedFeed = {
  slug: string;
  name: string;
  tickIntervalMs: number;
  volatility: number;
  drift: number;
  spreadBps: number;
  seed: number;
};
const listed = async (page: Page, slug: string) =>
  ((await (await page.request.get('/api/admin/feeds')).json()) as { feeds: ListedFeed[] }).feeds.find(
    (f) => f.slug === slug,
  );

test('an admin creates a simulator feed (errors next to the fields first), renames it and retunes it live', async ({
  browser,
}) => {
  const admin = await adminConsole(browser);
  const form = createForm(admin);
  // The console is long: "On this page" links lead to each part (and each feed).
  const onThisPage = admin.getByRole('navigation', { name: 'On this page' });
  await expect(onThisPage.getByRole('link')).toContainText([
    'Feeds',
    'demo',
    'Create a feed',
    'Embed keys',
    'Audit log',
    'Live connections',
  ]);
  await onThisPage.getByRole('link', { name: 'Create a feed' }).click();
  await expect(form).toBeInViewport();

  // Validated with the API's own schema before anything is sent; each error is tied to its field.
  await form.getByLabel('Slug').fill('Not A Slug');
  await form.getByLabel('Tick interval (ms)').fill('10');
  await form.getByLabel('Volatility').fill('lots');
  await form.getByLabel('Display name').press('Enter'); // keyboard: Enter submits
  await expect(form.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('Slug')).toHaveAccessibleDescription(/a feed slug is 1-32 lowercase letters/);
  await expect(form.getByLabel('Display name')).toHaveAccessibleDescription('enter a name');
  await expect(form.getByLabel('Tick interval (ms)')).toHaveAccessibleDescription(/a tick interval is 50 to 60000 ms/);
  await expect(form.getByLabel('Volatility')).toHaveAccessibleDescription(/enter a number/);
  await expect(form.getByLabel('Drift')).toHaveAttribute('aria-invalid', 'false');
  expect(await listed(admin, 'not-a-slug')).toBeUndefined();

  const card = await createFeed(admin, 'sim-e2e', 'Simulated E2E', 'Simulator', {
    'Tick interval (ms)': '200',
    Volatility: '0.5',
    Drift: '0.1',
    'Spread (bps)': '20',
    Seed: '7',
  });
  await expect(admin.getByRole('status').filter({ hasText: 'Feed feed:sim-e2e created.' })).toBeVisible();
  await expect(card.getByText('No instruments yet')).toBeVisible(); // the empty state
  await admin.evaluate(() => window.scrollTo(0, 0));
  await onThisPage.getByRole('link', { name: 'sim-e2e', exact: true }).click();
  await expect(card.getByRole('heading', { level: 3 })).toBeInViewport();
  expect(await listed(admin, 'sim-e2e')).toMatchObject({
    name: 'Simulated E2E',
    tickIntervalMs: 200,
    volatility: 0.5,
    drift: 0.1,
    spreadBps: 20,
    seed: 7,
  });

  // The API's refusal, next to the field it is about.
  await form.getByLabel('Slug').fill('sim-e2e');
  await form.getByLabel('Display name').fill('Again');
  await form.getByRole('button', { name: 'Create feed' }).click();
  await expect(form.getByLabel('Slug')).toHaveAccessibleDescription(/A feed "sim-e2e" exists already\./);

  await addInstrument(card, 'SIME', 'Sim E2E Co', '50');
  const watcher = await visitor(browser);
  await watcher.goto('/widgets?boards=sim-e2e');
  const last = watcher.getByTestId('quote-board').getByTestId('last-SIME');
  await expect(last).toHaveText(/^\d/);

  const settings = card.getByRole('form', { name: 'Rename or retune sim-e2e' });
  await expect(settings.getByLabel('Tick interval (ms)')).toHaveValue('200');
  await settings.getByLabel('Volatility').fill('9');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByLabel('Volatility')).toHaveAccessibleDescription(/volatility is 0 to 5/);

  await settings.getByLabel('Display name').fill('Simulated (renamed)');
  await settings.getByLabel('Volatility').fill('1.2');
  await settings.getByLabel('Tick interval (ms)').fill('100');
  await settings.getByRole('button', { name: 'Save settings' }).click();
  await expect(settings.getByRole('status')).toHaveText('Saved: the new settings apply live.');
  await expect(card.getByRole('heading', { level: 3 })).toContainText('Simulated (renamed)');
  expect(await listed(admin, 'sim-e2e')).toMatchObject({
    name: 'Simulated (renamed)',
    tickIntervalMs: 100,
    volatility: 1.2,
    drift: 0.1,
    spreadBps: 20,
  });
  // Still live after the retune, on the watcher's open stream.
  const before = await last.textContent();
  await expect.poll(() => last.textContent(), { timeout: 5000 }).not.toBe(before);
  await expect(admin.getByRole('region', { name: 'Audit log' }).getByText('feed.update')).toBeVisible();

  // Another admin retunes it meanwhile: an untouched form shows their value once the console is looked at again,
  // while a form being edited keeps what this admin typed.
  const other = await signedIn(browser, ADMIN);
  const patch = (body: object) =>
    other.request.patch('/api/admin/feeds/sim-e2e', { data: body, headers: { origin: new URL(other.url()).origin } });
  expect((await patch({ drift: -0.2 })).status()).toBe(200);
  const lookAgain = async () => {
    const refetched = admin.waitForResponse((r) => r.url().endsWith('/api/admin/feeds'));
    await admin.evaluate(() => window.dispatchEvent(new Event('visibilitychange'))); // what react-query hears when the tab is shown
    await refetched;
    await admin.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))); // rendered
  };
  await lookAgain();
  await expect(settings.getByLabel('Drift')).toHaveValue('-0.2');
  await settings.getByLabel('Spread (bps)').fill('30');
  expect((await patch({ drift: 0.3 })).status()).toBe(200);
  await lookAgain();
  await expect(settings.getByLabel('Drift')).toHaveValue('-0.2');
  await expect(settings.getByLabel('Spread (bps)')).toHaveValue('30');
});

test('an admin creates a push feed and sees its token once; the shown tokens work, rotation retires the old one', async ({
  browser,
  baseURL,
}) => {
  const admin = await signedIn(browser, ADMIN, { permissions: ['clipboard-read', 'clipboard-write'] });
  await admin.goto('/admin');
  const card = await createFeed(admin, 'push-e2e', 'Pushed E2E', 'Push');
  const box = createForm(admin).locator('..').getByTestId('push-token-box');
  await expect(box).toBeFocused(); // keyboard and screen-reader users land on it
  await expect(box.getByRole('heading')).toHaveText('Push token of feed:push-e2e');
  await expect(box).toContainText('it will not be shown again');
  const token = (await box.getByTestId('push-token').textContent())!;
  expect(token).toMatch(/^push_[\w-]{20,}$/);
  await box.getByRole('button', { name: 'Copy token' }).click();
  await expect(box.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(token);

  await addInstrument(card, 'PSHE', 'Push E2E Co', '20');
  const endpoint = `${baseURL}/api/feeds/push-e2e/ticks`;
  await expect(card.getByTestId('tick-endpoint')).toHaveText(`POST ${endpoint}`);
  await expect(card.getByLabel('Example request')).toContainText(`curl -X POST ${endpoint}`);
  await expect(card.getByLabel('Example request')).toContainText('"symbol":"PSHE"');
  const push = (t: string) =>
    admin.request.post(endpoint, {
      headers: { Authorization: `Bearer ${t}` },
      data: { ticks: [{ symbol: 'PSHE', price: 21.5 }] },
    });
  expect((await push(token)).status()).toBe(200);

  await box.getByRole('button', { name: 'I have stored it: hide the token' }).click();
  await expect(box).toHaveCount(0);
  await admin.reload();
  await expect(card.getByRole('heading', { level: 3 })).toContainText('Pushed E2E');
  await expect(admin.getByTestId('push-token')).toHaveCount(0);
  expect(await admin.content()).not.toContain(token);

  // Rotation: asked first (dismissing changes nothing), then a new token shown once.
  await card.getByRole('button', { name: 'Rotate push token' }).click();
  await answerConfirm(admin, null);
  await expect(card.getByTestId('push-token-box')).toHaveCount(0);
  expect((await push(token)).status()).toBe(200);
  await card.getByRole('button', { name: 'Rotate push token' }).click();
  expect(await answerConfirm(admin, 'Rotate token')).toContain('The current token stops working at once');
  const rotated = (await card.getByTestId('push-token').textContent())!;
  expect(rotated).toMatch(/^push_/);
  expect(rotated).not.toBe(token);
  expect((await push(token)).status()).toBe(403);
  expect((await push(rotated)).status()).toBe(200);
});

test('deleting a feed asks first; a watched one needs "delete anyway", which ends its topic for the watchers', async ({
  browser,
}) => {
  const admin = await adminConsole(browser);
  const quiet = await createFeed(admin, 'quiet-e2e', 'Unwatched', 'Simulator');
  const doomed = await createFeed(admin, 'doomed-e2e', 'Doomed', 'Simulator');
  await addInstrument(doomed, 'DOOME', 'Doomed Co', '5');

  // Nobody watches: one confirmation is enough; dismissing it keeps the feed.
  // It opens as a modal dialog with the focus on Cancel: Escape, or Enter at once, keep the feed.
  const deleteQuiet = quiet.getByRole('button', { name: 'Delete feed' });
  await deleteQuiet.click();
  const dialog = admin.getByRole('dialog', { name: 'Delete feed:quiet-e2e and its 0 instruments?' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveAccessibleDescription('Widgets showing it lose them at once. This cannot be undone.');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await admin.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(deleteQuiet).toBeFocused(); // back where the admin was
  await admin.keyboard.press('Enter'); // opens it again from the keyboard
  await admin.keyboard.press('Enter'); // Enter on the focused Cancel
  await expect(dialog).toBeHidden();
  await expect(quiet).toBeVisible();
  await deleteQuiet.click();
  await answerConfirm(admin, 'Delete feed');
  await expect(quiet).toHaveCount(0);

  const watcher = await visitor(browser);
  await watcher.goto('/widgets?boards=doomed-e2e');
  const row = watcher.getByTestId('quote-board').locator('tbody tr[data-symbol="DOOME"]');
  await expect(row).toBeVisible();

  await doomed.getByRole('button', { name: 'Delete feed' }).click();
  await answerConfirm(admin, 'Delete feed');
  const alert = doomed.getByRole('alert');
  await expect(alert).toContainText('The feed is in use.');
  await expect(alert).toContainText('1 open stream(s) watch feed:doomed-e2e'); // the API's own words
  await alert.getByRole('button', { name: 'Keep the feed' }).click();
  await expect(doomed.getByRole('button', { name: 'Delete feed' })).toBeVisible();
  await expect(row).toBeVisible();

  await doomed.getByRole('button', { name: 'Delete feed' }).click();
  await answerConfirm(admin, 'Delete feed');
  await doomed.getByRole('button', { name: 'Delete anyway' }).click();
  await expect(doomed).toHaveCount(0);
  await expect(row).toHaveCount(0); // the watcher saw the remove, without a reload
  await expect(admin.getByRole('region', { name: 'Audit log' }).getByText('feed.delete').first()).toBeVisible();
});

test('a replayed CSV drives the chart: uploaded through the console, its prices reach a chart of its symbol', async ({
  browser,
}) => {
  const admin = await adminConsole(browser);
  const card = await createFeed(admin, 'replay-e2e', 'Replayed E2E', 'Replay');
  const upload = card.getByRole('form', { name: 'Upload a replay file to replay-e2e' });
  await expect(card.getByTestId('replay-state')).toContainText('No file uploaded yet.');
  await addInstrument(card, 'RPLY', 'Replay Co', '10');

  // Nothing chosen yet: said next to the file field.
  await upload.getByRole('button', { name: 'Upload and play' }).click();
  await expect(upload.getByLabel('CSV file')).toHaveAccessibleDescription(/Choose a CSV file\./);

  // Bad rows come back with their line numbers; nothing is played.
  const file = upload.getByLabel('CSV file');
  await file.setInputFiles({
    name: 'bad.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('timestamp,symbol,price\n1767225600,RPLY,10.5\nnot-a-time,RPLY,11\n1767225602,OTHER,12\n'),
  });
  await upload.getByRole('button', { name: 'Upload and play' }).click();
  const problems = upload.getByRole('list', { name: 'Rows that cannot be replayed' });
  await expect(upload.getByRole('alert')).toHaveText('2 row(s) cannot be replayed; nothing was changed.');
  await expect(problems.getByRole('listitem')).toHaveText([
    'Line 3: "not-a-time" is not a timestamp',
    'Line 4: OTHER is not an instrument of feed replay-e2e',
  ]);
  await expect(file).toHaveAttribute('aria-invalid', 'true');

  // A trader's chart of the symbol, live on the replay feed, before the upload.
  const trader = await visitor(browser);
  await trader.goto('/widgets?chart=RPLY&chartFeed=replay-e2e');
  const canvas = trader.getByTestId('price-chart-canvas');
  await expect(canvas.locator('canvas').first()).toBeVisible();
  await expect(canvas).toHaveAttribute('data-last', '10.00');
  // Every last price the chart draws from here on, in order.
  await canvas.evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    new MutationObserver(() => seen.push(el.getAttribute('data-last') ?? '')).observe(el, {
      attributes: true,
      attributeFilter: ['data-last'],
    });
  });

  const prices = ['10.50', '11.25', '12.34'];
  const csv = ['timestamp,symbol,price', ...prices.map((p, i) => `${1767225600 + i},RPLY,${p}`)].join('\n');
  await file.setInputFiles({ name: 'rply.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await upload.getByLabel('Speed').fill('4');
  await upload.getByLabel('Loop at the end').uncheck();
  await upload.getByRole('button', { name: 'Upload and play' }).click();
  await expect(upload.getByRole('status')).toHaveText('Playing 3 rows at 4× speed, once.');
  await expect(upload.getByRole('alert')).toHaveCount(0);
  await expect(card.getByTestId('replay-state')).toContainText('Playing the uploaded file at 4× speed, once.');

  await expect(canvas).toHaveAttribute('data-last', '12.34', { timeout: 10_000 });
  const seen = await trader.evaluate(() => (window as unknown as { seen: string[] }).seen);
  // Only the file's prices, in the file's order (ticks may arrive batched), ending with its last row.
  expect(
    seen
      .filter((p, i) => p !== seen[i - 1])
      .every((p, i, all) => prices.indexOf(p) > (i === 0 ? -1 : prices.indexOf(all[i - 1]!))),
  ).toBe(true);
  expect(seen.at(-1)).toBe('12.34');

  // The history agrees: a fresh chart starts from the candles and says the last price in words.
  const candles = (await (await trader.request.get('/api/instruments/RPLY/candles?interval=1m')).json()) as {
    candles: { close: number }[];
  };
  expect(candles.candles.at(-1)!.close).toBe(12.34);
  await trader.reload();
  await expect(trader.getByTestId('price-chart-canvas')).toHaveAttribute(
    'aria-label',
    /^RPLY, 1-minute candles\. Last 12\.34,/,
  );
});

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of the new admin sections in ${scheme}`, async ({ browser }) => {
    const admin = await signedIn(browser, ADMIN, { colorScheme: scheme, viewport: { width: 1200, height: 900 } });
    await admin.goto('/admin');
    const form = createForm(admin);
    await form.getByLabel('Tick interval (ms)').fill('5');
    await form.getByRole('button', { name: 'Create feed' }).click();
    await expect(form.getByLabel('Slug')).toHaveAttribute('aria-invalid', 'true');
    await form.locator('..').screenshot({ path: `${SCREENS}/admin-create-invalid-${scheme}.png` });
    await form.getByLabel('Tick interval (ms)').fill('500');

    const push = await createFeed(admin, `shot-push-${scheme}`, `Push (${scheme})`, 'Push');
    await expect(admin.getByTestId('push-token-box')).toBeVisible();
    await form.locator('..').screenshot({ path: `${SCREENS}/admin-push-token-${scheme}.png` });
    await push.screenshot({ path: `${SCREENS}/admin-push-feed-${scheme}.png` });

    const replay = await createFeed(admin, `shot-replay-${scheme}`, `Replay (${scheme})`, 'Replay');
    const upload = replay.getByRole('form', { name: /^Upload a replay file/ });
    await upload.getByLabel('CSV file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('1767225600,NOPE,1\n1767225601,NOPE,x\n'),
    });
    await upload.getByRole('button', { name: 'Upload and play' }).click();
    await expect(upload.getByRole('listitem')).toHaveText([
      /^Line 1: NOPE is not an instrument/,
      /^Line 2: "x" is not a positive price/,
    ]); // in file order
    await replay.screenshot({ path: `${SCREENS}/admin-replay-feed-${scheme}.png` });

    const symbol = `SHOT-${scheme === 'light' ? 'L' : 'D'}`;
    await addInstrument(push, symbol, 'Screenshot Co', '12.5');
    const watcher = await visitor(browser);
    await watcher.goto(`/widgets?boards=shot-push-${scheme}`);
    await expect(watcher.getByTestId('quote-board').locator(`tbody tr[data-symbol="${symbol}"]`)).toBeVisible();
    await push.getByRole('button', { name: 'Delete feed' }).click();
    await expect(admin.getByRole('dialog')).toBeVisible();
    await admin.screenshot({ path: `${SCREENS}/admin-confirm-dialog-${scheme}.png` });
    await answerConfirm(admin, 'Delete feed');
    await expect(push.getByRole('alert')).toContainText('The feed is in use.');
    await push.screenshot({ path: `${SCREENS}/admin-delete-confirm-${scheme}.png` });
    await admin.screenshot({ path: `${SCREENS}/admin-${scheme}.png`, fullPage: true });
    await admin.evaluate(() => window.scrollTo(0, 0));
    await admin.screenshot({ path: `${SCREENS}/admin-top-${scheme}.png` });
  });
}
