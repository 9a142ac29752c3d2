// Renders a formatted page in headless Chromium and saves a screenshot (for the README).
// Usage: node tools/screenshot-page.cjs PAGE.html OUT.png
'use strict';
const path = require('node:path');
const { chromium } = require('playwright-core');

(async () => {
  const [page_file, out] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto('file://' + path.resolve(page_file));
  await page.screenshot({ path: out, fullPage: false });
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
