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
  await expect(mine).toContainText('PENDING');
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
