/**
 * The README's coverage map (docs/img/coverage-al-asad.png) from the same study `aspis coverage
 * scenarios/al-asad-2020.yaml` runs (2 km grid, the scenario's threat axis, P(kill) threshold 0.5): the SVG it writes,
 * drawn by Chromium and captured, so that the picture follows the code instead of a hand-made copy.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageMap } from '../../src/analysis/coverage.js';
import { radarCoverageAt } from '../../src/analysis/coverageRadar.js';
import { defendedFootprint } from '../../src/analysis/footprint.js';
import { renderCoverageSvg } from '../../src/report/coverageSvg.js';
import { packageRoot } from '../../src/scenario/catalog.js';
import { loadScenario } from '../../src/scenario/load.js';
import { collectErrors, launchChromium, resultsPath } from './harness.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

describe('coverage map screenshot', () => {
  it('draws the Al Asad coverage SVG and makes docs/img/coverage-al-asad.png', async () => {
    const scenario = loadScenario(join(packageRoot(), 'scenarios', 'al-asad-2020.yaml'));
    const map = coverageMap(scenario, { grid_m: 2000, azimuths: 'scenario' });
    const footprint = defendedFootprint(map, 0.5);
    const radar = radarCoverageAt(scenario, 5000, 0.1);
    const svg = renderCoverageSvg({ scenario, map, footprint, radar, pkThreshold: 0.5 });
    const page = await browser.newPage({ viewport: { width: 1000, height: 1200 }, deviceScaleFactor: 1 });
    const errors = collectErrors(page);
    await page.setContent(`<!doctype html><body style="margin:0;background:#fff">${svg}</body>`);
    const box = (await page.locator('svg').first().boundingBox())!;
    expect(box.width).toBeGreaterThan(800);
    const shot = resultsPath('coverage-al-asad.png');
    await page.screenshot({
      path: shot,
      clip: { x: 0, y: 0, width: Math.ceil(box.width), height: Math.ceil(box.height) },
    });
    mkdirSync(join(packageRoot(), 'docs', 'img'), { recursive: true });
    copyFileSync(shot, join(packageRoot(), 'docs', 'img', 'coverage-al-asad.png'));
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
