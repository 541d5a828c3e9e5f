import { test, expect } from '@playwright/test';
import { openHydrated, signIn } from './helpers';

test('an action taken in the browser runs live, ends with a toast, and shows on the jobs and audit pages', async ({ page, browser }) => {
  await signIn(page, 'alice');
  await page.goto('/instances');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const row = page.locator('tr.instance-row[data-instance="orders-db-replica"]');
  await row.getByRole('button', { name: 'Back up' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('orders-db-replica');
  await dialog.getByRole('button', { name: 'Back up orders-db-replica' }).click();
  // Progress shows without a reload, then a toast says the job ended.
  await expect(row.locator('.task')).toContainText('Backing up');
  await expect(page.locator('.toast')).toContainText('backup db instance on orders-db-replica completed');
  await expect(row.locator('.task')).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Jobs' }).click();
  const job = page.locator('tr.job-row', { hasText: 'orders-db-replica' }).first();
  await expect(job).toContainText('Completed');
  await expect(job).toContainText('alice');

  const auditor = await browser.newPage();
  await signIn(auditor, 'audrey');
  await openHydrated(auditor, '/audit?actor=alice&action=backup_db_instance');
  const entry = auditor.locator('tr.audit-row').first();
  await expect(entry).toContainText('backup_db_instance');
  await expect(entry).toContainText('orders-db-replica');
  await expect(entry).toContainText('succeeded');
  await entry.getByRole('button', { name: 'backup_db_instance' }).click();
  await expect(auditor.locator('tr.audit-detail')).toContainText('backupName');
  const download = auditor.waitForEvent('download');
  await auditor.getByRole('link', { name: 'Export CSV' }).click();
  const file = await download;
  const text = require('fs').readFileSync(await file.path(), 'utf8');
  expect(text.split('\n')[0]).toContain('actor_name');
  expect(text).toContain('backup_db_instance');
  await auditor.close();
});

test('an operator finds no audit log and a viewer no instance actions', async ({ page }) => {
  await signIn(page, 'alice');
  await page.goto('/audit');
  await expect(page.getByRole('alert')).toContainText(/not allowed/i);
  await signIn(page, 'victor');
  await openHydrated(page, '/instances');
  await expect(page.getByRole('table', { name: 'DB instances' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Stop' })).toHaveCount(0);
});
