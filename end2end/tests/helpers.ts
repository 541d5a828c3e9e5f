import { Browser, Page, expect } from '@playwright/test';

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

/** The number of the approval request the page just announced. */
export async function filedRequest(page: Page): Promise<string> {
  const note = page.getByRole('status').filter({ hasText: 'needs approval' });
  return (await note.innerText()).match(/#(\d+)/)![1];
}

/** Bob, in a browser page of his own, approves request `id` with a comment. */
export async function approveAsBob(browser: Browser, id: string, comment: string) {
  const bob = await browser.newPage();
  await signIn(bob, 'bob');
  await bob.goto('/approvals?view=inbox');
  await expect(bob.locator('body[data-hydrated="true"]')).toBeAttached();
  const card = bob.getByRole('article', { name: `Request ${id}` });
  await card.getByLabel(`Comment on request #${id}`).fill(comment);
  await card.getByRole('button', { name: 'Approve' }).click();
  await bob.close();
}
