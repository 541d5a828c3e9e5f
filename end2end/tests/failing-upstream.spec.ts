import { test, expect, Page } from '@playwright/test';
import { openHydrated, signIn } from './helpers';

// The sandbox's own address (scripts/test.sh reads it from pgdeck's log):
// its `/_sandbox/faults` makes every upstream call fail.
const SANDBOX = process.env.PGDECK_SANDBOX_URL;

/** Pages that only read pgdeck's own records answer without upstream. */
const OWN_RECORDS = ['/jobs', '/approvals'];
const PAGES = ['/', '/instances', '/instances/new', '/backups', '/access-control', '/access-control/parameter-groups', '/alerting', '/events', ...OWN_RECORDS];
const TABS = ['overview', 'settings', 'ha', 'replicas', 'databases', 'users', 'access', 'extensions', 'backups', 'monitoring', 'events', 'activity'];

/**
 * Records every console error and uncaught exception of `page`, signs the
 * admin in, and answers the address of the first instance in the list.
 */
async function watchedAdmin(page: Page): Promise<{ problems: string[]; instance: string | null }> {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error on ${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught exception on ${page.url()}: ${e.message}`));
  await signIn(page, 'admin');
  await openHydrated(page, '/instances');
  const instance = await page.getByRole('table', { name: 'DB instances' }).locator('tbody tr a').first().getAttribute('href');
  return { problems, instance };
}

test('with every upstream call failing, each page says so in an error note and nothing breaks in the browser', async ({ page, request }) => {
  test.skip(!SANDBOX, 'needs PGDECK_SANDBOX_URL');
  test.setTimeout(180_000);
  const { problems, instance } = await watchedAdmin(page);
  expect(instance).toMatch(/^\/instances\//);
  await request.put(`${SANDBOX}/_sandbox/faults`, { data: { errorRate: 1.0 } });
  try {
    for (const path of [...PAGES, ...TABS.map((t) => `${instance}/${t}`)]) {
      await page.goto(path);
      await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
      await page.waitForLoadState('networkidle');
      const notes = page.getByRole('alert').filter({ hasText: 'Could not complete' });
      if (OWN_RECORDS.includes(path)) {
        await expect(notes, path).toHaveCount(0);
      } else {
        await expect(notes.first(), path).toBeVisible();
      }
    }
  } finally {
    await request.put(`${SANDBOX}/_sandbox/faults`, { data: { errorRate: 0 } });
  }
  expect(problems).toEqual([]);
});

test('with a slow upstream, each page shows what it is loading at once, then its content, and client-side navigation does the same', async ({ page, request }) => {
  test.skip(!SANDBOX, 'needs PGDECK_SANDBOX_URL');
  test.setTimeout(180_000);
  const { problems, instance } = await watchedAdmin(page);
  await request.put(`${SANDBOX}/_sandbox/faults`, { data: { latencyMs: 1500 } });
  try {
    const loading = page.getByRole('status').filter({ hasText: /^Loading/ });
    for (const [path, content] of [
      ['/', page.getByRole('heading', { name: 'Dashboard' })],
      ['/instances', page.getByRole('table', { name: 'DB instances' })],
      [`${instance}/overview`, page.getByRole('navigation', { name: 'Instance sections' })],
      ['/events', page.getByRole('table', { name: 'Events' })],
    ] as const) {
      // The page's frame arrives before upstream answers, and says what it waits for.
      await page.goto(path, { waitUntil: 'commit' });
      await expect(loading.first(), path).toBeVisible();
      await expect(content, path).toBeVisible();
      await expect(loading, path).toHaveCount(0);
      await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
      await expect(page.getByRole('alert').filter({ hasText: 'Could not complete' }), path).toHaveCount(0);
    }
    // Moving between pages in the browser waits the same way.
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Instances' }).click();
    await expect(loading.first()).toBeVisible();
    await expect(page.getByRole('table', { name: 'DB instances' })).toBeVisible();
    await expect(loading).toHaveCount(0);
  } finally {
    await request.put(`${SANDBOX}/_sandbox/faults`, { data: { latencyMs: 0 } });
  }
  expect(problems).toEqual([]);
});
