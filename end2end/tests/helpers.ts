import { Page, expect } from '@playwright/test';

export const PASSWORD = 'sandbox-password';

/** Opens a page and waits until the browser bundle has taken over. */
export async function openHydrated(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

/** Signs in through the form and waits for the panel. */
export async function signIn(page: Page, username: string, password = PASSWORD) {
  await openHydrated(page, '/sign-in');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}
