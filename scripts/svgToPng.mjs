#!/usr/bin/env node
/**
 * A PNG of an SVG file for the README and docs (the coverage map: docs/img/coverage-al-asad.png).
 *
 *   node scripts/svgToPng.mjs [in.svg] [out.png] [width_px]
 *
 * Defaults: runs/coverage-al-asad-2020/coverage.svg (made by `npx aspis coverage scenarios/al-asad-2020.yaml`) →
 * docs/img/coverage-al-asad.png, 1440 px wide. Renders with playwright-core and the system Chromium (Debian's
 * /usr/bin/chromium, or $CHROMIUM_PATH), headless and offline: every request but the SVG itself is refused.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const svg = resolve(process.argv[2] ?? 'runs/coverage-al-asad-2020/coverage.svg');
const out = resolve(process.argv[3] ?? 'docs/img/coverage-al-asad.png');
const width_px = Number(process.argv[4] ?? 1440);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(svg)) {
  process.stderr.write(
    `svgToPng: ${svg} not found; run \`npx aspis coverage scenarios/al-asad-2020.yaml\` first\n`,
  );
  process.exit(2);
}
// the SVG's own size (its root width/height attributes) fixes the aspect ratio; the PNG is scaled to width_px
const head = readFileSync(svg, 'utf8').slice(0, 2000);
const w = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(head)?.[1]);
const h = Number(/<svg[^>]*\sheight="([\d.]+)"/.exec(head)?.[1]);
if (!(w > 0 && h > 0)) {
  process.stderr.write(`svgToPng: ${svg} has no numeric width/height on its root element\n`);
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});
try {
  const scale = width_px / w;
  const page = await browser.newPage({
    viewport: { width: w, height: Math.ceil(h) },
    deviceScaleFactor: scale,
  });
  await page.route('**/*', (route) =>
    route.request().url() === pathToFileURL(svg).href ? route.continue() : route.abort(),
  );
  await page.goto(pathToFileURL(svg).href, { waitUntil: 'load' });
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: w, height: Math.ceil(h) } });
  process.stdout.write(`${out} written (${width_px} px wide)\n`);
} finally {
  await browser.close();
}
