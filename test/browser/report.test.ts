/**
 * The HTML run report (`report.html`, written next to events.jsonl) in a real browser, offline: every request that
 * is not the report file itself is aborted and recorded, and none may happen; the page shows the run with no
 * console errors. The screenshot (top 1400 px) is kept in test-results/ and copied to docs/img/report.png for the
 * README.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRun, writeRunReport } from '../../src/report/output.js';
import { reportWhy } from '../../src/report/why.js';
import { packageRoot } from '../../src/scenario/catalog.js';
import { parseScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/sim/engine.js';
import { collectErrors, guardOffline, launchChromium, resultsPath } from './harness.js';

const SCENARIO_FILE = 'scenarios/al-asad-2020.yaml';

let dir: string;
let report: string | null = null;
let scenarioName = '';
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'aspis-report-'));
  const yaml = readFileSync(join(packageRoot(), SCENARIO_FILE), 'utf8');
  const scenario = parseScenario(yaml, SCENARIO_FILE);
  scenarioName = scenario.name;
  const result = runScenario(scenario, { seed: 1, recordPaths: true });
  const why = reportWhy(result, scenario);
  writeRun(result, dir, SCENARIO_FILE, why);
  await writeRunReport(result, scenario, dir, SCENARIO_FILE, { why });
  const path = join(dir, 'report.html');
  report = existsSync(path) ? path : null;
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('report.html', () => {
  it('renders offline: nothing but the file is requested, no console errors, the run is shown', async () => {
    expect(report, 'report.html written next to the run').not.toBeNull();
    if (report === null) return;
    const href = pathToFileURL(report).href;
    const page = await browser.newPage({ viewport: { width: 1440, height: 1400 }, deviceScaleFactor: 1 });
    const errors = collectErrors(page);
    const escaped = await guardOffline(page, (url) => url.href === href);
    await page.goto(href, { waitUntil: 'load' });
    await page.waitForTimeout(300);
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).toContain(scenarioName);
    expect(text.toLowerCase()).toContain('notional');
    // the maps and charts are inline SVG with content
    expect(await page.locator('svg').count()).toBeGreaterThan(0);
    expect(await page.locator('svg path, svg circle, svg line').count()).toBeGreaterThan(20);
    const shotPath = resultsPath('report.png');
    const shot = await page.screenshot({ path: shotPath });
    expect(shot.length).toBeGreaterThan(10_000);
    const docs = join(packageRoot(), 'docs', 'img');
    mkdirSync(docs, { recursive: true });
    copyFileSync(shotPath, join(docs, 'report.png'));
    // the interceptors-left chart (issue 13): a panel for the battery with its step lines
    const magazine = page.locator('#magazine');
    expect(await magazine.locator('svg path').count()).toBeGreaterThan(2);
    const magazineShot = resultsPath('report-magazine.png');
    await magazine.screenshot({ path: magazineShot });
    copyFileSync(magazineShot, join(docs, 'report-magazine.png'));
    expect(errors, 'console and page errors').toEqual([]);
    expect(escaped, 'requests that left the file').toEqual([]);
    await page.close();
  });
});
