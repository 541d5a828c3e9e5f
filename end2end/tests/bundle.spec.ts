import { test, expect, Page } from '@playwright/test';
import { openHydrated, signIn } from './helpers';

/** Records the bundle files the page asks the server for. */
function bundleRequests(page: Page): string[] {
  const files: string[] = [];
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith('/pkg/')) files.push(decodeURIComponent(path.split('/').pop()!));
  });
  return files;
}

const chunks = (files: string[]) => files.filter((f) => f.endsWith('.wasm') && f !== 'pgdeck_bg.wasm');

test('a page opened by its address fetches its chunks as one pack, and another tab only what it lacks', async ({ page }) => {
  await signIn(page, 'alice');
  await openHydrated(page, '/instances');
  const href = await page.locator('tr.instance-row[data-instance="analytics"]').getByRole('link', { name: 'analytics' }).getAttribute('href');
  expect(href).toMatch(/^\/instances\/[^/]+$/);

  // Opened cold: one pack holds the instance page and the access rules tab.
  const fetched = bundleRequests(page);
  await openHydrated(page, `${href}/access`);
  expect(fetched).toContain('pack-access_tab+instance.bin');
  expect(chunks(fetched)).toEqual([]);
  // The chunks from the pack run the page: the tab answers a click.
  const rules = page.getByRole('table', { name: 'Access rules' });
  await expect(rules).toContainText('10.10.0.0/16');
  // The rule form is not part of the tab: its code comes when first asked
  // for, as one pack of the chunks it needs.
  const loaded = (piece: string) => fetched.includes(`pack-${piece}.bin`);
  expect(loaded('rule_form')).toBe(false);
  // On a slow link the member sees it coming.
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/pack-rule_form\.bin$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Add access rule' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Opening the rule form…' })).toBeVisible();
  release();
  await expect(page.getByRole('form', { name: 'New access rule' })).toBeVisible();
  await expect(page.getByText('Opening the rule form…')).toHaveCount(0);
  expect(loaded('rule_form')).toBe(true);
  expect(chunks(fetched)).toEqual([]);
  // Nor is the confirmation every change passes: a rule's Delete brings it.
  expect(loaded('dialog')).toBe(false);
  await rules.getByRole('button', { name: /^Delete: / }).first().click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Delete');
  expect(loaded('dialog')).toBe(true);
  expect(chunks(fetched)).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);

  // Moving to another tab: that tab's own pack, which leaves out what the
  // instance page brought, and not one chunk file apart.
  fetched.length = 0;
  await page.getByRole('navigation', { name: 'Instance sections' }).getByRole('link', { name: 'Settings' }).click();
  await page.waitForURL(/\/settings$/);
  await expect(page.getByLabel('Parameter group')).toBeVisible();
  expect(fetched).toEqual(['pack-settings_tab.bin']);
});

test('a page whose pack cannot be fetched still loads, chunk by chunk', async ({ page }) => {
  await signIn(page, 'alice');
  await page.route(/\/pkg\/.*\/pack-[^/]+\.bin$/, (route) => route.fulfill({ status: 503, body: 'unavailable' }));
  const fetched = bundleRequests(page);
  await openHydrated(page, '/jobs');
  expect(fetched).toContain('pack-jobs.bin');
  expect(chunks(fetched).some((f) => f.startsWith('split___jobs_route_view'))).toBe(true);
  await expect(page.getByRole('heading', { level: 1, name: 'Jobs' })).toBeVisible();
});
