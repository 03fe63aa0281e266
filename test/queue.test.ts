/**
 * Distributed Monte Carlo over BullMQ with a real Debian `redis-server` (test/support/redis.ts; CI installs it with
 * scripts/setup-system.sh, and the suite fails without it): the aggregate equals the single-machine one, a worker
 * killed mid-job loses and duplicates nothing, and resubmitting a run enqueues nothing new.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue, QueueEvents } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runDistributedMonteCarlo, startWorker } from '../src/analysis/distributed.js';
import { runMonteCarlo } from '../src/analysis/monteCarlo.js';
import { MC_QUEUE_NAME, type RangeJobData } from '../src/analysis/queue.js';
import type { QueueWorker } from '../src/analysis/queueWorker.js';
import type { McAggregate } from '../src/analysis/replication.js';
import { main } from '../src/cli/main.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { openRunStore, type RunStore } from '../src/store/runStore.js';
import { startRedis, type TestRedis } from './support/redis.js';

const SCENARIO_FILE = 'scenarios/erbil-2020.yaml';
const RUNS = 60;
const SEED = 7;
/** 6 jobs of 10 replications (about 0.5 s each here). */
const CHUNK = 10;
/** Short locks so a killed worker's job comes back within a few seconds. */
const FAST_RECOVERY = { lockDuration_ms: 2000, stalledInterval_ms: 500 } as const;

const root = packageRoot();
const yaml = readFileSync(join(root, SCENARIO_FILE), 'utf8');

/** Resolves with the first stderr line of `child` that matches `pattern`. */
function waitForLine(child: ChildProcess, pattern: RegExp, timeout_ms: number): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    let log = '';
    const timer = setTimeout(() => {
      child.stderr?.off('data', onData);
      reject(new Error(`no line matching ${pattern} from the worker within ${timeout_ms} ms:\n${log}`));
    }, timeout_ms);
    const onData = (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      log += chunk.toString('utf8');
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        const match = line.match(pattern);
        if (match) {
          clearTimeout(timer);
          child.stderr?.off('data', onData);
          resolve(match);
          return;
        }
        newline = buffer.indexOf('\n');
      }
    };
    child.stderr?.on('data', onData);
  });
}

describe('distributed Monte Carlo on a BullMQ queue (real redis-server)', () => {
  let redis: TestRedis;
  /** One store for the suite, so every run gets its own id (run-000001, run-000002, …). */
  let store: RunStore;
  let baseline: McAggregate;

  beforeAll(async () => {
    redis = await startRedis();
    store = openRunStore(':memory:');
    const single = await runMonteCarlo(
      { yaml, fileName: SCENARIO_FILE },
      { runs: RUNS, workers: 1, seed: SEED },
    );
    baseline = single.aggregate;
  }, 60_000);

  afterAll(async () => {
    store?.close();
    await redis?.stop();
  });

  it('two workers process 60 replications and the aggregate equals the single-machine one', async () => {
    const workers: QueueWorker[] = [];
    try {
      for (let k = 0; k < 2; k++)
        workers.push(await startWorker({ queueUrl: redis.url, name: `in-process-${k}`, ...FAST_RECOVERY }));
      const progress: number[] = [];
      const result = await runDistributedMonteCarlo(yaml, SCENARIO_FILE, {
        queueUrl: redis.url,
        runs: RUNS,
        seed: SEED,
        chunk: CHUNK,
        store,
        onProgress: (p) => progress.push(p.done),
      });
      expect(result.runs).toBe(RUNS);
      expect(result.jobs).toEqual({ total: 6, skipped: 0, enqueued: 6, alreadyQueued: 0 });
      expect(result.duplicates).toBe(0);
      expect(JSON.stringify(result.aggregate)).toBe(JSON.stringify(baseline));
      expect(store.completedReplications(result.runId!)).toEqual(Array.from({ length: RUNS }, (_, i) => i));
      expect(store.getRun(result.runId!)?.status).toBe('done');
      expect(store.getAggregate(result.runId!)).toEqual(baseline);
      expect(progress.at(-1)).toBe(RUNS);
      const done = workers.map((w) => w.stats());
      expect(done.reduce((sum, s) => sum + s.replications, 0)).toBe(RUNS);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  }, 60_000);

  it('a worker killed mid-job loses nothing and duplicates nothing', async () => {
    // a real `aspis worker` process, killed with SIGKILL once it has started a job
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'src/cli/main.ts'),
        'worker',
        '--queue',
        redis.url,
        '--lock-duration',
        String(FAST_RECOVERY.lockDuration_ms / 1000),
        '--stalled-interval',
        String(FAST_RECOVERY.stalledInterval_ms / 1000),
      ],
      { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let rescuer: QueueWorker | undefined;
    try {
      await waitForLine(child, /listening on/, 30_000);
      const run = runDistributedMonteCarlo(yaml, SCENARIO_FILE, {
        queueUrl: redis.url,
        runs: RUNS,
        seed: SEED,
        chunk: CHUNK,
        store,
      });
      run.catch(() => {});
      const [, killedJob] = await waitForLine(child, /job (\S+): 1\/\d+$/, 30_000);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));

      // another worker finishes the run, including the killed job once its lock expires
      const taken: string[] = [];
      rescuer = await startWorker({
        queueUrl: redis.url,
        name: 'rescuer',
        ...FAST_RECOVERY,
        onEvent: (e) => {
          if (e.type === 'job.start') taken.push(e.jobId);
        },
      });
      const result = await run;
      expect(taken).toContain(killedJob);
      expect(result.jobs.enqueued).toBe(6);
      expect(result.duplicates).toBe(0);
      expect(JSON.stringify(result.aggregate)).toBe(JSON.stringify(baseline));
      const stored = store.listReplications(result.runId!).map((r) => r.replication);
      expect(stored).toEqual(Array.from({ length: RUNS }, (_, i) => i));
      expect(result.replications.map((r) => r.hash)).toEqual(
        store.listReplications(result.runId!).map((r) => r.hash),
      );
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await rescuer?.close();
    }
  }, 60_000);

  it('resubmitting a run enqueues nothing new', async () => {
    // the same store: every range is complete, nothing reaches the queue
    const first = store.listRuns().find((r) => r.kind === 'mc' && r.status === 'done')!;
    const resumed = await runDistributedMonteCarlo(null, SCENARIO_FILE, {
      queueUrl: redis.url,
      store,
      resume: first.id,
      chunk: CHUNK,
    });
    expect(resumed.jobs).toEqual({ total: 6, skipped: 6, enqueued: 0, alreadyQueued: 0 });
    expect(JSON.stringify(resumed.aggregate)).toBe(JSON.stringify(baseline));

    // a fresh store numbers its first run run-000001 too: the job ids match the first test's, BullMQ hands back
    // those completed jobs, and with no worker running the run still completes
    const fresh = openRunStore(':memory:');
    const queue = new Queue<RangeJobData>(MC_QUEUE_NAME, { connection: { url: redis.url } });
    try {
      const before = await queue.getJobCounts();
      const again = await runDistributedMonteCarlo(yaml, SCENARIO_FILE, {
        queueUrl: redis.url,
        runs: RUNS,
        seed: SEED,
        chunk: CHUNK,
        store: fresh,
      });
      expect(again.runId).toBe('run-000001');
      expect(again.jobs).toEqual({ total: 6, skipped: 0, enqueued: 0, alreadyQueued: 6 });
      expect(JSON.stringify(again.aggregate)).toBe(JSON.stringify(baseline));
      expect(await queue.getJobCounts()).toEqual(before);
    } finally {
      fresh.close();
      await queue.close();
    }
  }, 60_000);

  it('resumes a run stopped on one machine, storing replications already there once and counting them', async () => {
    // a local run stopped after 15 replications: range 0..9 is complete, 10..19 half done
    const stop = new AbortController();
    const local = await runMonteCarlo(
      { yaml, fileName: SCENARIO_FILE },
      {
        runs: RUNS,
        workers: 1,
        seed: SEED,
        store,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.done >= 15) stop.abort();
        },
      },
    );
    expect(local.aborted).toBe(true);
    expect(store.completedReplications(local.runId!)).toHaveLength(15);
    const worker = await startWorker({ queueUrl: redis.url, name: 'resumer', ...FAST_RECOVERY });
    try {
      const resumed = await runDistributedMonteCarlo(null, SCENARIO_FILE, {
        queueUrl: redis.url,
        store,
        resume: local.runId!,
        chunk: CHUNK,
      });
      expect(resumed.runId).toBe(local.runId);
      expect(resumed.jobs).toEqual({ total: 6, skipped: 1, enqueued: 5, alreadyQueued: 0 });
      expect(resumed.duplicates).toBe(5);
      expect(worker.stats().replications).toBe(50);
      expect(JSON.stringify(resumed.aggregate)).toBe(JSON.stringify(baseline));
      expect(store.completedReplications(local.runId!)).toEqual(Array.from({ length: RUNS }, (_, i) => i));
    } finally {
      await worker.close();
    }
  }, 60_000);

  it('aspis mc --queue prints the same aggregate as the library call', async () => {
    // a fresh store file numbers its run run-000001: the first test's jobs answer, no worker needed
    const dir = mkdtempSync(join(tmpdir(), 'aspis-queue-'));
    let out = '';
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    let code: number;
    try {
      code = await main([
        'node',
        'aspis',
        'mc',
        join(root, SCENARIO_FILE),
        '--runs',
        String(RUNS),
        '--seed',
        String(SEED),
        '--chunk',
        String(CHUNK),
        '--queue',
        redis.url,
        '--store',
        join(dir, 'runs.db'),
        '--json',
      ]);
    } finally {
      write.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(code).toBe(0);
    const printed = JSON.parse(out) as { runId: string; aggregate: McAggregate };
    expect(printed.runId).toBe('run-000001');
    expect(JSON.stringify(printed.aggregate)).toBe(JSON.stringify(baseline));
  }, 30_000);

  it('a worker of another aspis version fails the job at once instead of computing other numbers', async () => {
    const connection = { url: redis.url };
    const queue = new Queue<RangeJobData>(MC_QUEUE_NAME, { connection });
    const events = new QueueEvents(MC_QUEUE_NAME, { connection });
    const worker = await startWorker({ queueUrl: redis.url, name: 'version-check', ...FAST_RECOVERY });
    try {
      await events.waitUntilReady();
      const data: RangeJobData = {
        runId: 'run-999999',
        scenarioYaml: yaml,
        scenarioFile: SCENARIO_FILE,
        seed: SEED,
        from: 0,
        to: 2,
        aspisVersion: '0.0.0-elsewhere',
      };
      const job = await queue.add('replications', data, { jobId: 'version-check', attempts: 3 });
      await expect(job.waitUntilFinished(events)).rejects.toThrow(/submitted by aspis 0\.0\.0-elsewhere/);
      expect((await queue.getJob('version-check'))?.attemptsMade).toBe(1);
      expect(worker.stats().replications).toBe(0);
    } finally {
      await worker.close();
      await events.close();
      await queue.close();
    }
  }, 30_000);

  it('an unreachable Redis is a usage error within the connect timeout, and nothing is stored', async () => {
    const nobody = await startRedis();
    await nobody.stop();
    const empty = openRunStore(':memory:');
    try {
      await expect(
        runDistributedMonteCarlo(yaml, SCENARIO_FILE, {
          queueUrl: nobody.url,
          runs: 2,
          store: empty,
          connectTimeout_ms: 1000,
        }),
      ).rejects.toThrow(
        /E_USAGE --queue: no answer from Redis at redis:\/\/127\.0\.0\.1:\d+ \(.*ECONNREFUSED/,
      );
      expect(empty.listRuns()).toEqual([]);
    } finally {
      empty.close();
    }
  }, 30_000);

  it('fails, not skips, with a pointer to scripts/setup-system.sh when redis-server is missing', async () => {
    await expect(startRedis({ bin: 'redis-server-not-installed-here' })).rejects.toThrow(
      /scripts\/setup-system\.sh/,
    );
  });
});
