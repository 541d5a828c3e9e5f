import { test, expect, Page, Browser } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { PASSWORD } from './helpers';

// Every page and tab, as every demo role, in Korean and in English: each
// visible text node of the page is read, and a word of the other language is
// a failure, apart from the exceptions listed here (names, identifiers,
// numbers, units, and upstream's own words and what members named, which
// pages mark `data-words="upstream"` or `"server"`, and names, `.name`).

const PAGES = [
  '/', '/instances', '/instances/new', '/backups', '/access-control', '/access-control/parameter-groups',
  '/alerting', '/events', '/jobs', '/approvals?view=inbox', '/approvals?view=mine', '/approvals?view=all',
  '/audit', '/settings', '/settings/users', '/settings/policies',
];
const TABS = ['overview', 'settings', 'ha', 'replicas', 'databases', 'users', 'access', 'extensions', 'backups', 'monitoring', 'events', 'activity'];
const ROLES = ['admin', 'alice', 'bob', 'victor', 'audrey'];

// Words a Korean page may show in Latin letters: names of products and of
// the demo members, the console's own acronyms and English names, units.
const KEPT = [
  'pgdeck', 'PostgreSQL', 'NHN', 'Cloud', 'Object', 'Storage', 'Dooray', 'Slack', 'English', 'OIDC', 'SSO', 'WAL',
  'DB', 'CPU', 'RAM', 'OS', 'IP', 'ID', 'URL', 'SMS', 'CIDR', 'IPv4', 'IPv6', 'SSD', 'HDD', 'General', 'I/O', 'I', 'O',
  'UTC', 'KST', 'TCP', 'DDL', 'DML', 'CRUD', 'SCRAM-SHA-256', 'MD5', 'VPC', 'API', 'JSON', 'CSV', 'HA',
  'User', 'Access', 'Key', 'Secret', 'Sandbox', 'kB', 'KB', 'MB', 'GB', 'TB', 'KiB', 'MiB', 'GiB', 'TiB', 'ms', 'min', 'vCPU',
  'Ada', 'Admin', 'Alice', 'Operator', 'Bob', 'Approver', 'Carol', 'Victor', 'Viewer', 'Audrey', 'Auditor',
];

// pgdeck's own English words (every word of its English messages): a
// lowercase word passes as an identifier or a name ("orders-db", "alice")
// unless it is one of these — "jobs" or "port" on a Korean page is English
// pgdeck forgot to translate. Names in the demo estate that are also
// English words are listed apart.
const ENGLISH = (() => {
  const dir = path.join(__dirname, '../../lang/locales/en');
  const words = new Set<string>();
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.ftl'))) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      const m = line.match(/^[a-zA-Z][\w-]* = (.*)$/);
      if (!m) continue;
      for (const w of m[1].replace(/\{[^}]*\}/g, ' ').split(/[^A-Za-z]+/)) if (w.length >= 3) words.add(w.toLowerCase());
    }
  }
  return [...words];
})();
const DEMO_NAMES = [
  'app', 'reports', 'analytics', 'orders', 'staging', 'legacy', 'default', 'trust', 'reject', 'all', 'audit', 'public',
  'admin', 'ada', 'alice', 'bob', 'carol', 'victor', 'audrey', 'project', 'api', 'http', 'https',
];

/** The visible text of the page in a language it should not have. */
async function foreign(page: Page, want: 'ko' | 'en'): Promise<string[]> {
  return page.evaluate(([want, kept, english]) => {
    const keep = new Set(kept as string[]);
    const pgdeckWords = new Set(english as string[]);
    const hangul = /[\uac00-\ud7a3]/;
    const out: string[] = [];
    const ok = (w: string) =>
      hangul.test(w) || keep.has(w) ||
      (/^[a-z0-9_.@+-]+$/.test(w) && (!pgdeckWords.has(w) || /[0-9_.@+-]/.test(w))) || // identifiers, lowercase names, addresses
      /^[A-Z0-9_.]*\d[A-Z0-9_.]*$/.test(w) ||          // codes and versions (KR1, BACKUP_01_00, V14.6)
      /^\d[\d.,]*[A-Za-z%]{0,4}$/.test(w) ||          // numbers with their units (8MB, 15min, 2s)
      /^\d{4}-\d\d-\d\d(T[\d:.]+Z?)?$/.test(w) ||      // dates
      /^[a-z][a-z0-9]*([A-Z][a-z0-9]*)+$/.test(w);    // wire field names (useHighAvailability)
    // Addresses and paths (`http://…`, `/v1.0/jobs/{jobId}`) are identifiers, whatever follows them.
    const wordsOf = (t: string) =>
      t.split(/\s+/).filter((tok) => !/^(https?:\/\/|\/)/.test(tok)).join(' ')
        .split(/[\s,;:()[\]{}"'“”‘’·—–…→›|=<>≥≤+*!?#/]+/).filter((w) => /[A-Za-z]/.test(w));
    // Names members and upstream gave, as the page shows them (marked), may
    // also be in a control's label ("Sandbox for audrey 확인").
    const named = new Set(
      Array.from(document.body.querySelectorAll('.name, [data-words]')).flatMap((e) => wordsOf(e.textContent ?? '')),
    );
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, code, pre, kbd, .name, [data-words], [lang]:not(html)')) continue;
      // Only what is shown (an option of a select counts: it is one click away).
      if (el.tagName !== 'OPTION' && !(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) continue;
      const t = (n.textContent ?? '').trim();
      if (!t) continue;
      if (want === 'en') {
        if (hangul.test(t)) out.push(`${el.tagName}: ${t}`);
        continue;
      }
      if (wordsOf(t).some((w) => !ok(w))) out.push(`${el.tagName}: ${t}`);
    }
    // What a screen reader says and a field shows before it is filled.
    for (const el of Array.from(document.body.querySelectorAll<HTMLElement>('[aria-label], [placeholder], [title]'))) {
      if (el.closest('script, style, code, pre, .name, [data-words], [lang]:not(html)')) continue;
      if (!(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) continue;
      for (const attr of ['aria-label', 'placeholder', 'title']) {
        const t = (el.getAttribute(attr) ?? '').trim();
        if (!t) continue;
        if (want === 'en') {
          if (hangul.test(t)) out.push(`${el.tagName}[${attr}]: ${t}`);
          continue;
        }
        // A placeholder may show an example of what to type (an address, a line of a file).
        if (attr === 'placeholder' && !/^[A-Za-z ]+$/.test(t)) continue;
        if (wordsOf(t).some((w) => !ok(w) && !named.has(w))) out.push(`${el.tagName}[${attr}]: ${t}`);
      }
    }
    return [...new Set(out)];
  }, [want, KEPT, ENGLISH.filter((w) => !DEMO_NAMES.includes(w))] as const);
}

async function signInAs(page: Page, username: string, korean: boolean) {
  await page.goto('/sign-in');
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await page.getByLabel(korean ? '사용자 이름' : 'Username').fill(username);
  await page.getByLabel(korean ? '비밀번호' : 'Password').fill(PASSWORD);
  await page.getByRole('button', { name: korean ? '로그인' : 'Sign in', exact: true }).click();
  await expect(page.getByRole('button', { name: korean ? '로그아웃' : 'Sign out' })).toBeVisible();
}

/** Opens `path`, waits for the page's data, and reads it. */
async function read(page: Page, path: string, want: 'ko' | 'en'): Promise<string[]> {
  await page.goto(path);
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
  await expect(page.locator('html')).toHaveAttribute('lang', want);
  // Pages that follow live jobs never fall quiet: wait a while at most.
  await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => {});
  await expect(page.locator('p.loading')).toHaveCount(0, { timeout: 10_000 });
  const found = (await foreign(page, want)).map((f) => `${path} ${f}`);
  if (found.length) console.log(found.join('\n'));
  return found;
}

/** Every page, every tab of an instance, and the groups' own pages. */
async function tour(browser: Browser, username: string, want: 'ko' | 'en'): Promise<string[]> {
  const context = await browser.newContext({ locale: want === 'ko' ? 'ko-KR' : 'en-US' });
  const page = await context.newPage();
  const found: string[] = [];
  try {
    await page.goto('/sign-in');
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    found.push(...(await foreign(page, want)).map((f) => `/sign-in ${f}`));
    await signInAs(page, username, want === 'ko');
    for (const path of PAGES) found.push(...(await read(page, path, want)));
    await page.goto('/instances');
    const link = page.locator('tr.instance-row[data-instance="orders-db"] a').first();
    if (await link.count()) {
      const base = (await link.getAttribute('href'))!.replace(/\/[a-z]+$/, '').replace(/\/$/, '');
      for (const tab of TABS) found.push(...(await read(page, `${base}/${tab}`, want)));
      await page.goto('/access-control');
      await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
      const groups: string[] = [];
      for (const sel of ['a[href^="/access-control/parameter-groups/"]', 'a[href^="/access-control/security-groups/"]']) {
        const link = page.locator(sel).first();
        await link.waitFor({ timeout: 10_000 }).catch(() => {});
        if (await link.count()) groups.push((await link.getAttribute('href'))!);
      }
      for (const href of groups) found.push(...(await read(page, href, want)));
      // The restore page of the first backup there is.
      await page.goto(`${base}/backups`);
      await page.waitForLoadState('networkidle', { timeout: 3_000 }).catch(() => {});
      const restore = page.locator('a[href*="/restore"]').first();
      if (await restore.count()) found.push(...(await read(page, (await restore.getAttribute('href'))!, want)));
    }
  } finally {
    await context.close();
  }
  return found;
}

test.describe('every page in Korean, as every role', () => {
  test.describe.configure({ mode: 'parallel' });
  for (const role of ROLES) {
    test(`${role}: no English outside names, identifiers, units and upstream's words`, async ({ browser }) => {
      test.setTimeout(300_000);
      expect(await tour(browser, role, 'ko')).toEqual([]);
    });
  }
});

test.describe('every page in English, as every role', () => {
  test.describe.configure({ mode: 'parallel' });
  for (const role of ROLES) {
    test(`${role}: no Korean outside the language switch`, async ({ browser }) => {
      test.setTimeout(300_000);
      expect(await tour(browser, role, 'en')).toEqual([]);
    });
  }
});
