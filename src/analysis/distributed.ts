/**
 * @module analysis/distributed
 * `runDistributedMonteCarlo`: the coordinator of a Monte Carlo run spread over machines through a BullMQ queue on
 * Redis (`aspis mc FILE --runs N --queue redis://…`). It records the run in the run store, cuts replications
 * 0..N−1 into ranges aligned on `chunk`, enqueues one job per range that is not already complete in the store under
 * a deterministic job id (BullMQ ignores an id it already holds, so resubmitting enqueues nothing new), waits for the
 * jobs through `QueueEvents`, writes each returned replication to the store idempotently by (run id, replication),
 * and aggregates all N in index order with `aggregateReplications`: the same bytes as `runMonteCarlo` on one
 * machine, because replication i depends only on (scenario text, seed, i). The workers are `startWorker`
 * (analysis/queueWorker.ts, `aspis worker`). A worker killed mid-job loses only that job's partial work: its lock
 * expires, BullMQ hands the job to another worker, and the recomputed results are identical. The run is stored as
 * `kind: mc` with the same summaries and config as `runMonteCarlo`, so either can resume the other's run.
 */

import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { type Job, Queue, QueueEvents } from 'bullmq';
import { AspisError } from '../errors.js';
import { type InputFile, inputDigests, localInputFiles } from '../scenario/inputFiles.js';
import { parseScenario } from '../scenario/load.js';
import { type RunRow, type RunStore, requireRun } from '../store/runStore.js';
import {
  checkResumeInputs,
  finishMonteCarlo,
  type McProgress,
  type McStoredConfig,
  type MonteCarloResult,
  resumedRuns,
  storedInputs,
} from './monteCarlo.js';
import {
  aspisVersion,
  DEFAULT_CHUNK,
  type JobInput,
  MAX_INLINE_INPUT_BYTES,
  MC_QUEUE_NAME,
  probeRedis,
  queueConnection,
  RANGE_JOB_NAME,
  type RangeJobData,
  type RangeProgress,
  type ReplicationRange,
  rangeJobId,
  redactQueueUrl,
  replicationRanges,
} from './queue.js';
import type { ReplicationResult } from './replication.js';

export {
  type QueueWorker,
  type QueueWorkerEvent,
  type QueueWorkerOptions,
  startWorker,
} from './queueWorker.js';

import { checkSeed } from '../math/rng.js';

/** Options of `runDistributedMonteCarlo`; plain data apart from the store handle, the callback and the signal. */
export interface DistributedMcOptions {
  /** Redis URL of the queue, `redis://host:port[/db]` (the same one every `aspis worker` was given). */
  readonly queueUrl: string;
  /** Replications to run. Defaults to the resumed run's. */
  readonly runs?: number;
  /** Root seed; defaults to the scenario's (or the resumed run's). */
  readonly seed?: number;
  /** Replications per job (default 25, or the resumed run's). Smaller chunks spread better over many workers and lose less to a kill. */
  readonly chunk?: number;
  /** Run store: the scenario, the run and every replication are recorded as jobs complete. */
  readonly store?: RunStore;
  /** Id of a stored Monte Carlo run to continue (needs `store`); stored replications are not enqueued again. */
  readonly resume?: string;
  /** Called whenever a job reports progress or completes. */
  readonly onProgress?: (progress: DistributedMcProgress) => void;
  /**
   * Stops waiting: jobs still waiting in the queue are withdrawn, the call resolves with what is complete and the
   * stored run is marked `stopped` (resume it later; jobs that were running keep their results in Redis).
   */
  readonly signal?: AbortSignal;
  /** How long to wait for Redis to answer before giving up, ms (default 10 000). */
  readonly connectTimeout_ms?: number;
  /**
   * Folder the scenario text's relative file references (`terrain.dem`) resolve against; default the folder of
   * `scenarioFile` (for a resume without a file: the folder stored with the run).
   */
  readonly baseDir?: string;
  /**
   * While waiting, how often the coordinator checks that Redis still answers and still holds the run's jobs, ms
   * (default 5 000).
   */
  readonly queueCheck_ms?: number;
  /**
   * How long Redis may stay silent before the run stops with `E_QUEUE_TIMEOUT`, ms (default 60 000). Jobs that
   * vanish (Redis restarted empty) stop it at the next check. Either way the run is marked `stopped`, resumable.
   */
  readonly queueTimeout_ms?: number;
}

/** Progress of a distributed run. */
export interface DistributedMcProgress extends McProgress {
  /** Jobs of this run finished (including ranges already complete in the store). */
  readonly jobsDone: number;
  /** Jobs the run consists of. */
  readonly jobsTotal: number;
}

/** What happened to the run's jobs. */
export interface DistributedJobStats {
  /** Ranges the run consists of (⌈runs / chunk⌉). */
  readonly total: number;
  /** Ranges already complete in the store, not enqueued. */
  readonly skipped: number;
  /** Jobs this call added to the queue. */
  readonly enqueued: number;
  /** Jobs whose id the queue already held (a resubmitted run, another coordinator): reused, not recomputed. */
  readonly alreadyQueued: number;
}

/**
 * What `runDistributedMonteCarlo` returns: `runMonteCarlo`'s result (no convergence stop, so `stoppedEarly` only
 * on abort and `convergence.target` null) plus what happened on the queue.
 */
export interface DistributedMcResult extends MonteCarloResult {
  readonly jobs: DistributedJobStats;
  /**
   * Replications a job returned that the store already held (`putReplication` returned false) — work done twice
   * (e.g. a range partly stored by an earlier run) but stored once.
   */
  readonly duplicates: number;
}

/** The configuration recorded with a distributed run: `runMonteCarlo`'s plus how it was spread. */
export interface DistributedStoredConfig extends McStoredConfig {
  /** Queue URL, password redacted (display only). */
  readonly queue: string;
  readonly chunk: number;
}

/** Default time to wait for Redis, ms. */
const DEFAULT_CONNECT_TIMEOUT_ms = 10_000;
/** Default interval of the queue liveness check while waiting, ms. */
const DEFAULT_QUEUE_CHECK_ms = 5_000;
/** Default time Redis may stay silent while a run waits, ms. */
const DEFAULT_QUEUE_TIMEOUT_ms = 60_000;
/** Completed jobs stay in Redis this long, s, so a resubmitted or resumed run picks their results up. */
const KEEP_COMPLETED_s = 7 * 24 * 3600;
/** Failed jobs stay this long, s, for inspection (a resubmission retries them). */
const KEEP_FAILED_s = 7 * 24 * 3600;
/** Attempts per job when its processor throws (a killed worker is a stall, counted separately). */
const JOB_ATTEMPTS = 3;
/** Delay before retrying a job that threw, ms. */
const RETRY_DELAY_ms = 1000;
/** Job-id prefix when there is no store (the id still carries the scenario hash and the seed). */
const NO_STORE_RUN_ID = 'nostore';

function positiveInteger(value: number | undefined, flag: string, what: string): number {
  if (value === undefined || !Number.isSafeInteger(value) || value < 1)
    throw new AspisError('E_USAGE', flag, `expected a positive integer ${what}, got ${value}`);
  return value;
}

/** The stored run to continue, checked against what the caller asks for (inputs are checked once compiled). */
function resumeRun(
  store: RunStore | undefined,
  id: string,
  seed: number | undefined,
): {
  row: RunRow;
  yaml: string;
  runs: number;
  chunk: number | undefined;
  config: Partial<DistributedStoredConfig>;
} {
  if (!store) throw new AspisError('E_USAGE', '--resume', 'resuming needs the run store (drop --no-store)');
  const row = requireRun(store, id);
  if (row.kind !== 'mc')
    throw new AspisError('E_USAGE', '--resume', `${row.id} is a single run, not a Monte Carlo run`);
  const stored = store.getScenario(row.scenarioHash);
  if (!stored)
    throw new AspisError('E_USAGE', '--resume', `the scenario of ${row.id} is missing from the store`);
  if (seed !== undefined && seed !== row.seed)
    throw new AspisError(
      'E_USAGE',
      '--seed',
      `run ${row.id} used seed ${row.seed}; drop --seed to resume it`,
    );
  const config = (row.config ?? {}) as Partial<DistributedStoredConfig>;
  if (config.untilCiHalfWidth != null)
    throw new AspisError(
      'E_USAGE',
      '--queue',
      `run ${row.id} stops on a confidence-interval target, which the queue does not do; resume it without --queue`,
    );
  return { row, yaml: stored.yaml, runs: config.runs ?? row.runsRequested, chunk: config.chunk, config };
}

/** Checks that a job's return value is the range's results in index order. */
function checkRangeResults(jobId: string, range: ReplicationRange, value: unknown): ReplicationResult[] {
  const n = range.to - range.from;
  const ok =
    Array.isArray(value) &&
    value.length === n &&
    value.every(
      (r, k) =>
        r !== null && typeof r === 'object' && (r as ReplicationResult).replication === range.from + k,
    );
  if (!ok)
    throw new Error(
      `job ${jobId} returned something other than replications ${range.from}..${range.to - 1} (a worker of another program on queue ${MC_QUEUE_NAME}?)`,
    );
  return value as ReplicationResult[];
}

/** A connected queue and its event stream. */
interface OpenQueue {
  readonly queue: Queue<RangeJobData, ReplicationResult[]>;
  readonly events: QueueEvents;
  close(): Promise<void>;
}

/**
 * Connects to the queue and its event stream (listening before anything is enqueued, so no completion is missed).
 * @throws AspisError `E_USAGE` when Redis does not answer within `timeout_ms`
 */
async function openQueue(url: string, timeout_ms: number): Promise<OpenQueue> {
  await probeRedis(url, timeout_ms);
  const connection = queueConnection(url);
  const queue = new Queue<RangeJobData, ReplicationResult[]>(MC_QUEUE_NAME, { connection });
  const events = new QueueEvents(MC_QUEUE_NAME, { connection });
  // errors surface through the awaited calls; a listener keeps an emitted 'error' from crashing the process
  const ignore = () => {};
  queue.on('error', ignore);
  events.on('error', ignore);
  const close = async () => {
    await events.close();
    await queue.close();
  };
  try {
    await Promise.all([queue.waitUntilReady(), events.waitUntilReady()]);
  } catch (err) {
    await close();
    throw err;
  }
  return { queue, events, close };
}

/** BullMQ options of every range job. */
const RANGE_JOB_OPTIONS = {
  attempts: JOB_ATTEMPTS,
  backoff: { type: 'fixed', delay: RETRY_DELAY_ms },
  removeOnComplete: { age: KEEP_COMPLETED_s },
  removeOnFail: { age: KEEP_FAILED_s },
} as const;

/**
 * Puts the ranges on the queue under their ids: ids the queue already holds (a resubmitted run, another
 * coordinator) are reused as they are, failed ones retried; the rest are added.
 */
async function enqueueRanges(
  queue: Queue<RangeJobData, ReplicationResult[]>,
  entries: ReadonlyArray<{ readonly jobId: string; readonly data: RangeJobData }>,
): Promise<{ jobs: Job<RangeJobData, ReplicationResult[]>[]; enqueued: number; alreadyQueued: number }> {
  const existing = await Promise.all(entries.map((e) => queue.getJob(e.jobId)));
  const jobs: Job<RangeJobData, ReplicationResult[]>[] = [];
  for (const job of existing) {
    if (!job) continue;
    if ((await job.getState()) === 'failed') await job.retry('failed');
    jobs.push(job);
  }
  const alreadyQueued = jobs.length;
  // should another coordinator add one of these meanwhile, BullMQ keeps the first (same id)
  const added = await queue.addBulk(
    entries
      .filter((_, k) => !existing[k])
      .map((e) => ({ name: RANGE_JOB_NAME, data: e.data, opts: { ...RANGE_JOB_OPTIONS, jobId: e.jobId } })),
  );
  for (const job of added) jobs.push(job);
  return { jobs, enqueued: added.length, alreadyQueued };
}

/** The input files as jobs carry them: digests always, bytes while their total fits `MAX_INLINE_INPUT_BYTES`. */
function jobInputsOf(inputs: readonly InputFile[]): JobInput[] {
  let total = 0;
  for (const f of inputs) total += f.bytes.byteLength;
  const inline = total <= MAX_INLINE_INPUT_BYTES;
  return inputs.map((f) => ({
    field: f.field,
    ref: f.ref,
    sha256: f.sha256,
    ...(inline ? { base64: Buffer.from(f.bytes).toString('base64') } : {}),
  }));
}

/** A promise that never settles unless `ms` pass: rejects then. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Watches the queue while the coordinator waits: every `check_ms` it asks Redis for each unfinished job. `lost`
 * rejects with `E_QUEUE_TIMEOUT` when a job has vanished (Redis restarted without its data: the jobs' completions
 * will never come) or when Redis has not answered for `timeout_ms`; it never resolves otherwise.
 */
function queueWatchdog(
  queue: Queue<RangeJobData, ReplicationResult[]>,
  jobs: ReadonlyArray<{ readonly jobId: string; readonly done: () => boolean }>,
  runId: string | null,
  check_ms: number,
  timeout_ms: number,
): { lost: Promise<never>; stop: () => void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let lastAnswer_ms = performance.now();
  const resume = runId ? `; the run is stopped: resume it with aspis mc --resume ${runId} --queue …` : '';
  const lost = new Promise<never>((_, reject) => {
    const tick = async () => {
      if (stopped) return;
      try {
        const open = jobs.filter((j) => !j.done());
        const found = await within(check_ms, Promise.all(open.map((j) => queue.getJob(j.jobId))));
        lastAnswer_ms = performance.now();
        const missing = open.filter((j, k) => !found[k] && !j.done());
        if (missing.length > 0 && !stopped) {
          reject(
            new AspisError(
              'E_QUEUE_TIMEOUT',
              '--queue',
              `${missing.length} of the run's jobs vanished from Redis (restarted without its data?)${resume}`,
            ),
          );
          return;
        }
      } catch {
        if (performance.now() - lastAnswer_ms >= timeout_ms && !stopped) {
          reject(
            new AspisError(
              'E_QUEUE_TIMEOUT',
              '--queue',
              `Redis has not answered for ${Math.round(timeout_ms / 1000)} s${resume}`,
            ),
          );
          return;
        }
      }
      if (!stopped) timer = setTimeout(tick, check_ms);
    };
    timer = setTimeout(tick, check_ms);
  });
  lost.catch(() => {});
  return {
    lost,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}

/** Resolves 'aborted' when the signal fires (never without one). */
function abortion(signal: AbortSignal | undefined): Promise<'aborted'> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve('aborted');
    signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
}

/**
 * Runs a Monte Carlo batch on the `aspis-mc` queue at `options.queueUrl` and aggregates it; resolves when every
 * replication is back (workers must be running somewhere: `aspis worker --queue …`). The aggregate equals
 * `runMonteCarlo`'s for the same scenario text, seed and runs, whatever the number of workers, kills or
 * resubmissions.
 * @param scenarioYaml the scenario file's text (null only with `resume`, to run the stored run's scenario)
 * @param scenarioFile the file name, for messages and the store
 * @throws AspisError `E_USAGE` for bad counts, a bad URL, an unreachable Redis or a resume that does not match;
 *   `E_SCENARIO_*` for a scenario that does not compile (checked before anything is enqueued)
 * @throws Error when a job fails on a worker (the run is marked `stopped`; resume it after fixing the cause)
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { runDistributedMonteCarlo } from 'aspis';
 * const file = 'scenarios/al-asad-2020.yaml';
 * // needs Redis and at least one `aspis worker` on the same queue
 * const mc = await runDistributedMonteCarlo(readFileSync(file, 'utf8'), file, { queueUrl: 'redis://127.0.0.1:6379', runs: 200 });
 * console.log(mc.aggregate.pra);
 * ```
 */
export async function runDistributedMonteCarlo(
  scenarioYaml: string | null,
  scenarioFile: string,
  options: DistributedMcOptions,
): Promise<DistributedMcResult> {
  const started_ms = performance.now();
  const { store, signal } = options;
  queueConnection(options.queueUrl);
  const resumed = options.resume !== undefined ? resumeRun(store, options.resume, options.seed) : null;
  const yaml = scenarioYaml ?? resumed?.yaml;
  if (yaml === undefined)
    throw new AspisError('E_USAGE', 'scenario', 'give a scenario (or resume a stored run)');
  const fileName = scenarioYaml === null && resumed ? resumed.row.scenarioFile : scenarioFile;
  // relative files resolve against the scenario file's folder (a stored run: the folder it was stored with)
  const baseDir =
    options.baseDir ?? (scenarioYaml === null ? resumed?.config.baseDir : undefined) ?? dirname(fileName);
  const files = localInputFiles(baseDir);
  const scenario = parseScenario(yaml, fileName, { files });
  const digests = inputDigests(files.inputs);
  // the text (when a file is given) and every input file's bytes must be those the stored run used
  if (resumed) checkResumeInputs(resumed.row, resumed.config, yaml, fileName, files.inputs);
  const jobInputs = jobInputsOf(files.inputs);
  const seed = resumed?.row.seed ?? options.seed ?? scenario.seed;
  const runs = positiveInteger(
    resumed ? resumedRuns(resumed.row, resumed.runs, options.runs) : options.runs,
    '--runs',
    'number of runs',
  );
  // a resumed queue run keeps its chunk, so its ranges (and job ids) are the same as before
  const chunk = positiveInteger(options.chunk ?? resumed?.chunk ?? DEFAULT_CHUNK, '--chunk', 'chunk size');
  checkSeed(seed, '--seed');

  // connect first: an unreachable Redis leaves no half-made run in the store
  const open = await openQueue(options.queueUrl, options.connectTimeout_ms ?? DEFAULT_CONNECT_TIMEOUT_ms);
  let runId: string | null = null;
  const results = new Map<number, ReplicationResult>();
  const ranges = replicationRanges(runs, chunk);
  const complete = (range: ReplicationRange): boolean => {
    for (let i = range.from; i < range.to; i++) if (!results.has(i)) return false;
    return true;
  };
  let pending: ReplicationRange[] = [];
  let queued = { enqueued: 0, alreadyQueued: 0 };
  let duplicates = 0;
  let aborted = false;
  try {
    // record the run (or reopen the resumed one) and load what is already stored
    if (store && resumed) {
      runId = resumed.row.id;
      store.reopenRun(runId);
      if (runs > resumed.runs) store.extendRun(runId, runs, { ...resumed.config, runs });
      for (const r of store.listReplications(runId))
        if (r.replication < runs) results.set(r.replication, r.summary as ReplicationResult);
    } else if (store) {
      const config: DistributedStoredConfig = {
        runs,
        untilCiHalfWidth: null,
        queue: redactQueueUrl(options.queueUrl),
        chunk,
        ...storedInputs({ baseDir: resolve(baseDir), inputs: files.inputs }),
      };
      runId = store.createRun({
        kind: 'mc',
        scenarioHash: store.putScenario(yaml, scenario.name, digests),
        scenarioName: scenario.name,
        scenarioFile,
        seed,
        runsRequested: runs,
        config,
      });
    }
    pending = ranges.filter((range) => !complete(range));

    // progress: stored replications plus what running jobs report
    let jobsDone = ranges.length - pending.length;
    const inFlight = new Map<string, number>();
    const report = () => {
      if (!options.onProgress) return;
      let running = 0;
      for (const done of inFlight.values()) running += done;
      options.onProgress({
        done: Math.min(runs, results.size + running),
        total: runs,
        elapsed_s: (performance.now() - started_ms) / 1000,
        jobsDone,
        jobsTotal: ranges.length,
      });
    };
    const version = aspisVersion();
    const runKey = runId ?? NO_STORE_RUN_ID;
    const entries = pending.map((range) => ({
      jobId: rangeJobId(runKey, yaml, seed, version, range, digests),
      range,
      data: {
        runId: runKey,
        scenarioYaml: yaml,
        scenarioFile: fileName,
        seed,
        ...range,
        aspisVersion: version,
        ...(jobInputs.length > 0 ? { inputs: jobInputs } : {}),
      },
    }));
    const rangeOf = new Map(entries.map((e) => [e.jobId, e.range]));
    open.events.on('progress', ({ jobId, data }) => {
      if (!rangeOf.has(jobId) || typeof data !== 'object' || data === null) return;
      inFlight.set(jobId, (data as RangeProgress).done ?? 0);
      report();
    });

    if (entries.length > 0 && !signal?.aborted) {
      const { jobs, ...counts } = await enqueueRanges(open.queue, entries);
      queued = counts;
      // wait for every job; store each range as it lands (a killed coordinator resumes from the store)
      const waitAll = Promise.all(
        jobs.map(async (job) => {
          const jobId = job.id!;
          const value = await job.waitUntilFinished(open.events);
          for (const result of checkRangeResults(jobId, rangeOf.get(jobId)!, value)) {
            const stored =
              store && runId
                ? store.putReplication(runId, {
                    replication: result.replication,
                    hash: result.hash,
                    summary: result,
                  })
                : !results.has(result.replication);
            if (!stored) duplicates++;
            if (!results.has(result.replication)) results.set(result.replication, result);
          }
          inFlight.delete(jobId);
          jobsDone++;
          report();
        }),
      );
      waitAll.catch(() => {});
      const watch = queueWatchdog(
        open.queue,
        entries.map((e) => ({ jobId: e.jobId, done: () => complete(e.range) })),
        runId,
        options.queueCheck_ms ?? DEFAULT_QUEUE_CHECK_ms,
        options.queueTimeout_ms ?? DEFAULT_QUEUE_TIMEOUT_ms,
      );
      try {
        aborted =
          (await Promise.race([waitAll.then(() => 'done' as const), abortion(signal), watch.lost])) ===
          'aborted';
      } catch (err) {
        if (store && runId) store.finishRun(runId, 'stopped');
        if (err instanceof AspisError) throw err;
        const resume = runId ? `; resume with --resume ${runId}` : '';
        throw new Error(
          `distributed Monte Carlo${runId ? ` ${runId}` : ''} stopped: ${err instanceof Error ? err.message : String(err)}${resume}`,
          { cause: err },
        );
      } finally {
        watch.stop();
      }
      // on abort, withdraw the jobs no worker has started (running ones are locked and finish anyway)
      if (aborted)
        for (const e of entries) if (!complete(e.range)) await open.queue.remove(e.jobId).catch(() => 0);
    } else aborted = entries.length > 0;
  } finally {
    // a Redis that went away may never acknowledge the close: do not wait for it forever either
    await within(DEFAULT_QUEUE_CHECK_ms, open.close()).catch(() => {});
  }

  // aggregate the complete prefix (everything, unless aborted) in index order
  const replications: ReplicationResult[] = [];
  for (let i = 0; i < runs && results.has(i); i++) replications.push(results.get(i)!);
  const result = finishMonteCarlo(scenario, replications, {
    runs,
    seed,
    target: null,
    aborted,
    store,
    runId,
  });
  return {
    ...result,
    jobs: { total: ranges.length, skipped: ranges.length - pending.length, ...queued },
    duplicates,
  };
}

/**
 * `runDistributedMonteCarlo` for a scenario file (what `aspis mc FILE --queue URL` calls); `file` null runs the
 * resumed run's stored scenario.
 * @throws AspisError `E_SCENARIO_FILE` when the file cannot be read, then as `runDistributedMonteCarlo`
 * @example
 * ```ts
 * import { runDistributedMonteCarloFile } from 'aspis';
 * // needs Redis and at least one `aspis worker` on the same queue
 * const mc = await runDistributedMonteCarloFile('scenarios/al-asad-2020.yaml', { queueUrl: 'redis://127.0.0.1:6379', runs: 200 });
 * console.log(mc.aggregate.pra);
 * ```
 */
export function runDistributedMonteCarloFile(
  file: string | null,
  options: DistributedMcOptions,
): Promise<DistributedMcResult> {
  let yaml: string | null = null;
  if (file !== null) {
    try {
      yaml = readFileSync(file, 'utf8');
    } catch (err) {
      throw new AspisError('E_SCENARIO_FILE', file, `cannot read scenario file: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }
  return runDistributedMonteCarlo(yaml, file ?? '<stored scenario>', {
    ...(file !== null ? { baseDir: dirname(file) } : {}),
    ...options,
  });
}

/**
 * One line on how the queue served a run (`aspis mc --queue` prints it under the aggregate); empty for a result of
 * `runMonteCarlo`.
 */
export function describeQueueRun(result: MonteCarloResult | DistributedMcResult): string {
  if (!('jobs' in result)) return '';
  const { jobs, duplicates } = result;
  const parts = [`${jobs.enqueued} enqueued`];
  if (jobs.alreadyQueued > 0) parts.push(`${jobs.alreadyQueued} already on the queue`);
  if (jobs.skipped > 0) parts.push(`${jobs.skipped} already stored`);
  const twice = duplicates > 0 ? `; ${duplicates} replication(s) computed twice, stored once` : '';
  return `queue: ${jobs.total} jobs (${parts.join(', ')})${twice}`;
}
