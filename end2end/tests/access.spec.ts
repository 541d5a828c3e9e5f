import { test, expect, Page } from '@playwright/test';
import { approveAsBob, filedRequest, openHydrated, signIn } from './helpers';

/** Opens an instance's tab through the list, as a member would. */
async function openTab(page: Page, instance: string, tab: string) {
  await openHydrated(page, '/instances');
  await page.locator(`tr.instance-row[data-instance="${instance}"]`).first().getByRole('link', { name: instance, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: instance })).toBeVisible();
  await page.getByRole('navigation', { name: 'Instance sections' }).getByRole('link', { name: tab }).click();
}

/** The addresses of the access rules table, top to bottom, leaving out rules waiting for deletion. */
async function ruleOrder(page: Page): Promise<string[]> {
  return page.getByRole('table', { name: 'Access rules' }).locator('tbody tr:not(.inactive)').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-rule') ?? ''));
}

/** Files the apply as a request and has bob approve it; waits until nothing waits. */
async function applyThroughApproval(page: Page, browser: import('@playwright/test').Browser, instance: string, reason: string) {
  const panel = page.getByRole('region', { name: 'What Apply will change' });
  await panel.getByRole('button', { name: 'Apply access rules' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason (required when approval is needed)').fill(reason);
  await dialog.getByRole('button', { name: `Apply access rules ${instance}` }).click();
  const id = await filedRequest(page);
  await approveAsBob(browser, id, 'checked the diff');
  await expect(async () => {
    await page.reload();
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(page.getByRole('table', { name: 'Access rules' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'What Apply will change' })).toHaveCount(0);
  }).toPass({ timeout: 30_000 });
  return id;
}

test('add two rules, reorder, see the diff, apply through an approval that shows the same diff, and the new order takes effect', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signIn(page, 'alice');
  await openTab(page, 'analytics', 'Access rules');
  await expect(page.getByRole('table', { name: 'Access rules' })).toContainText('10.10.0.0/16');
  // Start from rules pgdeck has seen applied.
  if (await page.getByRole('region', { name: 'What Apply will change' }).count()) {
    await applyThroughApproval(page, browser, 'analytics', 'apply the waiting partner rule first');
  }
  const before = await ruleOrder(page);

  // Two new rules; TRUST from everywhere is warned about.
  await page.getByRole('button', { name: 'Add access rule' }).click();
  let form = page.getByRole('form', { name: 'New access rule' });
  await form.getByLabel('Address').fill('198.51.100.0/24');
  await form.getByLabel('Authentication').selectOption('REJECT');
  await form.getByRole('button', { name: 'Add access rule' }).click();
  await expect(page.locator('tr[data-rule="198.51.100.0/24"]')).toBeVisible();
  await page.getByRole('button', { name: 'Add access rule' }).click();
  form = page.getByRole('form', { name: 'New access rule' });
  await form.getByLabel('Address').fill('0.0.0.0/0');
  await form.getByLabel('Authentication').selectOption('TRUST');
  await expect(form.getByRole('alert').filter({ hasText: 'without a password' })).toBeVisible();
  await form.getByLabel('Address').fill('192.0.2.10/32');
  await expect(form.getByRole('alert').filter({ hasText: 'without a password' })).toHaveCount(0);
  await form.getByLabel('Address').fill('192.0.2.10/33');
  await expect(form.getByRole('alert')).toContainText('Address: must be an IPv4 CIDR');
  await expect(form.getByRole('button', { name: 'Add access rule' })).toBeDisabled();
  await form.getByLabel('Address').fill('192.0.2.10/32');
  await form.getByRole('button', { name: 'Add access rule' }).click();
  await expect(page.locator('tr[data-rule="192.0.2.10/32"]')).toBeVisible();

  // Move the new TRUST rule above the REJECT one, and an applied rule to the top.
  await page.getByRole('button', { name: 'Move up: All from 192.0.2.10/32' }).click();
  await expect.poll(() => ruleOrder(page)).toEqual([...before, '192.0.2.10/32', '198.51.100.0/24']);
  const last = before[before.length - 1];
  for (let i = 0; i < before.length - 1; i++) {
    const row = page.locator(`tr[data-rule="${last}"]`);
    await row.getByRole('button', { name: /^Move up/ }).click();
    await expect.poll(async () => (await ruleOrder(page)).indexOf(last)).toBe(before.length - 2 - i);
  }
  const expected = [last, ...before.slice(0, -1), '192.0.2.10/32', '198.51.100.0/24'];
  expect(await ruleOrder(page)).toEqual(expected);

  // The diff: two added, the applied rule moved.
  const panel = page.getByRole('region', { name: 'What Apply will change' });
  const changes = panel.getByRole('table', { name: 'Access rule changes' });
  await expect(changes.locator('tr[data-change="added"]')).toHaveCount(2);
  await expect(changes.locator('tr[data-change="moved"]')).toHaveCount(1);
  await expect(changes.locator('tr[data-change="moved"]')).toContainText(last);
  await expect(changes.locator('tr[data-change="moved"]')).toContainText(`position ${before.length} → 1`);
  await expect(panel).toContainText('2 added, 0 removed, 0 changed, 1 moved');

  // Apply: a request; bob sees the same diff before approving.
  await panel.getByRole('button', { name: 'Apply access rules' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Reason (required when approval is needed)').fill('open the partner range, block the old one');
  await dialog.getByRole('button', { name: 'Apply access rules analytics' }).click();
  const id = await filedRequest(page);
  const bob = await browser.newPage();
  await signIn(bob, 'bob');
  await openHydrated(bob, `/approvals?view=inbox&id=${id}`);
  const card = bob.getByRole('article', { name: `Request ${id}` });
  const shown = card.getByRole('table', { name: 'Access rule changes' });
  await expect(shown.locator('tr[data-change="added"]')).toHaveCount(2);
  await expect(shown.locator('tr[data-change="moved"]')).toContainText(`position ${before.length} → 1`);
  await expect(card).toContainText('192.0.2.10/32');
  await card.getByLabel(`Comment on request #${id}`).fill('diff checked');
  await card.getByRole('button', { name: 'Approve' }).click();
  await bob.close();

  await expect(async () => {
    await page.reload();
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(page.getByRole('table', { name: 'Access rules' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'What Apply will change' })).toHaveCount(0);
  }).toPass({ timeout: 30_000 });
  expect(await ruleOrder(page)).toEqual(expected);
  await expect(page.locator('tr[data-rule="192.0.2.10/32"]')).toContainText('Applied');
});

test('export the rules as pg_hba.conf and import them back, with the lines the API cannot express named', async ({ page }) => {
  await signIn(page, 'alice');
  await openTab(page, 'legacy-reports', 'Access rules');
  const table = page.getByRole('table', { name: 'Access rules' });
  await expect(table).toContainText('10.10.0.0/16');
  const before = await table.locator('tbody tr').count();
  await page.getByText('Export as pg_hba.conf').click();
  const exported = await page.getByLabel('pg_hba.conf export').inputValue();
  const lines = exported.split('\n').filter((l) => l.startsWith('host'));
  expect(lines.length).toBeGreaterThan(0);
  expect(lines[0]).toMatch(/^host\s+\S+\s+\S+\s+\S+\s+(scram-sha-256|trust|reject)$/);

  await page.getByText('Import pg_hba.conf lines').click();
  const input = page.getByLabel('pg_hba.conf lines to import');
  await input.fill(`${exported}\nlocal all all trust\nhost all all 10.0.0.0/8 md5\nhost all all 172.16.0.0 255.240.0.0 reject\n`);
  const preview = page.getByRole('table', { name: 'Import preview' });
  await expect(preview.locator('tr.refused')).toHaveCount(2);
  await expect(preview).toContainText('cannot import: local');
  await expect(preview).toContainText('method md5');
  const good = lines.length + 1;
  await page.getByRole('button', { name: `Add ${good} access rules` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Added ${good} access rules` })).toBeVisible();
  await expect(table.locator('tbody tr')).toHaveCount(before + good);
  await expect(page.locator('tr[data-rule="172.16.0.0/12"]')).toContainText('Reject');
  // Each exported rule is there twice now, in the same order.
  const again = await page.getByLabel('pg_hba.conf export').inputValue();
  const twice = again.split('\n').filter((l) => l.startsWith('host'));
  expect(twice.slice(lines.length, lines.length * 2)).toEqual(lines);
});

test('create a security group with a rule, attach it to an instance, and its deletion is refused while attached', async ({ page }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/access-control');
  await page.getByText('New DB security group').click();
  await page.getByLabel('Security group name').fill('e2e-partners');
  await page.getByLabel('Security group description').fill('partner VPN');
  await page.getByLabel('CIDR').fill('10.40.0.0/40');
  await expect(page.getByRole('alert').filter({ hasText: 'cidr' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create security group' })).toBeDisabled();
  await page.getByLabel('CIDR').fill('10.40.0.0/16');
  await page.getByRole('button', { name: 'Create security group' }).click();
  const link = page.getByRole('table', { name: 'DB security groups' }).getByRole('link', { name: 'e2e-partners' });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: 'e2e-partners' })).toBeVisible();
  await expect(page.getByLabel('Security group details')).toContainText('no instance');

  // Describe it better.
  await page.getByText('Rename or describe').click();
  await page.getByLabel('Security group description').fill('partner VPN, Seoul office');
  await page.getByRole('button', { name: 'Save security group' }).click();
  await expect(page.getByLabel('Security group details')).toContainText('partner VPN, Seoul office');

  // A second rule: a port range.
  await page.getByRole('button', { name: 'Add rule' }).click();
  const form = page.getByRole('form', { name: 'New rule' });
  await form.getByLabel('Ports').selectOption('PORT_RANGE');
  await form.getByLabel('From port').fill('6010');
  await form.getByLabel('To port').fill('6000');
  await form.getByLabel('CIDR').fill('10.41.0.0/16');
  await expect(form.getByRole('alert')).toContainText('To port:');
  await form.getByLabel('To port').fill('6020');
  await form.getByRole('button', { name: 'Add rule' }).click();
  const rules = page.getByRole('table', { name: 'Rules' });
  await expect(async () => {
    await page.reload();
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(rules).toContainText('6010–6020');
  }).toPass({ timeout: 20_000 });
  await expect(rules).toContainText('DB port');

  // Attach it to analytics from the instance's settings.
  await openTab(page, 'analytics', 'Settings');
  await page.getByRole('group', { name: 'Security groups' }).getByLabel('e2e-partners').check();
  await page.getByRole('button', { name: 'Apply changes' }).click();
  await page.getByRole('dialog').getByRole('button', { name: /analytics$/ }).click();
  await expect(page.locator('.toast').filter({ hasText: 'modify db instance on analytics completed' })).toBeVisible({ timeout: 20_000 });

  // Deleting it is refused, naming the instance.
  await openHydrated(page, '/access-control');
  await page.getByRole('table', { name: 'DB security groups' }).getByRole('link', { name: 'e2e-partners' }).click();
  await expect(page.getByLabel('Security group details').getByRole('link', { name: 'analytics' })).toBeVisible();
  // The confirmation says so as it opens: no reason is asked for, nothing can be sent.
  await page.getByRole('button', { name: 'Delete security group' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('alert').filter({ hasText: 'in use by analytics' })).toBeVisible();
  await expect(dialog.getByLabel('Reason (required when approval is needed)')).toHaveCount(0);
  await expect(dialog.getByRole('button', { name: 'Delete security group e2e-partners' })).toBeDisabled();
  // Escape closes it, and focus goes back to the button that opened it.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Delete security group' })).toBeFocused();
});
