/**
 * The analyst's workbench end to end, as a new user meets it (issue 13): `aspis serve` in-process over a temporary
 * store holding one Al Asad run; Chromium opens it, plays it with the keys, opens the 3-D view, opens the scenario
 * editor (the replay keys stay quiet while typing in it), picks and runs a shipped scenario, starts a small Monte
 * Carlo from the page and compares two runs. Every request leaving the server is aborted and recorded (none may be
 * attempted); no console error is allowed. Logs the time to first render (navigation → map idle with the run) and
 * the 3-D view's (click → first frame); no timing is asserted. Makes docs/img/workbench.png (1400 × 900).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectErrors, copyToDocs, resultsPath, useWorkbench, waitUntil } from './harness.js';

const SCENARIO_FILE = 'scenarios/al-asad-2020.yaml';
const VIEWPORT = { width: 1400, height: 900 };
const MC_RUNS = 3;

// posted runs and batches compute in the compiled run-pool worker (dist/src/server/runWorker.js)
const wb = useWorkbench({
  tmpPrefix: 'aspis-workbench-',
  runs: [SCENARIO_FILE],
  viewport: VIEWPORT,
  compiled: true,
  setupTimeout_ms: 300_000,
});
let runId: string;

beforeAll(() => {
  runId = wb.runIds[0];
});

const clock = async (page: Page): Promise<number> =>
  Number(await page.locator('#clock').getAttribute('data-t'));
const playing = async (page: Page): Promise<boolean> =>
  ((await page.locator('#play').textContent()) ?? '').includes('Pause');

describe('the workbench as a new user meets it', () => {
  it('replay with keys, 3-D, editor, run, Monte Carlo, compare (docs/img/workbench.png)', async () => {
    const page = await wb.newPage();
    const { errors, escaped } = wb;

    // ---- open a run: time to first render
    const navigated_ms = Date.now();
    await page.goto(`${wb.server.url}#run=${runId}`);
    await page.waitForSelector('body[data-first-render-ms]', { timeout: 60_000 });
    const firstRender_ms = Number(await page.locator('body').getAttribute('data-first-render-ms'));
    console.log(
      `workbench: first render ${firstRender_ms} ms after navigation start (in page; ${Date.now() - navigated_ms} ms seen by the test)`,
    );
    expect(await page.locator('body').getAttribute('data-run')).toBe(runId);

    // ---- keys: step, next event, play/pause
    const t0 = await clock(page);
    await page.keyboard.press('ArrowRight');
    await waitUntil(page, async () => (await clock(page)) === t0 + 5, 5_000, '→ steps 5 s');
    await page.keyboard.press(']');
    await waitUntil(page, async () => (await clock(page)) > t0 + 5, 5_000, '] goes to the next event');
    await page.keyboard.press('Space');
    await waitUntil(page, () => playing(page), 5_000, 'space plays');
    await page.keyboard.press('Space');
    await waitUntil(page, async () => !(await playing(page)), 5_000, 'space pauses');

    // ---- 3-D view: click → first frame
    await page.locator('#globe-toggle').click();
    await page.waitForSelector('body[data-globe="ready"], body[data-globe="tiles"]', { timeout: 90_000 });
    const globe_ms = Number(await page.locator('body').getAttribute('data-globe-first-frame-ms'));
    console.log(`workbench: 3-D view first frame ${globe_ms} ms after the click`);
    expect(await page.locator('#globe').isVisible()).toBe(true);
    expect((await page.locator('#map').boundingBox())!.width).toBeGreaterThan(300);
    await page.locator('#globe-toggle').click();
    await page.waitForSelector('#globe', { state: 'hidden' });

    // ---- the editor: typing in it leaves the replay alone
    await page.locator('#open-editor').click();
    await page.waitForSelector('body[data-editor-ready="1"]', { timeout: 60_000 });
    const before = await clock(page);
    await page.locator('.cm-line').first().click();
    await page.keyboard.press('End');
    await page.keyboard.type(' ]');
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowLeft');
    expect(await playing(page), 'space typed in the editor does not play').toBe(false);
    expect(await clock(page), 'keys typed in the editor do not move the replay').toBe(before);
    // the legend folds beside the editor's markers; the run's own labels give way to the markers' names
    expect(await page.locator('#legend').getAttribute('open')).toBeNull();
    expect(await page.locator('.map-label:visible').count()).toBe(0);

    // ---- pick a shipped scenario and run it
    await page.locator('#wb-pick').selectOption('scenario:erbil-2020');
    await page.waitForSelector('#workbench[data-loaded="scenario:erbil-2020"]');
    await waitUntil(
      page,
      async () => (await page.locator('#wb-status').textContent()) === 'valid',
      20_000,
      'valid',
    );
    await page.locator('#wb-run').click();
    await page.waitForSelector('#workbench[data-last-run]', { timeout: 120_000 });
    const erbilId = (await page.locator('#workbench').getAttribute('data-last-run'))!;
    await waitUntil(
      page,
      async () => (await page.locator('body').getAttribute('data-run')) === erbilId,
      30_000,
      'the new run opens',
    );
    await page.waitForSelector('#story', { state: 'hidden' });
    // the whole workbench: the new run mid-raid, its legend, time line and profile, the editor beside it
    const bound = async (name: string): Promise<number> =>
      Number(await page.locator('#time').getAttribute(name));
    const mid = ((await bound('min')) + (await bound('max'))) / 2;
    await page.locator('#time').fill(String(Math.round(mid)));
    await page.waitForTimeout(800);
    const shot = resultsPath('workbench.png');
    await page.screenshot({ path: shot });
    copyToDocs(shot, 'workbench.png');
    // the 3-D view beside the editor takes the (narrow) map's place instead of halving it
    await page.locator('#globe-toggle').click();
    await page.waitForSelector('#globe', { state: 'visible' });
    expect((await page.locator('#globe').boundingBox())!.width).toBeGreaterThan(400);
    expect(await page.locator('#map').isVisible()).toBe(false);
    await page.locator('#globe-toggle').click();
    await page.waitForSelector('#globe', { state: 'hidden' });
    expect(await page.locator('#map').isVisible()).toBe(true);
    await page.locator('#wb-close').click();
    await page.waitForSelector('#workbench', { state: 'detached' });

    // ---- a small Monte Carlo of the open run (typing in the form leaves the replay alone)
    expect(await page.locator('#mc-source').textContent()).toContain(erbilId);
    const t1 = await clock(page);
    await page.locator('#mc-runs').fill('');
    await page.locator('#mc-runs').type(String(MC_RUNS));
    await page.locator('#mc-runs').press('Space');
    expect(await clock(page)).toBe(t1);
    expect(await playing(page)).toBe(false);
    await page.locator('#mc-start').click();
    await waitUntil(
      page,
      async () => /^Monte Carlo stored as /.test((await page.locator('#status').textContent()) ?? ''),
      180_000,
      'the batch',
    );
    await page.waitForSelector('#mc-view:not([hidden])');
    const batchId = (await page.locator('#mc-view').getAttribute('data-run-id'))!;
    expect(wb.store.getRun(batchId)).toMatchObject({ kind: 'mc', runsRequested: MC_RUNS, status: 'done' });
    // the replay under the batch's view stays still: its keys act on the replay on screen only
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    expect(await playing(page)).toBe(false);
    expect(await page.locator('body').getAttribute('data-run')).toBe(batchId);

    // ---- compare the two single runs from the side panel
    await page.locator('#compare-a').selectOption(runId);
    await page.locator('#compare-b').selectOption(erbilId);
    await page.locator('#compare-go').click();
    await page.waitForSelector('#compare-view[data-ready="1"]', { timeout: 60_000 });
    expect(await page.locator('#compare-view td.delta').count()).toBe(4);
    // and back to a replay from the run list
    await page.locator(`button.run[data-run-id="${runId}"]`).click();
    await page.waitForSelector('#compare-view', { state: 'hidden', timeout: 10_000 });
    await waitUntil(
      page,
      async () => (await page.locator('body').getAttribute('data-run')) === runId,
      10_000,
      'the replay again',
    );

    expect(errors, 'console and page errors').toEqual([]);
    expect(escaped, 'requests that left the server').toEqual([]);
    await page.close();
  }, 600_000);

  it('at 390 px the 3-D button is in reach and the globe takes the place of the map', async () => {
    const page = await wb.browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
    const errors = collectErrors(page);
    await page.goto(`${wb.server.url}#run=${runId}`);
    await page.waitForSelector('body[data-first-render-ms]', { timeout: 60_000 });
    const button = (await page.locator('#globe-toggle').boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(390);
    expect(button.y + button.height).toBeLessThanOrEqual(844);
    await page.locator('#globe-toggle').click();
    await page.waitForSelector('body[data-globe="ready"], body[data-globe="tiles"]', { timeout: 90_000 });
    const globe = (await page.locator('#globe').boundingBox())!;
    expect(globe.width).toBeGreaterThan(380);
    expect(globe.height).toBeGreaterThan(300);
    expect(await page.locator('#map').isVisible()).toBe(false);
    await page.screenshot({ path: resultsPath('workbench-390-globe.png') });
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);
});
