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
const paths = process.argv.slice(2);
for (const p of paths) {
  await page.goto(base + p);
  await page.waitForSelector('body[data-hydrated="true"]');
  await page.waitForTimeout(800);
  const name = p.replace(/[\/?=&]/g, '_') || 'root';
  await page.screenshot({ path: `/tmp/shots/${name}.png`, fullPage: true });
  console.log(name);
}
await browser.close();
