import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { freePort } from '../support/appServer';
import type { startScaledShape } from '../../scripts/scaled/shape.mjs';

// The scaled shape (2 instances, Redis, PostgreSQL, nginx with HTTP/2 + TLS), started for this file only.
// Imported at run time: Playwright's loader would compile the .mjs scripts as CommonJS.
type Shape = Awaited<ReturnType<typeof startScaledShape>>;
let shape: Shape;
let dataDir: string;

test.describe.configure({ mode: 'serial', timeout: 180_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dataDir = mkdtempSync(join(tmpdir(), 'quoteline-e2e-scaled-'));
  chmodSync(dataDir, 0o755); // PostgreSQL runs as the postgres user and must enter this folder
  const scaled = await import('../../scripts/scaled/shape.mjs');
  shape = await scaled.startScaledShape({
    dataDir,
    listen: await freePort(),
    appPorts: [await freePort(), await freePort()],
    redisPort: await freePort(),
    postgresPort: await freePort(),
  });
});

test.afterAll(async () => {
  await shape?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('over https through nginx the trader page works on ONE HTTP/2 connection: page, widgets, stream and orders', async ({
  browser,
}) => {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, baseURL: shape.url });
  const page = await context.newPage();
  const accessLog = join(dataDir, 'nginx', 'access.log');
  const logBefore = readFileSync(accessLog, 'utf8').length;

  await page.goto('/signin');
  await page.getByLabel('Email').fill('trader@example.com');
  await page.getByLabel('Password').fill('quoteline-trader');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toContainText('trader@example.com');
  const board = page.getByTestId('quote-board');
  await expect(board.getByRole('status')).toHaveText('Live', { timeout: 20_000 });
  await expect(board.locator('tbody tr[data-symbol]')).toHaveCount(10);

  const protocol = await page.evaluate(
    () => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).nextHopProtocol,
  );
  expect(protocol).toBe('h2');

  // A market order through the order ticket: a POST on the same connection, filled through the stream.
  const ticket = page.getByTestId('order-ticket');
  await expect(ticket.getByTestId('ticket-ask')).not.toHaveText('—');
  await ticket.getByLabel('Instrument').selectOption('ACME');
  await ticket.getByLabel('Quantity').fill('1');
  await ticket.getByRole('button', { name: 'Buy ACME' }).click();
  await expect(ticket.getByTestId('ticket-outcome')).toHaveText(/^Filled: buy 1 ACME at \d+\.\d\d$/, {
    timeout: 15_000,
  });
  await page.screenshot({ path: '.data/test-results/screens/scaled-https-desk.png', fullPage: true });

  // nginx's log names the client connection of every request: after the sign-in navigation, one for all.
  const lines = readFileSync(accessLog, 'utf8').slice(logBefore).split('\n').filter(Boolean);
  const afterSignIn = lines.slice(lines.findIndex((l) => l.includes('"GET / HTTP/2.0"')));
  const connections = new Set(afterSignIn.map((l) => /conn=(\d+)/.exec(l)?.[1]));
  expect(afterSignIn.some((l) => l.includes('/api/stream'))).toBe(true);
  expect(afterSignIn.some((l) => l.includes('POST /api/orders'))).toBe(true);
  expect(afterSignIn.every((l) => l.includes('proto=HTTP/2.0'))).toBe(true);
  expect([...connections]).toHaveLength(1);
  await context.close();
});
