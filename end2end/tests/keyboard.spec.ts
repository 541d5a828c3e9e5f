import { test, expect, Page, Locator } from '@playwright/test';
import { openHydrated, PASSWORD } from './helpers';

// Keyboard only: no click anywhere in this file (focus() stands for the
// Tabs that would reach a control far down the page).

/** Presses Tab until `target` has focus (at most `limit` times). */
async function tabTo(page: Page, target: ReturnType<Page['locator']>, limit = 80) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate(el => el === document.activeElement, undefined, { timeout: 1000 }).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('never reached by Tab');
}

/** Focus is on an element, not the page, and drawn: an outline of 2 px or more. */
async function expectVisibleFocus(page: Page) {
  const ring = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'focus is on the page, not a control';
    const s = getComputedStyle(el);
    const drawn = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    return drawn ? 'drawn' : `${el.tagName} ${el.getAttribute('aria-label') ?? el.textContent?.slice(0, 30)}: outline ${s.outlineStyle} ${s.outlineWidth}`;
  });
  expect(ring).toBe('drawn');
}

/** Moves focus to `target` (standing for the Tabs that reach it) and checks it shows. */
async function focusOn(page: Page, target: Locator) {
  await target.focus();
  await expect(target).toBeFocused();
  await expectVisibleFocus(page);
}

/** Replaces the text of the focused field, as Ctrl+A then typing does. */
async function retype(page: Page, text: string) {
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
}

/** Signs in with the keyboard alone. */
async function signInByKeyboard(page: Page, username: string) {
  await openHydrated(page, '/sign-in');
  await tabTo(page, page.getByLabel('Username'));
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

async function instanceId(page: Page, name: string): Promise<string> {
  await openHydrated(page, '/instances');
  const href = await page.locator(`tr.instance-row[data-instance="${name}"] a`).first().getAttribute('href');
  return href!.split('/')[2];
}

test('sign in, open an instance and stop it through the confirmation, with the keyboard alone', async ({ page }) => {
  await openHydrated(page, '/sign-in');
  await tabTo(page, page.getByLabel('Username'));
  await page.keyboard.type('alice');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type('sandbox-password');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();

  // Filter the instance list and open one.
  await openHydrated(page, '/instances');
  const search = page.getByLabel('Search instances');
  await tabTo(page, search);
  // orders-db: an instance no other test stops or deletes (its stop is
  // gated, and filed here without an approval).
  await page.keyboard.type('orders');
  const link = page.locator('tr.instance-row[data-instance="orders-db"]').first().getByRole('link', { name: 'orders-db', exact: true });
  await expect(link).toBeVisible();
  await expect(page.locator('tr.instance-row[data-instance="analytics"]')).toHaveCount(0);
  await link.focus();
  await expect(link).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'orders-db' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();

  // The confirmation takes focus, keeps it inside, closes on Escape and
  // gives it back to the button that opened it.
  const stop = page.getByRole('toolbar', { name: 'Instance actions' }).getByRole('button', { name: 'Stop', exact: true });
  await stop.focus();
  await expect(stop).toBeFocused();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect.poll(() => dialog.evaluate(d => d.contains(document.activeElement))).toBe(true);
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab');
    expect(await dialog.evaluate(d => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await dialog.evaluate(d => d.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(stop).toBeFocused();

  // Again, this time filing the stop with a reason typed in.
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByLabel('Reason (required when approval is needed)'));
  await page.keyboard.type('quiet hours for the nightly load');
  await tabTo(page, dialog.getByRole('button', { name: /orders-db$/ }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /needs approval|started/ })).toBeVisible();
});

test('create an instance with a refused field corrected, then file its deletion and approve it, with the keyboard alone', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await signInByKeyboard(page, 'alice');
  await openHydrated(page, '/instances/new');
  await tabTo(page, page.getByLabel('Instance name'));
  await expectVisibleFocus(page);
  await page.keyboard.type('kb-created');

  // A refused size: the field says so, and points at its message.
  const size = page.getByLabel('Storage size (GB, 20–2048)');
  await focusOn(page, size);
  await retype(page, '10');
  await expect(size).toHaveAttribute('aria-invalid', 'true');
  const described = await size.getAttribute('aria-describedby');
  expect(described).toBeTruthy();
  await expect(page.locator(`[id="${described}"]`)).toHaveText('Storage size (GB): must be between 20 and 2048, got 10');
  await expect(page.getByRole('button', { name: 'Create DB instance' })).toBeDisabled();
  // Corrected.
  await retype(page, '40');
  await expect(size).toHaveAttribute('aria-invalid', 'false');
  await expect(size).not.toHaveAttribute('aria-describedby', /./);
  await focusOn(page, page.getByLabel('User password (4–16 characters)'));
  await page.keyboard.type('s3cret-pass');
  const create = page.getByRole('button', { name: 'Create DB instance' });
  await focusOn(page, create);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Creating the instance' })).toBeVisible();

  // Once it is AVAILABLE, its deletion is filed for approval.
  await expect(async () => {
    await openHydrated(page, '/instances');
    await expect(page.locator('tr.instance-row[data-instance="kb-created"]')).toContainText('Available', { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const del = page.locator('tr.instance-row[data-instance="kb-created"]').getByRole('button', { name: 'Delete' });
  await focusOn(page, del);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Delete kb-created?');
  await expect.poll(() => dialog.evaluate(d => d.contains(document.activeElement))).toBe(true);
  await tabTo(page, dialog.getByLabel('Reason (required when approval is needed)'), 20);
  await expectVisibleFocus(page);
  await page.keyboard.type('made by the keyboard test, no longer needed');
  await tabTo(page, dialog.getByRole('button', { name: 'Delete kb-created' }), 20);
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  const note = page.getByRole('status').filter({ hasText: 'needs approval' });
  await expect(note).toBeVisible();
  const id = (await note.innerText()).match(/#(\d+)/)![1];

  // Bob approves it from his inbox: comment typed, Tab to Approve, Enter.
  const bob = await browser.newPage();
  await signInByKeyboard(bob, 'bob');
  await openHydrated(bob, '/approvals?view=inbox');
  const card = bob.getByRole('article', { name: `Request ${id}` });
  await focusOn(bob, card.getByLabel(`Comment on request #${id}`));
  await bob.keyboard.type('checked: nothing uses it');
  await bob.keyboard.press('Tab');
  await expect(card.getByRole('button', { name: 'Approve' })).toBeFocused();
  await expectVisibleFocus(bob);
  await bob.keyboard.press('Enter');
  await expect(bob.getByRole('article', { name: `Request ${id}` })).toHaveCount(0);
  await bob.close();
  await expect(async () => {
    await openHydrated(page, '/instances');
    await expect(page.locator('tr.instance-row[data-instance="kb-created"]')).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
});

test('add an access rule and move it up, with the keyboard alone', async ({ page }) => {
  await signInByKeyboard(page, 'alice');
  const id = await instanceId(page, 'analytics');
  await openHydrated(page, `/instances/${id}/access`);
  const add = page.getByRole('button', { name: 'Add access rule' });
  await focusOn(page, add);
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'New access rule' });
  // The form takes focus at its first field.
  await expect(form.getByLabel('Address')).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.type('10.1.2.300');
  await expect(form.getByLabel('Address')).toHaveAttribute('aria-invalid', 'true');
  await retype(page, '198.18.7.0/24');
  await expect(form.getByLabel('Address')).toHaveAttribute('aria-invalid', 'false');
  await tabTo(page, form.getByRole('button', { name: 'Add access rule' }), 30);
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  const row = page.locator('tr[data-rule="198.18.7.0/24"]');
  await expect(row).toBeVisible();

  const order = () => page.getByRole('table', { name: 'Access rules' }).locator('tbody tr:not(.inactive)').evaluateAll(rows => rows.map(r => r.getAttribute('data-rule')));
  const before = await order();
  const at = before.indexOf('198.18.7.0/24');
  expect(at).toBeGreaterThan(0);
  const up = row.getByRole('button', { name: /^Move up/ });
  await focusOn(page, up);
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await order()).indexOf('198.18.7.0/24')).toBe(at - 1);
  // The table is redrawn in the new order (and again as the change's
  // reload lands), its rows patched in place: focus comes back to the
  // moved rule's arrow (the up arrow, or the down one once it is first),
  // not to the control now drawn where the rule was.
  const arrow = page.locator('tr[data-rule="198.18.7.0/24"] button[data-move]:not([disabled])').first();
  await expect(arrow).toBeFocused({ timeout: 15_000 });
  await expectVisibleFocus(page);

  // Leave the rules as they were: delete the new one through its confirmation.
  const remove = page.locator('tr[data-rule="198.18.7.0/24"]').getByRole('button', { name: /^Delete/ });
  await focusOn(page, remove);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toBeVisible();
  await tabTo(page, dialog.getByRole('button', { name: /^Delete/ }), 20);
  await page.keyboard.press('Enter');
  await expect(page.locator('tr[data-rule="198.18.7.0/24"]:not(.inactive)')).toHaveCount(0);
});

test('restore to a point in time set on the timeline from the keyboard', async ({ page }) => {
  await signInByKeyboard(page, 'alice');
  const id = await instanceId(page, 'orders-db');
  await openHydrated(page, `/instances/${id}/restore`);
  const slider = page.getByRole('slider', { name: 'Point in time to restore to' });
  const typed = page.getByLabel(/^Restore to/);
  await focusOn(page, slider);
  const latest = Number(await slider.getAttribute('aria-valuemax'));
  const oldest = Number(await slider.getAttribute('aria-valuemin'));
  expect(latest).toBeGreaterThan(oldest);
  await page.keyboard.press('Home');
  await expect(slider).toHaveAttribute('aria-valuenow', String(oldest));
  const atOldest = await typed.inputValue();
  await page.keyboard.press('End');
  await expect(slider).toHaveAttribute('aria-valuenow', String(latest));
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuenow', String(latest - 120));
  await page.keyboard.press('Shift+ArrowLeft');
  await expect(slider).toHaveAttribute('aria-valuenow', String(Math.max(oldest, latest - 120 - 3600)));
  // The typed time follows the slider, and the slider reads it out.
  const chosen = await typed.inputValue();
  expect(chosen).not.toEqual(atOldest);
  await expect(slider).toHaveAttribute('aria-valuetext', /\d{4}-\d{2}-\d{2}/);

  await focusOn(page, page.getByLabel('Instance name'));
  await retype(page, 'kb-pitr');
  const restore = page.getByRole('button', { name: 'Restore into a new instance' });
  await focusOn(page, restore);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Restoring into kb-pitr' })).toBeVisible();
});

test('export the audit log with the keyboard alone', async ({ page }) => {
  await signInByKeyboard(page, 'audrey');
  await openHydrated(page, '/audit');
  const link = page.getByRole('link', { name: 'Export CSV' });
  await focusOn(page, link);
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = await download;
  const text = require('fs').readFileSync(await file.path(), 'utf8');
  expect(text.split('\n')[0]).toContain('actor_name');
  expect(text.split('\n').length).toBeGreaterThan(2);
});
