/**
 * @module web/mcPanel
 * Monte Carlo in the browser: a side-panel form (scenario of the open run, replications, seed) that starts a batch on
 * the server (`POST /api/mc`), a progress bar fed by polling `GET /api/jobs/:id`, a cancel button
 * (`DELETE /api/jobs/:id`), and the view of a stored batch (`GET /api/runs/:id/mc`) over the map: every aggregate
 * with its 95 % interval, PRA spelled out, and histograms per replication. The page computes nothing: the numbers are
 * the stored aggregate of `aggregateReplications`, as the MC report shows them.
 *
 * `startMonteCarlo(yamlText, { runs, seed })` is the entry other parts of the page (the scenario editor) call.
 */
import type {
  JobStatusResponse,
  McStartedResponse,
  McViewResponse,
  RunListItem,
} from '../../src/server/api.js';
import type { ScenarioTextResponse } from '../../src/server/workbenchApi.js';
import { call, errorMessage } from './api.js';
import { el } from './dom.js';
import { binIntegers, binReals, histogramSvg } from './histogram.js';
import './mcCompare.css';

/** Most replications the server accepts per batch (`MAX_SERVER_MC_RUNS`). */
export const MAX_MC_RUNS = 2000;

/** Time between two progress polls, ms. */
const POLL_ms = 250;

/** What the panel needs from the page. */
export interface McPanelHost {
  /** Reloads the run list (after a batch is stored). */
  refreshRuns(): Promise<RunListItem[]>;
  /** Opens a stored run (a batch opens its Monte Carlo view). */
  openRun(runId: string): Promise<void>;
  /** Shows a status line. */
  setStatus(text: string, kind?: 'info' | 'error'): void;
}

/** Options of `startMonteCarlo`. */
export interface McStartOptions {
  /** Replications, 1 … 2,000. */
  readonly runs: number;
  /** Root seed; the scenario's when absent. */
  readonly seed?: number;
  /** File name shown in the run list and in error paths. */
  readonly name?: string;
  /** Files the scenario names, base64 by name (as `POST /api/run`). */
  readonly files?: Readonly<Record<string, string>>;
}

let host: McPanelHost | null = null;
let activeJob: string | null = null;

// ---- the form and the progress bar ---------------------------------------------------------------------------

interface PanelUi {
  readonly source: HTMLElement;
  readonly runs: HTMLInputElement;
  readonly seed: HTMLInputElement;
  readonly start: HTMLButtonElement;
  readonly cancel: HTMLButtonElement;
  readonly progress: HTMLProgressElement;
  readonly progressText: HTMLElement;
}

let panel: PanelUi | null = null;

function buildPanel(side: HTMLElement): PanelUi {
  const section = el('section');
  section.id = 'mc-panel';
  const source = el('p', 'open a run to use its scenario', 'mc-source');
  source.id = 'mc-source';
  const runs = el('input');
  runs.id = 'mc-runs';
  runs.type = 'number';
  runs.min = '1';
  runs.max = String(MAX_MC_RUNS);
  runs.step = '1';
  runs.value = '100';
  const seed = el('input');
  seed.id = 'mc-seed';
  seed.type = 'number';
  seed.step = '1';
  seed.placeholder = "file's";
  const start = el('button', 'Run Monte Carlo');
  start.id = 'mc-start';
  start.type = 'button';
  const cancel = el('button', 'Cancel');
  cancel.id = 'mc-cancel';
  cancel.type = 'button';
  cancel.hidden = true;
  const progress = el('progress');
  progress.id = 'mc-progress';
  progress.max = 1;
  progress.value = 0;
  progress.hidden = true;
  const progressText = el('span', '', 'mc-progress-text');
  progressText.id = 'mc-progress-text';
  const runsLabel = el('label', 'runs ');
  runsLabel.append(runs);
  const seedLabel = el('label', 'seed ');
  seedLabel.append(seed);
  const row = el('div', undefined, 'mc-form');
  row.append(runsLabel, seedLabel);
  const buttons = el('div', undefined, 'mc-form');
  buttons.append(start, cancel);
  const bar = el('div', undefined, 'mc-bar');
  bar.append(progress, progressText);
  section.append(el('h2', 'Monte Carlo'), source, row, buttons, bar);
  // after the Runs section (the first one), before the summary
  const first = side.querySelector('section');
  if (first?.nextSibling) side.insertBefore(section, first.nextSibling);
  else side.append(section);
  start.addEventListener('click', () => void startFromForm());
  cancel.addEventListener('click', () => void cancelActive());
  return { source, runs, seed, start, cancel, progress, progressText };
}

/** The stored run whose scenario the form runs: the open one. */
function openRunId(): string | null {
  return document.body.dataset.run ?? null;
}

/** Updates the line naming the scenario the form would run. */
export function noteOpenRun(run: Pick<RunListItem, 'id' | 'scenarioFile'> | null): void {
  if (!panel) return;
  panel.source.textContent = run
    ? `scenario of ${run.id} (${run.scenarioFile})`
    : 'open a run to use its scenario';
}

async function startFromForm(): Promise<void> {
  if (!panel || !host) return;
  const runs = Number(panel.runs.value);
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_MC_RUNS) {
    host.setStatus(`runs: expected an integer in 1..${MAX_MC_RUNS}`, 'error');
    return;
  }
  const seedText = panel.seed.value.trim();
  const seed = seedText === '' ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isSafeInteger(seed)) {
    host.setStatus('seed: expected an integer', 'error');
    return;
  }
  const runId = openRunId();
  if (!runId) {
    host.setStatus('open a run (or load a scenario) first: the batch runs its scenario', 'error');
    return;
  }
  try {
    const scenario = await call<ScenarioTextResponse>(`api/runs/${encodeURIComponent(runId)}/scenario`);
    await startMonteCarlo(scenario.yaml, {
      runs,
      seed,
      name: scenario.name,
    });
  } catch (err) {
    host.setStatus(errorMessage(err), 'error');
  }
}

function showProgress(done: number, total: number, text?: string): void {
  if (!panel) return;
  panel.progress.hidden = false;
  panel.progress.max = Math.max(1, total);
  panel.progress.value = done;
  panel.progressText.textContent = text ?? `${done} / ${total} replications`;
  panel.progress.dataset.done = String(done);
}

function setRunning(running: boolean): void {
  if (!panel) return;
  panel.start.disabled = running;
  panel.cancel.hidden = !running;
}

async function cancelActive(): Promise<void> {
  if (activeJob === null) return;
  try {
    await call(`api/jobs/${encodeURIComponent(activeJob)}`, { method: 'DELETE' });
  } catch (err) {
    host?.setStatus(errorMessage(err), 'error');
  }
}

/**
 * Starts a Monte Carlo batch of `yamlText` on the server, shows its progress in the page, and when it is stored
 * refreshes the run list and opens its view. Resolves with the stored run id; rejects with the coded error when the
 * server refuses or the batch fails or is cancelled.
 * @example
 * ```ts
 * import { startMonteCarlo } from './mcPanel.js';
 * const runId = await startMonteCarlo(editor.text(), { runs: 200, seed: 7 });
 * ```
 */
export async function startMonteCarlo(yamlText: string, options: McStartOptions): Promise<string> {
  if (activeJob !== null) throw new Error('a Monte Carlo batch is already running; cancel it or wait');
  const name = options.name ?? 'scenario.yaml';
  const started = await call<McStartedResponse>('api/mc', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      yaml: yamlText,
      runs: options.runs,
      name,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.files ? { files: options.files } : {}),
    }),
  });
  activeJob = started.job;
  setRunning(true);
  showProgress(0, started.runs, `queued: 0 / ${started.runs} replications`);
  host?.setStatus(`Monte Carlo of ${name}: ${started.runs} replications…`);
  try {
    const status = await pollJob(started.job);
    if (status.state !== 'done' || status.runId === null) {
      const error = status.error;
      showProgress(status.progress?.done ?? 0, started.runs, status.state);
      throw new Error(
        error ? `${error.code}${error.path ? ` ${error.path}` : ''}: ${error.message}` : status.state,
      );
    }
    showProgress(status.progress?.done ?? started.runs, started.runs);
    await host?.refreshRuns();
    await host?.openRun(status.runId);
    host?.setStatus(
      `Monte Carlo stored as ${status.runId}${status.stopped ? ' (stopped at the server time budget)' : ''}`,
    );
    return status.runId;
  } finally {
    activeJob = null;
    setRunning(false);
  }
}

/** Polls a job until it is no longer queued or running, updating the progress bar. */
async function pollJob(id: string): Promise<JobStatusResponse> {
  for (;;) {
    const status = await call<JobStatusResponse>(`api/jobs/${encodeURIComponent(id)}`);
    if (status.state !== 'queued' && status.state !== 'running') return status;
    if (status.progress) showProgress(status.progress.done, status.progress.total);
    await new Promise((resolve) => setTimeout(resolve, POLL_ms));
  }
}

// ---- the view of a stored batch --------------------------------------------------------------------------------

function pct(x: number): string {
  return `${(100 * x).toFixed(1)} %`;
}

function num(x: number, digits = 2): string {
  return x.toFixed(digits);
}

/** US dollars, short: $1.2 M, $350 k. */
export function usd(x: number, digits = 2): string {
  const a = Math.abs(x);
  const sign = x < 0 ? '−' : '';
  if (a >= 1e9) return `${sign}$${(a / 1e9).toFixed(digits)} B`;
  if (a >= 1e6) return `${sign}$${(a / 1e6).toFixed(digits)} M`;
  if (a >= 1e3) return `${sign}$${(a / 1e3).toFixed(0)} k`;
  return `${sign}$${a.toFixed(0)}`;
}

/** `12.5 % (95 % interval 2.2–47.1 %)`, as the report writes it. */
function withInterval(value: string, lo: string, hi: string): HTMLElement {
  const cell = el('td');
  cell.append(el('b', value), el('span', ` (95 % interval ${lo} – ${hi})`, 'ci'));
  return cell;
}

/** Rows of the answer table, in the order of the MC report (`report/mcAnswer`). */
function answerRows(view: McViewResponse): [string, HTMLElement][] {
  const r = view.report;
  const rows: [string, HTMLElement][] = [];
  const proportion = (p: { p: number; lo: number; hi: number }) =>
    withInterval(pct(p.p), pct(p.lo), pct(p.hi));
  const estimate = (e: { mean: number; lo: number; hi: number }, f: (x: number) => string = (x) => num(x)) =>
    withInterval(f(e.mean), f(e.lo), f(e.hi));
  rows.push(['probability of raid annihilation (PRA)', proportion(r.pra)]);
  rows.push(['probability of no leaker on assets', proportion(r.noLeakerOnAssets)]);
  rows.push(['leakers on assets per replication', estimate(r.leakers)]);
  for (const [type, m] of Object.entries(r.killsPerThreatClass)) {
    const cell = estimate(m.kills);
    cell.append(
      document.createTextNode(` kills per replication of ${num(m.launched)} launched; fraction killed `),
      el('b', pct(m.killFraction.p)),
      el('span', ` (${pct(m.killFraction.lo)} – ${pct(m.killFraction.hi)})`, 'ci'),
    );
    rows.push([`killed: ${type}`, cell]);
  }
  rows.push(['interceptors fired per replication', estimate(r.interceptorsFired)]);
  const perKill = r.interceptorsPerKill;
  rows.push([
    'interceptors per kill',
    perKill.ratio === null || perKill.lo === null || perKill.hi === null
      ? el('td', '— (nothing killed)')
      : estimate({ mean: perKill.ratio, lo: perKill.lo, hi: perKill.hi }),
  ]);
  if (r.defenderCost_usd.mean > 0)
    rows.push(['defender cost per replication', estimate(r.defenderCost_usd, usd)]);
  rows.push([
    'cost exchange (defender ÷ attacker)',
    r.costExchange.n > 0 ? estimate(r.costExchange) : el('td', '— (no attacker cost data)'),
  ]);
  for (const [raid, m] of Object.entries(r.magazineAfterWave))
    rows.push([
      `magazine left after raid ${raid}`,
      el('td', `${num(m.mean, 1)} of ${r.magazineStart} interceptors on average; fewest ${m.min}`),
    ]);
  return rows;
}

let overlay: HTMLElement | null = null;

function ensureOverlay(): HTMLElement {
  if (overlay) return overlay;
  overlay = el('section', undefined, 'workbench-overlay');
  overlay.id = 'mc-view';
  overlay.hidden = true;
  (document.getElementById('stage') ?? document.body).append(overlay);
  return overlay;
}

/**
 * Marks the page while a workbench overlay (Monte Carlo view, compare view) covers the map, so the side panel hides
 * the replay's summary, layers and threats, which belong to the run under the overlay.
 */
export function syncOverlayClass(): void {
  const open = [...document.querySelectorAll<HTMLElement>('.workbench-overlay')].some((o) => !o.hidden);
  document.body.classList.toggle('overlay-open', open);
}

/** Hides the Monte Carlo view (a single run's replay is shown again). */
export function hideMcRun(): void {
  if (overlay) overlay.hidden = true;
  syncOverlayClass();
}

/** Draws a stored batch into the overlay. */
function renderMcView(view: McViewResponse): void {
  const root = ensureOverlay();
  const r = view.report;
  const stopped = view.run.status === 'stopped' ? ' · stopped early' : '';
  const head = el('header');
  head.append(
    el('h2', `Monte Carlo · ${view.geometry?.name ?? view.run.scenarioName}`),
    el(
      'p',
      `${view.run.id} · ${r.runs} replications · seed ${view.run.seed} · ${view.run.scenarioFile}${stopped}`,
      'muted',
    ),
  );
  const lead = el('p', undefined, 'pra');
  lead.append(
    'Probability of raid annihilation (PRA) ',
    el('b', pct(r.pra.p)),
    el('span', ` (95 % interval ${pct(r.pra.lo)} – ${pct(r.pra.hi)})`, 'ci'),
    ` over ${r.runs} replications; mean leakers on assets `,
    el('b', num(r.leakers.mean)),
    '.',
  );
  const table = el('table', undefined, 'answer');
  const body = el('tbody');
  for (const [measure, value] of answerRows(view)) {
    const tr = el('tr');
    const th = el('th', measure);
    th.scope = 'row';
    tr.append(th, value);
    body.append(tr);
  }
  table.append(body);
  const note = el(
    'p',
    'Intervals are 95 %: Wilson for probabilities, t/normal for means, delta method for interceptors per kill. ' +
      (view.example
        ? `Replay replication i alone: aspis run ${view.run.scenarioFile} --seed ${view.run.seed} --replication i (${view.example.label}).`
        : ''),
    'muted',
  );
  const charts = el('div', undefined, 'histograms');
  charts.id = 'mc-histograms';
  const leakers = r.leakers.histogram;
  charts.append(
    histogramSvg(
      { labels: leakers.map((_, k) => String(k)), counts: [...leakers], meanAt: r.leakers.mean },
      { title: 'Leakers on assets per replication', xLabel: 'leakers on assets', color: '#ff3b3b' },
    ),
    histogramSvg(binIntegers(view.replications.map((x) => x.killed)), {
      title: 'Threats killed per replication',
      xLabel: 'threats killed',
      color: '#4cff88',
    }),
    histogramSvg(binIntegers(view.replications.map((x) => x.interceptorsFired)), {
      title: 'Interceptors fired per replication',
      xLabel: 'interceptors fired',
      color: '#4dd2ff',
    }),
  );
  if (r.defenderCost_usd.mean > 0)
    charts.append(
      histogramSvg(
        binReals(
          view.replications.map((x) => x.costDefender_usd),
          12,
          (x) => usd(x, 0),
        ),
        {
          title: 'Defender cost per replication',
          xLabel: 'defender cost',
          color: '#ffd166',
        },
      ),
    );
  const close = el('button', '× close', 'close');
  close.type = 'button';
  close.addEventListener('click', () => hideMcRun());
  root.replaceChildren(close, head, lead, table, note, el('h3', 'Distributions'), charts);
  root.hidden = false;
  root.dataset.runId = view.run.id;
  syncOverlayClass();
}

/**
 * Opens the view of a stored Monte Carlo batch over the map (`#run=<id>` deep links land here).
 * @example
 * ```ts
 * await showMcRun('run-000002');
 * ```
 */
export async function showMcRun(runId: string): Promise<void> {
  host?.setStatus(`opening ${runId}…`);
  let view: McViewResponse;
  try {
    view = await call<McViewResponse>(`api/runs/${encodeURIComponent(runId)}/mc`);
  } catch (err) {
    host?.setStatus(errorMessage(err), 'error');
    return;
  }
  renderMcView(view);
  const title = document.getElementById('run-title');
  if (title)
    title.textContent = `${view.run.id} · ${view.geometry?.name ?? view.run.scenarioName} · Monte Carlo × ${view.report.runs}`;
  for (const b of document.querySelectorAll<HTMLButtonElement>('button.run'))
    b.classList.toggle('selected', b.dataset.runId === view.run.id);
  document.body.dataset.run = view.run.id;
  noteOpenRun({ id: view.run.id, scenarioFile: view.run.scenarioFile });
  window.location.hash = `run=${encodeURIComponent(view.run.id)}`;
  host?.setStatus(`opened ${view.run.id} (Monte Carlo, ${view.report.runs} replications)`);
}

/**
 * Adds the Monte Carlo form to the side panel and wires it to the page.
 * @example
 * ```ts
 * initMcPanel(document.getElementById('side')!, { refreshRuns, openRun, setStatus });
 * ```
 */
export function initMcPanel(side: HTMLElement, pageHost: McPanelHost): void {
  host = pageHost;
  panel = buildPanel(side);
}
