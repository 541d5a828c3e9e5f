import { test, expect, Page } from '@playwright/test';
import { openHydrated } from './helpers';

// Keyboard only: no click anywhere in this file (focus() stands for the
// Tabs that would reach a control far down the page).

/** Presses Tab until `target` has focus (at most `limit` times). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate(el => el === document.activeElement, undefined, { timeout: 1000 }).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached by Tab');
}

test('sign in, open an instance and stop it through the confirmation, with the keyboard alone', async ({ page }) => {
  await openHydrated(page, '/sign-in');
  await tabTo(page, page.getByLabel('Username'));
  await page.keyboard.type('alice');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('sandbox-password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();

  // Filter the instance list and open one.
  await openHydrated(page, '/instances');
  const search = page.getByLabel('Search instances');
  await tabTo(page, search);
  await page.keyboard.type('staging');
  const link = page.locator('tr.instance-row[data-instance="staging-db"]').first().getByRole('link', { name: 'staging-db', exact: true });
  await expect(link).toBeVisible();
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'staging-db' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();

  // The confirmation takes focus, keeps it inside, closes on Escape and
  // gives it back to the button that opened it.
  const stop = page.getByRole('toolbar', { name: 'Instance actions' }).getByRole('button', { name: 'Stop', exact: true });
  await stop.focus();
  await expect(stop).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.evaluate(d => d.contains(document.activeElement))).toBe(true);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate(d => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await dialog.evaluate(d => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(stop).toBeFocused();

  // Again, this time filing the stop with a reason typed in.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByLabel('Reason (required when approval is needed)'));
  await page.keyboard.type('quiet hours for the nightly load');
  await tabTo(page, dialog.getByRole('button', { name: /staging-db$/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /needs approval|started/ })).toBeVisible();
});
