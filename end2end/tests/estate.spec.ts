import { test, expect, Page } from '@playwright/test';
import { openHydrated, signIn } from './helpers';

/** Opens an instance's tab through the list, as a member would. */
async function openTab(page: Page, instance: string, tab: string) {
  await openHydrated(page, '/instances');
  await page.locator(`tr.instance-row[data-instance="${instance}"]`).first().getByRole('link', { name: instance, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: instance })).toBeVisible();
  await page.getByRole('navigation', { name: 'Instance sections' }).getByRole('link', { name: tab, exact: true }).click();
}

test('a user group of two, a notification group watching two instances with a watchdog drawn on the chart', async ({ page }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/alerting');
  await page.getByRole('button', { name: 'New user group' }).click();
  const ug = page.getByRole('form', { name: 'New user group' });
  await ug.getByLabel('User group name').fill('e2e-on-call');
  await expect(ug.getByRole('button', { name: 'Create user group' })).toBeDisabled();
  await ug.getByLabel('Kim Minji (minji.kim@example.com)').check();
  await ug.getByLabel('Lee Jiho (jiho.lee@example.com)').check();
  await ug.getByRole('button', { name: 'Create user group' }).click();
  const groups = page.getByRole('table', { name: 'User groups' });
  const row = groups.locator('tr').filter({ hasText: 'e2e-on-call' });
  await expect(row).toContainText('Kim Minji <minji.kim@example.com>');
  await expect(row).toContainText('Lee Jiho');

  await page.getByRole('button', { name: 'New notification group' }).click();
  const ng = page.getByRole('form', { name: 'New notification group' });
  await ng.getByLabel('Notification group name').fill('e2e-prod');
  await ng.getByRole('group', { name: 'Instances watched' }).getByLabel('analytics').check();
  await ng.getByRole('group', { name: 'Instances watched' }).getByLabel('legacy-reports').check();
  await ng.getByRole('group', { name: 'User groups notified' }).getByLabel('e2e-on-call').check();
  await ng.getByRole('button', { name: 'Create notification group' }).click();
  const card = page.getByRole('article', { name: 'Notification group e2e-prod' });
  await expect(card).toContainText('analytics');
  await expect(card).toContainText('legacy-reports');
  await expect(card.getByRole('link', { name: 'e2e-on-call' })).toBeVisible();

  await card.getByRole('button', { name: 'Add watchdog' }).click();
  const wd = card.getByRole('form', { name: 'New watchdog' });
  await wd.getByLabel('Metric').selectOption('CPU_USAGE');
  await wd.getByLabel('Comparison').selectOption('GE');
  await wd.getByLabel(/Threshold/).fill('');
  await expect(wd.getByRole('alert')).toContainText('Threshold: is empty');
  await wd.getByLabel(/Threshold/).fill('7');
  await wd.getByLabel('Duration (minutes)').fill('5');
  await expect(wd).toContainText('Alerts when: CPU usage ≥ 7 % for 5 minutes');
  await wd.getByRole('button', { name: 'Add watchdog' }).click();
  await expect(card.getByRole('table', { name: 'Watchdogs of e2e-prod' })).toContainText('CPU usage ≥ 7 % for 5 minutes');

  // Edit the watchdog: the sentence follows.
  await card.getByRole('button', { name: 'Edit watchdog CPU usage ≥ 7 % for 5 minutes' }).click();
  const edit = card.getByRole('form', { name: 'Edit watchdog' });
  await edit.getByLabel(/Threshold/).fill('9');
  await edit.getByRole('button', { name: 'Save watchdog' }).click();
  await expect(card.getByRole('table', { name: 'Watchdogs of e2e-prod' })).toContainText('CPU usage ≥ 9 % for 5 minutes');
  await expect(card.getByRole('table', { name: 'Watchdogs of e2e-prod' })).not.toContainText('≥ 7 %');

  // Deleting a user group is gated: it becomes a request.
  await groups.getByRole('button', { name: 'Delete user group e2e-on-call' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason (required when approval is needed)').fill('the rota moved to the DBA team');
  await dialog.getByRole('button', { name: 'Delete user group e2e-on-call' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'needs approval' })).toBeVisible();
  await expect(groups.locator('tr').filter({ hasText: 'e2e-on-call' })).toBeVisible();

  // The watchdog is a line on analytics' CPU chart.
  await openTab(page, 'analytics', 'Monitoring');
  const lines = page.getByRole('list', { name: /Watchdogs on CPU usage/ });
  await expect(lines).toContainText('e2e-prod: CPU usage ≥ 9 % for 5 minutes');
  await expect(page.locator('figure.chart line.threshold').first()).toBeAttached();
  // The overview names the notification group.
  await page.getByRole('navigation', { name: 'Instance sections' }).getByRole('link', { name: 'Overview' }).click();
  await expect(page.getByLabel('Instance details').getByRole('link', { name: 'e2e-prod' })).toBeVisible();
});

test('install an extension through an approval and see it on the tab; the dashboard shows the request to bob', async ({ page, browser }) => {
  await signIn(page, 'alice');
  await openTab(page, 'analytics', 'Extensions');
  const table = page.getByRole('table', { name: 'Extensions' });
  await expect(table).toContainText('pg_trgm');
  await page.getByRole('button', { name: 'Install pg_trgm' }).click();
  const form = page.getByRole('form', { name: 'Install pg_trgm' });
  await form.getByLabel('Schema').fill('1bad');
  await expect(form.getByRole('alert')).toContainText('Schema name:');
  await form.getByLabel('Schema').fill('public');
  await form.getByRole('button', { name: 'Install extension' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason (required when approval is needed)').fill('fuzzy search on report titles');
  await dialog.getByRole('button', { name: 'Install extension analytics' }).click();
  const note = page.getByRole('status').filter({ hasText: 'needs approval' });
  const id = (await note.innerText()).match(/#(\d+)/)![1];

  // Bob's dashboard shows the request; he approves from there.
  const bob = await browser.newPage();
  await signIn(bob, 'bob');
  await openHydrated(bob, '/');
  const waiting = bob.getByRole('region', { name: 'Waiting for my approval' });
  await expect(waiting).toContainText(`#${id} install extension`);
  await waiting.getByRole('link', { name: new RegExp(`#${id}`) }).click();
  const card = bob.getByRole('article', { name: `Request ${id}` });
  await card.getByLabel(`Comment on request #${id}`).fill('fine');
  await card.getByRole('button', { name: 'Approve' }).click();
  // Approved, it ran and left bob's inbox.
  await expect(card).toHaveCount(0);
  await bob.close();

  // Alice applies it; the tab shows it installed.
  await expect(async () => {
    await page.reload();
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(page.locator('tr[data-extension="pg_trgm"]')).toContainText('Install pending');
  }).toPass({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Apply extensions' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Apply extensions analytics' }).click();
  await expect(async () => {
    await page.reload();
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(page.locator('tr[data-extension="pg_trgm"]')).toContainText('Installed');
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole('button', { name: /Remove pg_trgm from / })).toBeVisible();
});

test("a job's events are found on /events filtered by instance", async ({ page }) => {
  await signIn(page, 'alice');
  await openTab(page, 'analytics', 'Overview');
  await page.getByRole('toolbar', { name: 'Instance actions' }).getByRole('button', { name: 'Back up' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /analytics$/ }).click();
  await expect(page.locator('.toast').filter({ hasText: 'backup db instance on analytics completed' })).toBeVisible({ timeout: 20_000 });
  await openHydrated(page, '/events');
  await page.getByLabel('Source').selectOption({ label: 'analytics' });
  const events = page.getByRole('table', { name: 'Events' });
  await expect(events.locator('tbody tr').first()).toContainText('analytics');
  await expect(events).toContainText('DB_INSTANCE_07_01');
  // The code is filtered on the server over every page: the table is read again.
  await page.getByLabel('Event code').selectOption('DB_INSTANCE_07_01');
  await expect(events.locator('tbody tr').filter({ hasNotText: 'DB_INSTANCE_07_01' })).toHaveCount(0);
  await expect(events.locator('tbody tr').first()).toContainText('DB_INSTANCE_07_01');
});
