/**
 * Queue faults and files (issue 11) with a real `redis-server` (test/support/redis.ts): Redis restarting empty
 * while the coordinator waits ends in `E_QUEUE_TIMEOUT` with the run stored as `stopped` and resumable, instead of a
 * wait without end; and a scenario with a relative DEM runs under the queue, its DEM resolved beside the scenario
 * file and sent to the workers with the jobs (a worker reads no path of its own).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  runDistributedMonteCarlo,
  runDistributedMonteCarloFile,
  startWorker,
} from '../src/analysis/distributed.js';
import { runMonteCarlo } from '../src/analysis/monteCarlo.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { openRunStore, type RunStore } from '../src/store/runStore.js';
import { startRedis, type TestRedis } from './support/redis.js';

const root = packageRoot();
const SCENARIO_FILE = 'scenarios/erbil-2020.yaml';
const yaml = readFileSync(join(root, SCENARIO_FILE), 'utf8');
const FAST_RECOVERY = { lockDuration_ms: 2000, stalledInterval_ms: 500 } as const;

let redis: TestRedis;
let store: RunStore;
const tmp = mkdtempSync(join(tmpdir(), 'aspis-queue-faults-'));

beforeAll(async () => {
  redis = await startRedis();
  store = openRunStore(':memory:');
}, 60_000);

afterAll(async () => {
  store?.close();
  await redis?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe('queue faults', () => {
  it('redis restarting empty stops the coordinator with E_QUEUE_TIMEOUT, resumable (was: waits forever)', async () => {
    // no worker yet: the jobs wait in Redis until it restarts without them
    const waiting = runDistributedMonteCarlo(yaml, SCENARIO_FILE, {
      queueUrl: redis.url,
      runs: 4,
      chunk: 2,
      seed: 3,
      store,
      queueCheck_ms: 300,
      queueTimeout_ms: 5000,
    });
    const outcome = waiting.then(
      () => null,
      (err: unknown) => err,
    );
    while (store.listRuns().length === 0) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    await redis.stop();
    redis = await startRedis({ port: redis.port });
    const err = await outcome;
    expect(err).toMatchObject({ code: 'E_QUEUE_TIMEOUT', path: '--queue' });
    expect((err as Error).message).toMatch(
      /vanished from Redis.*resume it with aspis mc --resume run-000001/,
    );
    const [row] = store.listRuns();
    expect(row.status).toBe('stopped');

    // resumable once workers and Redis are back
    const worker = await startWorker({ queueUrl: redis.url, name: 'after-restart', ...FAST_RECOVERY });
    try {
      const resumed = await runDistributedMonteCarlo(null, SCENARIO_FILE, {
        queueUrl: redis.url,
        store,
        resume: row.id,
      });
      expect(resumed.runs).toBe(4);
      expect(store.getRun(row.id)).toMatchObject({ status: 'done', replicationsDone: 4 });
    } finally {
      await worker.close();
    }
  }, 120_000);

  it('a relative DEM works under --queue: resolved beside the scenario, sent with the jobs (was: file not found)', async () => {
    const dir = join(tmp, 'ridge');
    mkdirSync(dir, { recursive: true });
    const text = readFileSync(join(root, 'test', 'terrain', 'ridge-cruise.yaml'), 'utf8').replace(
      /terrain: .*/,
      'terrain: { dem: ridge.tif }',
    );
    const file = join(dir, 'ridge.yaml');
    writeFileSync(file, text);
    copyFileSync(join(root, 'scenarios', 'terrain', 'synthetic-ridge.tif'), join(dir, 'ridge.tif'));
    // the worker has no data directory: it can only use what the job carries
    const worker = await startWorker({ queueUrl: redis.url, name: 'dem', ...FAST_RECOVERY });
    try {
      const queued = await runDistributedMonteCarloFile(relative(process.cwd(), file), {
        queueUrl: redis.url,
        runs: 1,
        seed: 2,
      });
      const local = await runMonteCarlo(file, { runs: 1, seed: 2 });
      expect(queued.replications.map((r) => r.hash)).toEqual(local.replications.map((r) => r.hash));
    } finally {
      await worker.close();
    }
  }, 120_000);
});
