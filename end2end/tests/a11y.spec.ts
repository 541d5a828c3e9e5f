import { test, expect, Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openHydrated, signIn } from './helpers';

// WCAG 2.1 A and AA, as the issue asks: every page and tab, each demo role.
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

async function scan(page: Page, where: string) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const found = result.violations.map(v => `${v.id} (${v.impact}) on ${where}: ${v.nodes.length} × ${v.nodes[0]?.target.join(' ')} — ${v.nodes[0]?.failureSummary?.split('\n').slice(0, 2).join(' ')}`);
  expect(found, found.join('\n')).toEqual([]);
}

async function instanceId(page: Page, name: string): Promise<string> {
  await openHydrated(page, '/instances');
  const href = await page.locator(`tr.instance-row[data-instance="${name}"] a`).first().getAttribute('href');
  return href!.split('/')[2];
}

const PAGES = ['/', '/instances', '/instances/new', '/backups', '/events', '/jobs', '/approvals', '/audit',
  '/access-control', '/access-control/parameter-groups', '/alerting', '/settings', '/settings/users', '/settings/policies'];
const TABS = ['overview', 'settings', 'ha', 'replicas', 'databases', 'users', 'access', 'extensions', 'backups', 'monitoring', 'events', 'activity'];

test('the sign-in page has no WCAG 2.1 AA violation', async ({ page }) => {
  await openHydrated(page, '/sign-in');
  await scan(page, '/sign-in');
  // A refused sign-in, its message shown.
  await page.getByLabel('Username').fill('nobody');
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').first()).toBeVisible();
  await scan(page, '/sign-in (refused)');
});

for (const member of ['admin', 'alice', 'victor', 'audrey']) {
  test(`every page and tab as ${member} has no WCAG 2.1 AA violation`, async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, member);
    for (const path of PAGES) {
      await openHydrated(page, path);
      await page.waitForLoadState('networkidle');
      await scan(page, `${path} as ${member}`);
    }
    if (member === 'audrey') return; // no credentials: the estate is not shown
    const id = await instanceId(page, 'orders-db');
    for (const tab of TABS) {
      await openHydrated(page, `/instances/${id}/${tab}`);
      await page.waitForLoadState('networkidle');
      await scan(page, `/instances/…/${tab} as ${member}`);
    }
    await openHydrated(page, `/instances/${id}/restore`);
    await page.waitForLoadState('networkidle');
    await scan(page, `restore as ${member}`);
  });
}

test('a confirmation dialog and a refused form have no WCAG 2.1 AA violation', async ({ page }) => {
  await signIn(page, 'alice');
  const id = await instanceId(page, 'analytics');
  await openHydrated(page, `/instances/${id}/overview`);
  await page.getByRole('toolbar', { name: 'Instance actions' }).getByRole('button', { name: 'Back up' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await scan(page, 'the confirmation dialog');
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  await openHydrated(page, '/instances/new');
  await page.getByLabel('Port').fill('80');
  await expect(page.locator('.field-error').first()).toBeVisible();
  await scan(page, 'the create form with a refused field');
});

test('every dialog and every refused form state has no WCAG 2.1 AA violation', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, 'alice');

  // The bulk dialog on the instance list.
  await openHydrated(page, '/instances');
  await page.getByLabel('Select analytics').check();
  await page.getByRole('toolbar', { name: 'Selected instances' }).getByRole('button', { name: 'Back up selected' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await scan(page, 'the bulk backup dialog');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The export dialog, empty and then with a refused path.
  await openHydrated(page, '/backups');
  await page.getByRole('button', { name: /^Export / }).first().click();
  const exportDialog = page.getByRole('dialog');
  await expect(exportDialog).toBeVisible();
  await scan(page, 'the export dialog');
  await exportDialog.getByLabel('Tenant ID').fill('t');
  await exportDialog.getByLabel('Object path').fill('no leading slash');
  await expect(exportDialog.locator('.field-error').first()).toBeVisible();
  await scan(page, 'the export dialog with a refused field');
  await page.keyboard.press('Escape');

  // The copy dialog of a parameter group, with a refused name.
  await openHydrated(page, '/access-control/parameter-groups');
  await page.getByRole('button', { name: /^Copy / }).first().click();
  const copy = page.getByRole('dialog');
  await expect(copy).toBeVisible();
  await scan(page, 'the copy dialog');
  await copy.getByLabel('New group name').fill('bad name with spaces!');
  await expect(copy.locator('.field-error')).toBeVisible();
  await expect(copy.getByLabel('New group name')).toHaveAttribute('aria-invalid', 'true');
  await scan(page, 'the copy dialog with a refused name');
  await page.keyboard.press('Escape');

  // An access rule refused, and a restore time outside the window.
  const id = await instanceId(page, 'analytics');
  await openHydrated(page, `/instances/${id}/access`);
  await page.getByRole('button', { name: 'Add access rule' }).click();
  const form = page.getByRole('form', { name: 'New access rule' });
  await form.getByLabel('Address').fill('10.1.2.300');
  await expect(form.locator('.field-error')).toBeVisible();
  await scan(page, 'the access rule form with a refused address');
  await form.getByRole('button', { name: 'Cancel' }).click();

  const orders = await instanceId(page, 'orders-db');
  await openHydrated(page, `/instances/${orders}/restore`);
  await page.getByLabel(/^Restore to/).fill('2001-01-01T00:00:00+00:00');
  await expect(page.locator('.field-error').first()).toBeVisible();
  await scan(page, 'the restore form with a time outside the window');
});
