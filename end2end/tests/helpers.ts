import { Page, expect } from '@playwright/test';

/** Opens a page and waits until the browser bundle has taken over. */
export async function openHydrated(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}
