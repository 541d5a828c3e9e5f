import { test, expect } from '@playwright/test';
import { openHydrated, signIn } from './helpers';

test('alice asks to delete an instance, cannot approve it herself, bob approves, the instance goes, and the audit log links it all', async ({ page, browser }) => {
  await signIn(page, 'alice');
  await page.goto('/instances');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  const row = page.locator('tr.instance-row[data-instance="staging-db"]');
  await row.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Delete staging-db?');
  await expect(dialog).toContainText('needs another member');
  await dialog.getByLabel('Reason (required when approval is needed)').fill('Staging moves to the new cluster; this one is unused');
  await dialog.getByRole('button', { name: 'Delete staging-db' }).click();
  const note = page.getByRole('status').filter({ hasText: 'needs approval' });
  await expect(note).toBeVisible();
  const requestId = (await note.innerText()).match(/#(\d+)/)![1];

  // Alice sees her request pending and finds no way to approve it.
  await openHydrated(page, `/approvals?view=mine&id=${requestId}`);
  const mine = page.getByRole('article', { name: `Request ${requestId}` });
  await expect(mine).toContainText('Pending');
  await expect(mine.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  // A forged approval through the server function is refused.
  const forged = await page.request.post('/api/vote_approval', {
    form: { id: requestId, approve: 'true', comment: 'forged' },
    headers: { origin: new URL(page.url()).origin },
  });
  expect(await forged.text()).toContain('Forbidden');

  // Bob sees it in his inbox and approves with a comment.
  const bob = await browser.newPage();
  await signIn(bob, 'bob');
  await expect(bob.locator('.count-badge')).toBeVisible();
  await bob.goto('/approvals?view=inbox');
  await expect(bob.locator('body[data-hydrated="true"]')).toBeAttached();
  const card = bob.getByRole('article', { name: `Request ${requestId}` });
  await expect(card).toContainText('Staging moves to the new cluster');
  await card.getByLabel(`Comment on request #${requestId}`).fill('Confirmed with the staging owners');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(bob.getByRole('article', { name: `Request ${requestId}` })).toHaveCount(0);
  await openHydrated(bob, '/approvals?view=all');
  await bob.close();

  // The instance disappears once the job ends.
  await openHydrated(page, '/instances');
  await expect(page.locator('tr.instance-row[data-instance="staging-db"]')).toHaveCount(0, { timeout: 20_000 });

  // The audit page shows request, approval, execution and job, linked.
  const auditor = await browser.newPage();
  await signIn(auditor, 'audrey');
  await openHydrated(auditor, '/audit?resource=staging-db');
  const log = auditor.getByRole('table', { name: 'Audit log' });
  await expect(log).toContainText('approval.request');
  await expect(log).toContainText('approval.approve');
  await expect(log).toContainText('delete_db_instance');
  await expect(log).toContainText(`approval #${requestId}`);
  await expect(log).toContainText('job.finished');
  await auditor.close();
});

test('a reset filed before a parameter changed is not run: bob reads it by name, and alice is told why', async ({ page, browser }) => {
  await signIn(page, 'alice');
  const origin = new URL(page.url()).origin;
  const post = (fn: string, options: object) => page.request.post(`/api/${fn}`, { headers: { origin }, ...options });
  // The last parameter group of the list: no other test edits it.
  const groups = await (await post('parameter_groups', {})).json();
  const group = groups[groups.length - 1].group;
  const filed = await post('request_change', {
    data: { call: { reset_parameter_group: { group_id: group.parameterGroupId } }, reason: 'back to the defaults before the audit' },
  });
  const id = String((await filed.json()).Requested.approval);
  // While it waits, a parameter changes (an edit is not gated).
  const view = await (await post('parameter_group', { form: { id: group.parameterGroupId } })).json();
  const current = view.parameters.find((p: { name: string }) => p.name === 'deadlock_timeout').value;
  const changed = await post('request_change', {
    data: {
      call: { modify_parameters: { group_id: group.parameterGroupId, body: { modifiedParameters: [{ parameterName: 'deadlock_timeout', value: current === '2s' ? '3s' : '2s' }] } } },
      reason: '',
    },
  });
  expect(changed.status()).toBe(200);

  // Bob reads the group by name, is told a comment is required, approves.
  const bob = await browser.newPage();
  await signIn(bob, 'bob');
  await openHydrated(bob, '/approvals?view=inbox');
  const card = bob.getByRole('article', { name: `Request ${id}` });
  await expect(card).toContainText('Reset parameter group');
  await expect(card).toContainText(group.parameterGroupName);
  await expect(card.getByRole('heading')).not.toContainText(group.parameterGroupId);
  await expect(card.getByText('A comment is required')).toBeVisible();
  await card.getByLabel(`Comment on request #${id}`).fill('fine by me');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(bob.getByRole('article', { name: `Request ${id}` })).toHaveCount(0);
  await bob.close();

  // Nothing ran: alice sees why, on the request and on her dashboard.
  await openHydrated(page, `/approvals?view=mine&id=${id}`);
  const mine = page.getByRole('article', { name: `Request ${id}` });
  await expect(mine).toContainText('Stale');
  await expect(mine).toContainText('deadlock_timeout');
  await openHydrated(page, '/');
  await expect(page.locator('li').filter({ hasText: `#${id} ` })).toContainText('NOT RUN');
});
