import {
  expect,
  test,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from '@playwright/test';

export const ADMIN = ['admin@example.com', 'quoteline-admin'] as const;
export const TRADER = ['trader@example.com', 'quoteline-trader'] as const;

/**
 * Signed-in pages, each in its own browser context, closed after every test
 * of the spec that calls `closeContextsAfterEach()`: open pages hold streams,
 * and later specs count connections.
 */
const contexts: BrowserContext[] = [];

export function closeContextsAfterEach(): void {
  test.afterEach(async () => {
    await Promise.all(contexts.splice(0).map((c) => c.close()));
  });
}

/** A page of a new context, signed in through the sign-in form. */
export async function signedIn(
  browser: Browser,
  [email, password]: readonly [string, string],
  options: BrowserContextOptions = {},
): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Signed in as')).toBeVisible();
  return page;
}

/** The admin console, signed in as the seeded admin. */
export async function adminConsole(browser: Browser): Promise<Page> {
  const admin = await signedIn(browser, ADMIN);
  await admin.goto('/admin');
  return admin;
}

/** A page of a new (signed-out) context, closed with the others. */
export async function visitor(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext(options);
  contexts.push(context);
  return context.newPage();
}
