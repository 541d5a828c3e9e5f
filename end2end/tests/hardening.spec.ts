import { test, expect } from '@playwright/test';
import { PASSWORD } from './helpers';

// Each of these once sent members elsewhere after signing in (or does in
// other panels). pgdeck must land them on its own first page instead.
const bypasses = [
  '//evil.example/phish',
  '/\\evil.example/phish',
  '/%5Cevil.example/phish',
  '/%2F%2Fevil.example/phish',
  '/%252F%252Fevil.example',
  'https:evil.example',
  'https://evil.example/',
  '\t//evil.example',
  '/\t/evil.example',
  'javascript:alert(document.domain)',
  '\\\\evil.example',
];

for (const next of bypasses) {
  test(`signing in with next=${JSON.stringify(next)} stays on pgdeck`, async ({ browser, baseURL }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await page.getByLabel('Username').fill('alice');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    const here = new URL(page.url());
    expect(here.origin).toBe(new URL(baseURL!).origin);
    expect(here.pathname).toBe('/');
    expect(requests.filter((u) => u.includes('evil.example') && !u.includes('/sign-in'))).toEqual([]);
    await context.close();
  });
}

test('a same-origin next still brings the member back where they were going', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/jobs');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel('Username').fill('alice');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await context.close();
});
