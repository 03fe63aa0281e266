/**
 * @module server/mcRoutes
 * The HTTP routes of Monte Carlo in the browser and of the compare view (`server/app` registers them):
 *
 *   POST /api/mc                   `{ yaml, runs, seed?, name?, files? }` → 202 `{ job, runs }`: the batch runs in the
 *                                  run pool (`server/mcJob`) and is stored when it finishes
 *   GET  /api/jobs/:id             a queued or running job with its progress (replications done / total), or a
 *                                  finished batch: done (with its run id), failed (with the coded error) or cancelled
 *   GET  /api/runs/:id/mc          a stored batch as the MC report reads it (`server/mcView`)
 *   GET  /api/compare?a=ID&b=ID    two stored runs side by side with the differences b − a
 *
 * The page reruns a stored run's scenario as a batch through `GET /api/runs/:id/scenario` (`server/workbench`).
 * Cancel a batch with the existing `DELETE /api/jobs/:id`: its worker is terminated and nothing is stored.
 */
import type { Hono } from 'hono';
import type { RunStore } from '../store/runStore.js';
import type { ApiError, JobStatusResponse, McStartedResponse } from './api.js';
import { apiError, jsonBody, jsonBodyLimit } from './guards.js';
import { MAX_SERVER_MC_RUNS, type McJob, storeMcOutcome } from './mcJob.js';
import { buildCompare, buildMcView } from './mcView.js';
import type { RunPool } from './runPool.js';

/** Finished batches remembered for `GET /api/jobs/:id` (oldest forgotten first). */
const FINISHED_KEPT = 100;

/** A validated run request (`server/app` `validateRunRequest`). */
export type RunRequestCheck = (
  body: unknown,
) =>
  | { ok: true; yaml: string; seed: number | undefined; name: string; uploads: Map<string, Uint8Array> }
  | { ok: false; error: ApiError };

/**
 * Settings of `POST /api/run`: where posted runs compute, their limits and what they may read.
 * @example
 * const settings: RunRouteSettings = { store, runPool, maxBodyBytes: 1 << 20, maxEvents: 1e7, maxWall_s: 60, dataDir: null };
 */
export interface RunRouteSettings {
  readonly store: RunStore;
  readonly runPool: RunPool;
  readonly maxBodyBytes: number;
  /** Work limit of one run (of one replication, for a batch), work units. */
  readonly maxEvents: number;
  /** Wall-time budget of a run (of a whole batch), s. */
  readonly maxWall_s: number;
  readonly dataDir: string | null;
}

/** Settings of the Monte Carlo routes: those of `POST /api/run`, its body check and an error sink. */
export interface McRouteSettings extends RunRouteSettings {
  /** The body check `POST /api/run` uses (yaml, seed, name, files). */
  readonly validateRunRequest: RunRequestCheck;
  /** Where a failure to store a finished batch is reported. */
  readonly onInternalError: (err: unknown) => void;
}

/** `runs` of a `POST /api/mc` body, or the error. */
function runsOf(body: unknown): number | ApiError {
  const runs = (body as { runs?: unknown }).runs;
  if (typeof runs === 'number' && Number.isInteger(runs) && runs >= 1 && runs <= MAX_SERVER_MC_RUNS)
    return runs;
  return apiError(
    'E_BAD_REQUEST',
    'runs',
    `expected an integer number of replications in 1..${MAX_SERVER_MC_RUNS}`,
  );
}

/**
 * Registers the Monte Carlo and compare routes on `app` (before its catch-all 404).
 * @example
 * ```ts
 * import { mcRoutes } from 'aspis/server/mcRoutes'; // internal: createApp calls it
 * mcRoutes(app, { store, runPool, maxBodyBytes, maxEvents, maxWall_s, dataDir, validateRunRequest, onInternalError });
 * ```
 */
export function mcRoutes(app: Hono, settings: McRouteSettings): void {
  const { store, runPool } = settings;
  const finished = new Map<string, JobStatusResponse>();
  const remember = (status: JobStatusResponse): void => {
    finished.set(status.id, status);
    while (finished.size > FINISHED_KEPT) finished.delete(finished.keys().next().value as string);
  };

  app.post('/api/mc', jsonBodyLimit(settings.maxBodyBytes), async (c) => {
    const parsed = await jsonBody(c);
    if (!parsed.ok) return parsed.response;
    const body = parsed.body;
    const request = settings.validateRunRequest(body);
    if (!request.ok) return c.json(request.error, 400);
    const runs = runsOf(body);
    if (typeof runs !== 'number') return c.json(runs, 400);
    const job: McJob = {
      kind: 'mc',
      yaml: request.yaml,
      name: request.name,
      seed: request.seed,
      runs,
      maxEvents: settings.maxEvents,
      maxWall_s: settings.maxWall_s,
      dataDir: settings.dataDir,
      uploads: request.uploads,
    };
    const submitted = runPool.submit(job);
    if (submitted === null)
      return c.json(apiError('E_BUSY', '', 'too many runs queued; try again when one has finished'), 503);
    const base = { id: submitted.id, name: job.name, kind: 'mc' as const, runId: null, stopped: false };
    // stored by this thread when the worker answers; the client polls GET /api/jobs/:id meanwhile
    void submitted.outcome.then((outcome) => {
      const progress = { done: 0, total: runs };
      if (outcome.ok) {
        try {
          const runId = storeMcOutcome(store, job, outcome);
          const done = { done: outcome.replications.length, total: runs };
          remember({
            ...base,
            state: 'done',
            progress: done,
            runId,
            stopped: outcome.stopped,
            error: null,
          });
        } catch (err) {
          settings.onInternalError(err);
          const error = apiError(
            'E_INTERNAL',
            '',
            'the batch finished but could not be stored (see the server log)',
          );
          remember({ ...base, state: 'failed', progress, error });
        }
        return;
      }
      if (outcome.error === undefined)
        settings.onInternalError(new Error(`batch ${base.id} failed: ${outcome.internal}`));
      const error = outcome.error
        ? apiError(outcome.error.code, outcome.error.path, outcome.error.message)
        : apiError('E_INTERNAL', '', 'internal error (see the server log)');
      remember({ ...base, state: error.code === 'E_CANCELLED' ? 'cancelled' : 'failed', progress, error });
    });
    return c.json({ job: submitted.id, runs } satisfies McStartedResponse, 202);
  });

  app.get('/api/jobs/:id', (c) => {
    const id = c.req.param('id');
    const live = runPool.get(id);
    if (live) {
      const status: JobStatusResponse = {
        id: live.id,
        name: live.name,
        kind: live.kind,
        state: live.state,
        progress: live.progress ?? null,
        runId: null,
        stopped: false,
        error: null,
      };
      return c.json(status);
    }
    const done = finished.get(id);
    if (done) return c.json(done);
    return c.json(apiError('E_NOT_FOUND', 'id', `no job "${id}" (finished runs are in GET /api/runs)`), 404);
  });

  app.get('/api/runs/:id/mc', (c) => {
    const run = store.getRun(c.req.param('id'));
    if (!run) return c.json(apiError('E_NOT_FOUND', 'id', `no run "${c.req.param('id')}"`), 404);
    const view = buildMcView(store, run);
    if (view === null)
      return c.json(
        apiError(
          'E_NOT_FOUND',
          'id',
          `run ${run.id} is not a Monte Carlo batch with an aggregate (kind ${run.kind})`,
        ),
        404,
      );
    return c.json(view);
  });

  app.get('/api/compare', (c) => {
    const ids = { a: c.req.query('a') ?? '', b: c.req.query('b') ?? '' };
    const runs = { a: store.getRun(ids.a), b: store.getRun(ids.b) };
    for (const side of ['a', 'b'] as const)
      if (!runs[side]) return c.json(apiError('E_NOT_FOUND', side, `no run "${ids[side]}"`), 404);
    return c.json(buildCompare(store, runs.a!, runs.b!));
  });
}
