/**
 * The replay a new user can follow (issue 13), in a real browser (Debian's Chromium through playwright-core):
 * `aspis serve` in-process over a temporary store with one Al Asad run (SRBM waves from 430 km, idle gaps of 16–38
 * min) and one Taji run (C-RAM only). Checks: the legend is on the map with the map's colours; a run opens on its
 * first launch with the threats' paths in the viewport; picking a threat moves the map; the keyboard plays, steps and
 * jumps; the time line carries event marks and skips idle gaps while playing; the altitude profile draws paths; the
 * Taji sidebar counts gun fire apart from interceptors; scenario labels do not overlap; at 390 × 844 the map keeps
 * more than 55 % of the height. Screenshot docs/img/replay-390.png (the desktop one is web.test.ts's replay.png).
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReplayResponse } from '../../src/server/api.js';
import { copyToDocs, resultsPath, useWorkbench, waitUntil } from './harness.js';

const DESKTOP = { width: 1400, height: 860 };
const PHONE = { width: 390, height: 844 };

const wb = useWorkbench({
  tmpPrefix: 'aspis-replay-',
  runs: ['scenarios/taji-2020-cram.yaml', 'scenarios/al-asad-2020.yaml'],
  viewport: DESKTOP,
  checkEachTest: true,
});
let page: Page;
let alAsad: ReplayResponse;
let taji: ReplayResponse;

async function openPage(hash: string, viewport = DESKTOP): Promise<void> {
  page = await wb.openPage(hash, { viewport });
}

async function replayTime(): Promise<number> {
  return Number(await page.locator('#clock').getAttribute('data-t'));
}

async function view(): Promise<{ lon: number; lat: number; zoom: number; bounds: number[] }> {
  const [lon, lat, zoom] = ((await page.locator('body').getAttribute('data-view')) ?? '')
    .split(',')
    .map(Number);
  const bounds = ((await page.locator('body').getAttribute('data-bounds')) ?? '').split(',').map(Number);
  return { lon, lat, zoom, bounds };
}

function inside(bounds: number[], lon: number, lat: number): boolean {
  const [w, s, e, n] = bounds;
  return lon >= w && lon <= e && lat >= s && lat <= n;
}

/** Fails when two shown scenario labels overlap on screen. */
async function expectNoLabelOverlap(): Promise<void> {
  await page.waitForTimeout(200);
  const boxes = await page
    .locator('.map-label:not(.crowded)')
    .evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect()).map((r) => [r.left, r.top, r.right, r.bottom]),
    );
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++) {
      const [a, b] = [boxes[i], boxes[j]];
      const overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
      expect(overlap, `labels ${i} and ${j} overlap`).toBe(false);
    }
  expect(boxes.length).toBeGreaterThan(0);
}

beforeAll(async () => {
  const [tajiId, alAsadId] = wb.runIds;
  alAsad = await wb.replay(alAsadId);
  taji = await wb.replay(tajiId);
});

describe('replay a new user can follow', { timeout: 120_000 }, () => {
  it('opens on the first launch with every threat path in view, under a legend in the map colours', async () => {
    await openPage(`#run=${alAsad.run.id}`);
    const firstLaunch = alAsad.events.find((e) => e.type === 'threat.launch')!.t_s;
    expect(await replayTime()).toBeCloseTo(firstLaunch, 0);
    const { bounds } = await view();
    const outside: string[] = [];
    for (const p of alAsad.paths!.threats)
      for (const i of [0, Math.floor(p.t_s.length / 2), p.t_s.length - 1])
        if (!inside(bounds, p.lon_deg[i], p.lat_deg[i])) outside.push(`${p.id}[${i}]`);
    expect(outside, 'threat path points outside the opening view').toEqual([]);
    // the legend: visible, with the map's threat, leaker, interceptor and kill colours
    const legend = page.locator('#legend');
    expect(await legend.isVisible()).toBe(true);
    expect(await legend.getAttribute('open')).not.toBeNull();
    const colours = await page
      .locator('#legend svg')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-color')));
    for (const c of ['#ff8c42', '#ff3b3b', '#4dd2ff', '#4cff88', '#ffd166', '#3fa7ff'])
      expect(colours).toContain(c);
    expect(await legend.textContent()).toMatch(/ballistic missile/);
    await expectNoLabelOverlap();
  });

  it('a deep link with t and view still wins over the opening view', async () => {
    await openPage(`#run=${alAsad.run.id}&t=1000&view=42.4,33.8,9`);
    expect(await replayTime()).toBe(1000);
    const v = await view();
    expect(v.lon).toBeCloseTo(42.4, 2);
    expect(v.zoom).toBeCloseTo(9, 1);
  });

  it('clicking a threat in the list flies the map to it and seeks into its flight', async () => {
    await openPage(`#run=${alAsad.run.id}`);
    const story = alAsad.stories[alAsad.stories.length - 1];
    const before = await view();
    await page.locator(`button.threat[data-threat-id="${story.threatId}"]`).click();
    await waitUntil(
      page,
      async () => {
        const v = await view();
        return (
          Math.abs(v.lon - before.lon) + Math.abs(v.lat - before.lat) > 0.05 || v.zoom - before.zoom > 0.3
        );
      },
      10_000,
      'the map to move',
    );
    const path = alAsad.paths!.threats.find((p) => p.id === story.threatId)!;
    // the whole flight is framed: launch and end in view
    const after = await view();
    for (const i of [0, path.t_s.length - 1])
      expect(inside(after.bounds, path.lon_deg[i], path.lat_deg[i])).toBe(true);
    expect(await replayTime()).toBeGreaterThanOrEqual(story.times.launch_s);
  });

  it('keys: space plays and pauses, → and shift+→ step, End and Home jump, + speeds up', async () => {
    await openPage(`#run=${alAsad.run.id}`);
    const t0 = await replayTime();
    await page.keyboard.press('ArrowRight');
    expect(await replayTime()).toBeCloseTo(t0 + 5, 1);
    await page.keyboard.press('Shift+ArrowRight');
    expect(await replayTime()).toBeCloseTo(t0 + 65, 1);
    await page.keyboard.press('ArrowLeft');
    expect(await replayTime()).toBeCloseTo(t0 + 60, 1);
    const speed = await page.locator('#speed').inputValue();
    await page.keyboard.press('+');
    expect(Number(await page.locator('#speed').inputValue())).toBeGreaterThan(Number(speed));
    await page.keyboard.press(' ');
    expect(await page.locator('#play').getAttribute('aria-pressed')).toBe('true');
    const playing = await replayTime();
    await waitUntil(page, async () => (await replayTime()) > playing + 2, 10_000, 'time to advance');
    await page.keyboard.press(' ');
    expect(await page.locator('#play').getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('End');
    expect(await replayTime()).toBeCloseTo(alAsad.span.end_s, 0);
    await page.keyboard.press('Home');
    expect(await replayTime()).toBeCloseTo(alAsad.span.start_s, 0);
    // ] goes to the next event on the time line
    await page.keyboard.press(']');
    expect(await replayTime()).toBeCloseTo(alAsad.events.find((e) => e.type === 'threat.launch')!.t_s, 0);
  });

  it('the time line has wave bands, idle gaps and coloured event marks; a mark goes to its event', async () => {
    await openPage(`#run=${alAsad.run.id}`);
    const marks = page.locator('#timeline-marks .tl-mark');
    expect(await marks.count()).toBeGreaterThan(10);
    const kinds = new Set(await marks.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind'))));
    for (const k of ['launch', 'detect', 'engage', 'kill']) expect(kinds).toContain(k);
    expect(await page.locator('#timeline-marks .tl-band.wave').count()).toBe(5);
    expect(await page.locator('#timeline-marks .tl-band.gap').count()).toBeGreaterThanOrEqual(4);
    const kill = page.locator('#timeline-marks .tl-mark.kill').last();
    const t = Number(await kill.getAttribute('data-t'));
    await kill.click({ force: true });
    expect(await replayTime()).toBeCloseTo(t, 0);
    // an event in the ticker: its time, and the map moves to where it happened
    const before = await view();
    const tick = page.locator('#ticker button.tick').first();
    const tickT = Number(await tick.getAttribute('data-t'));
    await tick.click();
    expect(await replayTime()).toBeCloseTo(tickT, 0);
    await waitUntil(
      page,
      async () => (await view()).zoom !== before.zoom || (await view()).lon !== before.lon,
      10_000,
      'the map to move',
    );
  });

  it('playing skips an idle gap and says how long it skipped', async () => {
    // the first wave ends near T+980 s; the second starts at T+1920 s: 16 min of nothing
    await openPage(`#run=${alAsad.run.id}&t=960`);
    await page.locator('#speed').selectOption('60');
    await page.locator('#play').click();
    await waitUntil(page, async () => (await replayTime()) > 1800, 15_000, 'the gap to be skipped');
    expect(await page.locator('#skip-note').textContent()).toMatch(/^skipped \d+ min/);
    await page.locator('#play').click();
  });

  it('the altitude profile draws threats and interceptors, with a cursor at the replay time', async () => {
    const kill = alAsad.events.find((e) => e.type === 'threat.killed')!;
    await openPage(`#run=${alAsad.run.id}&t=${kill.t_s.toFixed(0)}`);
    const profile = page.locator('#profile');
    await waitUntil(
      page,
      async () => Number(await profile.getAttribute('data-paths')) > 0,
      10_000,
      'profile paths',
    );
    expect(await profile.locator('polyline[data-kind="threat"]').count()).toBeGreaterThan(0);
    expect(await profile.locator('polyline[data-kind="interceptor"]').count()).toBeGreaterThan(0);
    // an SRBM arc tops out far above the ~20 km intercepts: the axis reaches past 50 km
    expect(Number(await profile.getAttribute('data-max-alt-km'))).toBeGreaterThan(50);
    expect(Number(await profile.getAttribute('data-t'))).toBeCloseTo(kill.t_s, 0);
    const box = (await profile.boundingBox())!;
    expect(box.height).toBeGreaterThan(100);
    // a click on the panel goes to the time under it
    await page.mouse.click(box.x + 44 + 5, box.y + box.height / 2);
    expect(await replayTime()).toBeLessThan(kill.t_s - 30);
  });

  it('Taji: gun engagements and rounds are counted and labelled apart from interceptors', async () => {
    await openPage(`#run=${taji.run.id}`);
    const summary = (await page.locator('#summary').textContent()) ?? '';
    expect(summary).toMatch(/missile interceptors fired0/);
    expect(summary).toMatch(/gun engagements \(bursts\)[1-9]\d*/);
    expect(summary).toMatch(/gun rounds fired[1-9]\d*/);
    expect(await page.locator('#legend').textContent()).toMatch(/rocket \/ mortar/);
    // two C-RAM units 1 km apart beside the base: three names, none on another
    await expectNoLabelOverlap();
  });

  it('at 390 × 844 the map keeps over 55 % of the height; screenshot docs/img/replay-390.png', async () => {
    await openPage(`#run=${alAsad.run.id}`, PHONE);
    const map = (await page.locator('#map').boundingBox())!;
    expect(map.width).toBeGreaterThanOrEqual(PHONE.width - 2);
    expect(map.y, 'the map comes first, under the title bar').toBeLessThan(60);
    expect(map.height / PHONE.height).toBeGreaterThan(0.55);
    expect(await page.locator('#legend').getAttribute('open')).toBeNull();
    const side = (await page.locator('#side').boundingBox())!;
    expect(side.y).toBeGreaterThanOrEqual(map.y + map.height);
    // the opening view holds the raid on a phone too
    const { bounds } = await view();
    for (const p of alAsad.paths!.threats) expect(inside(bounds, p.lon_deg[0], p.lat_deg[0])).toBe(true);
    const t = alAsad.events.find((e) => e.type === 'threat.killed')!.t_s - 20;
    await page.locator('#time').fill(String(Math.round(t)));
    await page.waitForTimeout(800);
    const shot = resultsPath('replay-390.png');
    await page.screenshot({ path: shot });
    copyToDocs(shot, 'replay-390.png');
  });
});
