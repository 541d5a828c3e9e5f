import { chromium } from '@playwright/test';
const base = 'http://127.0.0.1:3100';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
await page.goto(base + '/sign-in');
await page.waitForSelector('body[data-hydrated="true"]');
await page.getByLabel('Username').fill('alice');
await page.getByLabel('Password').fill('sandbox-password');
await page.getByRole('button', { name: 'Sign in' }).click();
await page.getByRole('button', { name: 'Sign out' }).waitFor();
const href = await page.getByRole('link', { name: process.argv[2] || 'analytics', exact: true }).first().getAttribute('href');
console.log(href);
for (const t of (process.argv[3] || 'overview').split(',')) {
  await page.goto(base + href + '/' + t);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.waitForTimeout(1000);
  await page.screenshot({ path: `/tmp/shots/tab_${t}.png`, fullPage: true });
}
await browser.close();
