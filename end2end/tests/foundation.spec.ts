import { test, expect } from '@playwright/test';
import { openHydrated, signIn } from './helpers';

test('the front page is the dashboard: the shell, the Sandbox badge and the instances with what needs attention first', async ({ page }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/');
  await expect(page.getByRole('link', { name: 'pgdeck' })).toBeVisible();
  await expect(page.getByText('Sandbox', { exact: true })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const label of ['Dashboard', 'Instances', 'Backups', 'Access control', 'Events', 'Alerting', 'Jobs', 'Approvals', 'Audit', 'Settings']) {
    await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
  }
  const table = page.getByRole('table', { name: 'Instances by state' });
  await expect(table.getByText('orders-db-replica')).toBeVisible();
  await expect(table.getByText('analytics')).toBeVisible();
  // The stopped instance needs attention and comes before those that do not.
  const first = table.locator('tbody tr').first();
  await expect(first).toHaveClass(/attention/);
  await expect(table.locator('tr.attention').filter({ hasText: 'legacy-reports' })).toContainText('Stopped');
  await table.getByRole('link', { name: 'analytics' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'analytics' })).toBeVisible();
});

test('searching the instance list filters rows in the browser', async ({ page }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/instances');
  const rows = page.locator('tr.instance-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  expect(before).toBeGreaterThan(2);
  await page.getByLabel('Search instances').fill('analytics');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('analytics');
  await page.getByLabel('Search instances').fill('');
  await expect(rows).toHaveCount(before);
});

test('every section is reachable and the empty ones say what will live there', async ({ page }) => {
  await signIn(page, 'alice');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const [label, words] of [
    ['Backups', 'backups'],
    ['Access control', 'security groups'],
    ['Jobs', 'job'],
    ['Approvals', 'approval'],
    ['Audit', 'audit'],
    ['Settings', 'credentials'],
  ]) {
    await nav.getByRole('link', { name: label }).click();
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
    await expect(page.locator('main')).toContainText(new RegExp(words, 'i'));
  }
});

test('an unknown address answers 404 with a way back', async ({ page }) => {
  await signIn(page, 'alice');
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});

test('the health check reports the database', async ({ request }) => {
  const r = await request.get('/healthz');
  expect(r.status()).toBe(200);
  const body = await r.json();
  expect(body.status).toBe('ok');
  expect(body.db).toBe('ok');
  expect(typeof body.version).toBe('string');
});
