/**
 * @module web/compare
 * The compare view: two stored runs (single runs or Monte Carlo batches, in any mix) side by side over the map area —
 * the headline measures of each (killed, leakers on assets, interceptors fired, defender cost; PRA for two batches)
 * with the difference b − a and its 95 % interval as the server computed it (`GET /api/compare`), and a small map of
 * each: a single run's last replay frame (trails, intercepts, impacts), a batch's scenario geometry. Picked from two
 * lists in the side panel; deep link `#compare=<idA>,<idB>`.
 */
import type {
  CompareMeasure,
  CompareResponse,
  CompareSide,
  ReplayResponse,
  RunListItem,
} from '../../src/server/api.js';
import type { SimEvent } from '../../src/world/events.js';
import { ApiCallError, call, getReplay } from './api.js';
import { el } from './dom.js';
import { frameAt, indexReplay } from './frame.js';
import { createReplayMap, type ReplayMap } from './map.js';
import { syncOverlayClass, usd } from './mcPanel.js';
import './mcCompare.css';

let setStatus: (text: string, kind?: 'info' | 'error') => void = () => {};
let pickA: HTMLSelectElement | null = null;
let pickB: HTMLSelectElement | null = null;
let overlay: HTMLElement | null = null;
const maps: { a: ReplayMap | null; b: ReplayMap | null } = { a: null, b: null };

/** The two run ids of a `#compare=<a>,<b>` hash, or null. */
export function compareFromHash(hash: string): [string, string] | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('compare');
  const ids = (value ?? '').split(',').filter((s) => s !== '');
  return ids.length === 2 ? [ids[0], ids[1]] : null;
}

function option(run: RunListItem): HTMLOptionElement {
  const o = el(
    'option',
    `${run.id} · ${run.scenarioName}${run.kind === 'mc' ? ` · MC × ${run.runsRequested}` : ` · seed ${run.seed}`}`,
  );
  o.value = run.id;
  return o;
}

/** Fills the two pickers with the stored runs (keeps the current choices when they are still there). */
export function updateCompareChoices(runs: readonly RunListItem[]): void {
  if (!pickA || !pickB) return;
  for (const [pick, fallback] of [
    [pickA, 1],
    [pickB, 0],
  ] as const) {
    const kept = pick.value;
    pick.replaceChildren(...runs.map(option));
    if (runs.some((r) => r.id === kept)) pick.value = kept;
    else if (runs.length > fallback) pick.value = runs[fallback].id;
  }
}

/** Hides the compare view. */
export function hideCompare(): void {
  if (overlay) overlay.hidden = true;
  syncOverlayClass();
}

function format(unit: CompareMeasure['unit'], x: number, signed = false): string {
  const sign = signed && x > 0 ? '+' : x < 0 ? '−' : '';
  const a = Math.abs(x);
  if (unit === 'usd') return `${sign}${usd(a)}`;
  if (unit === 'probability') return `${sign}${(100 * a).toFixed(1)}${signed ? ' pts' : ' %'}`;
  return `${sign}${Number.isInteger(a) ? String(a) : a.toFixed(2)}`;
}

/** One side's value: exact for a single run, mean and interval for a batch. */
function sideCell(m: CompareMeasure, side: CompareMeasure['a']): HTMLTableCellElement {
  const td = el('td');
  td.append(el('b', format(m.unit, side.mean)));
  if (side.n > 1) td.append(el('span', ` [${format(m.unit, side.lo)}, ${format(m.unit, side.hi)}]`, 'ci'));
  return td;
}

function deltaCell(m: CompareMeasure): HTMLTableCellElement {
  const td = el('td', undefined, 'delta');
  const d = m.delta;
  // "better" for the defence: more kills and PRA, fewer leakers, lower cost (interceptors fired: neither); coloured
  // only when the interval excludes 0
  const up = m.key === 'killed' || m.key === 'pra';
  const clear = d.lo > 0 || d.hi < 0;
  if (clear && d.mean !== 0 && m.key !== 'interceptors')
    td.classList.add(d.mean > 0 === up ? 'better' : 'worse');
  td.dataset.key = m.key;
  td.append(el('b', format(m.unit, d.mean, true)));
  if (d.lo !== d.hi)
    td.append(el('span', ` [${format(m.unit, d.lo, true)}, ${format(m.unit, d.hi, true)}]`, 'ci'));
  return td;
}

function sideTitle(side: CompareSide, letter: string): string {
  const r = side.run;
  const what = r.kind === 'mc' ? `Monte Carlo × ${side.replications}` : `seed ${r.seed}`;
  return `${letter}: ${r.id} · ${side.geometry?.name ?? r.scenarioName} · ${what}`;
}

function ensureOverlay(): HTMLElement {
  if (overlay) return overlay;
  overlay = el('section', undefined, 'workbench-overlay');
  overlay.id = 'compare-view';
  overlay.hidden = true;
  (document.getElementById('stage') ?? document.body).append(overlay);
  return overlay;
}

/** Builds (once) the overlay's fixed parts: the table holder and two map containers that stay across compares. */
function layout(): {
  table: HTMLElement;
  title: HTMLElement;
  captions: [HTMLElement, HTMLElement];
  boxes: [HTMLElement, HTMLElement];
} {
  const root = ensureOverlay();
  const existing = root.querySelector<HTMLElement>('.compare-table');
  if (existing) {
    const captions = root.querySelectorAll<HTMLElement>('.compare-map figcaption');
    const boxes = root.querySelectorAll<HTMLElement>('.compare-map .map-box');
    return {
      table: existing,
      title: root.querySelector<HTMLElement>('h2')!,
      captions: [captions[0], captions[1]],
      boxes: [boxes[0], boxes[1]],
    };
  }
  const close = el('button', '× close', 'close');
  close.type = 'button';
  close.addEventListener('click', () => hideCompare());
  const title = el('h2', 'Compare');
  const table = el('div', undefined, 'compare-table');
  const maps = el('div', undefined, 'compare-maps');
  const figures = ['a', 'b'].map((side) => {
    const figure = el('figure', undefined, 'compare-map');
    const caption = el('figcaption');
    const box = el('div', undefined, 'map-box');
    box.id = `compare-map-${side}`;
    figure.append(caption, box);
    maps.append(figure);
    return { caption, box };
  });
  root.append(close, title, table, maps);
  return {
    table,
    title,
    captions: [figures[0].caption, figures[1].caption],
    boxes: [figures[0].box, figures[1].box],
  };
}

/** Draws one side's map: a single run's last frame, or a batch's scenario. */
async function drawSide(map: ReplayMap, side: CompareSide): Promise<void> {
  if (side.run.kind !== 'single') {
    map.showScenario(side.geometry, []);
    return;
  }
  const replay: ReplayResponse = await getReplay(side.run.id);
  const launches: [number, number][] = replay.events
    .filter((e): e is Extract<SimEvent, { type: 'threat.launch' }> => e.type === 'threat.launch')
    .map((e) => [e.from.lon_deg, e.from.lat_deg]);
  map.showScenario(replay.geometry, launches);
  map.showFrame(frameAt(indexReplay(replay), replay.span.end_s, null));
}

/** Resolves when the map has drawn what it was given (or after 5 s, when it was idle already). */
function settled(map: ReplayMap): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5000);
    map.map.once('idle', () => {
      clearTimeout(timer);
      resolve();
    });
    map.map.triggerRepaint();
  });
}

/**
 * Opens the compare view of runs `a` and `b` (b − a) over the map area and sets the `#compare=a,b` deep link.
 * @example
 * ```ts
 * await showCompare('run-000001', 'run-000003');
 * ```
 */
export async function showCompare(a: string, b: string): Promise<void> {
  setStatus(`comparing ${a} and ${b}…`);
  let cmp: CompareResponse;
  try {
    cmp = await call<CompareResponse>(`api/compare?a=${encodeURIComponent(a)}&b=${encodeURIComponent(b)}`);
  } catch (err) {
    setStatus(err instanceof ApiCallError ? err.message : String(err), 'error');
    return;
  }
  document.getElementById('mc-view')?.setAttribute('hidden', '');
  const parts = layout();
  const root = ensureOverlay();
  root.hidden = false;
  syncOverlayClass();
  if (pickA && pickB) {
    pickA.value = cmp.a.run.id;
    pickB.value = cmp.b.run.id;
  }
  parts.title.textContent = `Compare ${cmp.a.run.id} and ${cmp.b.run.id}`;
  const table = el('table', undefined, 'answer compare');
  const head = el('thead');
  const hr = el('tr');
  hr.append(
    el('th', 'measure'),
    el('th', sideTitle(cmp.a, 'A')),
    el('th', sideTitle(cmp.b, 'B')),
    el('th', 'Δ B − A [95 %]'),
  );
  head.append(hr);
  const body = el('tbody');
  for (const m of cmp.measures) {
    const tr = el('tr');
    const th = el('th', m.label);
    th.scope = 'row';
    tr.append(th, sideCell(m, m.a), sideCell(m, m.b), deltaCell(m));
    body.append(tr);
  }
  table.append(head, body);
  const note = el(
    'p',
    'Batches: means with 95 % intervals; Δ: Welch interval of the difference of means (Newcombe for PRA). ' +
      'Single runs are one replication each: exact, no interval. Green / red: better / worse for the defence, ' +
      'where the interval of Δ excludes zero.',
    'muted',
  );
  parts.table.replaceChildren(table, note);
  parts.captions[0].textContent = sideTitle(cmp.a, 'A');
  parts.captions[1].textContent = sideTitle(cmp.b, 'B');
  root.dataset.compare = `${cmp.a.run.id},${cmp.b.run.id}`;
  window.location.hash = `compare=${encodeURIComponent(cmp.a.run.id)},${encodeURIComponent(cmp.b.run.id)}`;
  try {
    maps.a ??= await createReplayMap(parts.boxes[0]);
    maps.b ??= await createReplayMap(parts.boxes[1]);
    maps.a.map.resize();
    maps.b.map.resize();
    await Promise.all([drawSide(maps.a, cmp.a), drawSide(maps.b, cmp.b)]);
    await Promise.all([maps.a, maps.b].map(settled));
  } catch (err) {
    setStatus(err instanceof ApiCallError ? err.message : String(err), 'error');
    return;
  }
  root.dataset.ready = '1';
  setStatus(`comparing ${cmp.a.run.id} (A) and ${cmp.b.run.id} (B)`);
}

/**
 * Adds the compare pickers to the side panel.
 * @example
 * ```ts
 * initCompare(document.getElementById('side')!, setStatus);
 * ```
 */
export function initCompare(
  side: HTMLElement,
  status: (text: string, kind?: 'info' | 'error') => void,
): void {
  setStatus = status;
  const section = el('section');
  section.id = 'compare-panel';
  pickA = el('select');
  pickA.id = 'compare-a';
  pickB = el('select');
  pickB.id = 'compare-b';
  const go = el('button', 'Compare');
  go.id = 'compare-go';
  go.type = 'button';
  go.addEventListener('click', () => {
    if (pickA?.value && pickB?.value) void showCompare(pickA.value, pickB.value);
  });
  const la = el('label', 'A ');
  la.append(pickA);
  const lb = el('label', 'B ');
  lb.append(pickB);
  section.append(el('h2', 'Compare'), la, lb, go);
  const mc = side.querySelector('#mc-panel');
  if (mc?.nextSibling) side.insertBefore(section, mc.nextSibling);
  else side.append(section);
}
