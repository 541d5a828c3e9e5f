import { test, expect, Page } from '@playwright/test';
import { openHydrated, signIn, PASSWORD } from './helpers';

// pgdeck in Korean: the language comes from the member's setting, else the
// browser's Accept-Language, else the panel's default; the page is drawn on
// the server in that language.

const KOREAN = /[\uac00-\ud7a3]/;

async function signInKorean(page: Page, username: string) {
  await openHydrated(page, '/sign-in');
  await page.getByLabel('사용자 이름').fill(username);
  await page.getByLabel('비밀번호').fill(PASSWORD);
  await page.getByRole('button', { name: '로그인', exact: true }).click();
  await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();
  await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
}

test.describe('a browser that asks for Korean', () => {
  test.use({ locale: 'ko-KR' });

  test('the sign-in page and the shell are in Korean from the first byte, with the console terms', async ({ page, request }) => {
    // As the server sends it, before any script runs: no English to flash.
    const html = await (await request.get('/sign-in', { headers: { 'Accept-Language': 'ko-KR,ko;q=0.9,en;q=0.5' } })).text();
    expect(html).toContain('<html lang="ko"');
    expect(html).toContain('pgdeck에 로그인');
    expect(html).not.toContain('Sign in to pgdeck');

    await signInKorean(page, 'admin');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    const nav = page.getByRole('navigation', { name: '메뉴' });
    for (const term of ['대시보드', 'DB 인스턴스', '백업', '접근 제어', '작업', '이벤트', '승인', '감사 로그', '설정']) {
      // (A section may carry a count beside its name: requests waiting.)
      await expect(nav.getByRole('link', { name: new RegExp(`^${term}( \\d+)?$`) })).toBeVisible();
    }
    // The shell has no English left: every text node of the top bar and
    // the navigation is Korean, or a name pgdeck does not translate.
    const english = await page.evaluate(() => {
      // Names pgdeck does not translate: itself, the member, the switch's
      // name for English (in English, as every switch writes it).
      const allowed = new Set(['pgdeck', 'admin', 'Ada Admin', 'English']);
      const out: string[] = [];
      for (const root of document.querySelectorAll('header.topbar, nav.sidebar')) {
        const walk = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let n = walk.nextNode(); n; n = walk.nextNode()) {
          const t = (n.textContent ?? '').trim();
          if (!t || allowed.has(t) || /^v\d/.test(t) || /^\d+$/.test(t) || /[\uac00-\ud7a3]/.test(t) || /^DB\b/.test(t)) continue;
          if (/[A-Za-z]/.test(t)) out.push(t);
        }
      }
      return out;
    });
    expect(english).toEqual([]);
    // Hydration kept the server's words (a mismatch would redraw in English).
    await page.getByRole('link', { name: 'DB 인스턴스', exact: true }).click();
    await expect(page).toHaveURL(/\/instances$/);
    await expect(page.getByRole('navigation', { name: '메뉴' })).toBeVisible();
  });
});

test('the header switch changes the language, the member setting follows the member, and English has no Korean', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  try {
    await openHydrated(page, '/sign-in');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await signIn(page, 'audrey');
    // English pages carry no Korean outside the switch's own name for Korean.
    const shell = await page.locator('header.topbar, nav.sidebar').allInnerTexts();
    expect(shell.join(' ').replace('한국어', '')).not.toMatch(KOREAN);

    // Choosing in the list changes nothing by itself; the button does.
    await page.getByLabel('Language').selectOption('ko');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('button', { name: 'Change language' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ko');
    await expect(page.locator('body[data-hydrated="true"]')).toBeAttached();
    await expect(page.getByLabel('언어')).toHaveValue('ko');
    await expect(page.getByRole('button', { name: '로그아웃' })).toBeVisible();

    // The setting is the member's: another browser that asks for English
    // still gets Korean once audrey signs in.
    const other = await browser.newContext({ locale: 'en-US' });
    const second = await other.newPage();
    await openHydrated(second, '/sign-in');
    await second.getByLabel('Username').fill('audrey');
    await second.getByLabel('Password').fill(PASSWORD);
    await second.getByRole('button', { name: 'Sign in' }).click();
    await expect(second.getByRole('button', { name: '로그아웃' })).toBeVisible();
    await expect(second.locator('html')).toHaveAttribute('lang', 'ko');
    await other.close();
  } finally {
    // Back to following the browser, for the other tests, whatever
    // happened above.
    await page.request.post('/api/set_language', { form: { language: 'auto' }, headers: { origin: new URL(page.url()).origin } });
    await context.close();
  }
  // And the member reads English again where the browser asks for it.
  const after = await browser.newContext({ locale: 'en-US' });
  const check = await after.newPage();
  await signIn(check, 'audrey');
  await expect(check.locator('html')).toHaveAttribute('lang', 'en');
  await after.close();
});

// Every page and tab, as every role, in both languages: i18n-tour.spec.ts.

test.describe('a change and its approval in Korean', () => {
  test.use({ locale: 'ko-KR' });

  test('a bad field is refused in Korean; a gated delete is asked for, approved and run, every step in Korean', async ({ page, browser }) => {
    await signInKorean(page, 'alice');
    // A refused field reads in Korean, its name included, before anything is sent.
    await openHydrated(page, '/instances/new');
    await page.getByLabel('스토리지 크기 (GB, 20~2048)').fill('10');
    await expect(page.getByRole('alert').filter({ hasText: '스토리지 크기 (GB): 20에서 2048 사이여야 합니다 (입력: 10)' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'DB 인스턴스 생성' })).toBeDisabled();

    // A user group of alice's own, then its deletion, which waits for a second person.
    await openHydrated(page, '/alerting');
    await page.getByRole('button', { name: '새 사용자 그룹' }).click();
    const form = page.getByRole('form', { name: '새 사용자 그룹' });
    await form.getByLabel('사용자 그룹 이름').fill('ko-oncall');
    await form.getByLabel('프로젝트의 모든 구성원').check();
    await form.getByRole('button', { name: '사용자 그룹 생성' }).click();
    const row = page.locator('tr', { hasText: 'ko-oncall' });
    await expect(row).toBeVisible({ timeout: 20_000 });
    await row.getByRole('button', { name: '사용자 그룹 ko-oncall 삭제' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('heading')).toHaveText('ko-oncall: 사용자 그룹 삭제?');
    await expect(dialog).toContainText('사용자 그룹을 삭제합니다');
    await expect(dialog).toContainText('다른 구성원의 승인이 필요합니다');
    await dialog.getByLabel('사유 (승인이 필요하면 필수)').fill('온콜 그룹을 정리합니다');
    await dialog.getByRole('button', { name: 'ko-oncall 사용자 그룹 삭제' }).click();
    const note = page.getByRole('status').filter({ hasText: '승인자를 기다립니다' });
    await expect(note).toBeVisible();
    const id = (await note.innerText()).match(/#(\d+)/)![1];

    // bob reads and approves it in Korean.
    const other = await browser.newContext({ locale: 'ko-KR' });
    const bob = await other.newPage();
    try {
      await signInKorean(bob, 'bob');
      await openHydrated(bob, '/approvals?view=inbox');
      const card = bob.getByRole('article', { name: `요청 ${id}` });
      await expect(card).toContainText('온콜 그룹을 정리합니다');
      await card.getByLabel(`요청 #${id}에 대한 의견 (필수)`).fill('확인했습니다');
      await card.getByRole('button', { name: '승인', exact: true }).click();
      await expect(bob.getByRole('article', { name: `요청 ${id}` })).toHaveCount(0);
    } finally {
      await other.close();
    }
    // And the group is gone.
    await openHydrated(page, '/alerting');
    await expect(page.locator('tr', { hasText: 'ko-oncall' })).toHaveCount(0, { timeout: 20_000 });
  });
});

test.describe('refusals whose words load when first shown', () => {
  test.use({ locale: 'ko-KR' });

  test('pasted pg_hba.conf lines pgdeck cannot import are refused in Korean once their words arrive', async ({ page }) => {
    await signInKorean(page, 'alice');
    await openHydrated(page, '/instances');
    const href = await page.locator('tr.instance-row[data-instance="legacy-reports"]').first().getByRole('link', { name: 'legacy-reports', exact: true }).getAttribute('href');
    await openHydrated(page, `${href}/access`);
    await page.getByText('pg_hba.conf 줄 가져오기').click();
    await page.getByLabel('가져올 pg_hba.conf 줄').fill('local all all trust\nhost all all 10.0.0.0/8 md5\nhost all all 10.9.0.0/16 reject\n');
    const preview = page.getByRole('table', { name: '가져오기 미리 보기' });
    await expect(preview.locator('tr.refused')).toHaveCount(2);
    // The rarer refusals' words load with the first one shown; the preview is worded again.
    await expect(preview).toContainText('local(유닉스 소켓) 연결은 API로 관리하지 않습니다');
    await expect(preview).toContainText('인증 방식 md5: API는 trust, reject, scram-sha-256만 제공합니다');
    await expect(preview).not.toContainText('not managed');
    await expect(page.getByRole('button', { name: '접근 제어 규칙 1개 추가' })).toBeVisible();
  });
});
