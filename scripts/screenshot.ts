import { launchChromium } from '../tests/helpers/browser';

const [url = 'http://localhost:3000/', out = 'test-results/screenshot.png', width = '1440', height = '900'] =
  process.argv.slice(2);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
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
