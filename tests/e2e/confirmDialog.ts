import { expect, type Page } from '@playwright/test';

/**
 * Answers the admin console's confirmation dialog (after the click that opens
 * it): `action` clicks the button with those words, null cancels. Returns the
 * dialog's text, so a test can check what it asked.
 */
export async function answerConfirm(page: Page, action: string | null): Promise<string> {
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  const text = (await dialog.textContent()) ?? '';
  await dialog.getByRole('button', { name: action ?? 'Cancel', exact: true }).click();
  await expect(dialog).toBeHidden();
  return text;
}
