/**
 * The 3-D replay view (CesiumJS, `web/globe`) in a real browser: `aspis serve` in-process on a free port over a
 * temporary store holding one run of the Al Asad scenario. The 2-D page does not load Cesium; clicking "3-D" loads
 * it, draws a non-blank globe (pixel check) from files served by the app only (every request leaving 127.0.0.1 is
 * aborted and recorded: none may be attempted), follows the replay time, and logs the time from the click to the
 * first frame. The screenshot goes to test-results/ and docs/img/globe.png.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplayResponse } from '../../src/server/api.js';
import {
  type CanvasStats,
  canvasPixelsScript,
  canvasStats,
  copyToDocs,
  resultsPath,
  useWorkbench,
} from './harness.js';

const SCENARIO_FILE = 'scenarios/al-asad-2020.yaml';
const GLOBE_CANVAS = '#globe canvas';
const VIEWPORT = { width: 1400, height: 860 };

const wb = useWorkbench({ tmpPrefix: 'aspis-globe-', runs: [SCENARIO_FILE], viewport: VIEWPORT });
let replay: ReplayResponse;

beforeAll(async () => {
  replay = await wb.replay(wb.runIds[0]);
});

/** Polls the globe canvas until it shows more than a blank background. */
async function waitForDrawnGlobe(page: Page): Promise<CanvasStats> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const stats = await canvasStats(page, GLOBE_CANVAS);
    if (stats && stats.colours >= 12 && stats.dominantShare < 0.85) return stats;
    if (Date.now() > deadline) throw new Error(`globe canvas still blank: ${JSON.stringify(stats)}`);
    await page.waitForTimeout(250);
  }
}

describe('3-D view', () => {
  it('opens lazily, draws the replay offline at the replay time, and makes docs/img/globe.png', async () => {
    // mid-raid, two seconds after a kill: threats in flight, interceptors out, a flash at the intercept
    const kill = replay.events.find((e) => e.type === 'interceptor.end' && e.result === 'kill');
    const t_s = kill ? kill.t_s + 2 : (replay.span.start_s + replay.span.end_s) / 2;
    const serverHost = new URL(wb.server.url).hostname;
    expect(serverHost).toBe('127.0.0.1');
    const page = await wb.newPage(VIEWPORT, (url) => url.hostname === serverHost);
    const { errors, escaped } = wb;
    const requested: string[] = [];
    const failed: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'info' && message.text().startsWith('aspis: 3-D')) console.log(message.text());
    });

    await page.goto(`${wb.server.url}#run=${replay.run.id}&t=${t_s.toFixed(0)}`);
    await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
    await page.waitForSelector('body[data-map-ready="1"]', { timeout: 30_000 });
    // the 2-D page has not paid for Cesium
    expect(requested.filter((u) => /\/cesium\/|\/assets\/globe-/.test(u))).toEqual([]);
    expect(await page.locator('#globe').isHidden()).toBe(true);

    const clicked_ms = Date.now();
    await page.locator('#globe-toggle').click();
    await page.waitForSelector('body[data-globe="ready"], body[data-globe="tiles"]', { timeout: 90_000 });
    const firstFrameSeen_ms = Date.now() - clicked_ms;
    await page.waitForSelector('body[data-globe="tiles"]', { timeout: 90_000 });
    const import_ms = Number(await page.locator('body').getAttribute('data-globe-import-ms'));
    const firstFrame_ms = Number(await page.locator('body').getAttribute('data-globe-first-frame-ms'));
    const tiles_ms = Number(await page.locator('body').getAttribute('data-globe-tiles-ms'));
    console.log(
      `3-D view: Cesium imported ${import_ms} ms, first frame ${firstFrame_ms} ms after the click (in page; ${firstFrameSeen_ms} ms seen by the test), basemap loaded ${tiles_ms} ms`,
    );
    expect(firstFrame_ms).toBeGreaterThan(0);
    expect(await page.locator('#globe-toggle').getAttribute('aria-pressed')).toBe('true');
    // Cesium came from the app: its lazy chunk, its workers and the Natural Earth II tiles
    expect(requested.some((u) => /\/assets\/globe-[^/]+\.js$/.test(u))).toBe(true);
    expect(requested.some((u) => u.includes('/cesium/Assets/Textures/NaturalEarthII/'))).toBe(true);

    const drawn = await waitForDrawnGlobe(page);
    expect(drawn.width).toBeGreaterThan(300);
    expect(drawn.colours).toBeGreaterThanOrEqual(12);
    expect(drawn.dominantShare).toBeLessThan(0.85);
    // the legend's colours are on the globe: the radar sector's blue and a threat's or an interceptor's colour
    const legend = (await page.evaluate(
      canvasPixelsScript(
        GLOBE_CANVAS,
        `let warm = 0, cyan = 0;
      for (let i = 0; i < d.length; i += 4) {
        const r = d[i], gr = d[i + 1], b = d[i + 2];
        if (r > 200 && gr > 90 && gr < 190 && b < 110) warm++;
        if (r < 140 && gr > 150 && b > 200) cyan++;
      }
      return { warm, cyan };`,
      ),
    )) as { warm: number; cyan: number };
    expect(legend.warm + legend.cyan, 'threat (orange) or interceptor (cyan) pixels').toBeGreaterThan(0);

    // the same clock: moving the replay time redraws the globe
    const before = drawn.checksum;
    await page.locator('#time').fill(String(Math.round(replay.span.start_s + 5)));
    const deadline = Date.now() + 15_000;
    for (;;) {
      const now = await canvasStats(page, GLOBE_CANVAS);
      if (now && now.checksum !== before) break;
      if (Date.now() > deadline) throw new Error('the globe did not follow the replay time');
      await page.waitForTimeout(150);
    }
    await page.locator('#time').fill(t_s.toFixed(0));
    await page.waitForTimeout(1500);

    const shot = resultsPath('globe.png');
    await page.screenshot({ path: shot });
    copyToDocs(shot, 'globe.png');

    // narrow screens: the globe takes the map's place
    await page.setViewportSize({ width: 800, height: 700 });
    expect(await page.evaluate(`getComputedStyle(document.getElementById('map')).visibility`)).toBe('hidden');
    const narrow = await waitForDrawnGlobe(page);
    expect(narrow.width).toBeGreaterThan(400);
    await page.setViewportSize(VIEWPORT);

    // closing gives the map its width back; opening again redraws (Cesium is not loaded twice)
    await page.locator('#globe-toggle').click();
    expect(await page.locator('#globe').isHidden()).toBe(true);
    expect(await page.evaluate(`getComputedStyle(document.getElementById('map')).right`)).toBe('0px');
    const chunks = requested.filter((u) => /\/assets\/globe-/.test(u)).length;
    await page.locator('#globe-toggle').click();
    await waitForDrawnGlobe(page);
    expect(requested.filter((u) => /\/assets\/globe-/.test(u)).length).toBe(chunks);

    expect(failed, 'failed requests (a Cesium file not copied to dist/web/cesium?)').toEqual([]);
    expect(errors, 'console and page errors').toEqual([]);
    expect(escaped, 'requests that tried to leave 127.0.0.1').toEqual([]);
    await page.close();
  }, 180_000);
});
