import { test, expect, Page } from '@playwright/test';
import { signIn } from './helpers';

/** Every page and tab a member can open, by its address. */
const PAGES = [
  '/',
  '/instances',
  '/instances/new',
  '/backups',
  '/access-control',
  '/access-control/parameter-groups',
  '/alerting',
  '/events',
  '/jobs',
  '/approvals',
  '/audit',
  '/settings',
  '/settings/users',
  '/settings/policies',
];
const TABS = ['overview', 'settings', 'ha', 'replicas', 'databases', 'users', 'access', 'extensions', 'backups', 'monitoring', 'events', 'activity'];

/** Collects console errors and uncaught exceptions of a page. */
function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`));
  return problems;
}

/** Opens `path` cold and waits until the bundle has taken over and the page settled. */
async function visit(page: Page, path: string) {
  await page.goto(path);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.waitForLoadState('networkidle');
}

test('no page or tab logs a console error or throws, as an admin', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watch(page);
  await signIn(page, 'admin');
  for (const path of PAGES) await visit(page, path);
  // The instance list's CPU meters (they once broke the page's own style
  // policy).
  await visit(page, '/instances');
  await expect(page.getByRole('meter').first()).toBeVisible();
  const first = page.locator('tr.instance-row a.name').first();
  const href = await first.getAttribute('href');
  expect(href).toMatch(/^\/instances\//);
  for (const tab of TABS) await visit(page, `${href}/${tab}`);
  // What pages load only when asked: the access-rule form, the import, the
  // confirmation and the custom metric range.
  await visit(page, `${href}/access`);
  await page.getByRole('button', { name: 'Add access rule' }).click();
  await expect(page.getByRole('form', { name: 'New access rule' })).toBeVisible();
  await page.getByText('Import pg_hba.conf lines').click();
  await expect(page.getByLabel('pg_hba.conf lines to import')).toBeVisible();
  await page.getByRole('toolbar', { name: 'Instance actions' }).getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await visit(page, `${href}/monitoring`);
  await page.getByLabel('Range').selectOption('custom');
  await expect(page.getByLabel('From (UTC)')).toBeVisible();
  // Groups linked from the access control page.
  await visit(page, '/access-control');
  const group = page.locator('a[href^="/access-control/parameter-groups/"]').first();
  await visit(page, (await group.getAttribute('href'))!);
  await visit(page, '/access-control');
  const sg = page.locator('a[href^="/access-control/security-groups/"]').first();
  await visit(page, (await sg.getAttribute('href'))!);
  expect(problems).toEqual([]);
});

test('a viewer is told the create form is not for their role, without errors', async ({ page }) => {
  const problems = watch(page);
  await signIn(page, 'victor');
  await visit(page, '/instances/new');
  await expect(page.getByRole('status').filter({ hasText: 'cannot create DB instances' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create DB instance' })).toHaveCount(0);
  expect(problems).toEqual([]);
});
