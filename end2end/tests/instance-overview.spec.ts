import { test, expect } from '@playwright/test';
import { approveAsBob, filedRequest, openHydrated, signIn } from './helpers';

test('the list shows versions as the console does, CPU and sessions, and the deletion-protection padlock', async ({ page }) => {
  await signIn(page, 'alice');
  await page.goto('/instances');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const analytics = page.locator('tr.instance-row[data-instance="analytics"]');
  await expect(analytics).toContainText('PostgreSQL V17.6');
  // A running instance reports its latest CPU use and sessions.
  const cpu = analytics.getByRole('meter', { name: 'CPU of analytics' });
  await expect(cpu).toBeVisible();
  const percent = Number(await cpu.getAttribute('aria-valuenow'));
  expect(percent).toBeGreaterThanOrEqual(0);
  expect(percent).toBeLessThanOrEqual(100);
  await expect(analytics.getByLabel(/^\d+ sessions$/)).toBeVisible();
  await expect(analytics.getByRole('img', { name: 'Deletion protection is off' })).toBeVisible();
  // A stopped instance has nothing to report.
  const stopped = page.locator('tr.instance-row[data-instance="legacy-reports"]');
  await expect(stopped).toContainText('Stopped');
  await expect(stopped.getByRole('meter')).toHaveCount(0);
});

test('the overview links its parameter group and security groups to their pages', async ({ page }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/instances');
  await page.locator('tr.instance-row[data-instance="analytics"]').getByRole('link', { name: 'analytics' }).click();
  await page.waitForURL(/\/instances\/[^/]+$/);
  const details = page.getByLabel('Instance details');
  await expect(details).toContainText('PostgreSQL V17.6');
  await expect(details.getByRole('button', { name: /^Copy / }).first()).toBeVisible();

  const pg = details.getByRole('link', { name: /default\.postgresql/ });
  const pgName = (await pg.textContent())!.trim();
  await pg.click();
  await page.waitForURL(/\/access-control\/parameter-groups\//);
  await expect(page.getByRole('heading', { level: 1, name: pgName })).toBeVisible();
  await expect(page.getByLabel('Parameter group details')).toContainText('PostgreSQL V17.6');
  const params = page.getByRole('table', { name: 'Parameters' }).locator('tbody tr');
  await expect(params.first()).toBeVisible();
  const all = await params.count();
  expect(all).toBeGreaterThan(1);
  await page.getByLabel('Search parameters').fill('max_connections');
  await expect(params).toHaveCount(1);
  await expect(params.first()).toContainText('max_connections');
  await page.goBack();

  await page.waitForURL(/\/instances\/[^/]+$/);
  const sg = page.getByLabel('Instance details').getByRole('link', { name: 'app-servers' });
  await sg.click();
  await page.waitForURL(/\/access-control\/security-groups\//);
  await expect(page.getByRole('heading', { level: 1, name: 'app-servers' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Rules' }).locator('tbody tr').first()).toBeVisible();
  // The address is the page: opened cold, it shows the same group.
  const url = page.url();
  await openHydrated(page, url);
  await expect(page.getByRole('heading', { level: 1, name: 'app-servers' })).toBeVisible();
});

test('access control lists the groups and opens each one', async ({ page }) => {
  await signIn(page, 'victor');
  await page.goto('/access-control');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const sgs = page.getByRole('table', { name: 'DB security groups' });
  await expect(sgs).toContainText('app-servers');
  const pgs = page.getByRole('table', { name: 'Parameter groups' });
  await expect(pgs).toContainText('PostgreSQL V');
  await sgs.getByRole('link', { name: 'app-servers' }).click();
  await page.waitForURL(/\/access-control\/security-groups\//);
  await expect(page.getByRole('heading', { level: 1, name: 'app-servers' })).toBeVisible();
});

test('the replicas tab lists the instance group and links to each member', async ({ page }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/instances');
  await page.locator('tr.instance-row[data-instance="orders-db-replica"]').getByRole('link', { name: 'orders-db-replica' }).click();
  await page.waitForURL(/\/instances\/[^/]+$/);
  await page.getByRole('navigation', { name: 'Instance sections' }).getByRole('link', { name: 'Replicas' }).click();
  const members = page.getByRole('table', { name: 'Instance group members' });
  await expect(members).toContainText('orders-db-replica (this instance)');
  await expect(members).toContainText('Read replica');
  await expect(members).toContainText('Candidate master');
  await members.getByRole('link', { name: 'orders-db' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'orders-db', exact: true })).toBeVisible();
  await expect(page.getByLabel('Instance details')).toContainText('Public access');
});

test('the access rules tab lists the rules in order and applies waiting changes through approval', async ({ page, browser }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/instances');
  await page.locator('tr.instance-row[data-instance="orders-db-replica"]').getByRole('link', { name: 'orders-db-replica' }).click();
  await page.waitForURL(/\/instances\/[^/]+$/);
  await page.getByRole('navigation', { name: 'Instance sections' }).getByRole('link', { name: 'Access rules' }).click();
  const rules = page.getByRole('table', { name: 'Access rules' }).locator('tbody tr');
  await expect(rules).toHaveCount(2);
  await expect(rules.nth(0)).toContainText('10.10.0.0/16');
  await expect(rules.nth(0)).toContainText('Applied');
  await expect(rules.nth(1)).toContainText('Creation pending (apply required)');
  await expect(rules.nth(1)).toContainText('All');

  // Applying is gated by default: a request, then bob's approval runs it.
  await page.getByRole('button', { name: 'Apply access rules' }).click();
  await page.getByRole('dialog').getByLabel('Reason (required when approval is needed)').fill('Office range goes live');
  await page.getByRole('dialog').getByRole('button', { name: /Apply access rules/ }).click();
  await approveAsBob(browser, await filedRequest(page), 'approved');
  await expect(page.locator('.toast').filter({ hasText: 'apply hba rules on orders-db-replica completed' })).toBeVisible({ timeout: 20_000 });
  await expect(rules.nth(1)).toContainText('Applied');
  await expect(page.getByRole('button', { name: 'Apply access rules' })).toHaveCount(0);
});
