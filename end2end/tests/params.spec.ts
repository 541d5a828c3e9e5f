import { test, expect } from '@playwright/test';
import { openHydrated, signIn } from './helpers';

test('create a group; edit two parameters (one refused for its range), compare with the defaults, apply with a backup first, and the Parameter badge comes and goes', async ({ page }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/access-control/parameter-groups');
  await page.getByText('New parameter group').click();
  await page.getByLabel('Group name').fill('e2e-tuning');
  await page.getByLabel('PostgreSQL version').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Create parameter group' }).click();
  await expect(page.locator('tr[data-group="e2e-tuning"]')).toBeVisible();

  // Tune the group orders-db uses.
  await openHydrated(page, '/instances');
  await expect(page.locator('tr.instance-row[data-instance="orders-db"]').first()).not.toContainText('Parameter');
  await openHydrated(page, '/access-control/parameter-groups');
  const row = page.locator('tbody tr').filter({ has: page.getByRole('link', { name: 'orders-db', exact: true }) });
  await row.locator('a.name').click();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.getByRole('heading', { name: 'Used by' })).toBeVisible();

  const workMem = page.getByLabel('Value of work_mem');
  await workMem.fill('8ms');
  await expect(page.getByRole('alert').filter({ hasText: 'work_mem' })).toContainText('size unit');
  await expect(page.getByRole('button', { name: /Save 1 changes/ })).toBeDisabled();
  await workMem.fill('12MB');
  await page.getByLabel('Value of checkpoint_timeout').fill('29s');
  await expect(page.getByRole('alert').filter({ hasText: 'checkpoint_timeout' })).toContainText('30–86400 s');
  await page.getByLabel('Value of checkpoint_timeout').fill('15min');
  await page.getByRole('button', { name: 'Save 2 changes' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Done' })).toBeVisible();
  await openHydrated(page, '/instances');
  await expect(page.locator('tr.instance-row[data-instance="orders-db"]').first()).toContainText('Parameter');
  await page.goBack();

  // Compare with the defaults: the two values differ.
  await page.reload();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const diff = page.getByRole('table', { name: 'Differences' });
  await expect(diff).toContainText('checkpoint_timeout');
  await expect(diff).toContainText('15min');
  await expect(diff).toContainText('work_mem');

  // Apply to legacy-reports, backing up first.
  await page.getByLabel('Back up before applying').check();
  await page.getByRole('button', { name: 'Apply to orders-db' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: /Apply parameters orders-db/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Started job' })).toBeVisible();
  await expect(async () => {
    await openHydrated(page, '/instances');
    await expect(page.locator('tr.instance-row[data-instance="orders-db"]').first()).not.toContainText('Parameter');
  }).toPass({ timeout: 30_000 });
});

test('bulk edit previews pasted postgresql.conf lines and refuses what cannot be set', async ({ page }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/access-control/parameter-groups');
  await page.locator('tbody tr').filter({ has: page.getByRole('link', { name: 'orders-db' }) }).first().locator('a.name').click();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByText('Bulk edit (postgresql.conf lines)').click();
  await page.getByLabel('Paste name = value lines').fill("work_mem = 16MB\nmax_connections = 9\nwal_level = logical\nno_such = 1\nbroken line here\n");
  await page.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('table', { name: 'Bulk edit preview' });
  await expect(preview).toContainText('10–5000');
  await expect(preview).toContainText('cannot be changed');
  await expect(preview).toContainText('not a parameter');
  await expect(preview).toContainText('quoted');
  await page.getByRole('button', { name: 'Stage 1 valid changes' }).click();
  await expect(page.getByLabel('Value of work_mem')).toHaveValue('16MB');
  await expect(page.getByRole('button', { name: 'Save 1 changes' })).toBeEnabled();
});
