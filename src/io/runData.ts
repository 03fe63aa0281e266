/**
 * @module io/runData
 * One finished run, gathered for the exporters (CZML, KML, GeoJSON, CSV) from wherever it lives:
 *
 * - a **run directory** written by `aspis run` (`summary.json`, `events.jsonl`, optional `paths.json`, `report.md`);
 *   the scenario is re-loaded from the file `report.md` names (`Scenario file \`…\``, tried relative to the working
 *   directory, the package and the run directory) or from `options.scenario`; a file whose scenario name differs
 *   from the run's is not used (a warning says so) and the export then has no assets, units or sectors;
 * - a **run id in the run store** (`run-000012`, `12`, a unique prefix or `latest`; store `.aspis/runs.db` unless
 *   `options.store`): summary, event log and paths of one replication (`options.replication`, default 0) and the
 *   scenario from the YAML text the store keeps;
 * - a **scenario file** (`.yaml`/`.yml`): run once here with `options.seed` (default the file's) and paths recorded.
 *
 * When paths are missing (a run saved without them) and the scenario is known, the replication is re-simulated and
 * used only if its event-log hash equals the stored one; otherwise tracks are rebuilt from the events (launch point
 * to end point) and `pathsFrom` says `events`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AspisError } from '../errors.js';
import {
  buildOutcomes,
  type RunJson,
  runToJson,
  storyTimingOf,
  type ThreatOutcome,
  verdictText,
  whyJson,
} from '../outcome/index.js';
import { packageRoot } from '../scenario/catalog.js';
import { loadScenario, parseScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { type RunResult, runScenario } from '../sim/engine.js';
import type { ThreatSummary } from '../sim/summary.js';
import { DEFAULT_STORE_PATH, openRunStore } from '../store/runStore.js';
import type { SimEvent } from '../world/events.js';
import type { PathRecord, RunPaths } from '../world/paths.js';
import { eventsToJsonl } from '../world/recorder.js';
import { parseStart, type TimeBase } from './runDataGeo.js';

/** Where a run came from. */
export interface RunSource {
  readonly kind: 'directory' | 'store' | 'scenario' | 'result';
  /** The reference as given (directory, run id, scenario file). */
  readonly ref: string;
  /** Store run id (store runs only). */
  readonly runId?: string;
}

/** A run ready for export. */
export interface RunData {
  readonly source: RunSource;
  /** The compiled scenario, or null when it could not be found (exports then omit assets, units and sectors). */
  readonly scenario: Scenario | null;
  /** The scenario file the run was made from, as recorded (display only), or null. */
  readonly scenarioFile: string | null;
  readonly scenarioName: string;
  /** Scenario start, ISO-8601 with offset, and its parsed clock. */
  readonly start: string;
  readonly time: TimeBase;
  readonly seed: number;
  readonly replication: number;
  /** SHA-256 of the event log. */
  readonly hash: string;
  readonly events: readonly SimEvent[];
  /** The `aspis run --json` object of the run. */
  readonly summary: RunJson;
  /** Flight paths: recorded, re-simulated, or rebuilt from events (launch → end points). */
  readonly paths: RunPaths;
  readonly pathsFrom: 'recorded' | 'resimulated' | 'events';
  /** Simulation time the exports' clocks end at, s: the scenario duration or the last event/sample, if later. */
  readonly end_s: number;
  /** Things the user should know (scenario not found, paths rebuilt from events, …). */
  readonly warnings: readonly string[];
}

/** Options of `loadRunData`. */
export interface LoadRunOptions {
  /** Run store file (default `.aspis/runs.db`). */
  readonly store?: string;
  /** Seed for a scenario-file reference (default: the file's). Refused for stored runs and directories. */
  readonly seed?: number;
  /** Replication index of a stored run or a scenario file (default 0). */
  readonly replication?: number;
  /** Scenario file to use for a run directory (overrides the one `report.md` names). */
  readonly scenario?: string;
}

const SCENARIO_EXT = /\.ya?ml$/i;

/** Files `aspis run` writes into a run directory. */
const RUN_FILES = new Set(['summary.json', 'events.jsonl', 'paths.json', 'report.md']);

function usage(path: string, message: string, cause?: unknown): AspisError {
  return new AspisError('E_USAGE', path, message, cause === undefined ? undefined : { cause });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing and checking stored pieces

/** Parses a JSONL event log; every line must be an object with a numeric `t_s` and a string `type`. */
export function parseEventsJsonl(text: string, where: string): SimEvent[] {
  const events: SimEvent[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw usage(`${where}:${i + 1}`, `invalid JSON in event log: ${(err as Error).message}`, err);
    }
    if (!isRecord(value) || typeof value.t_s !== 'number' || typeof value.type !== 'string')
      throw usage(`${where}:${i + 1}`, 'an event needs a numeric t_s and a string type');
    events.push(value as unknown as SimEvent);
  }
  return events;
}

function checkNumberArray(v: unknown, n: number | null): v is number[] {
  return Array.isArray(v) && (n === null || v.length === n) && v.every((x) => typeof x === 'number');
}

/** Checks the shape of stored paths (`paths.json` or the store's paths column). */
export function checkPaths(value: unknown, where: string): RunPaths {
  if (!isRecord(value) || !Array.isArray(value.threats) || !Array.isArray(value.interceptors))
    throw usage(where, 'flight paths need "threats" and "interceptors" arrays');
  for (const [group, list] of [
    ['threats', value.threats],
    ['interceptors', value.interceptors],
  ] as const) {
    list.forEach((p: unknown, i: number) => {
      const ok =
        isRecord(p) &&
        typeof p.id === 'string' &&
        typeof p.type === 'string' &&
        checkNumberArray(p.t_s, null) &&
        checkNumberArray(p.lat_deg, p.t_s.length) &&
        checkNumberArray(p.lon_deg, p.t_s.length) &&
        checkNumberArray(p.alt_m, p.t_s.length);
      if (!ok)
        throw usage(
          `${where}: ${group}[${i}]`,
          'a path needs id, type and equally long numeric t_s, lat_deg, lon_deg, alt_m arrays',
        );
    });
  }
  return value as unknown as RunPaths;
}

/** Checks a stored summary (`summary.json` / the store's summary) and fills gaps from the scenario. */
function checkSummary(value: unknown, where: string, scenario: Scenario | null): RunJson {
  if (!isRecord(value)) throw usage(where, 'the run summary is not a JSON object');
  const start = typeof value.start === 'string' ? value.start : scenario?.start;
  if (start === undefined) throw usage(where, 'the run summary has no "start"');
  if (!Array.isArray(value.threats)) throw usage(where, 'the run summary has no "threats" array');
  value.threats.forEach((t: unknown, i: number) => {
    if (!isRecord(t) || typeof t.id !== 'string' || typeof t.fate !== 'string')
      throw usage(`${where}: threats[${i}]`, 'a threat summary needs an id and a fate');
  });
  return {
    ...(value as unknown as RunJson),
    scenario: typeof value.scenario === 'string' ? value.scenario : (scenario?.name ?? ''),
    start,
  };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : (err as Error).message;
    throw usage(path, `cannot read ${what}: ${reason}`, err);
  }
}

function readJson(path: string, what: string): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw usage(path, `${what} is not valid JSON: ${(err as Error).message}`, err);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Paths from events

/** Rebuilds coarse paths from the event log: threats launch → end point, interceptors unit → end point. */
export function pathsFromEvents(events: readonly SimEvent[], scenario: Scenario | null): RunPaths {
  const threats = new Map<string, PathRecord>();
  const interceptors = new Map<string, PathRecord>();
  const push = (p: PathRecord, t: number, pt: { lat_deg: number; lon_deg: number; alt_m: number }): void => {
    p.t_s.push(t);
    p.lat_deg.push(pt.lat_deg);
    p.lon_deg.push(pt.lon_deg);
    p.alt_m.push(pt.alt_m);
  };
  const empty = (id: string, kind: PathRecord['kind'], type: string, unitId: string | null): PathRecord => ({
    id,
    kind,
    type,
    unitId,
    t_s: [],
    lat_deg: [],
    lon_deg: [],
    alt_m: [],
  });
  const units = new Map(scenario?.units.map((u) => [u.id, u.position]) ?? []);
  for (const e of events) {
    if (e.type === 'threat.launch') {
      const p = empty(e.threatId, 'threat', e.threatType, null);
      push(p, e.t_s, e.from);
      threats.set(e.threatId, p);
    } else if (e.type === 'threat.killed' || e.type === 'threat.impact' || e.type === 'threat.failed') {
      const p = threats.get(e.threatId);
      if (p && e.t_s > p.t_s[p.t_s.length - 1]) push(p, e.t_s, e.point);
    } else if (e.type === 'interceptor.launch') {
      const p = empty(e.interceptorId, 'interceptor', e.interceptorType, e.unitId);
      const site = units.get(e.unitId);
      if (site)
        push(p, e.t_s, {
          lat_deg: (site.lat_rad * 180) / Math.PI,
          lon_deg: (site.lon_rad * 180) / Math.PI,
          alt_m: site.h_m,
        });
      interceptors.set(e.interceptorId, p);
    } else if (e.type === 'interceptor.end' && e.point) {
      const p = interceptors.get(e.interceptorId);
      if (p && (p.t_s.length === 0 || e.t_s > p.t_s[p.t_s.length - 1])) push(p, e.t_s, e.point);
    }
  }
  const nonEmpty = (list: Iterable<PathRecord>): PathRecord[] => [...list].filter((p) => p.t_s.length > 0);
  return { threats: nonEmpty(threats.values()), interceptors: nonEmpty(interceptors.values()) };
}

// ---------------------------------------------------------------------------------------------------------------
// Assembling

interface Pieces {
  source: RunSource;
  scenario: Scenario | null;
  scenarioFile: string | null;
  summary: unknown;
  summaryWhere: string;
  events: SimEvent[] | null;
  paths: RunPaths | null;
  seed: number | null;
  replication: number;
  warnings: string[];
}

function lastTime(events: readonly SimEvent[], paths: RunPaths): number {
  let end = 0;
  for (const e of events) if (e.t_s > end) end = e.t_s;
  for (const p of [...paths.threats, ...paths.interceptors])
    for (const t of p.t_s) if (Number.isFinite(t) && t > end) end = t;
  return end;
}

function assemble(p: Pieces): RunData {
  let summary = checkSummary(p.summary, p.summaryWhere, p.scenario);
  let events = p.events;
  let paths = p.paths;
  let pathsFrom: RunData['pathsFrom'] = 'recorded';
  const seed = p.seed ?? (typeof summary.seed === 'number' ? summary.seed : null);
  if ((events === null || paths === null) && p.scenario !== null && seed !== null) {
    const again = runScenario(p.scenario, { seed, replication: p.replication, recordPaths: true });
    if (again.hash === summary.hash) {
      if (events === null) {
        // a replication stored without its log (Monte Carlo): the re-run is the same run, with its full summary
        events = parseEventsJsonl(eventsToJsonl(again.events), p.source.ref);
        summary = checkSummary(
          runToJson(again, { scenario: p.scenario, scenarioFile: p.scenarioFile }),
          p.summaryWhere,
          p.scenario,
        );
      }
      if (paths === null) {
        paths = again.paths;
        pathsFrom = 'resimulated';
      }
    } else if (events === null) {
      throw usage(
        p.source.ref,
        `the run has no stored event log and re-running its scenario gives a different log (hash ${again.hash.slice(0, 12)}… ≠ ${String(summary.hash).slice(0, 12)}…); the scenario or the code changed`,
      );
    } else {
      p.warnings.push('re-running the scenario did not reproduce the run; tracks are rebuilt from events');
    }
  }
  if (events === null) throw usage(p.source.ref, 'the run has no event log and its scenario is unknown');
  if (paths === null) {
    paths = pathsFromEvents(events, p.scenario);
    pathsFrom = 'events';
    if (!p.warnings.some((w) => w.includes('rebuilt from events')))
      p.warnings.push(
        'no flight paths were recorded; tracks are rebuilt from events (launch and end points only)',
      );
  }
  if (p.scenario !== null && summary.scenario !== '' && p.scenario.name !== summary.scenario) {
    p.warnings.push(
      `scenario "${p.scenario.name}" is not the run's scenario "${summary.scenario}"; assets, units and sectors may not match`,
    );
  }
  // a summary written before outcomes were recorded has no `why`: build it from the log (as `aspis run` would)
  const why = Array.isArray(summary.why)
    ? summary.why
    : whyJson(buildOutcomes(events, p.scenario === null ? undefined : storyTimingOf(p.scenario)));
  summary = {
    ...summary,
    seed: seed ?? summary.seed,
    scenarioFile: typeof summary.scenarioFile === 'string' ? summary.scenarioFile : p.scenarioFile,
    why,
  };
  const end_s = Math.max(p.scenario?.duration_s ?? 0, lastTime(events, paths));
  return {
    source: p.source,
    scenario: p.scenario,
    scenarioFile: p.scenarioFile,
    scenarioName: summary.scenario || p.scenario?.name || '',
    start: summary.start,
    time: parseStart(summary.start),
    seed: summary.seed,
    replication: p.replication,
    hash: summary.hash,
    events,
    summary,
    paths,
    pathsFrom,
    end_s,
    warnings: p.warnings,
  };
}

/**
 * Run data from a finished in-memory run (paths recorded or rebuilt from events). Events go through the canonical
 * JSONL form first (as `events.jsonl` and the store hold them), so exporting a run from memory, a directory or the
 * store gives byte-identical files.
 */
export function runDataFromResult(
  result: RunResult,
  scenario: Scenario,
  source: RunSource = { kind: 'result', ref: scenario.name },
  scenarioFile: string | null = null,
): RunData {
  return assemble({
    source,
    scenario,
    scenarioFile,
    summary: runToJson(result, { scenario, scenarioFile }),
    summaryWhere: source.ref,
    events: parseEventsJsonl(eventsToJsonl(result.events), source.ref),
    paths: result.paths,
    seed: result.seed,
    replication: result.replication,
    warnings: [],
  });
}

/** The scenario file `report.md` names (`Scenario file \`…\``), or null. */
export function scenarioFileFromReport(reportText: string): string | null {
  const m = /Scenario file `([^`\n]+)`/.exec(reportText);
  return m ? m[1] : null;
}

function loadDirectory(dir: string, options: LoadRunOptions): RunData {
  const summaryPath = join(dir, 'summary.json');
  if (!existsSync(summaryPath))
    throw usage(dir, 'not a run directory: no summary.json (write one with `aspis run --out DIR`)');
  const summary = readJson(summaryPath, 'run summary');
  const warnings: string[] = [];
  // the scenario: explicit, or as recorded in summary.json (scenarioFile) or report.md
  let scenarioFile: string | null = null;
  if (isRecord(summary) && typeof summary.scenarioFile === 'string') scenarioFile = summary.scenarioFile;
  const reportPath = join(dir, 'report.md');
  if (scenarioFile === null && existsSync(reportPath))
    scenarioFile = scenarioFileFromReport(readText(reportPath, 'run report'));
  let scenario: Scenario | null = null;
  if (options.scenario !== undefined) {
    scenario = loadScenario(options.scenario);
    scenarioFile = options.scenario;
  } else if (scenarioFile !== null) {
    const candidates = [
      resolve(scenarioFile),
      resolve(packageRoot(), scenarioFile),
      resolve(dir, scenarioFile),
    ];
    const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
    const runName = isRecord(summary) && typeof summary.scenario === 'string' ? summary.scenario : null;
    if (found === undefined) {
      warnings.push(
        `scenario file ${scenarioFile} not found; export has no assets, units or sectors (use --scenario)`,
      );
    } else {
      let loaded: Scenario | null = null;
      try {
        loaded = loadScenario(found);
      } catch (err) {
        if (!(err instanceof AspisError)) throw err;
        warnings.push(
          `scenario file ${scenarioFile} does not compile (${err.message}); not used (use --scenario)`,
        );
      }
      if (loaded !== null && runName !== null && loaded.name !== runName)
        warnings.push(
          `scenario file ${scenarioFile} is now "${loaded.name}", not the run's "${runName}"; not used (use --scenario)`,
        );
      else if (loaded !== null) scenario = loaded;
    }
  } else {
    warnings.push(
      'the run does not name its scenario file; export has no assets, units or sectors (use --scenario)',
    );
  }
  const eventsPath = join(dir, 'events.jsonl');
  const events = existsSync(eventsPath)
    ? parseEventsJsonl(readText(eventsPath, 'event log'), eventsPath)
    : null;
  const pathsPath = join(dir, 'paths.json');
  const paths = existsSync(pathsPath) ? checkPaths(readJson(pathsPath, 'flight paths'), pathsPath) : null;
  return assemble({
    source: { kind: 'directory', ref: dir },
    scenario,
    scenarioFile,
    summary,
    summaryWhere: summaryPath,
    events,
    paths,
    seed: null,
    replication: options.replication ?? 0,
    warnings,
  });
}

function loadStored(ref: string, storePath: string, options: LoadRunOptions): RunData {
  const store = openRunStore(storePath);
  try {
    const run = store.getRun(ref);
    if (!run)
      throw usage(
        ref,
        `no run directory, scenario file or stored run "${ref}" (store ${storePath}; list runs with \`aspis runs list\`)`,
      );
    const replication = options.replication ?? 0;
    const rep = store.getReplication(run.id, replication);
    if (!rep) {
      const have = store.completedReplications(run.id);
      throw usage(
        '--replication',
        `${run.id} has no replication ${replication}${have.length ? ` (stored: ${have.slice(0, 10).join(', ')}${have.length > 10 ? ', …' : ''})` : ' (none stored)'}`,
      );
    }
    const warnings: string[] = [];
    const stored = store.getScenario(run.scenarioHash);
    let scenario: Scenario | null = null;
    if (stored) {
      try {
        scenario = parseScenario(stored.yaml, run.scenarioFile);
      } catch (err) {
        if (!(err instanceof AspisError)) throw err;
        warnings.push(
          `the stored scenario no longer compiles (${err.message}); export has no assets, units or sectors`,
        );
      }
    } else
      warnings.push(`the store has no scenario text for ${run.id}; export has no assets, units or sectors`);
    const where = `${run.id}#${replication}`;
    const summary = isRecord(rep.summary) ? { ...rep.summary } : rep.summary;
    if (isRecord(summary) && typeof summary.hash !== 'string') summary.hash = rep.hash;
    return assemble({
      source: { kind: 'store', ref, runId: run.id },
      scenario,
      scenarioFile: run.scenarioFile,
      summary,
      summaryWhere: `${where} summary`,
      events: rep.events === null ? null : parseEventsJsonl(rep.events, `${where} events`),
      paths: rep.paths === null ? null : checkPaths(rep.paths, `${where} paths`),
      seed: run.seed,
      replication,
      warnings,
    });
  } finally {
    store.close();
  }
}

/**
 * Loads a run for export from a run directory, a stored run id or a scenario file (see the module comment).
 * @throws AspisError `E_USAGE` for an unknown reference, a damaged run or a misplaced option; `E_SCENARIO_FILE`
 *   (and the scenario codes) for a scenario file that is missing or invalid
 * @example
 * ```ts
 * import { loadRunData } from 'aspis';
 * const fromDir = loadRunData('runs/al-asad-2020-seed1'); // a run directory
 * const fromStore = loadRunData('latest', { store: '.aspis/runs.db' }); // or a stored run id
 * const fresh = loadRunData('scenarios/al-asad-2020.yaml', { seed: 1 }); // or run a scenario
 * ```
 */
export function loadRunData(ref: string, options: LoadRunOptions = {}): RunData {
  if (ref.trim() === '') throw usage('run', 'give a run directory, a stored run id or a scenario file');
  if (
    options.replication !== undefined &&
    (!Number.isInteger(options.replication) || options.replication < 0)
  )
    throw usage('--replication', `expected an integer ≥ 0, got ${options.replication}`);
  if (existsSync(ref)) {
    const stat = statSync(ref);
    // a run file (summary.json, events.jsonl, paths.json, report.md) stands for its directory
    if (stat.isFile() && RUN_FILES.has(basename(ref))) return loadRunData(dirname(ref), options);
    if (stat.isDirectory()) {
      if (options.seed !== undefined)
        throw usage('--seed', 'a run directory already has its seed; --seed only applies to a scenario file');
      return loadDirectory(ref, options);
    }
    if (options.seed !== undefined && !Number.isSafeInteger(options.seed))
      throw usage('--seed', `expected an integer, got ${options.seed}`);
    const scenario = loadScenario(ref);
    const result = runScenario(scenario, {
      seed: options.seed,
      replication: options.replication,
      recordPaths: true,
    });
    return runDataFromResult(result, scenario, { kind: 'scenario', ref }, ref);
  }
  if (SCENARIO_EXT.test(ref) || ref.includes('/') || ref.includes('\\')) {
    if (SCENARIO_EXT.test(ref))
      throw new AspisError('E_SCENARIO_FILE', ref, 'cannot read scenario file: file not found');
    throw usage(ref, 'no such run directory or file');
  }
  const storePath = options.store ?? DEFAULT_STORE_PATH;
  if (!existsSync(storePath))
    throw usage(
      ref,
      `no run directory or scenario file "${ref}", and no run store at ${storePath} to look it up in (--store)`,
    );
  if (options.seed !== undefined)
    throw usage('--seed', 'a stored run already has its seed; --seed only applies to a scenario file');
  return loadStored(ref, storePath, options);
}

/** The threat summaries of a run by id. */
export function threatsById(run: RunData): Map<string, ThreatSummary> {
  return new Map(run.summary.threats.map((t) => [t.id, t]));
}

/** Each threat's outcome record (`summary.why`, `outcome/`) by threat id. */
export function outcomesById(run: RunData): Map<string, ThreatOutcome> {
  return new Map((run.summary.why ?? []).map((o) => [o.threatId, o]));
}

/** The outcome fields every export attaches to a threat: code, leak category, responsible unit, verdict. */
export function outcomeProperties(o: ThreatOutcome | undefined): {
  outcomeCode: string | null;
  leakCategory: string | null;
  responsibleUnit: string | null;
  why: string | null;
} {
  return {
    outcomeCode: o?.code ?? null,
    leakCategory: o?.category ?? null,
    responsibleUnit: o?.unitId ?? null,
    why: o === undefined ? null : verdictText(o),
  };
}

/** Result of each interceptor's flight (`interceptor.end`) by interceptor id. */
export function interceptorResults(run: RunData): Map<string, 'kill' | 'miss' | 'no-intercept'> {
  const out = new Map<string, 'kill' | 'miss' | 'no-intercept'>();
  for (const e of run.events) if (e.type === 'interceptor.end') out.set(e.interceptorId, e.result);
  return out;
}
