import { test, expect } from '@playwright/test';
import { approveAsBob, filedRequest, openHydrated, signIn } from './helpers';

test('create an instance through the form and watch it become AVAILABLE without reloading', async ({ page }) => {
  await signIn(page, 'alice');
  // From the list, as a member would: the list is loaded when the new
  // instance is shown on it, within the sandbox's one-second job.
  await openHydrated(page, '/instances');
  await page.getByRole('link', { name: 'Create DB instance' }).click();
  await page.waitForURL(/\/instances\/new$/);
  await page.getByLabel('Instance name').fill('e2e-created');
  // Every refusal names its field the one way, and an empty number says so.
  await page.getByLabel('Port', { exact: true }).fill('');
  await expect(page.getByRole('alert').filter({ hasText: 'Port: is empty' })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: '4294967295' })).toHaveCount(0);
  await page.getByLabel(/^Port/).fill('5432');
  await expect(page.getByRole('alert').filter({ hasText: 'Port:' })).toHaveCount(0);
  await page.getByLabel('Storage size (GB, 20–2048)').fill('10');
  await expect(page.getByRole('alert').filter({ hasText: 'Storage size (GB): must be between 20 and 2048, got 10' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create DB instance' })).toBeDisabled();
  await page.getByLabel('Storage size (GB, 20–2048)').fill('40');
  await page.getByLabel('User password (4–16 characters)').fill('pw');
  await expect(page.getByRole('alert').filter({ hasText: '4 to 16' })).toBeVisible();
  await page.getByLabel('User password (4–16 characters)').fill('s3cret-pass');
  // Choices come from the API: the project's user groups are offered.
  await page.getByLabel('User group dba-team').check();
  await page.getByRole('button', { name: 'Create DB instance' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Creating the instance' })).toBeVisible();
  await page.getByRole('link', { name: 'Watch it on the instances list' }).click();
  const row = page.locator('tr.instance-row[data-instance="e2e-created"]');
  await expect(row).toContainText('Before creation');
  await expect(row).toContainText('Available', { timeout: 20_000 });
});

test('every tab of an instance is reachable by its URL and becomes interactive', async ({ page }) => {
  const panics: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error' && m.text().includes('panicked')) panics.push(m.text().slice(0, 200)); });
  await signIn(page, 'alice');
  await openHydrated(page, '/instances');
  await page.locator('tr.instance-row[data-instance="analytics"]').getByRole('link', { name: 'analytics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'analytics' })).toBeVisible();
  const base = page.url().replace(/\/$/, '');
  const checks: [string, string | RegExp][] = [
    ['overview', 'Endpoints'],
    ['settings', 'Modify'],
    ['ha', 'High availability'],
    ['replicas', 'Create read replica'],
    ['databases', 'app'],
    ['users', 'app_rw'],
    ['access', '10.10.0.0/16'],
    ['extensions', 'pg_trgm'],
    ['monitoring', 'CPU usage'],
    ['events', 'DB_INSTANCE_01_01'],
    ['activity', 'Audit history of this instance'],
  ];
  for (const [tab, text] of checks) {
    await page.goto(`${base}/${tab}`);
    await expect(page.locator('main')).toContainText(text);
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await page.waitForTimeout(300);
    expect(panics, `hydrating the ${tab} tab`).toEqual([]);
  }
});

test('change a description with a preview, add a database and a DB user, grow storage, open a chart, and stop through approval', async ({ page, browser }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/instances');
  await page.locator('tr.instance-row[data-instance="analytics"]').getByRole('link', { name: 'analytics' }).click();
  // The instance page's code loads on first use: the address changes once it is there.
  await page.waitForURL(/\/instances\/[^/]+$/);
  const base = page.url().replace(/\/$/, '');

  await page.goto(`${base}/settings`);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Description').fill('BI warehouse, owned by data team');
  const preview = page.getByLabel('Preview of changes');
  await expect(preview).toContainText('Warehouse for BI dashboards');
  await expect(preview).toContainText('BI warehouse, owned by data team');
  await expect(preview).toContainText('keeps running');
  await page.getByRole('button', { name: 'Apply changes' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Apply analytics' }).click();
  await expect(page.locator('.toast').filter({ hasText: 'modify db instance on analytics completed' })).toBeVisible({ timeout: 20_000 });

  await page.getByLabel('New size (GB)').fill('100');
  await expect(page.getByRole('alert').filter({ hasText: 'cannot shrink' })).toBeVisible();
  await page.getByLabel('New size (GB)').fill('600');
  await page.getByRole('button', { name: 'Grow storage' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Grow storage analytics' }).click();
  await expect(page.locator('.toast').filter({ hasText: 'modify storage info on analytics completed' })).toBeVisible({ timeout: 20_000 });

  // Tabs also switch in the browser, without a page load.
  const sections = page.getByRole('navigation', { name: 'Instance sections' });
  await sections.getByRole('link', { name: 'Databases' }).click();
  await page.getByLabel('New database name').fill('reports');
  await page.getByRole('button', { name: 'Create database' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create database analytics' }).click();
  await expect(page.locator('.toast').filter({ hasText: 'create database on analytics completed' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('table', { name: 'Databases' })).toContainText('reports');

  await sections.getByRole('link', { name: 'DB users' }).click();
  await page.getByLabel('DB user name').fill('analyst');
  await page.getByLabel('DB user password').fill('analyst-pw-1');
  await page.getByRole('button', { name: 'Create DB user' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create user analytics' }).click();
  await expect(page.locator('.toast').filter({ hasText: 'create db user on analytics completed' })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole('table', { name: 'DB users' })).toContainText('analyst');

  await sections.getByRole('link', { name: 'Monitoring' }).click();
  const chart = page.getByRole('img', { name: 'CPU usage chart' });
  await expect(chart).toBeVisible();
  await chart.hover();
  await expect(page.locator('.readout').first()).toContainText('%');

  // Stop is gated: it becomes a request, and runs once bob approves.
  await openHydrated(page, '/instances');
  await page.locator('tr.instance-row[data-instance="analytics"]').getByRole('button', { name: 'Stop' }).click();
  await page.getByRole('dialog').getByLabel('Reason (required when approval is needed)').fill('Nightly cost saving');
  await page.getByRole('dialog').getByRole('button', { name: 'Stop analytics' }).click();
  await approveAsBob(browser, await filedRequest(page), 'ok for tonight');
  await expect(page.locator('tr.instance-row[data-instance="analytics"]')).toContainText('Stopped', { timeout: 20_000 });
});
