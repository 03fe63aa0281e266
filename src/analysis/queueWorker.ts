/**
 * @module analysis/queueWorker
 * The distributed Monte Carlo worker (`aspis worker`): a BullMQ `Worker` on the `aspis-mc` queue that takes one
 * replication range at a time, compiles the job's scenario text (cached by its SHA-256), runs `runReplication` for
 * each index of the range and returns the `ReplicationResult`s as the job's return value; the coordinator stores
 * them. A worker writes nothing but Redis, so it needs no run store and no scenario file; files the scenario names
 * (a DEM) come with the job, or, when too large to send, from the worker's `dataDir` only, checked by digest. While it computes it holds
 * a lock on the job that BullMQ renews every `lockDuration_ms / 2`; a worker that dies (kill -9, lost machine) stops
 * renewing, and after `lockDuration_ms` any live worker's stalled-job check (every `stalledInterval_ms`) puts the job
 * back in the queue, where another worker recomputes the same numbers from scratch.
 */
import { hostname } from 'node:os';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { AspisError } from '../errors.js';
import { confinedInputFiles } from '../scenario/inputFiles.js';
import { parseScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import { scenarioHash } from '../store/runStore.js';
import {
  aspisVersion,
  isRangeJobData,
  MC_QUEUE_NAME,
  queueConnection,
  type RangeJobData,
  type RangeProgress,
} from './queue.js';
import { type ReplicationResult, runReplication } from './replication.js';

/** Options of `startWorker`; plain data, every duration in ms. */
export interface QueueWorkerOptions {
  /** Redis URL of the queue, `redis://host:port[/db]`. */
  readonly queueUrl: string;
  /**
   * Jobs this worker holds at once (default 1). Replications run on the worker's one thread, so more than 1 only
   * overlaps Redis round trips; to use several cores, start one `aspis worker` per core.
   */
  readonly concurrency?: number;
  /**
   * How long a job's lock lasts without renewal, ms (default 30 000). A killed worker's job is retried after about
   * this long; one replication must finish well within it (the lock is renewed between replications).
   */
  readonly lockDuration_ms?: number;
  /** How often this worker looks for stalled jobs (locks that expired), ms (default 15 000). */
  readonly stalledInterval_ms?: number;
  /** How many times a job may stall (its worker die) before it fails for good (default 10). */
  readonly maxStalledCount?: number;
  /** Worker name stored on the jobs it takes (default `host:pid`). */
  readonly name?: string;
  /**
   * The only folder a job's scenario may read files from when the coordinator did not send them (large DEMs),
   * symlinks resolved; absent: files sent with the job only (`scenario/inputFiles`).
   */
  readonly dataDir?: string | null;
  /** Observer of what the worker does (logging). */
  readonly onEvent?: (event: QueueWorkerEvent) => void;
}

/** What a worker reports to `onEvent`. */
export type QueueWorkerEvent =
  | { readonly type: 'ready'; readonly name: string }
  | {
      readonly type: 'job.start';
      readonly jobId: string;
      readonly runId: string;
      readonly from: number;
      readonly to: number;
    }
  | { readonly type: 'job.progress'; readonly jobId: string; readonly done: number; readonly total: number }
  | {
      readonly type: 'job.done';
      readonly jobId: string;
      readonly replications: number;
      readonly elapsed_s: number;
    }
  | { readonly type: 'job.failed'; readonly jobId: string; readonly message: string }
  | { readonly type: 'error'; readonly message: string };

/** A running worker. */
export interface QueueWorker {
  /** Name stored on the jobs it takes. */
  readonly name: string;
  /** Jobs and replications completed by this worker so far. */
  stats(): { readonly jobs: number; readonly replications: number };
  /**
   * Stops taking jobs and closes its Redis connections. Without `force` it first finishes the jobs it holds; with
   * `force` it drops them (they return to the queue when their locks expire).
   */
  close(force?: boolean): Promise<void>;
}

/** Default lock duration, ms (BullMQ's default). */
const DEFAULT_LOCK_DURATION_ms = 30_000;
/** Default stalled-job check interval, ms. */
const DEFAULT_STALLED_INTERVAL_ms = 15_000;
/** Default number of stalls (dead workers) a job survives. */
const DEFAULT_MAX_STALLED_COUNT = 10;
/** Minimum time between two progress reports of one job, ms (each is a Redis round trip). */
const PROGRESS_INTERVAL_ms = 250;
/** Compiled scenarios kept per worker. */
const SCENARIO_CACHE_SIZE = 8;

/**
 * Compiles a job's scenario, reading files only from what the job sent or the data directory, and checks that
 * every file read has the digest the coordinator read (`E_RESUME_INPUT` otherwise: this worker's copy differs).
 */
function compileJob(data: RangeJobData, dataDir: string | null): Scenario {
  const sent = data.inputs ?? [];
  const uploads = new Map<string, Uint8Array>();
  for (const input of sent)
    if (input.base64 !== undefined)
      uploads.set(input.ref, new Uint8Array(Buffer.from(input.base64, 'base64')));
  const files = confinedInputFiles({ dataDir, uploads });
  const scenario = parseScenario(data.scenarioYaml, data.scenarioFile, { files });
  for (const read of files.inputs) {
    const expected = sent.find((i) => i.field === read.field);
    if (expected === undefined || expected.sha256 !== read.sha256)
      throw new AspisError(
        'E_RESUME_INPUT',
        read.field,
        `this worker's '${read.ref}' is not the file the coordinator read (sha256 differs); copy the same file into the worker's --data folder`,
      );
  }
  return scenario;
}

/** Compiles each distinct job scenario once (key: SHA-256 of its text and input digests); keeps the last few. */
function scenarioCache(dataDir: string | null): (data: RangeJobData) => Scenario {
  const cache = new Map<string, Scenario>();
  return (data) => {
    const key = scenarioHash(data.scenarioYaml, data.inputs ?? []);
    let scenario = cache.get(key);
    if (scenario === undefined) {
      scenario = compileJob(data, dataDir);
      if (cache.size >= SCENARIO_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      cache.set(key, scenario);
    }
    return scenario;
  };
}

/** Lets timers (lock renewal) and I/O run between two synchronous replications. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function checkPositiveInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value) || value < 1)
    throw new RangeError(`${what} must be a positive integer, got ${value}`);
  return value;
}

/** BullMQ settings of a worker, checked: concurrency, lock and stall handling. */
function workerSettings(options: QueueWorkerOptions): {
  concurrency: number;
  lockDuration: number;
  stalledInterval: number;
  maxStalledCount: number;
} {
  const concurrency = checkPositiveInteger(options.concurrency ?? 1, 'concurrency');
  const lockDuration = checkPositiveInteger(
    options.lockDuration_ms ?? DEFAULT_LOCK_DURATION_ms,
    'lockDuration_ms',
  );
  const stalledInterval = checkPositiveInteger(
    options.stalledInterval_ms ?? DEFAULT_STALLED_INTERVAL_ms,
    'stalledInterval_ms',
  );
  const maxStalledCount = checkPositiveInteger(
    options.maxStalledCount ?? DEFAULT_MAX_STALLED_COUNT,
    'maxStalledCount',
  );
  return { concurrency, lockDuration, stalledInterval, maxStalledCount };
}

/**
 * Runs range jobs: checks a job is an aspis range of this version, compiles its scenario (cached) and computes its
 * replications in order, reporting progress; counts what it has done.
 */
class RangeProcessor {
  private readonly compile: (data: RangeJobData) => Scenario;
  private readonly version = aspisVersion();
  jobsDone = 0;
  replicationsDone = 0;

  constructor(
    dataDir: string | null,
    private readonly emit: (event: QueueWorkerEvent) => void,
  ) {
    this.compile = scenarioCache(dataDir);
  }

  /** One job: the replications of its range, in order. */
  async process(job: Job<RangeJobData, ReplicationResult[]>): Promise<ReplicationResult[]> {
    const jobId = job.id ?? '?';
    const scenario = this.scenarioOf(job, jobId);
    const { runId, seed, from, to } = job.data;
    this.emit({ type: 'job.start', jobId, runId, from, to });
    const started_ms = performance.now();
    let reported_ms = Number.NEGATIVE_INFINITY;
    const results: ReplicationResult[] = [];
    for (let i = from; i < to; i++) {
      results.push(runReplication(scenario, seed, i));
      // report the first replication at once (a job visibly taken), then at most every PROGRESS_INTERVAL_ms
      const now_ms = performance.now();
      if (now_ms - reported_ms >= PROGRESS_INTERVAL_ms || i === to - 1) {
        reported_ms = now_ms;
        const progress: RangeProgress = { done: results.length, total: to - from };
        await job.updateProgress(progress);
        this.emit({ type: 'job.progress', jobId, ...progress });
      }
      await yieldToEventLoop();
    }
    this.jobsDone++;
    this.replicationsDone += results.length;
    this.emit({
      type: 'job.done',
      jobId,
      replications: results.length,
      elapsed_s: (performance.now() - started_ms) / 1000,
    });
    return results;
  }

  /** The job's compiled scenario; a job this worker cannot run fails at once, without retries. */
  private scenarioOf(job: Job<RangeJobData, ReplicationResult[]>, jobId: string): Scenario {
    const version = this.version;
    if (!isRangeJobData(job.data))
      throw new UnrecoverableError(`job ${jobId} is not an aspis replication range`);
    if (job.data.aspisVersion !== version)
      throw new UnrecoverableError(
        `job ${jobId} was submitted by aspis ${job.data.aspisVersion}; this worker runs aspis ${version} (results could differ)`,
      );
    try {
      return this.compile(job.data);
    } catch (err) {
      throw new UnrecoverableError(`job ${jobId}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

/**
 * Starts a worker on the `aspis-mc` queue at `queueUrl` and resolves once it is connected and taking jobs.
 * Each job's return value is `ReplicationResult[]` for its range, in index order. A job this worker cannot run (a
 * scenario that does not compile, another aspis version) fails at once without retries.
 * @throws AspisError `E_USAGE` for a URL that is not `redis://…`
 * @example
 * ```ts
 * import { startWorker } from 'aspis';
 * const worker = await startWorker({ queueUrl: 'redis://127.0.0.1:6379', concurrency: 2 });
 * // … serves replications until closed
 * await worker.close();
 * ```
 */
export async function startWorker(options: QueueWorkerOptions): Promise<QueueWorker> {
  const connection = queueConnection(options.queueUrl);
  const settings = workerSettings(options);
  const name = options.name ?? `${hostname()}:${process.pid}`;
  const emit = options.onEvent ?? (() => {});
  const processor = new RangeProcessor(options.dataDir ?? null, emit);
  const worker = new Worker<RangeJobData, ReplicationResult[]>(
    MC_QUEUE_NAME,
    (job) => processor.process(job),
    {
      connection,
      name,
      ...settings,
    },
  );
  // without an 'error' listener an emitted error would crash the process; Redis outages are retried by ioredis
  worker.on('error', (err) => emit({ type: 'error', message: err.message }));
  worker.on('failed', (job, err) =>
    emit({ type: 'job.failed', jobId: job?.id ?? '?', message: err.message }),
  );
  try {
    await worker.waitUntilReady();
  } catch (err) {
    await worker.close(true).catch(() => {});
    throw err;
  }
  emit({ type: 'ready', name });

  return {
    name,
    stats: () => ({ jobs: processor.jobsDone, replications: processor.replicationsDone }),
    close: (force = false) => worker.close(force),
  };
}
