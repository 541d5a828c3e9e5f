import { test, expect, Page } from '@playwright/test';
import { approveAsBob, filedRequest, openHydrated, signIn } from './helpers';

const toast = (page: Page, text: string) => page.locator('.toast').filter({ hasText: text });

test('the list filters by zone and version, groups HA pairs and replicas, and backs up a selection in bulk', async ({ page }) => {
  await signIn(page, 'alice');
  await page.goto('/instances');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const rows = page.locator('tr.instance-row');
  await expect(rows.first()).toBeVisible();
  const total = await rows.count();

  // Flavor, storage and zone arrive from each instance's detail.
  const zone = page.getByLabel('Zone');
  await expect(zone.locator('option')).not.toHaveCount(1);
  const zones = (await zone.locator('option').allTextContents()).slice(1);
  await zone.selectOption(zones[0]);
  await expect(page.locator('p.count')).toContainText(`of ${total} instances`);
  for (const row of await rows.all()) await expect(row).toContainText(zones[0]);
  await zone.selectOption('');

  const version = page.getByLabel('Version');
  const versions = (await version.locator('option').allTextContents()).slice(1);
  await version.selectOption(versions[0]);
  for (const row of await rows.all()) await expect(row).toContainText(versions[0]);
  await version.selectOption('');
  await expect(rows).toHaveCount(total);

  await page.getByLabel('Group by instance group').check();
  const heads = page.locator('tr.group-head');
  await expect(heads.first()).toContainText('Instance group');
  expect(await heads.count()).toBeLessThan(total);
  await page.getByLabel('Group by instance group').uncheck();

  await page.getByLabel('Select orders-db-replica').check();
  await page.getByLabel('Select analytics').check();
  const bar = page.getByRole('toolbar', { name: 'Selected instances' });
  await expect(bar).toContainText('2 selected');
  await bar.getByRole('button', { name: 'Back up selected' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('orders-db-replica');
  await expect(dialog).toContainText('analytics');
  await dialog.getByRole('button', { name: 'Back up all' }).click();
  const results = page.getByLabel('Bulk action results');
  await expect(results.locator('li')).toHaveCount(2);
  await expect(results).toContainText('orders-db-replica: started (job');
  await expect(results).toContainText('analytics: started (job');
  await expect(bar).toBeHidden();
});

test('settings, HA, databases, DB users, a replica, monitoring and restart options of one instance', async ({ page, browser }) => {
  await signIn(page, 'alice');
  // The click below is the router's once the bundle has taken over.
  await openHydrated(page, '/instances');
  // The HA pair shares its name: the master comes first.
  await page.locator('tr.instance-row[data-instance="orders-db"]').first().getByRole('link', { name: 'orders-db', exact: true }).click();
  await page.waitForURL(/\/instances\/[^/]+$/);
  const base = page.url().replace(/\/$/, '');
  const sections = page.getByRole('navigation', { name: 'Instance sections' });

  await page.goto(`${base}/settings`);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  // A new parameter group restarts the instance: the preview says so.
  const group = page.getByLabel('Parameter group');
  const groups = await group.locator('option').allTextContents();
  if (groups.length > 1) {
    const current = await group.inputValue();
    const other = await group.locator('option').evaluateAll((os, cur) => (os as HTMLOptionElement[]).map((o) => o.value).find((v) => v !== cur), current);
    await group.selectOption(other!);
    const preview = page.getByLabel('Preview of changes');
    await expect(preview).toContainText('Parameter group');
    await expect(preview).toContainText('will restart');
    await group.selectOption(current);
    await expect(preview).toContainText('No changes yet.');
  }

  // Backups: limits checked as typed, then saved through the gateway.
  await page.getByLabel('Keep backups (days)').fill('999');
  await expect(page.getByRole('alert').filter({ hasText: 'Retention' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save backup settings' })).toBeDisabled();
  await page.getByLabel('Keep backups (days)').fill('14');
  await page.getByLabel('Backup window start').fill('02:30');
  await page.getByLabel('Backup window length').selectOption('TWO_HOURS');
  await page.getByRole('button', { name: 'Save backup settings' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save backup settings orders-db' }).click();
  await expect(toast(page, 'modify backup info on orders-db completed')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.card').filter({ hasText: 'Kept 14 days' })).toBeVisible();

  await page.getByLabel('Maintenance window start').fill('04:30');
  await page.getByLabel('Log retention (days)').fill('400');
  await expect(page.getByRole('alert').filter({ hasText: 'Log retention' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save maintenance window' })).toBeDisabled();
  await page.getByLabel('Log retention (days)').fill('30');
  await page.getByRole('button', { name: 'Save maintenance window' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save maintenance window orders-db' }).click();
  // The current guide: the change is a job, followed to its end.
  await expect(toast(page, 'modify maintenance info on orders-db completed')).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('.card').filter({ hasText: 'logs kept 30 days' })).toBeVisible();

  // High availability: the ping interval's limits.
  await sections.getByRole('link', { name: 'High availability' }).click();
  await page.getByLabel('Use high availability').check();
  await page.getByLabel('Ping interval (seconds)').fill('0');
  await expect(page.getByRole('alert').filter({ hasText: 'Ping interval' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save high availability' })).toBeDisabled();

  // Rename a database.
  await sections.getByRole('link', { name: 'Databases' }).click();
  const dbs = page.getByRole('table', { name: 'Databases' });
  await expect(dbs.locator('tr.database-row').first()).toBeVisible();
  const firstDb = (await dbs.locator('tr.database-row').first().locator('td').first().innerText()).trim();
  await page.getByRole('button', { name: `Rename database ${firstDb}` }).click();
  await page.getByLabel(`New name for ${firstDb}`).fill(`${firstDb}_v2`);
  // Applying the access rules with it has the effect of applying them,
  // which waits for approval: the dialog says so before anything is filed.
  await page.getByLabel(/Apply access rules \(HBA\) at once/).check();
  await page.getByRole('button', { name: 'Rename database', exact: true }).click();
  await expect(page.getByRole('dialog')).toContainText("needs another member's approval");
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  // Without it, the rename runs at once.
  await page.getByRole('button', { name: `Rename database ${firstDb}` }).click();
  await page.getByLabel(`New name for ${firstDb}`).fill(`${firstDb}_v2`);
  await page.getByLabel(/Apply access rules \(HBA\) at once/).uncheck();
  await page.getByRole('button', { name: 'Rename database', exact: true }).click();
  await expect(page.getByRole('dialog')).not.toContainText("needs another member's approval");
  await page.getByRole('dialog').getByRole('button', { name: 'Rename database orders-db' }).click();
  await expect(toast(page, 'modify database on orders-db completed')).toBeVisible({ timeout: 20_000 });
  await expect(dbs).toContainText(`${firstDb}_v2`);

  // Change a DB user's authority.
  await sections.getByRole('link', { name: 'DB users' }).click();
  const users = page.getByRole('table', { name: 'DB users' });
  await expect(users.locator('tr.db-user-row').first()).toBeVisible();
  const firstUser = (await users.locator('tr.db-user-row').first().locator('td').first().innerText()).trim();
  await page.getByRole('button', { name: `Change DB user ${firstUser}` }).click();
  await page.getByLabel(`New password for ${firstUser} (empty keeps it)`).fill('x'.repeat(40));
  await expect(page.getByRole('alert').filter({ hasText: 'Password' })).toBeVisible();
  await page.getByLabel(`New password for ${firstUser} (empty keeps it)`).fill('');
  await page.getByLabel(`New authority for ${firstUser}`).selectOption('DDL');
  // Rename it too, applying the access rules at once: that has the effect
  // of applying them, so it is filed for approval and runs once bob agrees.
  await page.getByLabel(`New name for ${firstUser} (empty keeps it)`).fill(`${firstUser}_ops`);
  await page.getByLabel(/Apply the instance's access rules at once/).check();
  await page.getByRole('button', { name: 'Change DB user', exact: true }).click();
  const asking = page.getByRole('dialog');
  await expect(asking).toContainText("needs another member's approval");
  await asking.getByLabel('Reason (required when approval is needed)').fill('the ops user runs the migrations');
  await asking.getByRole('button', { name: 'Change DB user orders-db' }).click();
  const request = await filedRequest(page);
  await approveAsBob(browser, request, 'agreed with the DBAs');
  await expect(users).toContainText(`${firstUser}_ops`, { timeout: 20_000 });

  // A read replica with its own port and protection.
  await sections.getByRole('link', { name: 'Replicas' }).click();
  await page.getByLabel('Replica name').fill('orders-db-reporting');
  await page.getByLabel('Replica port').fill('99999');
  await expect(page.getByRole('alert').filter({ hasText: 'Port' })).toBeVisible();
  await page.getByLabel('Replica port').fill('15432');
  await page.getByLabel('Protect the replica from deletion').check();
  await page.getByRole('button', { name: 'Create read replica' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Create replica orders-db' }).click();
  await expect(toast(page, 'replicate db instance on orders-db completed')).toBeVisible({ timeout: 20_000 });

  // Monitoring over a custom range.
  await sections.getByRole('link', { name: 'Monitoring' }).click();
  await page.getByLabel('Range').selectOption('custom');
  await page.getByLabel('From (UTC)').fill('2026-11-29T10:00');
  await page.getByLabel('To (UTC)').fill('2026-11-29T09:00');
  await expect(page.getByRole('alert').filter({ hasText: 'at least 10 minutes' })).toBeVisible();
  await page.getByLabel('To (UTC)').fill('2026-11-29T16:00');
  await page.getByRole('button', { name: 'Show range' }).click();
  await expect(page.getByRole('img', { name: 'CPU usage chart' })).toBeVisible();
  await expect(page.locator('figure.chart').first()).toContainText('11-29 1');
  await expect(page.locator('figure.chart').first()).toContainText('UTC');

  // Any metric upstream offers can be charted.
  await page.getByLabel('CPU load average 1m').check();
  await expect(page.getByRole('img', { name: 'CPU load average 1m chart' })).toBeVisible();
  await page.getByLabel('CPU usage (%)').uncheck();
  await expect(page.getByRole('img', { name: 'CPU usage chart' })).toHaveCount(0);
  await expect(page.getByRole('img', { name: 'CPU load average 1m chart' })).toBeVisible();

  // Restart from the instance's toolbar, backing up first.
  await page.getByRole('toolbar', { name: 'Instance actions' }).getByRole('button', { name: 'Restart', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Back up before restarting').check();
  await dialog.getByRole('button', { name: 'Restart orders-db' }).click();
  await expect(toast(page, 'restart db instance on orders-db completed')).toBeVisible({ timeout: 20_000 });
});
