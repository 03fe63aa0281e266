/**
 * The analyst's workbench in a real browser (issue 13): a Monte Carlo batch started from the page runs on the server
 * with a progress bar and opens its view (aggregates with intervals, SVG histograms); a stored batch opens from the
 * run list and its deep link (no E_NO_REPLAY); the compare view shows two runs side by side with the differences
 * and a map of each. Screenshots: docs/img/mc-web.png and docs/img/compare.png.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMonteCarlo } from '../../src/analysis/monteCarlo.js';
import { packageRoot } from '../../src/scenario/catalog.js';
import { canvasStats, copyToDocs, resultsPath, useWorkbench, waitUntil } from './harness.js';

const SCENARIO_FILE = 'scenarios/al-asad-2020.yaml';
const VIEWPORT = { width: 1400, height: 900 };
const RUNS = 8;

let batchId: string;
// batches compute in the compiled run-pool worker (dist/src/server/runWorker.js)
const wb = useWorkbench({
  tmpPrefix: 'aspis-mcweb-',
  runs: [SCENARIO_FILE],
  viewport: VIEWPORT,
  compiled: true,
  prepare: async (store) => {
    const yaml = readFileSync(join(packageRoot(), SCENARIO_FILE), 'utf8');
    const mc = await runMonteCarlo({ yaml, fileName: SCENARIO_FILE }, { runs: RUNS, seed: 7, store });
    batchId = mc.runId!;
  },
  checkEachTest: true,
  setupTimeout_ms: 300_000,
});
let page: Page;
let singleId: string;

beforeAll(() => {
  singleId = wb.runIds[0];
});

async function openPage(hash = ''): Promise<void> {
  page = await wb.openPage(hash, { mapReady: false, timeout_ms: 60_000 });
}

describe('Monte Carlo in the browser', () => {
  it('a stored batch opens from its deep link and the run list: aggregates and histograms, no E_NO_REPLAY', async () => {
    await openPage(`#run=${batchId}`);
    await page.waitForSelector('#mc-view:not([hidden])', { timeout: 30_000 });
    const text = (await page.locator('#mc-view').textContent()) ?? '';
    expect(text).toContain('probability of raid annihilation (PRA)');
    expect(text).toContain('interceptors per kill');
    expect(text).toContain('cost exchange');
    expect(text).not.toContain('E_NO_REPLAY');
    expect(await page.locator('#status').getAttribute('class')).not.toBe('error');
    const button = page.locator(`button.run[data-run-id="${batchId}"]`);
    expect(await button.isDisabled()).toBe(false);
    expect(await button.textContent()).toContain(`Monte Carlo × ${RUNS}`);
    // the single run hides the batch view again; the batch's list entry opens it
    await page.locator(`button.run[data-run-id="${singleId}"]`).click();
    await page.waitForSelector('#mc-view', { state: 'hidden' });
    await button.click();
    await page.waitForSelector('#mc-view:not([hidden])');
  });

  it('starts a batch from the page: progress bar, then its view with the leakers histogram (docs/img/mc-web.png)', async () => {
    await openPage(`#run=${singleId}`);
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 30_000 });
    expect(await page.locator('#mc-source').textContent()).toContain(singleId);
    await page.locator('#mc-runs').fill(String(RUNS));
    await page.locator('#mc-seed').fill('4');
    await page.locator('#mc-start').click();
    await page.waitForSelector('#mc-progress:not([hidden])');
    await waitUntil(
      page,
      async () => /^Monte Carlo stored as /.test((await page.locator('#status').textContent()) ?? ''),
      180_000,
      'the batch from the page',
    );
    expect(await page.locator('#mc-progress-text').textContent()).toBe(`${RUNS} / ${RUNS} replications`);
    const view = page.locator('#mc-view');
    await page.waitForSelector('#mc-view:not([hidden])');
    const newId = await view.getAttribute('data-run-id');
    expect(newId).not.toBe(batchId);
    expect(wb.store.getRun(newId!)).toMatchObject({
      kind: 'mc',
      seed: 4,
      runsRequested: RUNS,
      status: 'done',
    });
    expect(await page.locator('#mc-histograms svg.histogram').count()).toBeGreaterThanOrEqual(3);
    // the leakers histogram: its bars hold every replication, as the stored aggregate counts them
    const first = page.locator('#mc-histograms svg.histogram').first();
    expect(await first.getAttribute('aria-label')).toBe('Leakers on assets per replication');
    const counts = await first
      .locator('rect.bar')
      .evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('data-count'))));
    const aggregate = wb.store.getAggregate(newId!) as { leakers: { histogram: number[] } };
    expect(counts).toEqual(aggregate.leakers.histogram);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(RUNS);
    expect(page.url()).toContain(`#run=${newId}`);
    const shot = resultsPath('mc-web.png');
    await page.screenshot({ path: shot });
    copyToDocs(shot, 'mc-web.png');
  });
});

describe('compare view', () => {
  it('shows a single run and a batch side by side with the deltas and both maps (docs/img/compare.png)', async () => {
    await openPage(`#compare=${singleId},${batchId}`);
    await page.waitForSelector('#compare-view[data-ready="1"]', { timeout: 60_000 });
    const table = (await page.locator('#compare-view table.compare').textContent()) ?? '';
    for (const label of ['threats killed', 'leakers on assets', 'interceptors fired', 'defender cost'])
      expect(table).toContain(label);
    expect(table).toContain(singleId);
    expect(table).toContain(batchId);
    expect(await page.locator('#compare-view td.delta').count()).toBe(4);
    // the pickers show the pair; the replay's side-panel parts are hidden under the overlay
    expect(await page.locator('#compare-a').inputValue()).toBe(singleId);
    expect(await page.locator('#compare-b').inputValue()).toBe(batchId);
    expect(await page.locator('#summary-section').isVisible()).toBe(false);
    const leakers = (await page.locator('#compare-view td.delta[data-key="leakers"]').textContent()) ?? '';
    expect(leakers).toMatch(/^[+−]?\d/);
    expect(leakers).toContain('[');
    for (const side of ['a', 'b']) {
      const stats = await canvasStats(page, `#compare-map-${side} canvas.maplibregl-canvas`);
      expect(stats, `map ${side}`).not.toBeNull();
      expect(stats!.colours, `map ${side} colours`).toBeGreaterThanOrEqual(6);
    }
    const shot = resultsPath('compare.png');
    await page.screenshot({ path: shot });
    copyToDocs(shot, 'compare.png');
    // picked from the side panel: the deep link follows
    await page.locator('#compare-a').selectOption(batchId);
    await page.locator('#compare-b').selectOption(batchId);
    await page.locator('#compare-go').click();
    await waitUntil(
      page,
      async () => page.url().endsWith(`#compare=${batchId},${batchId}`),
      20_000,
      'the new compare',
    );
    await waitUntil(
      page,
      async () => ((await page.locator('#compare-view table.compare').textContent()) ?? '').includes('PRA'),
      20_000,
      'the PRA row of two batches',
    );
  });
});
