#!/usr/bin/env node
/**
 * Screenshot of an HTML run report for the README and docs/report.md.
 *
 *   node scripts/reportScreenshot.mjs [report.html] [out.png] [height_px]
 *
 * Defaults: runs/al-asad-2020-seed1/report.html (made by `npm start`) → docs/img/report.png, the top 1400 px of a
 * 1440 px wide page. Uses playwright-core with the system Chromium (Debian's /usr/bin/chromium, or
 * $CHROMIUM_PATH), headless and offline: the report is self-contained, so nothing is fetched.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const report = resolve(process.argv[2] ?? 'runs/al-asad-2020-seed1/report.html');
const out = resolve(process.argv[3] ?? 'docs/img/report.png');
const height_px = Number(process.argv[4] ?? 1400);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(report)) {
  process.stderr.write(`reportScreenshot: ${report} not found; run \`npm start\` first\n`);
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--enable-unsafe-swiftshader',
    '--disable-background-networking',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: height_px }, deviceScaleFactor: 1 });
  // refuse every request that is not the report itself: proves the page is self-contained
  const blocked = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === pathToFileURL(report).href) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  await page.goto(pathToFileURL(report).href, { waitUntil: 'load' });
  const fullPage = height_px <= 0;
  await page.screenshot({
    path: out,
    fullPage,
    ...(fullPage ? {} : { clip: { x: 0, y: 0, width: 1440, height: height_px } }),
  });
  if (blocked.length > 0)
    process.stderr.write(`reportScreenshot: blocked ${blocked.length} request(s): ${blocked.join(', ')}\n`);
  process.stdout.write(`screenshot written to ${out}\n`);
} finally {
  await browser.close();
}
