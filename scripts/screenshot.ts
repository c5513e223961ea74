import { launchChromium } from '../tests/helpers/browser';

const [url = 'http://localhost:3000/', out = 'test-results/screenshot.png', width = '1440', height = '900'] =
  process.argv.slice(2);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
await page.goto(url, { waitUntil: 'networkidle' });
await page.waitForTimeout(1500);
await page.screenshot({ path: out, fullPage: false });
await browser.close();
console.log(`saved ${out}`);
