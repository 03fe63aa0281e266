/**
 * The scenario workbench in a real browser (Debian's Chromium through playwright-core): `aspis serve` in-process
 * over a temporary store holding one run. Opening the editor (timed), picking a shipped scenario, a coded lint
 * diagnostic on the line of a mistake, completion of a schema key, dragging a unit and a radar boresight on the
 * map (the YAML changes), and Run (a new run opens in the replay, with the edited text stored). The screenshot is
 * copied to docs/img/editor.png.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScenarioTextResponse } from '../../src/server/workbenchApi.js';
import { copyToDocs, resultsPath, useWorkbench, waitUntil } from './harness.js';

const SCENARIO_FILE = 'scenarios/al-asad-2020.yaml';
const VIEWPORT = { width: 1400, height: 860 };

// Run computes in the compiled worker (dist/src/server/runWorker.js)
const wb = useWorkbench({
  tmpPrefix: 'aspis-editor-',
  runs: [SCENARIO_FILE],
  viewport: VIEWPORT,
  compiled: true,
});
let page: Page;

/** The text of the editor's rendered lines. */
async function editorText(): Promise<string> {
  return (await page.locator('.cm-line').allTextContents()).join('\n');
}

/** Puts the cursor at the end of the first editor line containing `needle`. */
async function cursorToEndOf(needle: string): Promise<void> {
  await page.locator('.cm-line', { hasText: needle }).first().click();
  await page.keyboard.press('End');
}

/** Drags an element by (dx, dy) pixels with the mouse, in steps (MapLibre markers follow mouse moves). */
async function drag(selector: string, dx: number, dy: number): Promise<void> {
  const box = (await page.locator(selector).boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}

beforeAll(async () => {
  page = await wb.openPage();
}, 60_000);

afterAll(async () => {
  await page?.close();
});

// one page through the whole workflow, step by step (each step starts where the last one left the editor)
describe('scenario workbench', () => {
  it('opens on the replayed run, without CodeMirror in the first render', async () => {
    // the replay loaded no editor code
    expect(await page.locator('.cm-editor').count()).toBe(0);
    const clicked = Date.now();
    await page.locator('#open-editor').click();
    await page.waitForSelector('body[data-editor-ready="1"]', { timeout: 30_000 });
    const wall_ms = Date.now() - clicked;
    const inPage_ms = Number(await page.locator('body').getAttribute('data-editor-open-ms'));
    console.log(
      `editor open: ${inPage_ms} ms in the page (click to text in the editor), ${wall_ms} ms seen by the test`,
    );
    expect(inPage_ms).toBeGreaterThan(0);
    expect(await page.locator('#wb-pick').inputValue()).toMatch(/^run:/);
    expect(await editorText()).toContain('name: Al Asad, 8 Jan 2020');
    await page.waitForSelector('.edit-marker.unit[data-edit-key="unit:patriot-1"]');
  });

  it('picking a shipped scenario shows its text and its units on the map', async () => {
    await page.locator('#wb-pick').selectOption('scenario:erbil-2020');
    await page.waitForSelector('#workbench[data-loaded="scenario:erbil-2020"]');
    expect(await editorText()).toContain('name: Erbil');
    await page.waitForSelector('.edit-marker.unit[data-edit-key="unit:patriot-erbil"]');
    await page.waitForSelector('.edit-marker.asset[data-edit-key="asset:erbil"]');
    await waitUntil(
      page,
      async () => (await page.locator('#wb-status').textContent()) === 'valid',
      15_000,
      'validation',
    );
  });

  it('a negative radius: a coded lint diagnostic on that line', async () => {
    await cursorToEndOf('radius: 2.5km');
    for (let i = 0; i < '2.5km,'.length; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.type('-');
    await page.waitForSelector('.cm-lintRange-error', { timeout: 15_000 });
    const marked = await page.locator('.cm-line:has(.cm-lintRange-error)').allTextContents();
    expect(marked.some((line) => line.includes('radius: -2.5km'))).toBe(true);
    expect(await page.locator('#wb-status').textContent()).toBe('1 problem');
    // hovering the marked text shows the coded message
    await page.locator('.cm-lintRange-error').first().hover();
    await page.waitForSelector('.cm-tooltip-lint', { timeout: 10_000 });
    expect(await page.locator('.cm-tooltip-lint').textContent()).toContain(
      'E_SCENARIO_FIELD assets[0].radius: expected > 0',
    );
    await page.mouse.move(5, 5);
    // undo: the diagnostic goes
    await page.keyboard.press('Control+z');
    await page.waitForSelector('.cm-lintRange-error', { state: 'detached', timeout: 15_000 });
  });

  it('completion offers the keys the schema allows at the cursor', async () => {
    await cursorToEndOf('fireChannels: 5');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Shift+Home');
    await page.keyboard.type('    co');
    await page.waitForSelector('.cm-tooltip-autocomplete', { timeout: 10_000 });
    const offered = await page.locator('.cm-tooltip-autocomplete li').allTextContents();
    expect(offered.some((o) => o.startsWith('cost'))).toBe(true);
    // a key the unit already has is not offered again
    expect(offered.some((o) => o.startsWith('fireChannels'))).toBe(false);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await waitUntil(page, async () => !(await editorText()).includes('    co\n'), 5_000, 'undo');
  });

  it('dragging a unit and its boresight handle rewrites its position and sector in the YAML', async () => {
    const before = await editorText();
    expect(before).toContain('at: { lat: 36.23, lon: 43.97, alt: 410m }');
    // closer in: the battery and its base are a kilometre apart
    for (let i = 0; i < 2; i++) await page.locator('.maplibregl-ctrl-zoom-in').click();
    await page.waitForTimeout(600);
    await drag('.edit-marker.unit[data-edit-key="unit:patriot-erbil"]', 90, 60);
    await waitUntil(
      page,
      async () => !(await editorText()).includes('at: { lat: 36.23, lon: 43.97'),
      10_000,
      'the position to change',
    );
    const moved = /at: \{ lat: ([\d.]+), lon: ([\d.]+), alt: 410m \}/.exec(await editorText());
    expect(moved, 'the flow mapping keeps its layout').not.toBeNull();
    // east and south on the screen: larger longitude, smaller latitude
    expect(Number(moved![2])).toBeGreaterThan(43.97);
    expect(Number(moved![1])).toBeLessThan(36.23);
    // the handle sits on the 126° boresight; drag it to due north of the unit
    await page.waitForTimeout(300);
    const unit = (await page.locator('.edit-marker.unit[data-edit-key="unit:patriot-erbil"]').boundingBox())!;
    const handle = (await page.locator('.edit-handle[data-edit-key="unit:patriot-erbil"]').boundingBox())!;
    const dx = unit.x + unit.width / 2 - (handle.x + handle.width / 2);
    const dy = unit.y + unit.height / 2 - 70 - (handle.y + handle.height / 2);
    await drag('.edit-handle[data-edit-key="unit:patriot-erbil"]', dx, dy);
    await waitUntil(
      page,
      async () => /sectorCenter: (35[5-9]|[0-5])deg/.test(await editorText()),
      10_000,
      'the sector centre to turn north',
    );
    await waitUntil(
      page,
      async () => (await page.locator('#wb-status').textContent()) === 'valid',
      15_000,
      'validation',
    );
    await page.waitForTimeout(300);
    const shot = resultsPath('editor.png');
    await page.screenshot({ path: shot });
    copyToDocs(shot, 'editor.png');
  });

  it('Run posts the edited text with the seed and opens the new run in the replay', async () => {
    const edited = /at: \{ lat: ([\d.]+), lon: ([\d.]+)/.exec(await editorText())!;
    const previous = await page.locator('body').getAttribute('data-run');
    await page.locator('#wb-seed').fill('5');
    await page.locator('#wb-run').click();
    await waitUntil(
      page,
      async () => {
        const status = page.locator('#wb-status');
        if ((await status.getAttribute('class')) === 'error')
          throw new Error(`run failed: ${await status.textContent()}`);
        return /^ran /.test((await status.textContent()) ?? '');
      },
      60_000,
      'the run from the workbench',
    );
    const runId = (await page.locator('#workbench').getAttribute('data-last-run'))!;
    expect(runId).not.toBe(previous);
    expect(await page.locator('body').getAttribute('data-run')).toBe(runId);
    expect(await page.locator('#run-title').textContent()).toMatch(/Erbil.*seed 5/);
    expect(await page.locator('button.run').count()).toBe(2);
    expect(await page.locator('button.threat').count()).toBeGreaterThan(0);
    // the replay plays
    await page.locator('#play').click();
    const t0 = Number(await page.locator('#clock').getAttribute('data-t'));
    await waitUntil(
      page,
      async () => Number(await page.locator('#clock').getAttribute('data-t')) > t0,
      10_000,
      'the replay to advance',
    );
    await page.locator('#play').click();
    // the run stored the edited text
    const stored = (await (
      await fetch(`${wb.server.url}api/runs/${runId}/scenario`)
    ).json()) as ScenarioTextResponse;
    expect(stored.yaml).toContain(`at: { lat: ${edited[1]}, lon: ${edited[2]}, alt: 410m }`);
    // and the picker lists it
    expect(await page.locator(`#wb-pick option[value="run:${runId}"]`).count()).toBe(1);
    // closing leaves the replay as it was: no editor, no edit markers
    await page.locator('#wb-close').click();
    await page.waitForSelector('#workbench', { state: 'detached' });
    expect(await page.locator('.edit-marker, .edit-handle, .cm-editor').count()).toBe(0);
    expect(wb.errors, 'console and page errors').toEqual([]);
    expect(wb.escaped, 'requests that left the server').toEqual([]);
  });
});
