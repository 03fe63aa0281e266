/**
 * @module server/app
 * The HTTP application behind `aspis serve` (Hono): a JSON API over the run store and the built web app.
 *
 *   GET  /api/runs                 runs, newest first (with totals for single runs)
 *   GET  /api/runs/:id             one run: row, summary of replication 0, Monte Carlo aggregate
 *   GET  /api/runs/:id/replay      geometry, events, paths and threat stories of a replication (`?replication=i`)
 *   POST /api/run                  `{ yaml, seed?, name?, files? }` → validated, run with paths recorded, stored → 201
 *                                  `{ id }`; file references only to `files` (base64, by name) or inside `dataDir`;
 *                                  computed in a worker thread of the run pool, under the server's work and wall-time
 *                                  limits
 *   GET  /api/health               `{ ok, running, queued }`, answered while runs compute
 *   GET  /api/jobs                 runs being computed or queued
 *   DELETE /api/jobs/:id           cancels one (its POST answers 409 E_CANCELLED)
 *   GET  /api/scenarios[/:id], GET /api/runs/:id/scenario, GET /api/schema, POST /api/validate
 *                                  the scenario workbench (`server/workbench`)
 *   POST /api/mc, GET /api/jobs/:id, GET /api/runs/:id/mc, GET /api/compare
 *                                  Monte Carlo batches from the page and the compare view (`server/mcRoutes`)
 *   GET  /*                        files of the built web app (no way out of its directory)
 *
 * Guards (`server/guards`): with a token, every /api request needs `Authorization: Bearer <token>` (or `?token=`); without one the
 * server only answers requests addressed to a loopback host name (so a web page on another site cannot reach it
 * through DNS rebinding). Cross-origin API calls are refused, POST bodies must be JSON and at most `maxBodyBytes`.
 */
import { basename } from 'node:path';
import { type Context, Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AspisError } from '../errors.js';
import { MAX_SEED } from '../math/rng.js';
import { SERVER_MAX_EVENTS } from '../scenario/work.js';
import type { RunTotals } from '../sim/summary.js';
import { SERVER_MAX_WALL_s } from '../sim/watchdog.js';
import type { RunStore } from '../store/runStore.js';
import { storeSingleRun } from '../store/storeRun.js';
import type {
  ApiError,
  ApiErrorCode,
  HealthResponse,
  JobListResponse,
  RunCreatedResponse,
  RunListItem,
} from './api.js';
import { apiError, installGuards, jsonBody, jsonBodyLimit } from './guards.js';
import { mcRoutes, type RunRouteSettings } from './mcRoutes.js';
import { buildReplay } from './replay.js';
import { createRunPool, type RunPool } from './runPool.js';
import { resolveStaticPath, staticResponse } from './static.js';
import { workbenchRoutes } from './workbench.js'; // scenario workbench (issue 13)

/** Largest accepted request body, bytes (a scenario file is a few kB). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Options of `createApp`. */
export interface AppOptions {
  /** The run store the API reads and `POST /api/run` writes. */
  readonly store: RunStore;
  /** Directory of the built web app (`dist/web`), or null to serve the API only. */
  readonly staticDir: string | null;
  /** When set, /api requests must carry it (`Authorization: Bearer …` or `?token=`). */
  readonly token?: string | null;
  /** Request body limit, bytes (default `MAX_BODY_BYTES`). */
  readonly maxBodyBytes?: number;
  /**
   * The only folder posted scenarios may read files from (`terrain.dem: dems/x.tif`), symlinks resolved; null:
   * uploaded files only (`scenario/inputFiles`, docs/web.md).
   */
  readonly dataDir?: string | null;
  /** Where unexpected errors are reported (default: one line on stderr). */
  readonly onInternalError?: (err: unknown) => void;
  /** Worker threads that run posted scenarios (default: a pool of one, created here). */
  readonly runPool?: RunPool;
  /** Work limit of a posted scenario, work units (default `SERVER_MAX_EVENTS`; docs/limits.md). */
  readonly maxEvents?: number;
  /** Wall-time budget of a posted run, s (default `SERVER_MAX_WALL_s`). */
  readonly maxWall_s?: number;
}

/** HTTP status of a coded failure of a posted run. */
function runFailureStatus(code: ApiErrorCode): ContentfulStatusCode {
  if (code === 'E_CANCELLED') return 409;
  if (code === 'E_WALL_TIME' || code === 'E_BUSY') return 503;
  return 400;
}

export { isLoopbackHostname } from './guards.js';

/** A validated `POST /api/run` body, or the field that is wrong (`POST /api/mc` checks the same fields). */
export function validateRunRequest(body: unknown):
  | {
      ok: true;
      yaml: string;
      seed: number | undefined;
      name: string;
      uploads: Map<string, Uint8Array>;
    }
  | { ok: false; error: ApiError } {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return {
      ok: false,
      error: apiError('E_BAD_REQUEST', '', 'expected a JSON object { yaml, seed?, name? }'),
    };
  const { yaml, seed, name, files } = body as Record<string, unknown>;
  if (typeof yaml !== 'string' || yaml.trim() === '')
    return {
      ok: false,
      error: apiError('E_BAD_REQUEST', 'yaml', 'expected the scenario YAML text as a string'),
    };
  if (
    seed !== undefined &&
    seed !== null &&
    !(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= MAX_SEED)
  )
    return { ok: false, error: apiError('E_BAD_REQUEST', 'seed', `expected an integer in 0..${MAX_SEED}`) };
  if (name !== undefined && typeof name !== 'string')
    return { ok: false, error: apiError('E_BAD_REQUEST', 'name', 'expected a file name') };
  const uploads = uploadedFiles(files);
  if (!(uploads instanceof Map)) return { ok: false, error: uploads };
  // a display name only: no directories, printable, bounded
  const shown = basename(String(name ?? 'scenario.yaml').replace(/\\/g, '/'))
    .replace(/[^\w .,+@()-]/g, '_')
    .slice(0, 120);
  return {
    ok: true,
    yaml,
    seed: typeof seed === 'number' ? seed : undefined,
    name: shown || 'scenario.yaml',
    uploads,
  };
}

/** `files: { "<name as the scenario writes it>": "<base64>" }` → bytes by name, or the field that is wrong. */
function uploadedFiles(files: unknown): Map<string, Uint8Array> | ApiError {
  const uploads = new Map<string, Uint8Array>();
  if (files === undefined || files === null) return uploads;
  if (typeof files !== 'object' || Array.isArray(files))
    return apiError('E_BAD_REQUEST', 'files', 'expected an object { name: base64 bytes }');
  for (const [name, data] of Object.entries(files as Record<string, unknown>)) {
    if (typeof data !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(data))
      return apiError('E_BAD_REQUEST', `files.${name}`, 'expected the file bytes as base64');
    uploads.set(name, new Uint8Array(Buffer.from(data, 'base64')));
  }
  return uploads;
}

/** Totals of a single run's replication 0, when it has a summary with totals. */
function runTotals(store: RunStore, runId: string): RunTotals | null {
  const first = store.listReplications(runId)[0];
  const totals = (first?.summary as { totals?: RunTotals } | null | undefined)?.totals;
  return totals ?? null;
}

/** Health and the job list of the run pool (answered while runs compute), and job cancellation. */
function jobRoutes(app: Hono, runPool: RunPool): void {
  app.get('/api/health', (c) => {
    const jobs = runPool.list();
    const health: HealthResponse = {
      ok: true,
      running: jobs.filter((j) => j.state === 'running').length,
      queued: jobs.filter((j) => j.state === 'queued').length,
    };
    return c.json(health);
  });

  app.get('/api/jobs', (c) => c.json({ jobs: runPool.list() } satisfies JobListResponse));

  app.delete('/api/jobs/:id', (c) => {
    const id = c.req.param('id');
    if (!runPool.cancel(id))
      return c.json(apiError('E_NOT_FOUND', 'id', `no queued or running job "${id}"`), 404);
    return c.json({ id, cancelled: true });
  });
}

/** Reads of the run store: the run list, one run, and the replay of one replication. */
function runReadRoutes(app: Hono, store: RunStore): void {
  app.get('/api/runs', (c) => {
    const runs: RunListItem[] = store
      .listRuns()
      .map((run) => ({ ...run, totals: run.kind === 'single' ? runTotals(store, run.id) : null }));
    return c.json({ runs });
  });

  app.get('/api/runs/:id', (c) => {
    const run = store.getRun(c.req.param('id'));
    if (!run) return c.json(apiError('E_NOT_FOUND', 'id', `no run "${c.req.param('id')}"`), 404);
    const first = store.listReplications(run.id)[0];
    return c.json({ run, summary: first?.summary ?? null, aggregate: store.getAggregate(run.id) });
  });

  app.get('/api/runs/:id/replay', (c) => replayAnswer(c, store, c.req.param('id')));
}

/** `GET /api/runs/:id/replay`: the replay of a stored replication that kept its event log. */
function replayAnswer(c: Context, store: RunStore, id: string): Response {
  const run = store.getRun(id);
  if (!run) return c.json(apiError('E_NOT_FOUND', 'id', `no run "${id}"`), 404);
  const replicationText = c.req.query('replication') ?? '0';
  if (!/^\d{1,9}$/.test(replicationText))
    return c.json(apiError('E_BAD_REQUEST', 'replication', 'expected a replication index ≥ 0'), 400);
  const replication = store.getReplication(run.id, Number(replicationText));
  if (!replication)
    return c.json(
      apiError('E_NOT_FOUND', 'replication', `run ${run.id} has no replication ${replicationText}`),
      404,
    );
  if (replication.events === null)
    return c.json(
      apiError(
        'E_NO_REPLAY',
        'replication',
        `run ${run.id} replication ${replicationText} kept no event log (Monte Carlo runs store summaries only)`,
      ),
      404,
    );
  const scenario = store.getScenario(run.scenarioHash);
  return c.json(buildReplay(run, { ...replication, events: replication.events }, scenario?.yaml ?? null));
}

/** `POST /api/run`: a JSON body, validated, computed in the run pool under the server's limits, stored. */
function runSubmitRoute(app: Hono, settings: RunRouteSettings): void {
  const { store, runPool, maxBodyBytes, maxEvents, maxWall_s, dataDir } = settings;
  app.post('/api/run', jsonBodyLimit(maxBodyBytes), async (c) => {
    const parsed = await jsonBody(c);
    if (!parsed.ok) return parsed.response;
    const request = validateRunRequest(parsed.body);
    if (!request.ok) return c.json(request.error, 400);
    // compile (file references: uploaded alongside or inside the data directory, nothing else —
    // scenario/inputFiles), limits and run happen in a worker thread: this thread keeps answering reads meanwhile
    const job = runPool.submit({
      yaml: request.yaml,
      name: request.name,
      seed: request.seed,
      maxEvents,
      maxWall_s,
      dataDir,
      uploads: request.uploads,
    });
    if (job === null)
      return c.json(apiError('E_BUSY', '', 'too many runs queued; try again when one has finished'), 503);
    const outcome = await job.outcome;
    if (!outcome.ok) {
      if (outcome.error === undefined) throw new Error(`run ${job.id} failed: ${outcome.internal}`);
      const { code, path, message } = outcome.error;
      return c.json(apiError(code, path, message), runFailureStatus(code));
    }
    const { result, outcomes, inputs } = outcome;
    const { id, summary } = storeSingleRun(store, result, {
      yaml: request.yaml,
      scenarioFile: request.name,
      source: 'web',
      outcomes,
      inputs,
    });
    const created: RunCreatedResponse = { id, hash: result.hash, summary };
    return c.json(created, 201);
  });
}

/** The API's 404 for unknown routes, then the files of the built web app. */
function staticRoutes(app: Hono, staticDir: string | null): void {
  app.all('/api/*', (c) =>
    c.json(apiError('E_NOT_FOUND', 'path', `no API route ${c.req.method} ${c.req.path}`), 404),
  );

  app.get('*', async (c) => {
    if (staticDir === null) return c.text('not found', 404);
    const resolution = resolveStaticPath(staticDir, new URL(c.req.url).pathname);
    if (resolution.kind === 'bad-request') return c.text(`bad request: ${resolution.reason}`, 400);
    if (resolution.kind === 'not-found') {
      const root = new URL(c.req.url).pathname === '/';
      return root
        ? c.text('the web app is not built: run `npm run build:web` (vite build) first', 503)
        : c.text('not found', 404);
    }
    return staticResponse(resolution);
  });
}

/** Coded `AspisError`s answer 400 with their code; anything else is logged and answers 500. */
function errorHandler(app: Hono, onInternalError: (err: unknown) => void): void {
  app.onError((err, c) => {
    if (err instanceof AspisError) {
      const status: ContentfulStatusCode = 400;
      const prefix = err.path ? `${err.code} ${err.path}: ` : `${err.code}: `;
      const message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
      return c.json(apiError(err.code, err.path, message), status);
    }
    onInternalError(err);
    return c.json(apiError('E_INTERNAL', '', 'internal error (see the server log)'), 500);
  });
}

/**
 * Builds the Hono application. The store stays owned by the caller (close it after the server).
 * @example
 * ```ts
 * import { createApp, openRunStore } from 'aspis';
 * const app = createApp({ store: openRunStore(':memory:'), staticDir: null });
 * const res = await app.request('/api/runs'); // a Hono app: mount it or call it directly
 * ```
 */
export function createApp(options: AppOptions): Hono {
  const { store, staticDir } = options;
  const onInternalError =
    options.onInternalError ??
    ((err: unknown) =>
      process.stderr.write(`aspis serve: ${err instanceof Error ? err.message : String(err)}\n`));
  const runPool = options.runPool ?? createRunPool();
  const app = new Hono();
  installGuards(app, options.token ?? null);
  jobRoutes(app, runPool);
  runReadRoutes(app, store);
  const settings: RunRouteSettings = {
    store,
    runPool,
    maxBodyBytes: options.maxBodyBytes ?? MAX_BODY_BYTES,
    maxEvents: options.maxEvents ?? SERVER_MAX_EVENTS,
    maxWall_s: options.maxWall_s ?? SERVER_MAX_WALL_s,
    dataDir: options.dataDir ?? null,
  };
  runSubmitRoute(app, settings);
  // scenario workbench (issue 13): shipped scenarios, a run's scenario text, schema, validation
  workbenchRoutes(app, settings);
  // Monte Carlo from the page and the compare view (issue 13)
  mcRoutes(app, { ...settings, validateRunRequest, onInternalError });
  staticRoutes(app, staticDir);
  errorHandler(app, onInternalError);
  return app;
}
