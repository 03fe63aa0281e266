/**
 * The server under load (docs/limits.md): a posted run computes in a worker thread, so reads are answered while it
 * runs (shown by the order of the answers, not by timing); runs can be listed and cancelled; a full queue is refused;
 * a scenario over the server's work limit is refused with a coded error instead of freezing the server.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/scenario/catalog.js';
import type { ApiError, HealthResponse, JobListResponse, RunCreatedResponse } from '../src/server/api.js';
import { createApp } from '../src/server/app.js';
import { createRunPool, type RunPool } from '../src/server/runPool.js';
import { openRunStore, type RunStore } from '../src/store/runStore.js';
import { oneBatteryYaml, raidLine } from './support/scenarioYaml.js';

const yaml = readFileSync(join(packageRoot(), 'scenarios/al-asad-2020.yaml'), 'utf8');

/** The 1.4 kB file that froze `aspis serve`: one raid of 10,000 rounds launched at once. */
const SALVO_10K = oneBatteryYaml({ raids: raidLine('w', 10_000, '0s') });

let store: RunStore;
const pools: RunPool[] = [];

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/ensureBuild.mjs'], { cwd: packageRoot(), stdio: 'inherit' });
  store = openRunStore(':memory:');
}, 300_000);

afterAll(async () => {
  for (const pool of pools) await pool.close();
  store?.close();
});

function appWith(
  options: { concurrency?: number; maxQueued?: number; memoryLimit_MB?: number; maxEvents?: number } = {},
) {
  const runPool = createRunPool(options);
  pools.push(runPool);
  return createApp({
    store,
    staticDir: null,
    runPool,
    maxEvents: options.maxEvents,
    onInternalError: () => {},
  });
}

type App = ReturnType<typeof appWith>;

async function post(app: App, body: unknown): Promise<Response> {
  return await app.request('/api/run', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function jobs(app: App): Promise<JobListResponse['jobs']> {
  return ((await (await app.request('/api/jobs')).json()) as JobListResponse).jobs;
}

/** Polls until `app` lists `count` running jobs (gives the event loop back between polls). */
async function untilRunning(app: App, count = 1): Promise<JobListResponse['jobs']> {
  for (;;) {
    const list = await jobs(app);
    if (list.filter((j) => j.state === 'running').length >= count) return list;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('runs off the event loop', () => {
  it('answers GET /api/health while a POST /api/run is computing, before the POST answers', async () => {
    const app = appWith();
    const order: string[] = [];
    const posted = post(app, { yaml, seed: 1, name: 'al-asad.yaml' }).then((res) => {
      order.push('run');
      return res;
    });
    await untilRunning(app);
    const health = (await (await app.request('/api/health')).json()) as HealthResponse;
    order.push('health');
    expect(health).toEqual({ ok: true, running: 1, queued: 0 });
    const res = await posted;
    expect(order).toEqual(['health', 'run']);
    expect(res.status).toBe(201);
    const created = (await res.json()) as RunCreatedResponse;
    expect(store.getRun(created.id)?.scenarioFile).toBe('al-asad.yaml');
    expect(await jobs(app)).toEqual([]);
  });

  it('cancels a running job: DELETE /api/jobs/:id, and its POST answers 409 E_CANCELLED', async () => {
    const app = appWith();
    const before = store.listRuns().length;
    const posted = post(app, { yaml, name: 'cancel-me.yaml' });
    const [job] = await untilRunning(app);
    expect(job.name).toBe('cancel-me.yaml');
    const cancel = await app.request(`/api/jobs/${job.id}`, { method: 'DELETE' });
    expect(cancel.status).toBe(200);
    const res = await posted;
    expect(res.status).toBe(409);
    expect(((await res.json()) as ApiError).code).toBe('E_CANCELLED');
    expect(store.listRuns()).toHaveLength(before);
    expect((await app.request(`/api/jobs/${job.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('queues beyond its concurrency and refuses beyond its queue (503 E_BUSY)', async () => {
    const app = appWith({ concurrency: 1, maxQueued: 1 });
    const first = post(app, { yaml, name: 'first.yaml' });
    await untilRunning(app);
    const second = post(app, { yaml, name: 'second.yaml' });
    const third = await post(app, { yaml, name: 'third.yaml' });
    expect(third.status).toBe(503);
    expect(((await third.json()) as ApiError).code).toBe('E_BUSY');
    const listed = await jobs(app);
    expect(listed.map((j) => [j.name, j.state])).toEqual([
      ['first.yaml', 'running'],
      ['second.yaml', 'queued'],
    ]);
    // cancel both: the queued one never starts
    for (const j of listed) await app.request(`/api/jobs/${j.id}`, { method: 'DELETE' });
    expect((await first).status).toBe(409);
    expect((await second).status).toBe(409);
  });
});

describe('work limit of posted scenarios', () => {
  it('refuses the 10,000-round salvo with 400 E_WORK_LIMIT and stays responsive', async () => {
    const app = appWith();
    const res = await post(app, { yaml: SALVO_10K, name: 'salvo.yaml' });
    expect(res.status).toBe(400);
    const err = (await res.json()) as ApiError;
    expect(err.code).toBe('E_WORK_LIMIT');
    expect(err.path).toBe('units[0].radar, threats');
    expect((await app.request('/api/health')).status).toBe(200);
  });

  it('stops a run that outgrows its worker heap with E_WORK_LIMIT, not by taking the server down', async () => {
    const app = appWith({ memoryLimit_MB: 16, maxEvents: Number.POSITIVE_INFINITY });
    const res = await post(app, { yaml: SALVO_10K, name: 'salvo.yaml' });
    expect(res.status).toBe(400);
    const err = (await res.json()) as ApiError;
    expect(err.code).toBe('E_WORK_LIMIT');
    expect(err.message).toContain('16 MB');
    expect((await app.request('/api/health')).status).toBe(200);
  });
});
