/**
 * @module web/main
 * The aspis web app: list stored runs, open one and replay it on the map (play/pause, speed, time slider), switch
 * layers, read a threat's story, load a scenario file and run it on the server. The page is an observer of the
 * run's event log; it never computes results itself.
 *
 * Deep links: `#run=<id>&t=<s>&threat=<id>&view=<lon>,<lat>,<zoom>` opens a run at a time, with a story, at a view.
 * Without `t`/`view` a run opens on its first launch with the whole raid in view (issue 13).
 * `#run=<batch id>` opens a Monte Carlo batch's results (`mcPanel`), `#compare=<a>,<b>` the compare view (`compare`).
 */

import { clockFormatter } from '../../src/report/clock.js';
import type { ReplayResponse, RunListItem, ThreatStory } from '../../src/server/api.js';
import type { SimEvent } from '../../src/world/events.js';
import { ApiCallError, adoptToken, errorMessage, getReplay, listRuns, postRun } from './api.js';
import { compareFromHash, hideCompare, initCompare, showCompare, updateCompareChoices } from './compare.js';
// workbench (issue 13): Monte Carlo from the page and the compare view
import { el } from './dom.js';
import { fateClass, frameAt, indexReplay, type ReplayIndex } from './frame.js';
import { createGlobeToggle } from './globeToggle.js'; // 3-D view (issue 13)
import { createReplayMap, LAYER_GROUPS, type LayerGroup, type ReplayMap } from './map.js';
import { hideMcRun, initMcPanel, noteOpenRun, showMcRun } from './mcPanel.js';
import './style.css';
// ---- replay (issue 13): legend, time line, keys, altitude profile, camera, clickable ticker ----
import { frame, publishView } from './camera.js';
import { bindReplayKeys } from './keys.js';
import { LegendControl } from './legend.js';
import {
  busyIntervals,
  eventMarks,
  eventPoints,
  fireTotals,
  openingPoints,
  openingTime,
  threatClass,
  threatPoints,
} from './moments.js';
import { AltitudeProfile } from './profile.js';
import './replay.css';
import { Ticker } from './ticker.js';
import { Timeline } from './timeline.js';

// ---- end replay ----

/** Shortest wall-clock gap between two map updates while playing, ms. */
const FRAME_INTERVAL_ms = 40;

function $(id: string): HTMLElement {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el;
}

const ui = {
  runList: $('run-list'),
  runTitle: $('run-title'),
  status: $('status'),
  file: $('scenario-file') as HTMLInputElement,
  seed: $('seed') as HTMLInputElement,
  summarySection: $('summary-section'),
  summary: $('summary'),
  layers: $('layers'),
  threatList: $('threat-list'),
  story: $('story'),
  storyTitle: $('story-title'),
  storyVerdict: $('story-verdict'),
  storySteps: $('story-steps'),
  storyClose: $('story-close'),
  ticker: $('ticker'),
  play: $('play') as HTMLButtonElement,
  speed: $('speed') as HTMLSelectElement,
  time: $('time') as HTMLInputElement,
  clock: $('clock') as HTMLOutputElement,
};

// replay (issue 13): the time line's marks, the "skipped" note, the altitude profile, the ticker, the legend
const timeline = new Timeline($('timeline-marks'), $('skip-note'), (i) => goToEvent(i));
const ticker = new Ticker(ui.ticker, (i) => goToEvent(i));
const profile = new AltitudeProfile($('profile'), (t_s) => seekTo(t_s));
const legend = new LegendControl();

interface ReplayState {
  index: ReplayIndex;
  clock: (t_s: number | null) => string;
  t_s: number;
  playing: boolean;
  selected: string | null;
  lastWall_ms: number;
  lastDrawn_ms: number;
}

let replayMap: ReplayMap | null = null;
let state: ReplayState | null = null;
// ---- 3-D view (web/src/globeToggle.ts, web/src/globe.ts): Cesium loads on the first click of "3-D" ----
// a threat clicked on the globe opens its story, as on the 2-D map
const globe3d = createGlobeToggle($('globe-toggle') as HTMLButtonElement, $('globe'), (id) => {
  selectThreat(id, false);
  focusThreat(id);
});

function setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
  ui.status.textContent = text;
  ui.status.className = kind;
}

// ---- runs ------------------------------------------------------------------------------------------------------

/** Kind of each listed run: a batch opens its Monte Carlo view instead of a replay. */
const runKinds = new Map<string, RunListItem['kind']>();

function runLabel(run: RunListItem): string {
  if (run.kind === 'mc')
    return `${run.id} · ${run.scenarioName} · Monte Carlo × ${run.runsRequested}${run.status === 'done' ? '' : ` (${run.status})`}`;
  const t = run.totals;
  const result = t ? ` · ${t.killed}/${t.launched} killed, ${t.leakersOnAssets} leaked` : '';
  return `${run.id} · ${run.scenarioName} · seed ${run.seed}${result}`;
}

async function refreshRuns(): Promise<RunListItem[]> {
  const { runs } = await listRuns();
  ui.runList.replaceChildren();
  if (runs.length === 0) ui.runList.append(el('li', 'no runs yet: `aspis run` or load a scenario', 'empty'));
  for (const run of runs) {
    const li = el('li');
    const button = el('button', runLabel(run), 'run');
    button.type = 'button';
    button.dataset.runId = run.id;
    runKinds.set(run.id, run.kind);
    button.title =
      run.kind === 'single'
        ? `${run.scenarioFile} — open the replay`
        : `${run.scenarioFile} — Monte Carlo results`;
    button.addEventListener('click', () => void openRun(run.id));
    li.append(button);
    ui.runList.append(li);
  }
  updateCompareChoices(runs);
  return runs;
}

// ---- replay ----------------------------------------------------------------------------------------------------

function fateBadge(story: ThreatStory): string {
  return fateClass(story);
}

function renderSummary(replay: ReplayResponse): void {
  const totals = (replay.summary as { totals?: Record<string, number> } | null)?.totals;
  ui.summary.replaceChildren();
  ui.summarySection.hidden = !totals;
  if (!totals) return;
  const rows: [string, number | undefined][] = [
    ['launched', totals.launched],
    ['detected', totals.detected],
    ['engaged', totals.engaged],
    ['killed', totals.killed],
    ['failed', totals.failed],
    ['impacted', totals.impacted],
    ['leakers on assets', totals.leakersOnAssets],
  ];
  // replay (issue 13): missiles and gun fire counted apart (Taji said "interceptors fired 0" beside 2 gun kills)
  const fire = fireTotals(replay.events);
  rows.push(['missile interceptors fired', fire.interceptorsFired]);
  if (fire.gunBursts > 0 || replay.geometry?.units.some((u) => u.kind === 'c-ram'))
    rows.push(['gun engagements (bursts)', fire.gunBursts], ['gun rounds fired', fire.gunRounds]);
  for (const [name, value] of rows) {
    if (value === undefined) continue;
    ui.summary.append(el('dt', name), el('dd', String(value)));
  }
}

function renderThreatList(replay: ReplayResponse): void {
  ui.threatList.replaceChildren();
  for (const story of replay.stories) {
    const li = el('li');
    const button = el('button', undefined, 'threat');
    button.type = 'button';
    button.dataset.threatId = story.threatId;
    button.append(
      el('span', story.threatId, 'id'),
      el('span', fateBadge(story), `badge ${fateBadge(story)}`),
    );
    button.title = story.verdict;
    button.addEventListener('click', () => {
      selectThreat(story.threatId, true);
      focusThreat(story.threatId); // replay (issue 13)
    });
    li.append(button);
    ui.threatList.append(li);
  }
}

function selectThreat(threatId: string | null, seek: boolean): void {
  if (!state) return;
  state.selected = threatId;
  for (const b of ui.threatList.querySelectorAll<HTMLButtonElement>('button.threat'))
    b.classList.toggle('selected', b.dataset.threatId === threatId);
  const story = state.index.replay.stories.find((s) => s.threatId === threatId);
  if (!story) {
    ui.story.hidden = true;
    document.body.classList.remove('story-open');
    draw(true);
    return;
  }
  ui.storyTitle.textContent = `${story.threatId} · ${story.threatType}`;
  ui.storyVerdict.textContent = story.verdict;
  ui.storyVerdict.className = `verdict ${fateBadge(story)}`;
  ui.storySteps.replaceChildren();
  const clock = state.clock;
  for (const step of story.steps) {
    const li = el('li', undefined, step.kind);
    const time = el('button', clock(step.t_s), 'time');
    time.type = 'button';
    time.title = 'go to this moment';
    time.addEventListener('click', () => seekTo(step.t_s));
    li.append(time, el('span', step.text));
    ui.storySteps.append(li);
  }
  ui.story.hidden = false;
  document.body.classList.add('story-open');
  // show the threat in flight when it has not launched yet at the current time
  const { launch_s, fate_s } = story.times;
  if (seek && (state.t_s < launch_s || (fate_s !== null && state.t_s > fate_s))) seekTo(launch_s);
  else draw(true);
}

// ---- replay (issue 13): camera moves, event steps, speed steps ----

/** Frames a threat's flight and its interceptors on the map. */
function focusThreat(threatId: string): void {
  if (state && replayMap) frame(replayMap.map, threatPoints(state.index.replay, threatId), true);
}

/** Goes to an event (by index in the log): its time, and its place on the map. */
function goToEvent(i: number): void {
  if (!state || !replayMap) return;
  const e = state.index.replay.events[i];
  if (!e) return;
  seekTo(e.t_s);
  frame(replayMap.map, eventPoints(state.index.replay, e), true);
}

/** Next (1) or previous (-1) time-line event from the current time. */
function stepEvent(direction: -1 | 1): void {
  if (!state) return;
  const marks = eventMarks(state.index.replay.events);
  const t = state.t_s;
  let next = direction > 0 ? marks.find((m) => m.t_s > t + 0.05) : undefined;
  if (direction < 0) for (const m of marks) if (m.t_s < t - 0.05) next = m;
  if (next) goToEvent(next.event);
}

/** Next (1) or previous (-1) entry of the speed list. */
function stepSpeed(direction: -1 | 1): void {
  const i = Math.min(ui.speed.options.length - 1, Math.max(0, ui.speed.selectedIndex + direction));
  ui.speed.selectedIndex = i;
}

// ---- end replay ----

function draw(force = false): void {
  if (!state || !replayMap) return;
  const now = performance.now();
  if (!force && now - state.lastDrawn_ms < FRAME_INTERVAL_ms) return;
  state.lastDrawn_ms = now;
  replayMap.showFrame(frameAt(state.index, state.t_s, state.selected));
  globe3d.update(state); // 3-D view: the same replay time
  ui.time.value = String(state.t_s);
  ui.clock.value = `${state.clock(state.t_s)}  (T+${Math.round(state.t_s)} s)`;
  ui.clock.dataset.t = state.t_s.toFixed(1);
  ticker.show(state.index.replay.events, state.t_s, state.clock); // replay (issue 13)
  profile.show(state.t_s, state.selected);
}

function seekTo(t_s: number): void {
  if (!state) return;
  const span = state.index.replay.span;
  state.t_s = Math.min(span.end_s, Math.max(span.start_s, t_s));
  draw(true);
}

function setPlaying(playing: boolean): void {
  if (!state) return;
  state.playing = playing;
  state.lastWall_ms = performance.now();
  ui.play.textContent = playing ? '❚❚ Pause' : '▶ Play';
  ui.play.setAttribute('aria-pressed', String(playing));
  if (playing) requestAnimationFrame(tick);
}

function tick(wall_ms: number): void {
  if (!state?.playing) return;
  const dt_s = Math.max(0, wall_ms - state.lastWall_ms) / 1000;
  state.lastWall_ms = wall_ms;
  state.t_s += dt_s * Number(ui.speed.value);
  const skipTo = timeline.skip(state.t_s); // replay (issue 13): jump over idle gaps
  if (skipTo !== null) state.t_s = skipTo;
  if (state.t_s >= state.index.replay.span.end_s) {
    state.t_s = state.index.replay.span.end_s;
    draw(true);
    setPlaying(false);
    return;
  }
  draw();
  requestAnimationFrame(tick);
}

async function openRun(runId: string, at_s?: number, threatId?: string): Promise<void> {
  if (!replayMap) return;
  hideCompare();
  if (runKinds.get(runId) === 'mc') return showMcRun(runId);
  hideMcRun();
  setStatus(`opening ${runId}…`);
  let replay: ReplayResponse;
  try {
    replay = await getReplay(runId);
  } catch (err) {
    // a batch named by sequence number or prefix (`#run=2`): its results instead of a replay
    if (err instanceof ApiCallError && err.body.code === 'E_NO_REPLAY') return showMcRun(runId);
    setStatus(errorMessage(err), 'error');
    return;
  }
  if (state) setPlaying(false);
  const start = replay.geometry?.start ?? (replay.summary as { start?: string } | null)?.start ?? '';
  state = {
    index: indexReplay(replay),
    clock: clockFormatter(start),
    t_s: replay.span.start_s,
    playing: false,
    selected: null,
    lastWall_ms: 0,
    lastDrawn_ms: 0,
  };
  const launches: [number, number][] = replay.events
    .filter((e): e is Extract<SimEvent, { type: 'threat.launch' }> => e.type === 'threat.launch')
    .map((e) => [e.from.lon_deg, e.from.lat_deg]);
  replayMap.showScenario(replay.geometry, launches);
  ui.runTitle.textContent = `${replay.run.id} · ${replay.geometry?.name ?? replay.run.scenarioName} · seed ${replay.run.seed}`;
  for (const b of ui.runList.querySelectorAll<HTMLButtonElement>('button.run'))
    b.classList.toggle('selected', b.dataset.runId === replay.run.id);
  ui.time.min = String(replay.span.start_s);
  ui.time.max = String(replay.span.end_s);
  ui.time.disabled = false;
  ui.play.disabled = false;
  renderSummary(replay);
  renderThreatList(replay);
  // replay (issue 13): time line, profile, legend classes; open on the first event with the raid in view
  timeline.show(replay, state.clock);
  ticker.reset();
  profile.setReplay(replay, state.index.fateOf, busyIntervals(replay), state.clock);
  legend.setClasses([...new Set((replay.paths?.threats ?? []).map((p) => threatClass(p.type)))].sort());
  frame(replayMap.map, openingPoints(replay), false);
  ui.story.hidden = true;
  document.body.classList.remove('story-open');
  setStatus(
    replay.geometryError ? `opened ${runId} (no geometry: ${replay.geometryError})` : `opened ${runId}`,
  );
  seekTo(at_s ?? openingTime(replay));
  if (threatId) selectThreat(threatId, false);
  document.body.dataset.run = replay.run.id;
  noteOpenRun(replay.run);
  window.location.hash = `run=${encodeURIComponent(replay.run.id)}`;
}

// ---- scenario upload -------------------------------------------------------------------------------------------

async function runScenarioFile(file: File): Promise<void> {
  const seedText = ui.seed.value.trim();
  const seed = seedText === '' ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    setStatus('seed: expected an integer', 'error');
    return;
  }
  setStatus(`running ${file.name}…`);
  try {
    const yaml = await file.text();
    const created = await postRun({ yaml, name: file.name, ...(seed === undefined ? {} : { seed }) });
    await refreshRuns();
    await openRun(created.id);
    setStatus(`ran ${file.name} as ${created.id}`);
  } catch (err) {
    setStatus(errorMessage(err), 'error');
  } finally {
    ui.file.value = '';
  }
}

// ---- wiring ----------------------------------------------------------------------------------------------------

function buildLayerSwitches(map: ReplayMap): void {
  for (const [group, spec] of Object.entries(LAYER_GROUPS) as [
    LayerGroup,
    (typeof LAYER_GROUPS)[LayerGroup],
  ][]) {
    const label = el('label', undefined, 'layer');
    const box = el('input');
    box.type = 'checkbox';
    box.checked = true;
    box.dataset.layer = group;
    box.addEventListener('change', () => map.setGroupVisible(group, box.checked));
    label.append(box, document.createTextNode(` ${spec.label}`));
    ui.layers.append(label);
  }
}

interface DeepLink {
  run?: string;
  t?: number;
  threat?: string;
  /** Map view: longitude, latitude (deg) and zoom level. */
  view?: [number, number, number];
}

function parseHash(): DeepLink {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  const t = params.get('t');
  const view = (params.get('view') ?? '').split(',').map(Number);
  return {
    run: params.get('run') ?? undefined,
    t: t !== null && Number.isFinite(Number(t)) ? Number(t) : undefined,
    threat: params.get('threat') ?? undefined,
    view: view.length === 3 && view.every(Number.isFinite) ? [view[0], view[1], view[2]] : undefined,
  };
}

async function start(): Promise<void> {
  adoptToken();
  ui.play.addEventListener('click', () => setPlaying(!state?.playing));
  ui.time.addEventListener('input', () => seekTo(Number(ui.time.value)));
  ui.storyClose.addEventListener('click', () => selectThreat(null, false));
  ui.file.addEventListener('change', () => {
    const file = ui.file.files?.[0];
    if (file) void runScenarioFile(file);
  });
  replayMap = await createReplayMap($('map'));
  // ---- scenario workbench (issue 13): CodeMirror and the editor load on first open, not with the replay
  $('open-editor').addEventListener('click', () => {
    const started_ms = performance.now();
    const map = replayMap?.map;
    if (!map) return;
    import('./editor.js')
      .then(({ toggleWorkbench }) =>
        toggleWorkbench(
          { map, seed: ui.seed, afterRun: (id) => refreshRuns().then(() => openRun(id)) },
          started_ms,
        ),
      )
      .then(() => {
        // the map is narrow beside the editor: fold the legend so that the units and their handles stay in view
        const legendBox = document.getElementById('legend');
        if (legendBox instanceof HTMLDetailsElement && document.body.classList.contains('workbench-open'))
          legendBox.open = false;
      })
      .catch((err: unknown) => setStatus(`cannot open the editor: ${errorMessage(err)}`, 'error'));
  });
  // ---- end scenario workbench
  initMcPanel($('side'), { refreshRuns, openRun: (id) => openRun(id), setStatus });
  initCompare($('side'), setStatus);
  buildLayerSwitches(replayMap);
  replayMap.onThreatClick((id) => {
    selectThreat(id, false);
    focusThreat(id); // replay (issue 13)
  });
  // replay (issue 13): legend, keyboard, the view written on <body> for tests and links
  replayMap.map.addControl(legend, 'top-left');
  publishView(replayMap.map, document.body);
  // the keys drive the replay on screen: not one under the Monte Carlo or compare overlay (mcPanel, compare)
  const replayShown = (): ReplayState | null =>
    document.body.classList.contains('overlay-open') ? null : state;
  bindReplayKeys(document, {
    togglePlay: () => {
      const shown = replayShown();
      if (shown) setPlaying(!shown.playing);
    },
    step: (d_s) => {
      const shown = replayShown();
      if (shown) seekTo(shown.t_s + d_s);
    },
    toEnd: (which) => {
      const shown = replayShown();
      if (shown) seekTo(which < 0 ? shown.index.replay.span.start_s : shown.index.replay.span.end_s);
    },
    speed: (direction) => {
      if (replayShown()) stepSpeed(direction);
    },
    event: (direction) => {
      if (replayShown()) stepEvent(direction);
    },
  });
  replayMap.map.once('idle', () => {
    document.body.dataset.mapReady = '1';
  });
  let runs: RunListItem[] = [];
  try {
    runs = await refreshRuns();
  } catch (err) {
    setStatus(errorMessage(err), 'error');
  }
  const wanted = parseHash();
  const first = wanted.run ?? runs.find((r) => r.kind === 'single')?.id;
  const compare = compareFromHash(window.location.hash);
  if (compare) await showCompare(compare[0], compare[1]);
  else if (first) await openRun(first, wanted.t, wanted.threat);
  if (wanted.view) replayMap.map.jumpTo({ center: [wanted.view[0], wanted.view[1]], zoom: wanted.view[2] });
  // time to first render (issue 13): navigation start → the map idle with the opened run drawn
  const map = replayMap.map;
  map.once('idle', () => {
    document.body.dataset.firstRenderMs = performance.now().toFixed(0);
  });
  map.triggerRepaint();
  document.body.dataset.ready = '1';
}

start().catch((err: unknown) => setStatus(`cannot start: ${errorMessage(err)}`, 'error'));
