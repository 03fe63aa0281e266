/**
 * The web app in a real browser (Debian's Chromium through playwright-core): `aspis serve` in-process on a free
 * port over a temporary store holding one run of the default scenario. The app loads with no console errors and no
 * request leaving the server, the map draws (pixel check), replay advances time, a threat's story opens, a scenario
 * file runs from the page. Screenshots go to test-results/; the replay one is copied to docs/img/replay.png.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/scenario/catalog.js';
import type { ReplayResponse } from '../../src/server/api.js';
import {
  canvasPixelsScript,
  canvasStats,
  copyToDocs,
  resultsPath,
  useWorkbench,
  waitUntil,
} from './harness.js';

const SCENARIO_FILE = 'scenarios/al-asad-2020.yaml';
const MAP_CANVAS = 'canvas.maplibregl-canvas';
const VIEWPORT = { width: 1400, height: 860 };

const wb = useWorkbench({
  tmpPrefix: 'aspis-web-',
  runs: [SCENARIO_FILE],
  viewport: VIEWPORT,
  checkEachTest: true,
});
let page: Page;
let replay: ReplayResponse;

async function openPage(hash = ''): Promise<void> {
  page = await wb.openPage(hash);
}

/** Waits until the map has drawn more than a blank background (WebGL through SwiftShader can take a moment). */
async function waitForDrawnMap(): Promise<NonNullable<Awaited<ReturnType<typeof canvasStats>>>> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const stats = await canvasStats(page, MAP_CANVAS);
    if (stats && stats.colours >= 12 && stats.dominantShare < 0.9) return stats;
    if (Date.now() > deadline) throw new Error(`map canvas still blank: ${JSON.stringify(stats)}`);
    await page.waitForTimeout(250);
  }
}

/** Waits until the map canvas differs from the frame with `checksum`; returns the new checksum. */
async function waitForChange(checksum: number): Promise<number> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const stats = await canvasStats(page, MAP_CANVAS);
    if (stats && stats.checksum !== checksum) return stats.checksum;
    if (Date.now() > deadline) throw new Error('the map did not change');
    await page.waitForTimeout(100);
  }
}

async function replayTime(): Promise<number> {
  return Number(await page.locator('#clock').getAttribute('data-t'));
}

beforeAll(async () => {
  replay = await wb.replay(wb.runIds[0]);
});

describe('web app', () => {
  it('loads with no console errors, lists the run and draws a non-blank map', async () => {
    await openPage();
    expect(await page.locator('button.run').count()).toBe(1);
    expect(await page.locator('button.threat').count()).toBe(replay.stories.length);
    expect(await page.locator('#run-title').textContent()).toContain(replay.run.id);
    const stats = await waitForDrawnMap();
    expect(stats.width).toBeGreaterThan(400);
    expect(stats.colours).toBeGreaterThanOrEqual(12);
    expect(stats.dominantShare).toBeLessThan(0.9);
    await page.screenshot({ path: resultsPath('web-app.png') });
  });

  it('replay advances the clock while playing and stops on pause', async () => {
    await openPage();
    const before = await replayTime();
    await page.locator('#speed').selectOption('60');
    await page.locator('#play').click();
    await waitUntil(page, async () => (await replayTime()) > before + 5, 20_000, 'replay time to advance');
    await page.locator('#play').click();
    const paused = await replayTime();
    expect(paused).toBeGreaterThan(before);
    await page.waitForTimeout(400);
    expect(await replayTime()).toBe(paused);
    expect(Number(await page.locator('#time').inputValue())).toBeCloseTo(paused, 0);
  });

  it('clicking a threat opens its story: launched, seen, engaged, and its fate with the reason', async () => {
    await openPage();
    const story = replay.stories.find((s) => s.leaked) ?? replay.stories[0];
    await page.locator(`button.threat[data-threat-id="${story.threatId}"]`).click();
    await page.waitForSelector('#story', { state: 'visible' });
    expect(await page.locator('#story-title').textContent()).toContain(story.threatId);
    const steps = await page.locator('#story-steps').textContent();
    expect(steps).toContain('launched');
    expect(steps).toContain('first detected by');
    const verdict = await page.locator('#story-verdict').textContent();
    expect(verdict).toBe(story.verdict);
    if (story.leaked) expect(verdict).toMatch(/^leaked: .+/);
    // the replay jumps into the threat's flight; the threat is drawn on the map
    const t = await replayTime();
    expect(t).toBeGreaterThanOrEqual(story.times.launch_s);
    await page.locator('#story-close').click();
    await page.waitForSelector('#story', { state: 'hidden' });
  });

  it('clicking a threat on the map opens its story', async () => {
    const story = replay.stories.find((s) => s.fate === 'killed') ?? replay.stories[0];
    const t_s = story.times.fate_s !== null ? story.times.fate_s - 8 : story.times.launch_s + 60;
    await openPage(`#run=${replay.run.id}&t=${t_s.toFixed(0)}`);
    // leave only the moving threats on the map, then click an orange threat marker
    const before = await waitForDrawnMap();
    for (const layer of ['sectors', 'coverage', 'truth', 'tracks', 'interceptors', 'impacts'])
      await page.locator(`input[data-layer="${layer}"]`).uncheck();
    await waitForChange(before.checksum);
    await page.waitForTimeout(300);
    const hit = (await page.evaluate(
      canvasPixelsScript(
        MAP_CANVAS,
        `for (let i = 0; i < d.length; i += 4)
        if (d[i] > 235 && d[i + 1] > 115 && d[i + 1] < 165 && d[i + 2] > 35 && d[i + 2] < 100) {
          const p = i / 4;
          return { x: (p % copy.width) * source.clientWidth / copy.width, y: Math.floor(p / copy.width) * source.clientHeight / copy.height };
        }
      return null;`,
      ),
    )) as { x: number; y: number } | null;
    expect(hit, 'an orange threat marker on the map').not.toBeNull();
    const box = (await page.locator(MAP_CANVAS).boundingBox())!;
    await page.mouse.click(box.x + hit!.x + 1, box.y + hit!.y + 2);
    await page.waitForSelector('#story', { state: 'visible', timeout: 10_000 });
    const title = (await page.locator('#story-title').textContent()) ?? '';
    expect(replay.stories.some((s) => title.startsWith(`${s.threatId} `))).toBe(true);
    expect(await page.locator('#story-steps').textContent()).toContain('launched');
  });

  it('switches layers off and on (the drawn map changes)', async () => {
    await openPage();
    expect(await page.locator('#layers input[type="checkbox"]').count()).toBe(6);
    const shown = await waitForDrawnMap();
    await page.locator('input[data-layer="sectors"]').uncheck();
    const hidden = await waitForChange(shown.checksum);
    await page.locator('input[data-layer="sectors"]').check();
    await waitForChange(hidden);
  });

  it('replay screenshot: a threat story mid-raid (docs/img/replay.png)', async () => {
    const engaged = replay.stories.find(
      (s) => s.fate === 'killed' && s.steps.some((x) => x.kind === 'engage'),
    );
    const story = engaged ?? replay.stories[0];
    const t_s = story.times.fate_s !== null ? story.times.fate_s - 3 : story.times.launch_s + 60;
    // frame the battery and the intercept point
    const unit = replay.geometry!.units[0];
    const kill = replay.events.find(
      (e) => e.type === 'interceptor.end' && e.threatId === story.threatId && e.point,
    );
    const point =
      kill?.type === 'interceptor.end' && kill.point
        ? kill.point
        : { lon_deg: unit.lon_deg, lat_deg: unit.lat_deg };
    const view = [(unit.lon_deg + point.lon_deg) / 2, (unit.lat_deg + point.lat_deg) / 2, 9].map((x) =>
      x.toFixed(4),
    );
    await openPage(
      `#run=${replay.run.id}&t=${t_s.toFixed(0)}&threat=${story.threatId}&view=${view.join(',')}`,
    );
    await page.waitForSelector('#story', { state: 'visible' });
    await waitForDrawnMap();
    await page.waitForTimeout(500);
    const shot = resultsPath('replay.png');
    await page.screenshot({ path: shot });
    copyToDocs(shot, 'replay.png');
  });

  it('loads a scenario file from the page, runs it on the server and opens the new run', async () => {
    await openPage();
    const file = join(packageRoot(), 'scenarios', 'erbil-2020.yaml');
    await page.locator('#seed').fill('3');
    await page.locator('#scenario-file').setInputFiles(file);
    const status = page.locator('#status');
    await waitUntil(
      page,
      async () => /^ran /.test((await status.textContent()) ?? ''),
      60_000,
      'the run from the page',
    );
    expect(await page.locator('button.run').count()).toBe(2);
    const title = await page.locator('#run-title').textContent();
    expect(title).toContain('seed 3');
    expect(title).toMatch(/Erbil/i);
    // a broken file: the coded error is shown, nothing is stored
    await page.locator('#scenario-file').setInputFiles({
      name: 'broken.yaml',
      mimeType: 'text/yaml',
      buffer: Buffer.from('name: [unclosed'),
    });
    await waitUntil(
      page,
      async () => (await status.getAttribute('class')) === 'error',
      30_000,
      'the error message',
    );
    expect(await page.locator('#status').textContent()).toMatch(/^E_SCENARIO_PARSE broken\.yaml:\d+:\d+/);
    // the failed POST is a 400: Chromium logs failed fetches as console errors, which is expected here
    wb.errors.splice(0, wb.errors.length, ...wb.errors.filter((e) => !/status of 400/.test(e)));
    expect(await page.locator('button.run').count()).toBe(2);
  });
});
