/**
 * @module web/editor
 * The scenario workbench: a panel beside the map with a CodeMirror 6 editor of scenario YAML. Pick a shipped
 * scenario or a stored run's scenario, edit it with YAML highlighting, the server's validation as lint (the same
 * coded problems as `aspis validate`, on their lines) and completion of keys and values from the scenario JSON
 * Schema; drag units, assets and radar boresights on the map (`web/editMap`), which rewrites the YAML; run one
 * replication on the server and open it in the replay. Loaded on first open (`import()` from `web/main`), so
 * CodeMirror is not part of the replay's first render.
 */
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { yaml } from '@codemirror/lang-yaml';
import { type Diagnostic, linter, lintGutter } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { LngLatBoundsLike, Map as MapLibreMap } from 'maplibre-gl';
import type { RunListResponse } from '../../src/server/api.js';
import type {
  ScenarioListResponse,
  ScenarioProblem,
  ScenarioTextResponse,
  ValidateResponse,
} from '../../src/server/workbenchApi.js';
import { call, errorMessage, postRun } from './api.js';
import { EditMarkers } from './editMap.js';
import { scenarioOverlays } from './geo.js';
import { cursorContext, type JsonSchema, optionsAt } from './schemaComplete.js';
import type { TextChange } from './yamlEdit.js';
import './editor.css';

/** Pause after the last keystroke before the text is validated on the server, ms. */
const LINT_DELAY_ms = 400;
/** Pause after the last change before the map markers follow the text, ms. */
const MARKER_DELAY_ms = 200;

/** What the workbench needs from the page. */
export interface WorkbenchHost {
  readonly map: MapLibreMap;
  /** The page's seed field: its value is the workbench's first seed. */
  readonly seed: HTMLInputElement;
  /** Called with the id of a run started from the workbench (refresh the run list, open the replay). */
  afterRun(runId: string): Promise<void>;
}

function validate(yamlText: string, name: string): Promise<ValidateResponse> {
  return call<ValidateResponse>('api/validate', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ yaml: yamlText, name }),
  });
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
): HTMLElementTagNameMap[K] {
  return Object.assign(document.createElement(tag), props);
}

/** A problem as a CodeMirror diagnostic: on its line and column, to its end (or the line's end). */
function diagnosticOf(view: EditorView, p: ScenarioProblem): Diagnostic {
  const doc = view.state.doc;
  const lineAt = (n: number) => doc.line(Math.min(Math.max(1, n), doc.lines));
  let from = 0;
  let to = 0;
  if (p.line !== undefined) {
    const line = lineAt(p.line);
    from = Math.min(line.to, line.from + Math.max(0, (p.col ?? 1) - 1));
    to = line.to;
    if (p.endLine !== undefined) {
      const end = lineAt(p.endLine);
      to = Math.min(end.to, end.from + Math.max(0, (p.endCol ?? 1) - 1));
    }
    if (to <= from) to = Math.min(doc.length, Math.max(from + 1, line.to));
  }
  const severity = p.code.startsWith('W_') ? 'warning' : 'error';
  const message =
    p.path && !/:\d+:\d+$/.test(p.path) ? `${p.code} ${p.path}: ${p.message}` : `${p.code}: ${p.message}`;
  return { from, to, severity, message, source: p.code };
}

/** The light editor surface inside the dark page (the default highlight colours are made for light). */
const THEME = EditorView.theme({
  '&': { height: '100%', fontSize: '12px', backgroundColor: '#f7f9fb', color: '#1b2530' },
  '.cm-scroller': { fontFamily: 'ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace' },
  '.cm-gutters': { backgroundColor: '#e9eef3', color: '#6a7886', borderRight: '1px solid #cfd8e0' },
  '.cm-activeLine': { backgroundColor: '#e8f1fb' },
  '.cm-tooltip': { color: '#1b2530' },
});

/** The open workbench: its panel, editor and map markers. */
class Workbench {
  readonly panel: HTMLElement;
  private readonly view: EditorView;
  private readonly picker: HTMLSelectElement;
  private readonly seed: HTMLInputElement;
  private readonly runButton: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly markers: EditMarkers;
  private name = 'scenario.yaml';
  /** Set when a text is opened: the next compiled geometry frames the map. */
  private frameOnGeometry = false;
  private markerTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly schema: Promise<JsonSchema>;

  constructor(private readonly host: WorkbenchHost) {
    this.schema = call<JsonSchema>('api/schema').catch(() => ({}));
    this.picker = el('select', { id: 'wb-pick', title: 'open a shipped scenario or a stored run' });
    this.seed = el('input', { id: 'wb-seed', type: 'number', step: '1', placeholder: "file's" });
    this.seed.value = host.seed.value;
    this.runButton = el('button', { id: 'wb-run', type: 'button', textContent: '▶ Run' });
    this.runButton.title = 'run one replication on the server and open its replay';
    const close = el('button', {
      id: 'wb-close',
      type: 'button',
      textContent: '×',
      title: 'close the workbench',
    });
    this.status = el('p', { id: 'wb-status' });
    this.status.setAttribute('role', 'status');
    const seedLabel = el('label', { textContent: 'seed ' });
    seedLabel.append(this.seed);
    const bar = el('div', { className: 'wb-bar' });
    bar.append(this.picker, seedLabel, this.runButton, close);
    const editorHost = el('div', { id: 'wb-editor' });
    this.panel = el('section', { id: 'workbench' });
    this.panel.append(bar, this.status, editorHost);
    document.body.append(this.panel);

    this.view = new EditorView({
      parent: editorHost,
      state: EditorState.create({ doc: '', extensions: this.extensions() }),
    });
    this.markers = new EditMarkers(
      host.map,
      (changes) => this.applyEdits(changes),
      () => this.view.state.doc.toString(),
    );
    this.picker.addEventListener('change', () => void this.openPicked(this.picker.value));
    this.runButton.addEventListener('click', () => void this.run());
    close.addEventListener('click', () => closeWorkbench());
  }

  private extensions(): Extension[] {
    return [
      basicSetup,
      yaml(),
      THEME,
      EditorView.lineWrapping,
      lintGutter(),
      linter((view) => this.lint(view), { delay: LINT_DELAY_ms }),
      autocompletion({ override: [(ctx) => this.complete(ctx)], activateOnTyping: true }),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        clearTimeout(this.markerTimer);
        this.markerTimer = setTimeout(() => this.markers.update(this.text()), MARKER_DELAY_ms);
      }),
    ];
  }

  text(): string {
    return this.view.state.doc.toString();
  }

  private async lint(view: EditorView): Promise<Diagnostic[]> {
    const text = view.state.doc.toString();
    if (text.trim() === '') return [];
    let answer: ValidateResponse;
    try {
      answer = await validate(text, this.name);
    } catch (err) {
      this.setStatus(`validation failed: ${errorMessage(err)}`, 'error');
      return [];
    }
    if (view.state.doc.toString() === text) {
      this.markers.showGeometry(answer.geometry);
      // a freshly opened text: frame its weapon coverage and assets once they are compiled
      if (this.frameOnGeometry && answer.geometry) {
        this.frameOnGeometry = false;
        const overlays = scenarioOverlays(answer.geometry);
        const rings = [...overlays.coverage.features, ...overlays.assets.features];
        this.fit(
          rings.flatMap((f) => f.geometry.coordinates[0].map((p) => [p[0], p[1]] as [number, number])),
        );
      }
    }
    const n = answer.problems.length;
    this.panel.dataset.problems = String(n);
    this.setStatus(
      n === 0
        ? `valid${answer.warnings.length ? `, ${answer.warnings.length} warning(s)` : ''}`
        : `${n} problem${n === 1 ? '' : 's'}`,
      n === 0 ? 'info' : 'error',
    );
    return [...answer.problems, ...answer.warnings].map((p) => diagnosticOf(view, p));
  }

  private async complete(ctx: CompletionContext): Promise<CompletionResult | null> {
    const context = cursorContext(ctx.state.doc.toString(), ctx.pos);
    if (context === null) return null;
    // while typing, offer keys once a letter is there; values right after `key: `
    if (!ctx.explicit && context.position === 'key' && context.from === ctx.pos) return null;
    const options = optionsAt(await this.schema, context);
    if (options.length === 0) return null;
    return {
      from: context.from,
      validFor: /^[\w.$-]*$/,
      options: options.map((o) => ({
        label: o.label,
        detail: o.detail,
        info: o.info || undefined,
        type: o.kind === 'key' ? 'property' : 'enum',
        apply: o.kind === 'key' ? `${o.label}: ` : o.label,
      })),
    };
  }

  private applyEdits(changes: TextChange[]): void {
    this.view.dispatch({ changes, userEvent: 'input.drag' });
    this.markers.update(this.text());
  }

  setStatus(text: string, kind: 'info' | 'error' = 'info'): void {
    this.status.textContent = text;
    this.status.className = kind;
  }

  /** Fills the picker: shipped scenarios, then stored runs (newest first). */
  async fillPicker(): Promise<void> {
    const [shipped, runs] = await Promise.all([
      call<ScenarioListResponse>('api/scenarios'),
      call<RunListResponse>('api/runs'),
    ]);
    const keep = this.picker.value;
    const blank = el('option', { value: '', textContent: '— open a scenario or a stored run —' });
    const scenarios = el('optgroup', { label: 'Shipped scenarios' });
    for (const s of shipped.scenarios)
      scenarios.append(
        el('option', { value: `scenario:${s.id}`, textContent: `${s.name} (${s.id})`, title: s.description }),
      );
    const stored = el('optgroup', { label: 'Stored runs' });
    for (const r of runs.runs)
      stored.append(
        el('option', { value: `run:${r.id}`, textContent: `${r.id} · ${r.scenarioName} · seed ${r.seed}` }),
      );
    this.picker.replaceChildren(blank, scenarios, stored);
    this.picker.value = keep;
  }

  /** Shows `value` as the picker's choice (once the picker lists it). */
  showPicked(value: string): void {
    this.picker.value = value;
  }

  /** Loads `scenario:<id>` or `run:<id>` into the editor and frames its units on the map. */
  async openPicked(value: string): Promise<void> {
    const [kind, id] = [value.slice(0, value.indexOf(':')), value.slice(value.indexOf(':') + 1)];
    if (!id || (kind !== 'scenario' && kind !== 'run')) return;
    this.setStatus(`opening ${id}…`);
    try {
      const path =
        kind === 'scenario'
          ? `api/scenarios/${encodeURIComponent(id)}`
          : `api/runs/${encodeURIComponent(id)}/scenario`;
      const answer = await call<ScenarioTextResponse>(path);
      this.showPicked(value);
      this.load(answer.yaml, answer.name);
      this.setStatus(`opened ${answer.name}`);
      this.panel.dataset.loaded = value;
    } catch (err) {
      this.setStatus(errorMessage(err), 'error');
    }
  }

  /** Replaces the editor text (a new document: undo history starts here) and shows its units on the map. */
  load(yamlText: string, name: string): void {
    this.name = name;
    this.view.setState(EditorState.create({ doc: yamlText, extensions: this.extensions() }));
    this.markers.update(yamlText);
    this.frame();
    this.frameOnGeometry = true;
  }

  /** Fits the map to the units and assets of the text (until the compiled geometry frames it better). */
  private frame(): void {
    this.fit(this.markers.points().map((p) => [p.lon_deg, p.lat_deg]));
  }

  /** Fits the map to points (longitude, latitude), with a margin. */
  private fit(points: readonly [number, number][]): void {
    if (points.length === 0) return;
    // a loop rather than a spread into Math.min: a large scenario would overflow the call stack (noArgumentSpread)
    let west = Number.POSITIVE_INFINITY;
    let south = Number.POSITIVE_INFINITY;
    let east = Number.NEGATIVE_INFINITY;
    let north = Number.NEGATIVE_INFINITY;
    for (const [lon, lat] of points) {
      west = Math.min(west, lon);
      east = Math.max(east, lon);
      south = Math.min(south, lat);
      north = Math.max(north, lat);
    }
    const pad = 0.02;
    const bounds: LngLatBoundsLike = [
      [west - pad, south - pad],
      [east + pad, north + pad],
    ];
    this.host.map.fitBounds(bounds, { padding: 50, maxZoom: 12, duration: 0 });
  }

  /** Posts the editor text with the seed (the existing `POST /api/run`), then opens the new run. */
  private async run(): Promise<void> {
    const seedText = this.seed.value.trim();
    const seed = seedText === '' ? undefined : Number(seedText);
    if (seed !== undefined && !Number.isSafeInteger(seed)) {
      this.setStatus('seed: expected an integer', 'error');
      return;
    }
    this.runButton.disabled = true;
    this.setStatus(`running ${this.name}…`);
    try {
      const created = await postRun({
        yaml: this.text(),
        name: this.name,
        ...(seed === undefined ? {} : { seed }),
      });
      await this.host.afterRun(created.id);
      await this.fillPicker();
      this.setStatus(`ran ${this.name} as ${created.id}`);
      this.panel.dataset.lastRun = created.id;
    } catch (err) {
      this.setStatus(errorMessage(err), 'error');
    } finally {
      this.runButton.disabled = false;
    }
  }

  destroy(): void {
    clearTimeout(this.markerTimer);
    this.markers.remove();
    this.view.destroy();
    this.panel.remove();
  }
}

let open: Workbench | null = null;

/**
 * Opens the workbench (or closes it when open). It starts on the scenario of the run in the replay, else on the
 * first shipped scenario. `body[data-editor-ready]` is set once the text is in the editor, with the time from
 * `started_ms` (when the user asked) in `body[data-editor-open-ms]`.
 * @example
 * ```ts
 * const { toggleWorkbench } = await import('./editor.js');
 * await toggleWorkbench({ map, seed, afterRun: (id) => openRun(id) }, performance.now());
 * ```
 */
export async function toggleWorkbench(host: WorkbenchHost, started_ms: number): Promise<void> {
  if (open) {
    closeWorkbench();
    return;
  }
  const workbench = new Workbench(host);
  open = workbench;
  document.body.classList.add('workbench-open');
  // the map is narrower now: size it before a text frames it
  host.map.resize();
  try {
    // the replayed run's text is fetched while the picker fills; without a run, the first shipped scenario
    const run = document.body.dataset.run;
    const listed = workbench.fillPicker();
    const opened = run ? workbench.openPicked(`run:${run}`) : null;
    await listed;
    const first = workbench.panel.querySelector<HTMLOptionElement>('option[value^="scenario:"]')?.value;
    if (opened) {
      await opened;
      workbench.showPicked(`run:${run}`);
    } else if (first) await workbench.openPicked(first);
  } catch (err) {
    workbench.setStatus(errorMessage(err), 'error');
  }
  document.body.dataset.editorOpenMs = (performance.now() - started_ms).toFixed(0);
  document.body.dataset.editorReady = '1';
}

/** Closes the workbench: panel, editor and the map's edit markers go; the replay stays as it was. */
export function closeWorkbench(): void {
  open?.destroy();
  open = null;
  document.body.classList.remove('workbench-open');
  delete document.body.dataset.editorReady;
}
