import { launchChromium } from '../tests/helpers/browser';

// npx tsx scripts/screenshot.ts URL OUT.png [width height]; with STAGEKEEPER_EMAIL and STAGEKEEPER_PASSWORD
// set, it signs in through the sign-in page first
const [url = 'http://localhost:3000/', out = 'test-results/screenshot.png', width = '1440', height = '900'] =
  process.argv.slice(2);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
const { STAGEKEEPER_EMAIL: email, STAGEKEEPER_PASSWORD: password } = process.env;
if (email && password) {
  await page.goto(new URL('/signin', url).href);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((current) => !current.pathname.startsWith('/signin'));
}
await page.goto(url, { waitUntil: 'load' });
// a room page is ready once its observer is live; other pages once they have painted
await page
  .locator('[data-live-status="live"], [data-live-status="polling"]')
  .first()
  .waitFor({ timeout: 20_000 })
  .catch(() => console.warn('no live status after 20 s; taking the screenshot anyway'));
await page.waitForTimeout(500);
await page.screenshot({ path: out, fullPage: false });
await browser.close();
console.log(`saved ${out}`);
