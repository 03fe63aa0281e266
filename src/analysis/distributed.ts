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
import { AspisError } from '../errors.js';
import type { RunStore } from '../store/runStore.js';
import { type DistributedPlan, planDistributedRun } from './distributedPlan.js';
import {
  abortion,
  checkRangeResults,
  DEFAULT_QUEUE_CHECK_ms,
  enqueueRanges,
  type OpenQueue,
  openQueue,
  queueWatchdog,
  within,
} from './distributedQueue.js';
import {
  finishMonteCarlo,
  type McProgress,
  type McStoredConfig,
  type MonteCarloResult,
  storedInputs,
} from './monteCarlo.js';
import {
  aspisVersion,
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
/** Default time Redis may stay silent while a run waits, ms. */
const DEFAULT_QUEUE_TIMEOUT_ms = 60_000;
/** Job-id prefix when there is no store (the id still carries the scenario hash and the seed). */
const NO_STORE_RUN_ID = 'nostore';

/** The replications of a run by index, from the store and from finished jobs; counts those computed twice. */
class ReplicationTally {
  readonly results = new Map<number, ReplicationResult>();
  duplicates = 0;

  /** Whether every replication of the range is in. */
  complete(range: ReplicationRange): boolean {
    for (let i = range.from; i < range.to; i++) if (!this.results.has(i)) return false;
    return true;
  }

  /** Takes a finished job's results, storing each idempotently by (run id, replication) when there is a store. */
  take(results: readonly ReplicationResult[], store: RunStore | undefined, runId: string | null): void {
    for (const result of results) {
      const stored =
        store && runId
          ? store.putReplication(runId, {
              replication: result.replication,
              hash: result.hash,
              summary: result,
            })
          : !this.results.has(result.replication);
      if (!stored) this.duplicates++;
      if (!this.results.has(result.replication)) this.results.set(result.replication, result);
    }
  }

  /** The complete prefix 0, 1, … of the first `runs` replications, in index order. */
  prefix(runs: number): ReplicationResult[] {
    const replications: ReplicationResult[] = [];
    for (let i = 0; i < runs && this.results.has(i); i++) replications.push(this.results.get(i)!);
    return replications;
  }
}

/**
 * Records the run in the store (or reopens and, when asked for more runs, extends the resumed one) and loads the
 * replications already stored into `tally`; null without a store.
 */
function recordRun(
  store: RunStore | undefined,
  plan: DistributedPlan,
  scenarioFile: string,
  queueUrl: string,
  tally: ReplicationTally,
): string | null {
  const { resumed, runs } = plan;
  if (store && resumed) {
    const runId = resumed.row.id;
    store.reopenRun(runId);
    if (runs > resumed.runs) store.extendRun(runId, runs, { ...resumed.config, runs });
    for (const r of store.listReplications(runId))
      if (r.replication < runs) tally.results.set(r.replication, r.summary as ReplicationResult);
    return runId;
  }
  if (!store) return null;
  const config: DistributedStoredConfig = {
    runs,
    untilCiHalfWidth: null,
    queue: redactQueueUrl(queueUrl),
    chunk: plan.chunk,
    ...storedInputs({ baseDir: resolve(plan.baseDir), inputs: plan.inputs }),
  };
  return store.createRun({
    kind: 'mc',
    scenarioHash: store.putScenario(plan.yaml, plan.scenario.name, plan.digests),
    scenarioName: plan.scenario.name,
    scenarioFile,
    seed: plan.seed,
    runsRequested: runs,
    config,
  });
}

/** Progress of a distributed run for `onProgress`: stored replications plus what running jobs report. */
class DistributedProgress {
  private readonly inFlight = new Map<string, number>();

  constructor(
    private readonly onProgress: DistributedMcOptions['onProgress'],
    private readonly tally: ReplicationTally,
    private readonly runs: number,
    private readonly jobsTotal: number,
    private jobsDone: number,
    private readonly started_ms: number,
  ) {}

  /** A running job reported `done` replications. */
  running(jobId: string, done: number): void {
    this.inFlight.set(jobId, done);
    this.report();
  }

  /** A job finished (its results are in the tally). */
  finished(jobId: string): void {
    this.inFlight.delete(jobId);
    this.jobsDone++;
    this.report();
  }

  private report(): void {
    if (!this.onProgress) return;
    let running = 0;
    for (const done of this.inFlight.values()) running += done;
    this.onProgress({
      done: Math.min(this.runs, this.tally.results.size + running),
      total: this.runs,
      elapsed_s: (performance.now() - this.started_ms) / 1000,
      jobsDone: this.jobsDone,
      jobsTotal: this.jobsTotal,
    });
  }
}

/** One range job to enqueue: its deterministic id, its range and its data. */
interface RangeEntry {
  readonly jobId: string;
  readonly range: ReplicationRange;
  readonly data: RangeJobData;
}

/** The jobs of the ranges still to compute, under ids from (run, scenario, seed, version, range, inputs). */
function rangeEntries(
  plan: DistributedPlan,
  runKey: string,
  pending: readonly ReplicationRange[],
): RangeEntry[] {
  const { yaml, seed, digests, jobInputs } = plan;
  const version = aspisVersion();
  return pending.map((range) => ({
    jobId: rangeJobId(runKey, yaml, seed, version, range, digests),
    range,
    data: {
      runId: runKey,
      scenarioYaml: yaml,
      scenarioFile: plan.fileName,
      seed,
      ...range,
      aspisVersion: version,
      ...(jobInputs.length > 0 ? { inputs: jobInputs } : {}),
    },
  }));
}

/** What waiting for the jobs gave: whether the run was aborted, and how the jobs got onto the queue. */
interface RangesWaited {
  readonly aborted: boolean;
  readonly enqueued: number;
  readonly alreadyQueued: number;
}

/** Who waits for the jobs: the store and run to write to, the tally, the progress and the caller's options. */
interface WaitContext {
  readonly store: RunStore | undefined;
  readonly runId: string | null;
  readonly tally: ReplicationTally;
  readonly progress: DistributedProgress;
  readonly options: DistributedMcOptions;
}

/**
 * Enqueues the entries and waits for every job, storing each range as it lands (a killed coordinator resumes from
 * the store), until all are in, the signal aborts (queued jobs are then withdrawn) or the watchdog gives up. A
 * failure marks the run `stopped`.
 */
async function awaitRanges(
  open: OpenQueue,
  entries: readonly RangeEntry[],
  rangeOf: ReadonlyMap<string, ReplicationRange>,
  ctx: WaitContext,
): Promise<RangesWaited> {
  const { store, runId, tally, progress, options } = ctx;
  const { signal } = options;
  if (entries.length === 0 || signal?.aborted)
    return { aborted: entries.length > 0, enqueued: 0, alreadyQueued: 0 };
  const { jobs, ...counts } = await enqueueRanges(open.queue, entries);
  const waitAll = Promise.all(
    jobs.map(async (job) => {
      const jobId = job.id!;
      const value = await job.waitUntilFinished(open.events);
      tally.take(checkRangeResults(jobId, rangeOf.get(jobId)!, value), store, runId);
      progress.finished(jobId);
    }),
  );
  waitAll.catch(() => {});
  const watch = queueWatchdog(
    open.queue,
    entries.map((e) => ({ jobId: e.jobId, done: () => tally.complete(e.range) })),
    runId,
    options.queueCheck_ms ?? DEFAULT_QUEUE_CHECK_ms,
    options.queueTimeout_ms ?? DEFAULT_QUEUE_TIMEOUT_ms,
  );
  let aborted: boolean;
  try {
    aborted =
      (await Promise.race([waitAll.then(() => 'done' as const), abortion(signal), watch.lost])) === 'aborted';
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
    for (const e of entries) if (!tally.complete(e.range)) await open.queue.remove(e.jobId).catch(() => 0);
  return { aborted, ...counts };
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
  const { store } = options;
  const plan = planDistributedRun(scenarioYaml, scenarioFile, options);
  const { runs, seed } = plan;

  // connect first: an unreachable Redis leaves no half-made run in the store
  const open = await openQueue(options.queueUrl, options.connectTimeout_ms ?? DEFAULT_CONNECT_TIMEOUT_ms);
  let runId: string | null = null;
  const tally = new ReplicationTally();
  const ranges = replicationRanges(runs, plan.chunk);
  let pending: ReplicationRange[] = [];
  let waited: RangesWaited = { aborted: false, enqueued: 0, alreadyQueued: 0 };
  try {
    runId = recordRun(store, plan, scenarioFile, options.queueUrl, tally);
    pending = ranges.filter((range) => !tally.complete(range));
    const progress = new DistributedProgress(
      options.onProgress,
      tally,
      runs,
      ranges.length,
      ranges.length - pending.length,
      started_ms,
    );
    const entries = rangeEntries(plan, runId ?? NO_STORE_RUN_ID, pending);
    const rangeOf = new Map(entries.map((e) => [e.jobId, e.range]));
    open.events.on('progress', ({ jobId, data }) => {
      if (!rangeOf.has(jobId) || typeof data !== 'object' || data === null) return;
      progress.running(jobId, (data as RangeProgress).done ?? 0);
    });
    waited = await awaitRanges(open, entries, rangeOf, { store, runId, tally, progress, options });
  } finally {
    // a Redis that went away may never acknowledge the close: do not wait for it forever either
    await within(DEFAULT_QUEUE_CHECK_ms, open.close()).catch(() => {});
  }

  // aggregate the complete prefix (everything, unless aborted) in index order
  const { aborted, enqueued, alreadyQueued } = waited;
  const result = finishMonteCarlo(plan.scenario, tally.prefix(runs), {
    runs,
    seed,
    target: null,
    aborted,
    store,
    runId,
  });
  return {
    ...result,
    jobs: { total: ranges.length, skipped: ranges.length - pending.length, enqueued, alreadyQueued },
    duplicates: tally.duplicates,
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
