/**
 * @module analysis/monteCarlo
 * `runMonteCarlo`: many replications of one scenario, in-process (`workers: 1`) or on N threads of compute: this
 * thread plus N − 1 `worker_threads` running the compiled worker (`dist/src/analysis/mcWorker.js`). Replication i draws only from the stream derived from
 * (seed, i); chunks of indices are handed out dynamically and results are merged in index order, so the aggregate is
 * byte-identical for any worker count. An optional convergence stop looks only at complete prefixes 0..n−1 at fixed
 * checkpoints (every 25 replications), so where it stops does not depend on the worker count either. With a run
 * store every replication is written as it completes (idempotently), and `resume` skips the stored ones.
 *
 * Running from TypeScript source (vitest, tsx) the worker is `<packageRoot>/dist/src/analysis/mcWorker.js`, which
 * must be built and current: call `node scripts/ensureBuild.mjs` (or `npm run build`) first. The in-process path
 * (`workers: 1`) needs no build.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AspisError } from '../errors.js';
import { checkSeed } from '../math/rng.js';
import { halfWidth, MeanAccumulator, wilsonInterval } from '../math/stats.js';
import { packageRoot } from '../scenario/catalog.js';
import { type InputFile, inputDigests, localInputFiles } from '../scenario/inputFiles.js';
import { parseScenario } from '../scenario/load.js';
import type { Scenario } from '../scenario/types.js';
import {
  type InputDigest,
  type RunRow,
  type RunStore,
  requireResumableMcRun,
  scenarioHash,
} from '../store/runStore.js';
import type { McWorkerChunk, McWorkerData, McWorkerMessage } from './mcWorker.js';
import {
  aggregateReplications,
  type McAggregate,
  type ReplicationResult,
  raidAnnihilated,
  runReplication,
} from './replication.js';

/** Replications between convergence checks (fixed, so the stopping point is the same for any worker count). */
export const CONVERGENCE_BATCH = 25;

/** No convergence stop before this many replications (tiny samples can show a zero-width mean interval). */
export const CONVERGENCE_MIN_RUNS = 50;

/** Largest chunk of replications handed to one worker at a time. */
export const MAX_CHUNK = 25;

/** A scenario to run: a file path, YAML text with a name for messages, or an already compiled scenario. */
export type McScenarioInput =
  | string
  /** `baseDir`: where relative file references (`terrain.dem`) resolve; default the directory of `fileName`. */
  | { readonly yaml: string; readonly fileName: string; readonly baseDir?: string }
  | Scenario;

/** Progress report, after each replication. */
export interface McProgress {
  /** Replications complete (including ones resumed from the store). */
  readonly done: number;
  /** Replications asked for (the upper bound when a convergence stop is set). */
  readonly total: number;
  /** Of `done`, those read back from the store on resume (not run by this call). */
  readonly resumed?: number;
  /** Wall time since this call started, s (display only). */
  readonly elapsed_s: number;
}

/** Options of `runMonteCarlo`; plain data apart from the callback, the store handle and the signal. */
export interface MonteCarloOptions {
  /** Replications to run (the maximum with `untilCiHalfWidth`). Defaults to the resumed run's. */
  readonly runs?: number;
  /** Threads of compute: this one plus `workers − 1` worker threads; 1 runs in this thread. Default 1. Never changes the result. */
  readonly workers?: number;
  /** Root seed; defaults to the scenario's (or the resumed run's). */
  readonly seed?: number;
  /**
   * Stop at the first checkpoint (every 25 replications, from 50) where the 95 % half-widths of PRA (Wilson,
   * probability) and of mean leakers on assets (t/normal, leakers per run) are both ≤ this value.
   */
  readonly untilCiHalfWidth?: number;
  /** Called after each completed replication. */
  readonly onProgress?: (progress: McProgress) => void;
  /** Run store: the scenario, the run and every replication are recorded as they complete. */
  readonly store?: RunStore;
  /** Id of a stored Monte Carlo run to continue (needs `store`); stored replications are not re-run. */
  readonly resume?: string;
  /** Scenario file name recorded in the store (defaults to the path or `fileName` given). */
  readonly scenarioFile?: string;
  /** Stops handing out work; the call resolves with what is complete and the stored run is marked `stopped`. */
  readonly signal?: AbortSignal;
  /** Largest chunk handed to a worker (default 25; smaller for short runs so all workers stay busy). */
  readonly chunkSize?: number;
}

/** Half-widths of the two leading measures at the stopping point. */
export interface McConvergence {
  readonly praHalfWidth: number;
  readonly leakersHalfWidth: number;
  /** The half-width asked for, or null without a convergence stop. */
  readonly target: number | null;
}

/** What `runMonteCarlo` returns. */
export interface MonteCarloResult {
  readonly aggregate: McAggregate;
  /** Replications aggregated (0..runs−1). */
  readonly runs: number;
  /** True when the convergence stop (or an abort) ended the run before `runs` asked for. */
  readonly stoppedEarly: boolean;
  /** True when `signal` aborted the run. */
  readonly aborted: boolean;
  readonly seed: number;
  /** Stored run id, or null without a store. */
  readonly runId: string | null;
  readonly convergence: McConvergence;
  /** Every aggregated replication, by index (replay one with `aspis run FILE --seed S --replication i`). */
  readonly replications: ReplicationResult[];
}

/** The configuration recorded with a stored Monte Carlo run (what a resume needs to continue identically). */
export interface McStoredConfig {
  readonly runs: number;
  readonly untilCiHalfWidth: number | null;
  /** Absolute folder the scenario's relative file references resolved against (absent in runs stored before it). */
  readonly baseDir?: string;
  /** Every input file the scenario read: field, where, and the SHA-256 of its bytes (absent: none, or an old run). */
  readonly inputs?: readonly StoredInput[];
  /** Replication chunk of a queued run (`analysis/distributed`). */
  readonly chunk?: number;
}

/** An input file as a stored run remembers it. */
export interface StoredInput extends InputDigest {
  /** Where it was read (absolute path), for the message when a resume finds different bytes. */
  readonly location: string;
}

interface ResolvedScenario {
  readonly scenario: Scenario;
  /** YAML text when known (needed to store the run). */
  readonly yaml: string | null;
  readonly fileName: string;
  /** Absolute folder relative references resolved against, when compiled from text. */
  readonly baseDir: string | null;
  /** Files the scenario read (DEM), with their digests. */
  readonly inputs: readonly InputFile[];
}

function isScenario(input: McScenarioInput): input is Scenario {
  return typeof input === 'object' && 'threats' in input && 'units' in input;
}

/** Compiles scenario text with relative file references resolved against `baseDir`, recording the files read. */
function compileText(yaml: string, fileName: string, baseDir: string): ResolvedScenario {
  const files = localInputFiles(baseDir);
  const scenario = parseScenario(yaml, fileName, { files });
  return { scenario, yaml, fileName, baseDir: resolve(baseDir), inputs: files.inputs };
}

function resolveScenario(input: McScenarioInput): ResolvedScenario {
  if (typeof input === 'string') {
    let yaml: string;
    try {
      yaml = readFileSync(input, 'utf8');
    } catch (err) {
      throw new AspisError('E_SCENARIO_FILE', input, `cannot read scenario file: ${(err as Error).message}`, {
        cause: err,
      });
    }
    return compileText(yaml, input, dirname(input));
  }
  if (isScenario(input))
    return { scenario: input, yaml: null, fileName: input.name, baseDir: null, inputs: [] };
  return compileText(input.yaml, input.fileName, input.baseDir ?? dirname(input.fileName));
}

/** What a stored run records about its inputs (folded into its config). */
export function storedInputs(resolved: {
  readonly baseDir: string | null;
  readonly inputs: readonly InputFile[];
}): Pick<McStoredConfig, 'baseDir' | 'inputs'> {
  return {
    ...(resolved.baseDir !== null ? { baseDir: resolved.baseDir } : {}),
    ...(resolved.inputs.length > 0
      ? { inputs: resolved.inputs.map((f) => ({ field: f.field, sha256: f.sha256, location: f.location })) }
      : {}),
  };
}

/**
 * Refuses to resume `row` with scenario text and inputs other than the ones it was stored with: the first input file
 * whose bytes differ is named (`E_RESUME_INPUT terrain.dem: …`), else the scenario text. Runs stored before input
 * files were hashed are checked on their text alone.
 */
export function checkResumeInputs(
  row: RunRow,
  config: Pick<McStoredConfig, 'inputs'>,
  yaml: string,
  fileName: string,
  inputs: readonly InputFile[],
): void {
  const digests = inputDigests(inputs);
  const legacy = config.inputs === undefined && scenarioHash(yaml) === row.scenarioHash;
  if (legacy || scenarioHash(yaml, digests) === row.scenarioHash) return;
  for (const stored of config.inputs ?? []) {
    const now = inputs.find((f) => f.field === stored.field);
    if (now === undefined || now.sha256 !== stored.sha256)
      throw new AspisError(
        'E_RESUME_INPUT',
        stored.field,
        `${now?.location ?? 'the file'} is not the file run ${row.id} used (${stored.location}, sha256 ${stored.sha256.slice(0, 12)}…${now ? `; now ${now.sha256.slice(0, 12)}…` : ''}); restore that file or start a new run`,
      );
  }
  throw new AspisError(
    'E_RESUME_INPUT',
    '--resume',
    `${fileName} is not the scenario run ${row.id} used (its text or input files changed); resume without a file to use the stored one, or start a new run`,
  );
}

/**
 * The runs a resume asks for: the stored count, or more (the batch is extended). Fewer is refused: the stored
 * aggregate and status would no longer describe the same batch.
 * @throws AspisError `E_RESUME_RUNS`
 */
export function resumedRuns(row: RunRow, storedRuns: number, asked: number | undefined): number {
  if (asked === undefined) return storedRuns;
  if (asked < storedRuns)
    throw new AspisError(
      'E_RESUME_RUNS',
      '--runs',
      `run ${row.id} is a batch of ${storedRuns}; a resume can only extend it (--runs ${storedRuns} or more), or start a new run for ${asked}`,
    );
  return asked;
}

/** Half-widths of PRA and mean leakers over the first `n` results (which must be replications 0..n−1). */
function convergenceOf(prefix: readonly ReplicationResult[]): { pra: number; leakers: number } {
  let annihilated = 0;
  const leakers = new MeanAccumulator();
  for (const r of prefix) {
    if (raidAnnihilated(r)) annihilated++;
    leakers.push(r.totals.leakersOnAssets);
  }
  return {
    pra: halfWidth(wilsonInterval(annihilated, prefix.length)),
    leakers: halfWidth(leakers.interval()),
  };
}

/** Checkpoints at which the convergence stop is evaluated: multiples of 25 from 50, below `runs`. */
function isCheckpoint(n: number): boolean {
  return n >= CONVERGENCE_MIN_RUNS && n % CONVERGENCE_BATCH === 0;
}

/**
 * Path of the compiled worker: beside this module when it is compiled JS, else (TypeScript source under vitest or
 * tsx) `<packageRoot>/dist/src/analysis/mcWorker.js`, which `node scripts/ensureBuild.mjs` keeps current.
 */
export function mcWorkerPath(): string {
  const here = new URL('./mcWorker.js', import.meta.url);
  if (import.meta.url.endsWith('.js')) return fileURLToPath(here);
  return join(packageRoot(), 'dist', 'src', 'analysis', 'mcWorker.js');
}

/** Collects results: store writes, progress, the contiguous prefix and the convergence stop. */
class Collector {
  readonly results = new Map<number, ReplicationResult>();
  private prefix = 0;
  private resumed = 0;
  /** Replications to aggregate once known: the stopping checkpoint, else `runs`. */
  stopAt: number | null = null;
  private readonly started_ms = performance.now();

  constructor(
    private readonly runs: number,
    private readonly target: number | null,
    private readonly store: RunStore | undefined,
    private readonly runId: string | null,
    private readonly onProgress: ((p: McProgress) => void) | undefined,
  ) {}

  /** Seeds the collector with stored replications (resume); no store write, no progress call. */
  preload(results: readonly ReplicationResult[]): void {
    for (const r of results) if (r.replication < this.runs) this.results.set(r.replication, r);
    this.resumed = this.results.size;
    this.advance();
  }

  add(result: ReplicationResult): void {
    if (this.results.has(result.replication)) return;
    this.results.set(result.replication, result);
    if (this.store && this.runId)
      this.store.putReplication(this.runId, {
        replication: result.replication,
        hash: result.hash,
        summary: result,
      });
    this.advance();
    this.onProgress?.({
      done: this.results.size,
      total: this.runs,
      resumed: this.resumed,
      elapsed_s: (performance.now() - this.started_ms) / 1000,
    });
  }

  /** True once the complete prefix reached the stopping point (or all runs). */
  get finished(): boolean {
    return this.stopAt !== null || this.prefix >= this.runs;
  }

  /** Aggregation size: the stopping checkpoint, or the complete prefix. */
  get count(): number {
    return this.stopAt ?? this.prefix;
  }

  prefixResults(n: number = this.count): ReplicationResult[] {
    return Array.from({ length: n }, (_, i) => this.results.get(i)!);
  }

  private advance(): void {
    while (this.stopAt === null && this.results.has(this.prefix)) {
      this.prefix++;
      if (this.target !== null && this.prefix < this.runs && isCheckpoint(this.prefix)) {
        const c = convergenceOf(this.prefixResults(this.prefix));
        if (c.pra <= this.target && c.leakers <= this.target) this.stopAt = this.prefix;
      }
    }
  }
}

/** Replications not yet complete, ascending, below `runs`. */
function pendingIndices(runs: number, done: ReadonlyMap<number, ReplicationResult>): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) if (!done.has(i)) out.push(i);
  return out;
}

async function runInProcess(
  scenario: Scenario,
  seed: number,
  pending: readonly number[],
  collector: Collector,
  signal: AbortSignal | undefined,
): Promise<void> {
  for (const i of pending) {
    if (collector.finished || signal?.aborted) return;
    collector.add(runReplication(scenario, seed, i));
    // let timers (progress bar, signals) run between replications
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Chunks a worker thread holds at once: the next one is queued while it runs one, so it never waits for the parent. */
const CHUNKS_IN_FLIGHT = 2;

/**
 * Hands out the pending replications of one batch: guided chunk sizes (`remaining / (2 · workers)`, at most
 * `chunkSize`, shrinking to 1 at the tail) so all threads finish together, and one stop flag for every thread.
 */
class Dispatch {
  private next = 0;
  failed = false;

  constructor(
    private readonly pending: readonly number[],
    private readonly collector: Collector,
    private readonly workers: number,
    private readonly chunkSize: number,
    private readonly signal: AbortSignal | undefined,
  ) {}

  private get stopped(): boolean {
    return this.failed || this.collector.finished || this.signal?.aborted === true;
  }

  /** The next `size` indices, or null when the batch is done or stopped. */
  take(size: number): number[] | null {
    if (this.stopped || this.next >= this.pending.length) return null;
    const indices = this.pending.slice(this.next, this.next + size);
    this.next += indices.length;
    return indices;
  }

  /** The next chunk of the guided schedule. */
  takeGuided(): number[] | null {
    const size = Math.floor((this.pending.length - this.next) / (2 * this.workers));
    return this.take(Math.max(1, Math.min(this.chunkSize, size)));
  }
}

/** Resolves when the worker threads of `pool` have no chunk left (or the batch stopped); rejects on a failure. */
function serveWorkerThreads(
  pool: readonly Worker[],
  dispatch: Dispatch,
  collector: Collector,
  signal: AbortSignal | undefined,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let busy = 0;
    const fail = (err: unknown) => {
      dispatch.failed = true;
      reject(err);
    };
    const onAbort = () => resolve();
    signal?.addEventListener('abort', onAbort, { once: true });
    const finish = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const handOut = (worker: Worker): void => {
      const indices = dispatch.takeGuided();
      if (indices === null) return;
      busy++;
      worker.postMessage({ indices } satisfies McWorkerChunk);
    };
    for (const worker of pool) {
      worker.on('message', (msg: McWorkerMessage) => {
        // a failed store write (disk full) rejects the batch instead of escaping as an uncaught exception
        try {
          if (msg.type === 'result') collector.add(msg.result);
          else if (msg.type === 'error')
            fail(
              new Error(`replication ${msg.replication} failed in a worker: ${msg.message}\n${msg.stack}`),
            );
          else {
            busy--;
            handOut(worker);
            if (busy === 0) finish();
          }
          if (collector.finished) finish();
        } catch (err) {
          fail(err);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`Monte Carlo worker exited with code ${code}`));
      });
    }
    for (let k = 0; k < CHUNKS_IN_FLIGHT; k++) for (const worker of pool) handOut(worker);
    if (busy === 0) finish();
  });
}

/** This thread's share: one replication at a time, yielding between them so worker messages (and timers) are served. */
async function serveThisThread(
  scenario: Scenario,
  seed: number,
  dispatch: Dispatch,
  collector: Collector,
): Promise<void> {
  for (;;) {
    const indices = dispatch.take(1);
    if (indices === null) return;
    collector.add(runReplication(scenario, seed, indices[0]));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs `pending` on `workers` threads of compute: `workers − 1` worker threads plus this thread, which runs
 * replications one at a time between messages (an idle parent would leave one core's share unused, and every worker
 * thread pays its own start-up: module load, per-scenario caches, JIT warm-up).
 */
async function runInWorkers(
  scenario: Scenario,
  seed: number,
  pending: readonly number[],
  collector: Collector,
  workers: number,
  chunkSize: number,
  signal: AbortSignal | undefined,
): Promise<void> {
  const path = mcWorkerPath();
  if (!existsSync(path))
    throw new AspisError(
      'E_USAGE',
      '--workers',
      `compiled worker ${path} is missing; run \`npm run build\` (or \`node scripts/ensureBuild.mjs\`) or use --workers 1`,
    );
  const dispatch = new Dispatch(pending, collector, workers, chunkSize, signal);
  const data: McWorkerData = { scenario, seed };
  const threads = Math.min(workers - 1, Math.ceil(pending.length / chunkSize));
  const pool = Array.from({ length: threads }, () => new Worker(path, { workerData: data }));
  try {
    const threadsDone = serveWorkerThreads(pool, dispatch, collector, signal);
    const mainDone = serveThisThread(scenario, seed, dispatch, collector);
    mainDone.catch(() => {
      dispatch.failed = true;
    });
    await Promise.all([threadsDone, mainDone]);
  } finally {
    dispatch.failed = true;
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/**
 * Runs a Monte Carlo batch of `scenario` and aggregates it (see the module header for the determinism contract).
 * @param scenarioOrFile a scenario file path, `{ yaml, fileName }`, or a compiled scenario (not storable); null
 *   only with `resume`, to run the stored run's scenario
 * @throws AspisError `E_USAGE` for bad counts, a missing compiled worker, or a resume that does not match
 * @example
 * ```ts
 * import { runMonteCarlo } from 'aspis';
 * const mc = await runMonteCarlo('scenarios/al-asad-2020.yaml', { runs: 100, workers: 2, seed: 1 });
 * console.log(mc.aggregate.pra.p, mc.aggregate.pra.lo, mc.aggregate.pra.hi); // P(raid annihilation), 95 % interval
 * ```
 */
export async function runMonteCarlo(
  scenarioOrFile: McScenarioInput | null,
  options: MonteCarloOptions,
): Promise<MonteCarloResult> {
  const { store } = options;
  const resumed = options.resume !== undefined ? resumeRun(store, options.resume) : null;
  let input = scenarioOrFile;
  if (input === null) {
    if (!resumed) throw new AspisError('E_USAGE', 'scenario', 'give a scenario (or resume a stored run)');
    input = {
      yaml: resumed.yaml,
      fileName: resumed.row.scenarioFile,
      // the folder the run's files resolved against when stored, whatever the working directory is now
      ...(resumed.config.baseDir !== undefined ? { baseDir: resumed.config.baseDir } : {}),
    };
  }
  const resolved = resolveScenario(input);
  const { scenario } = resolved;
  const seed = checkSeed(resumed?.row.seed ?? options.seed ?? scenario.seed, 'seed');
  const runs = resumed ? resumedRuns(resumed.row, resumed.config.runs, options.runs) : options.runs;
  const target = options.untilCiHalfWidth ?? resumed?.config.untilCiHalfWidth ?? null;
  const workers = options.workers ?? 1;
  if (runs === undefined || !Number.isInteger(runs) || runs < 1)
    throw new AspisError('E_USAGE', '--runs', `expected a positive integer number of runs, got ${runs}`);
  if (!Number.isInteger(workers) || workers < 1)
    throw new AspisError('E_USAGE', '--workers', `expected a positive integer, got ${workers}`);
  if (target !== null && !(target > 0))
    throw new AspisError('E_USAGE', '--until-ci', `expected a positive half-width, got ${target}`);
  if (resumed) {
    if (options.seed !== undefined && options.seed !== resumed.row.seed)
      throw new AspisError(
        'E_USAGE',
        '--seed',
        `run ${resumed.row.id} used seed ${resumed.row.seed}; drop --seed to resume it`,
      );
    if (resolved.yaml !== null)
      checkResumeInputs(resumed.row, resumed.config, resolved.yaml, resolved.fileName, resolved.inputs);
  }

  // record the run
  let runId: string | null = null;
  if (store) {
    if (resumed) {
      runId = resumed.row.id;
      store.reopenRun(runId);
      if (runs > resumed.config.runs) store.extendRun(runId, runs, { ...resumed.config, runs });
    } else {
      if (resolved.yaml === null)
        throw new AspisError(
          'E_USAGE',
          'store',
          'a compiled scenario cannot be stored; pass its file path or { yaml, fileName }',
        );
      const hash = store.putScenario(resolved.yaml, scenario.name, inputDigests(resolved.inputs));
      const config: McStoredConfig = { runs, untilCiHalfWidth: target, ...storedInputs(resolved) };
      runId = store.createRun({
        kind: 'mc',
        scenarioHash: hash,
        scenarioName: scenario.name,
        scenarioFile: options.scenarioFile ?? resolved.fileName,
        seed,
        runsRequested: runs,
        config,
      });
    }
  }

  const collector = new Collector(runs, target, store, runId, options.onProgress);
  if (resumed && store && runId) collector.preload(storedResults(store, runId));
  const pending = pendingIndices(runs, collector.results);
  const chunkSize =
    options.chunkSize ?? Math.max(1, Math.min(MAX_CHUNK, Math.ceil(pending.length / (workers * 4))));
  if (!collector.finished) {
    if (workers === 1) await runInProcess(scenario, seed, pending, collector, options.signal);
    else await runInWorkers(scenario, seed, pending, collector, workers, chunkSize, options.signal);
  }

  const aborted = options.signal?.aborted === true && !collector.finished;
  return finishMonteCarlo(scenario, collector.prefixResults(), { runs, seed, target, aborted, store, runId });
}

/** How a batch ended, for `finishMonteCarlo`. */
export interface McFinish {
  /** Replications asked for. */
  readonly runs: number;
  readonly seed: number;
  /** Convergence half-width asked for, or null. */
  readonly target: number | null;
  readonly aborted: boolean;
  readonly store?: RunStore;
  readonly runId: string | null;
}

/**
 * Aggregates the replications 0..n−1 of a finished (or stopped) batch, stores the aggregate and the final status
 * (`done`, or `stopped` when aborted) and builds the `MonteCarloResult`. Shared by every executor (threads, queue).
 * @param replications replications 0..n−1, in index order
 */
export function finishMonteCarlo(
  scenario: Scenario,
  replications: ReplicationResult[],
  finish: McFinish,
): MonteCarloResult {
  const aggregate = aggregateReplications(scenario, replications);
  if (finish.store && finish.runId) {
    finish.store.putAggregate(finish.runId, aggregate);
    finish.store.finishRun(finish.runId, finish.aborted ? 'stopped' : 'done');
  }
  return {
    aggregate,
    runs: replications.length,
    stoppedEarly: replications.length < finish.runs,
    aborted: finish.aborted,
    seed: finish.seed,
    runId: finish.runId,
    convergence: {
      praHalfWidth: halfWidth(aggregate.pra),
      leakersHalfWidth: halfWidth(aggregate.leakers),
      target: finish.target,
    },
    replications,
  };
}

function resumeRun(
  store: RunStore | undefined,
  id: string,
): { row: RunRow; yaml: string; config: McStoredConfig } {
  const { row, yaml } = requireResumableMcRun(store, id);
  const stored = (row.config ?? {}) as Partial<McStoredConfig>;
  return {
    row,
    yaml,
    config: {
      ...stored,
      runs: stored.runs ?? row.runsRequested,
      untilCiHalfWidth: stored.untilCiHalfWidth ?? null,
    },
  };
}

/** Replications stored for a run, as `ReplicationResult`s (the summary column holds exactly that). */
function storedResults(store: RunStore, runId: string): ReplicationResult[] {
  return store.listReplications(runId).map((r) => r.summary as ReplicationResult);
}
