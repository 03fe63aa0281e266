/**
 * @module server/workbench
 * The routes behind the scenario workbench of the web app (docs/web.md): the shipped scenarios and their text, the
 * text of a stored run's scenario, the JSON Schema of scenario files, and validation of a scenario text with every
 * problem placed on its line, through the same compiler the CLI's `aspis validate` uses (`scenario/load`,
 * `scenario/work`). Validation reads files the way a posted run does (uploads none, the data directory only) and
 * never runs the engine, so it answers in milliseconds while someone types. A text that compiles comes back with its
 * geometry (assets, sector wedges, coverage) for the map.
 *
 *   GET  /api/scenarios            shipped scenarios (`scenarios/*.yaml`): id, name, description, path
 *   GET  /api/scenarios/:id        one shipped scenario's YAML text
 *   GET  /api/runs/:id/scenario    the YAML text a stored run ran
 *   GET  /api/schema               the JSON Schema of scenario files (as `aspis schema` prints it)
 *   POST /api/validate             `{ yaml, name? }` → `{ ok, problems, warnings, geometry }`, each `{ code, path, message,
 *                                  line?, col?, endLine?, endCol? }`
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { parseDocument } from 'yaml';
import { AspisError, type AspisWarning } from '../errors.js';
import { loadCatalog, packageRoot } from '../scenario/catalog.js';
import { confinedInputFiles } from '../scenario/inputFiles.js';
import { parseScenario } from '../scenario/load.js';
import { scenarioJsonSchema } from '../scenario/schema.js';
import { sourceSpanOf } from '../scenario/sourcePositions.js';
import { checkWork } from '../scenario/work.js';
import type { RunStore } from '../store/runStore.js';
import type { ReplayGeometry } from './api.js';
import { apiError, jsonBody, jsonBodyLimit } from './guards.js';
import { scenarioGeometry } from './replay.js';
import type {
  ScenarioListResponse,
  ScenarioProblem,
  ScenarioTextResponse,
  ShippedScenario,
  ValidateResponse,
} from './workbenchApi.js';

/** Settings of the workbench routes. */
export interface WorkbenchSettings {
  readonly store: RunStore;
  /** Largest accepted `POST /api/validate` body, bytes (the server's body limit). */
  readonly maxBodyBytes: number;
  /** Work limit a posted scenario must stay under (validation reports `E_WORK_LIMIT` above it). */
  readonly maxEvents: number;
  /** The folder posted scenarios may read files from, or null (uploads only; validation uploads none). */
  readonly dataDir: string | null;
  /** Folder of the shipped scenarios (default `<package>/scenarios`). */
  readonly scenariosDir?: string;
}

/** Ids of shipped scenarios: file names without `.yaml`, nothing that could name another folder. */
const SCENARIO_ID = /^[a-z0-9][a-z0-9._-]{0,99}$/i;

/** Name and description of a scenario file, by path, with the size and time of the version they were read from. */
const headerCache = new Map<string, { stamp: string; name: string; description: string }>();

/** Name and description of one scenario file (its id and '' when it does not parse), read again only when it changed. */
function scenarioHeader(path: string, id: string): { name: string; description: string } {
  let stamp = '';
  try {
    const stat = statSync(path);
    stamp = `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return { name: id, description: '' };
  }
  const cached = headerCache.get(path);
  if (cached?.stamp === stamp) return cached;
  let name = id;
  let description = '';
  try {
    const doc = parseDocument(readFileSync(path, 'utf8')).toJS() as Record<string, unknown>;
    if (typeof doc?.name === 'string') name = doc.name;
    if (typeof doc?.description === 'string') description = doc.description;
  } catch {
    // listed by its id; opening it shows the problem
  }
  headerCache.set(path, { stamp, name, description });
  return { name, description };
}

/** The shipped scenarios, by file name; name and description read from each file (a broken file shows its id). */
export function listShippedScenarios(dir: string): ShippedScenario[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.yaml') && SCENARIO_ID.test(f.slice(0, -5)));
  } catch {
    return [];
  }
  return files.sort().map((file) => {
    const id = file.slice(0, -5);
    return { id, ...scenarioHeader(join(dir, file), id), path: `scenarios/${file}` };
  });
}

/** `{ line, col }` of a YAML syntax error path `name:line:col`, else where the field path points in the text. */
function placeProblem(
  yamlText: string,
  issue: { code: string; path: string; message: string },
): ScenarioProblem {
  const problem = { ...issue } as ScenarioProblem;
  const parseAt = issue.code === 'E_SCENARIO_PARSE' ? /:(\d+):(\d+)$/.exec(issue.path) : null;
  if (parseAt) return { ...problem, line: Number(parseAt[1]), col: Number(parseAt[2]) };
  // E_WORK_LIMIT names every path that contributes; the first is where to look
  const path = issue.path.split(', ')[0] ?? '';
  const span = path === '' ? null : sourceSpanOf(yamlText, path);
  if (span === null) return problem;
  return { ...problem, line: span.line, col: span.col, endLine: span.endLine, endCol: span.endCol };
}

/**
 * Every problem of a scenario text, placed on its lines: the compiler's coded issues (sorted by path), the work
 * limit, and the warnings. File references read as a posted run reads them.
 * @example
 * ```ts
 * import { validateScenarioText } from '../server/workbench.js';
 * const { problems } = validateScenarioText('name: x\n', 'x.yaml', { maxEvents: 1e9, dataDir: null });
 * console.log(problems[0]?.code); // E_SCENARIO_FIELD (start, assets, … missing)
 * ```
 */
export function validateScenarioText(
  yamlText: string,
  name: string,
  limits: { maxEvents: number; dataDir: string | null },
): ValidateResponse {
  const warnings: AspisWarning[] = [];
  let geometry: ReplayGeometry | null = null;
  const place = (issue: { code: string; path: string; message: string }) => placeProblem(yamlText, issue);
  try {
    const files = confinedInputFiles({ dataDir: limits.dataDir, uploads: new Map() });
    const scenario = parseScenario(yamlText, name, { files, onWarning: (w) => warnings.push(w) });
    geometry = scenarioGeometry(scenario);
    checkWork(scenario, limits.maxEvents);
    return { ok: true, problems: [], warnings: warnings.map(place), geometry };
  } catch (err) {
    if (!(err instanceof AspisError)) throw err;
    const issues = err.issues.map((issue) => {
      const prefix = issue.path ? `${issue.code} ${issue.path}: ` : `${issue.code}: `;
      return issue.message.startsWith(prefix)
        ? { ...issue, message: issue.message.slice(prefix.length) }
        : issue;
    });
    return { ok: false, problems: issues.map(place), warnings: warnings.map(place), geometry };
  }
}

/** Catalog section by the word that opens a field's description ("Radar catalog id …"). */
const CATALOG_SECTION = {
  Radar: 'radars',
  Interceptor: 'interceptors',
  Gun: 'guns',
  Threat: 'threats',
} as const;

/**
 * The scenario schema with the shipped catalog's ids as `examples` on every catalog-id field (radar and threat
 * `type`, `interceptor`, `gun`), so that the editor's completion offers them. Examples, not an enum: a scenario may
 * add its own entries (`catalog:`), and `aspis schema` prints the schema without them.
 */
function withCatalogExamples(schema: Record<string, unknown>): Record<string, unknown> {
  const catalog = loadCatalog();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const match = /^(Radar|Interceptor|Gun|Threat) catalog id/.exec(String(record.description ?? ''));
    if (match && record.type === 'string')
      record.examples = [...catalog[CATALOG_SECTION[match[1] as keyof typeof CATALOG_SECTION]].keys()].sort();
    for (const value of Object.values(record)) visit(value);
  };
  visit(schema);
  return schema;
}

/** Registers the workbench routes (before the API's catch-all 404). */
export function workbenchRoutes(app: Hono, settings: WorkbenchSettings): void {
  const { store, maxBodyBytes, maxEvents, dataDir } = settings;
  const scenariosDir = settings.scenariosDir ?? join(packageRoot(), 'scenarios');
  let schema: Record<string, unknown> | null = null;

  app.get('/api/scenarios', (c) =>
    c.json({ scenarios: listShippedScenarios(scenariosDir) } satisfies ScenarioListResponse),
  );

  app.get('/api/scenarios/:id', (c) => {
    const id = c.req.param('id');
    // only names the listing offers: no path can leave the folder
    const shipped = SCENARIO_ID.test(id)
      ? listShippedScenarios(scenariosDir).find((s) => s.id === id)
      : undefined;
    if (!shipped) return c.json(apiError('E_NOT_FOUND', 'id', `no shipped scenario "${id}"`), 404);
    const yaml = readFileSync(join(scenariosDir, `${id}.yaml`), 'utf8');
    return c.json({ id, name: `${id}.yaml`, yaml } satisfies ScenarioTextResponse);
  });

  app.get('/api/runs/:id/scenario', (c) => {
    const run = store.getRun(c.req.param('id'));
    if (!run) return c.json(apiError('E_NOT_FOUND', 'id', `no run "${c.req.param('id')}"`), 404);
    const scenario = store.getScenario(run.scenarioHash);
    if (!scenario)
      return c.json(apiError('E_NOT_FOUND', 'scenario', `run ${run.id} kept no scenario text`), 404);
    const name = run.scenarioFile.replace(/\\/g, '/').split('/').pop() || 'scenario.yaml';
    return c.json({ id: run.id, name, yaml: scenario.yaml } satisfies ScenarioTextResponse);
  });

  app.get('/api/schema', (c) => {
    schema ??= withCatalogExamples(scenarioJsonSchema());
    return c.json(schema);
  });

  app.post('/api/validate', jsonBodyLimit(maxBodyBytes), async (c) => {
    const parsed = await jsonBody(c);
    if (!parsed.ok) return parsed.response;
    const { yaml, name } = (parsed.body ?? {}) as Record<string, unknown>;
    if (typeof yaml !== 'string')
      return c.json(apiError('E_BAD_REQUEST', 'yaml', 'expected the scenario YAML text as a string'), 400);
    if (name !== undefined && typeof name !== 'string')
      return c.json(apiError('E_BAD_REQUEST', 'name', 'expected a file name'), 400);
    const shown = (name ?? 'scenario.yaml').replace(/[^\w .,+@()-]/g, '_').slice(0, 120) || 'scenario.yaml';
    return c.json(validateScenarioText(yaml, shown, { maxEvents, dataDir }));
  });
}
