import { test, expect } from '@playwright/test';
import { openHydrated, signIn } from './helpers';

// Personal API tokens, end to end: made on the settings page, shown once,
// used from a script on /api/v1, revoked, and refused afterwards.

test('a token made on the settings page is shown once, works on /api/v1, and stops when revoked', async ({ page, playwright }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/settings');
  const form = page.getByRole('form', { name: 'New API token' });
  await form.getByLabel('Token name').fill('release pipeline');
  // A refused lifetime is named under its field, and nothing is made.
  await form.getByLabel('Expires in (days)').fill('4000');
  await form.getByRole('button', { name: 'Create token' }).click();
  const days = form.getByLabel('Expires in (days)');
  await expect(days).toHaveAttribute('aria-invalid', 'true');
  const why = page.locator(`#${await days.getAttribute('aria-describedby')}`);
  await expect(why).toContainText('1 to 365 days');
  await expect(page.getByRole('table', { name: 'My API tokens' })).toHaveCount(0);

  await days.fill('30');
  await form.getByRole('checkbox', { name: /^Change/ }).check();
  await form.getByRole('button', { name: 'Create token' }).click();
  const shown = page.getByLabel('New token');
  await expect(shown).toHaveValue(/^pgd_[A-Za-z0-9_-]{43}$/);
  const secret = await shown.inputValue();
  const row = page.getByRole('table', { name: 'My API tokens' }).locator('tr[data-token="release pipeline"]');
  await expect(row).toContainText('read, change');
  await expect(row).toContainText('never');

  // A script, with the token and no cookie.
  const script = await playwright.request.newContext({ baseURL: process.env.PGDECK_URL });
  const list = await script.get('/api/v1/instances', { headers: { Authorization: `Bearer ${secret}` } });
  expect(list.status()).toBe(200);
  const names = (await list.json()).map((i: { name: string }) => i.name);
  expect(names).toContain('analytics');

  // Shown once: after a reload the page holds no trace of the secret.
  await openHydrated(page, '/settings');
  expect(await page.content()).not.toContain(secret.slice(4));
  await expect(page.getByLabel('New token')).toHaveCount(0);
  await expect(row).not.toContainText('never');

  await row.getByRole('button', { name: 'Revoke token release pipeline' }).click();
  await expect(row).toContainText('revoked');
  const after = await script.get('/api/v1/instances', { headers: { Authorization: `Bearer ${secret}` } });
  expect(after.status()).toBe(401);
  expect((await after.json()).error.code).toBe('unauthorized');
  await script.dispose();
});

test('a viewer is offered only the read scope', async ({ page }) => {
  await signIn(page, 'victor');
  await openHydrated(page, '/settings');
  const form = page.getByRole('form', { name: 'New API token' });
  await expect(form.getByLabel('Token name')).toBeVisible();
  await expect(form.getByRole('checkbox', { name: /^Change/ })).toHaveCount(0);
  await expect(form.getByRole('checkbox', { name: /^Approve/ })).toHaveCount(0);
  await expect(form.getByRole('checkbox', { name: 'Read' })).toBeChecked();
});
