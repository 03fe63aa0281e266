/**
 * Monte Carlo from the web app's server (issue 13): `POST /api/mc` runs a batch in the run pool with progress on
 * `GET /api/jobs/:id`, stores it as `aspis mc` would (the same aggregate as `runMonteCarlo` with the same seed),
 * bounds and cancels it; `GET /api/runs/:id/mc` returns it as the MC report reads it, and `GET /api/compare` puts
 * two runs side by side with the differences and their intervals.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMonteCarlo } from '../src/analysis/monteCarlo.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { parseScenario } from '../src/scenario/load.js';
import type {
  ApiError,
  CompareResponse,
  JobStatusResponse,
  McStartedResponse,
  McViewResponse,
  RunListResponse,
} from '../src/server/api.js';
import { createApp } from '../src/server/app.js';
import { meanDifference, proportionDifference } from '../src/server/mcView.js';
import { createRunPool, type RunPool } from '../src/server/runPool.js';
import type { ScenarioTextResponse } from '../src/server/workbenchApi.js';
import { runScenario } from '../src/sim/engine.js';
import { openRunStore, type RunStore } from '../src/store/runStore.js';
import { storeSingleRun } from '../src/store/storeRun.js';

const SCENARIO_FILE = 'scenarios/al-asad-2020.yaml';
const yaml = readFileSync(join(packageRoot(), SCENARIO_FILE), 'utf8');
const RUNS = 8;
const SEED = 5;

let store: RunStore;
let singleId: string;
const pools: RunPool[] = [];

beforeAll(() => {
  // the batch computes in the compiled worker (dist/src/server/runWorker.js)
  execFileSync(process.execPath, ['scripts/ensureBuild.mjs'], { cwd: packageRoot(), stdio: 'inherit' });
  store = openRunStore(':memory:');
  const result = runScenario(parseScenario(yaml, SCENARIO_FILE), { seed: 1, recordPaths: true });
  singleId = storeSingleRun(store, result, { yaml, scenarioFile: SCENARIO_FILE, source: 'test' }).id;
}, 300_000);

afterAll(async () => {
  for (const pool of pools) await pool.close();
  store?.close();
});

function appWith(options: { maxWall_s?: number } = {}) {
  const runPool = createRunPool();
  pools.push(runPool);
  return createApp({ store, staticDir: null, runPool, onInternalError: () => {}, ...options });
}

type App = ReturnType<typeof appWith>;

async function postMc(app: App, body: unknown): Promise<Response> {
  return await app.request('/api/mc', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function job(app: App, id: string): Promise<JobStatusResponse> {
  return (await (await app.request(`/api/jobs/${id}`)).json()) as JobStatusResponse;
}

/** Polls the job until it has finished; returns every status seen. */
async function untilFinished(app: App, id: string): Promise<JobStatusResponse[]> {
  const seen: JobStatusResponse[] = [];
  for (;;) {
    const status = await job(app, id);
    seen.push(status);
    if (status.state !== 'queued' && status.state !== 'running') return seen;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

let mcId: string;

describe('POST /api/mc', () => {
  it('runs a batch in the pool, reports progress, stores it with the aggregate runMonteCarlo gives', async () => {
    const app = appWith();
    const res = await postMc(app, { yaml, runs: RUNS, seed: SEED, name: 'al-asad-2020.yaml' });
    expect(res.status).toBe(202);
    const started = (await res.json()) as McStartedResponse;
    expect(started.runs).toBe(RUNS);
    const seen = await untilFinished(app, started.job);
    const last = seen.at(-1)!;
    expect(last.error).toBeNull();
    expect(last).toMatchObject({ state: 'done', kind: 'mc', progress: { done: RUNS, total: RUNS } });
    for (const s of seen.slice(0, -1)) {
      expect(['queued', 'running']).toContain(s.state);
      if (s.progress) expect(s.progress.total).toBe(RUNS);
    }
    mcId = last.runId!;
    const row = store.getRun(mcId)!;
    expect(row).toMatchObject({
      kind: 'mc',
      seed: SEED,
      runsRequested: RUNS,
      status: 'done',
      replicationsDone: RUNS,
    });

    const direct = await runMonteCarlo({ yaml, fileName: SCENARIO_FILE }, { runs: RUNS, seed: SEED });
    const view = (await (await app.request(`/api/runs/${mcId}/mc`)).json()) as McViewResponse;
    const { defenderCost_usd, ...aggregate } = view.report;
    expect(aggregate).toEqual(JSON.parse(JSON.stringify(direct.aggregate)));
    expect(view.replications.map((r) => r.hash)).toEqual(direct.replications.map((r) => r.hash));
    expect(view.replications.map((r) => r.leakersOnAssets)).toEqual(
      direct.replications.map((r) => r.totals.leakersOnAssets),
    );
    expect(defenderCost_usd.n).toBe(RUNS);
    expect(view.example?.label).toMatch(/median of 8 by leakers on assets/);
    expect(view.geometry?.units.length).toBeGreaterThan(0);

    // the run list shows it with its kind, and the replay route still says why a batch has no replay
    const { runs } = (await (await app.request('/api/runs')).json()) as RunListResponse;
    expect(runs.find((r) => r.id === mcId)?.kind).toBe('mc');
  });

  it('refuses a bad replication count and a bad scenario with coded errors', async () => {
    const app = appWith();
    for (const runs of [0, 2001, 1.5, '8', undefined]) {
      const res = await postMc(app, { yaml, runs });
      expect(res.status).toBe(400);
      expect((await res.json()) as ApiError).toMatchObject({ code: 'E_BAD_REQUEST', path: 'runs' });
    }
    const bad = (await (await postMc(app, { yaml: 'name: [unclosed', runs: 2 })).json()) as McStartedResponse;
    const [failed] = (await untilFinished(app, bad.job)).slice(-1);
    expect(failed.state).toBe('failed');
    expect(failed.error?.code).toBe('E_SCENARIO_PARSE');
    expect((await app.request('/api/jobs/job-999')).status).toBe(404);
  });

  it('cancels a running batch with DELETE /api/jobs/:id and stores nothing', async () => {
    const app = appWith();
    const before = store.listRuns().length;
    const started = (await (await postMc(app, { yaml, runs: 2000, seed: 2 })).json()) as McStartedResponse;
    while ((await job(app, started.job)).state !== 'running') await new Promise((r) => setTimeout(r, 20));
    expect((await app.request(`/api/jobs/${started.job}`, { method: 'DELETE' })).status).toBe(200);
    const [last] = (await untilFinished(app, started.job)).slice(-1);
    expect(last).toMatchObject({ state: 'cancelled', runId: null });
    expect(last.error?.code).toBe('E_CANCELLED');
    expect(store.listRuns().length).toBe(before);
  });

  it('stops a batch past the wall-time budget and stores what finished as stopped', async () => {
    const app = appWith({ maxWall_s: 0.3 });
    const started = (await (await postMc(app, { yaml, runs: 2000, seed: 3 })).json()) as McStartedResponse;
    const [last] = (await untilFinished(app, started.job)).slice(-1);
    expect(last).toMatchObject({ state: 'done', stopped: true });
    const row = store.getRun(last.runId!)!;
    expect(row.status).toBe('stopped');
    expect(last.progress!.done).toBeLessThan(2000);
    const view = (await (await app.request(`/api/runs/${row.id}/mc`)).json()) as McViewResponse;
    expect(view.report.runs).toBe(last.progress!.done);
  });
});

describe('GET /api/runs/:id/mc and GET /api/compare', () => {
  it('answers 404 for a single run or an unknown one', async () => {
    const app = appWith();
    expect((await app.request(`/api/runs/${singleId}/mc`)).status).toBe(404);
    expect((await app.request('/api/runs/run-999999/mc')).status).toBe(404);
    const res = await app.request(`/api/compare?a=${singleId}&b=nope`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as ApiError).path).toBe('b');
  });

  it('returns the scenario text of a stored run (to run it again as a batch)', async () => {
    const app = appWith();
    const res = await app.request(`/api/runs/${singleId}/scenario`);
    expect(res.status).toBe(200);
    expect((await res.json()) as ScenarioTextResponse).toEqual({
      id: singleId,
      name: 'al-asad-2020.yaml',
      yaml,
    });
    expect((await app.request('/api/runs/run-999999/scenario')).status).toBe(404);
  });

  it('compares a single run with a batch: b − a of the means, with the batch interval', async () => {
    const app = appWith();
    const res = await app.request(`/api/compare?a=${singleId}&b=${mcId}`);
    expect(res.status).toBe(200);
    const cmp = (await res.json()) as CompareResponse;
    expect(cmp.a.run.id).toBe(singleId);
    expect(cmp.b.run.id).toBe(mcId);
    expect(cmp.b.replications).toBe(RUNS);
    expect(cmp.measures.map((m) => m.key)).toEqual(['killed', 'leakers', 'interceptors', 'cost']);
    const view = (await (await app.request(`/api/runs/${mcId}/mc`)).json()) as McViewResponse;
    const leakers = cmp.measures.find((m) => m.key === 'leakers')!;
    expect(leakers.b.mean).toBe(view.report.leakers.mean);
    expect(leakers.a.n).toBe(1);
    expect(leakers.delta.mean).toBeCloseTo(leakers.b.mean - leakers.a.mean, 12);
    expect(leakers.delta.lo).toBeLessThanOrEqual(leakers.delta.mean);
    expect(leakers.delta.hi).toBeGreaterThanOrEqual(leakers.delta.mean);
  });

  it('compares two batches: mean differences and the PRA difference with intervals', async () => {
    const app = appWith();
    const cmp = (await (await app.request(`/api/compare?a=${mcId}&b=${mcId}`)).json()) as CompareResponse;
    const pra = cmp.measures.find((m) => m.key === 'pra')!;
    expect(pra.delta.mean).toBe(0);
    expect(pra.delta.lo).toBeLessThan(0);
    expect(pra.delta.hi).toBeGreaterThan(0);
    for (const m of cmp.measures) expect(m.delta.mean).toBe(0);
  });

  it('difference intervals: Welch for means, Newcombe for proportions', () => {
    const d = meanDifference({ mean: 2, sd: 1, n: 100 }, { mean: 3, sd: 1, n: 100 });
    expect(d.mean).toBe(1);
    expect(d.hi - d.mean).toBeCloseTo(1.959963984540054 * Math.sqrt(0.02), 12);
    expect(meanDifference({ mean: 2, sd: 0, n: 1 }, { mean: 5, sd: 0, n: 1 })).toEqual({
      mean: 3,
      lo: 3,
      hi: 3,
    });
    const p = proportionDifference({ p: 0.5, lo: 0.3, hi: 0.7 }, { p: 0.8, lo: 0.6, hi: 0.9 });
    expect(p.mean).toBeCloseTo(0.3, 12);
    expect(p.lo).toBeCloseTo(0.3 - Math.sqrt(0.04 + 0.04), 12);
    expect(p.hi).toBeCloseTo(0.3 + Math.sqrt(0.01 + 0.04), 12);
  });
});
