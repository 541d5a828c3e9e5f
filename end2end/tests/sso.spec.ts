import { test, expect, Page } from '@playwright/test';

// Sign-in through a real OpenID provider (oidc-provider, end2end/idp), on
// the provider's own login and consent pages. scripts/test.sh starts the
// provider and a second pgdeck using it (PGDECK_SSO_URL), with password
// sign-in kept for admins.
const SSO = process.env.PGDECK_SSO_URL ?? '';

async function throughTheProvider(page: Page, login: string) {
  expect(SSO, 'PGDECK_SSO_URL names the pgdeck that signs in through the test provider').not.toBe('');
  await page.goto(`${SSO}/backups`);
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expect(page.getByText("Password sign-in below is kept for admins' break-glass accounts.")).toBeVisible();
  await page.getByRole('link', { name: 'Sign in with Test IdP' }).click();
  // The provider's own pages.
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test('a member signs in through the provider and gets the role their groups map to', async ({ page }) => {
  await throughTheProvider(page, 'olga');
  await expect(page).toHaveURL(`${SSO}/backups`);
  await expect(page.getByText('Olga Park')).toBeVisible();
  await expect(page.locator('header .role')).toHaveText('operator');
  await expect(page.getByRole('heading', { name: 'Backups' })).toBeVisible();
});

test('someone whose groups map to no role is refused, and told why', async ({ page }) => {
  await throughTheProvider(page, 'sam');
  await expect(page.getByRole('alert')).toContainText('none of your groups gives a role in pgdeck');
  await page.goto(`${SSO}/`);
  await expect(page).toHaveURL(/\/sign-in/);
});

test('password sign-in is kept for admins only', async ({ page }) => {
  expect(SSO).not.toBe('');
  await page.goto(`${SSO}/sign-in`);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill('sandbox-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByText('password sign-in is not open to your account here')).toBeVisible();
  await page.getByLabel('Username').fill('admin');
  await page.getByLabel('Password').fill('sandbox-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});
