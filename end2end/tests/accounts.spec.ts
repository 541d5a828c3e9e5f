import { test, expect } from '@playwright/test';
import { openHydrated, signIn, PASSWORD } from './helpers';

test('a signed-out visitor is sent to the sign-in page and back after signing in', async ({ page }) => {
  await page.goto('/settings');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fsettings|\/sign-in\?next=\/settings/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'My NHN Cloud credentials' })).toBeVisible();
});

test('alice signs in and sees the instances', async ({ page }) => {
  await signIn(page, 'alice');
  await expect(page.getByRole('table', { name: 'Instances by state' }).getByText('orders-db').first()).toBeVisible();
  await expect(page.getByText('Alice Operator')).toBeVisible();
});

test('victor, a viewer, finds no control that changes anything', async ({ page }) => {
  await signIn(page, 'victor');
  await expect(page.getByRole('table', { name: 'Instances by state' })).toBeVisible();
  await openHydrated(page, '/instances');
  await expect(page.getByRole('table', { name: 'DB instances' })).toBeVisible();
  // The only buttons are reading aids and the member's own session and
  // language.
  const labels = await page.getByRole('button').allInnerTexts();
  for (const l of labels) {
    expect(['Refresh', 'Sign out', 'Change language']).toContain(l.trim());
  }
  const nav = page.getByRole('navigation', { name: 'Sections' });
  await expect(nav.getByRole('link', { name: 'Instances' })).toBeVisible();
});

test('twenty wrong passwords lock that account while bob still signs in', async ({ page, browser }) => {
  await openHydrated(page, '/sign-in');
  for (let i = 0; i < 20; i++) {
    await page.getByLabel('Username').fill('carol');
    await page.getByLabel('Password').fill(`wrong-password-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toBeVisible();
  }
  await expect(page.getByRole('alert')).toContainText(/too many failed sign-ins/i);
  // Even the right password is refused while the lock lasts.
  await page.getByLabel('Username').fill('carol');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText(/too many failed sign-ins/i);
  // Another member, from the same address, is not blocked.
  const other = await browser.newPage();
  await signIn(other, 'bob');
  await other.close();
});

test('a member adds, tests and removes a credential set, and sees only the last four characters', async ({ page }) => {
  await signIn(page, 'audrey');
  await openHydrated(page, '/');
  // The dashboard does not ask for what audrey cannot have: it says why the estate is missing.
  await expect(page.getByRole('status').filter({ hasText: /credentials/i })).toBeVisible();
  await openHydrated(page, '/settings');
  await page.getByLabel('Label').fill('Sandbox for audrey');
  await page.getByLabel('Appkey').fill('sandbox-appkey');
  await page.getByLabel('User Access Key ID').fill('sandbox-viewer');
  await page.getByLabel('Secret Access Key').fill('sandbox-viewer-secret');
  await page.getByRole('button', { name: 'Save credentials' }).click();
  const row = page.locator('tr.credential-row', { hasText: 'Sandbox for audrey' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('…cret');
  await expect(page.locator('body')).not.toContainText('sandbox-viewer-secret');
  await row.getByRole('button', { name: /^Test/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed in to NHN Cloud' })).toBeVisible();
  await openHydrated(page, '/instances');
  await expect(page.getByRole('table', { name: 'DB instances' })).toBeVisible();
});

test('signing out ends the session on the server', async ({ page, context }) => {
  await signIn(page, 'alice');
  const cookies = await context.cookies();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  // Replaying the old cookie gets nowhere.
  const replay = await page.request.post('/api/list_instances', { headers: { cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '), origin: new URL(page.url()).origin } });
  expect(await replay.text()).toMatch(/Unauthorized/);
});
