/**
 * @module server/runPool
 * Runs posted scenarios off the server's event loop (docs/limits.md): each job gets a fresh worker thread
 * (`server/runWorker`), at most `concurrency` run at once, up to `maxQueued` wait in FIFO order and more are refused.
 * A job can be cancelled while queued or running (the worker is terminated: a synchronous engine cannot be asked to
 * stop, and a thread that is thrown away leaves nothing half-written, since the store is written by this thread only
 * after a run finishes). A job is a single run (`RunJob`) or a Monte Carlo batch (`McJob`, `server/mcJob`); a batch's
 * worker posts progress messages (replications done / total) before its outcome, kept here for `GET /api/jobs/:id`.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AspisErrorCode } from '../errors.js';
import type { ThreatOutcome } from '../outcome/index.js';
import { packageRoot } from '../scenario/catalog.js';
import type { RunResult } from '../sim/engine.js';
import type { McJob, McJobOutcome } from './mcJob.js';

/** What a worker needs to run one posted scenario. */
export interface RunJob {
  /** Scenario YAML text. */
  readonly yaml: string;
  /** File name shown in error paths. */
  readonly name: string;
  /** Root seed; the scenario's when absent. */
  readonly seed?: number;
  /** Work limit, work units (`scenario/work`). */
  readonly maxEvents: number;
  /** Wall-time budget of the run, s. */
  readonly maxWall_s: number;
  /** The only folder the scenario may read files from (null: uploads only; `scenario/inputFiles`). */
  readonly dataDir: string | null;
  /** Files uploaded with the scenario, by the name it uses for them. */
  readonly uploads?: ReadonlyMap<string, Uint8Array>;
}

/** How a job ended: a result, a coded refusal or failure, or an internal error (stack text for the log). */
export type RunJobOutcome =
  | {
      readonly ok: true;
      readonly result: RunResult;
      readonly outcomes: ThreatOutcome[];
      /** Digests of the input files the scenario read (the stored scenario hash covers them). */
      readonly inputs: Array<{ field: string; sha256: string }>;
    }
  | {
      readonly ok: false;
      readonly error: { readonly code: AspisErrorCode; readonly path: string; readonly message: string };
    }
  | { readonly ok: false; readonly internal: string; readonly error?: undefined };

/** A job as listed by `GET /api/jobs`. */
export interface JobInfo {
  readonly id: string;
  readonly name: string;
  readonly state: 'queued' | 'running';
  /** A single run or a Monte Carlo batch. */
  readonly kind: 'run' | 'mc';
  /** Replications done of those asked for (Monte Carlo batches; the last progress message of the worker). */
  readonly progress?: { readonly done: number; readonly total: number };
}

/** Any job of the pool: a single run or a Monte Carlo batch (`kind: 'mc'`). */
export type PoolJob = RunJob | McJob;

/** The outcome type of a job type. */
export type OutcomeOf<J extends PoolJob> = J extends McJob ? McJobOutcome : RunJobOutcome;

/** A progress message of a worker (`server/mcJob`), distinct from its one outcome message. */
export interface JobProgressMessage {
  readonly type: 'progress';
  readonly done: number;
  readonly total: number;
}

/** Options of `createRunPool`. */
export interface RunPoolOptions {
  /** Jobs running at once (worker threads). Default 1. */
  readonly concurrency?: number;
  /** Jobs waiting beyond those running; more are refused. Default 8. */
  readonly maxQueued?: number;
  /** Compiled worker entry (default: `runWorkerPath()`). */
  readonly workerPath?: string;
  /** Heap limit of each run's worker, MB (default 2048): a run that needs more ends with E_WORK_LIMIT. */
  readonly memoryLimit_MB?: number;
}

/** The run pool of one server. */
export interface RunPool {
  /** Queues a job: its id and its outcome, or null when the queue is full. */
  submit<J extends PoolJob>(job: J): { id: string; outcome: Promise<OutcomeOf<J>> } | null;
  /** Cancels a queued or running job (its outcome becomes `E_CANCELLED`); false when there is no such job. */
  cancel(id: string): boolean;
  /** Queued and running jobs, oldest first. */
  list(): JobInfo[];
  /** One queued or running job, or null. */
  get(id: string): JobInfo | null;
  /** Cancels every job. */
  close(): Promise<void>;
}

/**
 * The compiled worker: next to this module when running as JS, else (vitest, tsx)
 * `<packageRoot>/dist/src/server/runWorker.js`, which `node scripts/ensureBuild.mjs` keeps current.
 */
export function runWorkerPath(): string {
  const here = new URL('./runWorker.js', import.meta.url);
  if (import.meta.url.endsWith('.js')) return fileURLToPath(here);
  return join(packageRoot(), 'dist', 'src', 'server', 'runWorker.js');
}

interface Entry {
  readonly id: string;
  readonly job: PoolJob;
  readonly finish: (outcome: RunJobOutcome | McJobOutcome) => void;
  worker: Worker | null;
  done: boolean;
  progress?: { done: number; total: number };
}

/** The listed form of a job. */
function infoOf(e: Entry, state: JobInfo['state']): JobInfo {
  const kind = 'kind' in e.job && e.job.kind === 'mc' ? 'mc' : 'run';
  return { id: e.id, name: e.job.name, state, kind, ...(e.progress ? { progress: { ...e.progress } } : {}) };
}

function isProgress(msg: unknown): msg is JobProgressMessage {
  return typeof msg === 'object' && msg !== null && (msg as { type?: unknown }).type === 'progress';
}

const CANCELLED: RunJobOutcome = {
  ok: false,
  error: { code: 'E_CANCELLED', path: '', message: 'the run was cancelled before it finished' },
};

/** A worker that died before answering: out of heap (a coded work limit), else an internal error. */
function workerFailure(err: Error & { code?: string }, memoryLimit_MB: number): RunJobOutcome {
  return err.code === 'ERR_WORKER_OUT_OF_MEMORY'
    ? {
        ok: false,
        error: {
          code: 'E_WORK_LIMIT',
          path: '',
          message: `the run needed more than the server's ${memoryLimit_MB} MB and was stopped (docs/limits.md)`,
        },
      }
    : { ok: false, internal: err.stack ?? err.message };
}

/** The run pool: a queue in front of at most `concurrency` worker threads, one per running job. */
class WorkerRunPool implements RunPool {
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly workerPath: string;
  private readonly memoryLimit_MB: number;
  private readonly queued: Entry[] = [];
  private readonly running = new Map<string, Entry>();
  private nextId = 1;

  constructor(options: RunPoolOptions) {
    this.concurrency = Math.max(1, options.concurrency ?? 1);
    this.maxQueued = Math.max(0, options.maxQueued ?? 8);
    this.workerPath = options.workerPath ?? runWorkerPath();
    this.memoryLimit_MB = options.memoryLimit_MB ?? 2048;
  }

  submit<J extends PoolJob>(job: J): { id: string; outcome: Promise<OutcomeOf<J>> } | null {
    if (this.running.size >= this.concurrency && this.queued.length >= this.maxQueued) return null;
    const id = `job-${this.nextId++}`;
    let finish!: (outcome: RunJobOutcome | McJobOutcome) => void;
    const outcome = new Promise<OutcomeOf<J>>((resolve) => {
      finish = resolve as (outcome: RunJobOutcome | McJobOutcome) => void;
    });
    this.queued.push({ id, job, finish, worker: null, done: false });
    this.startNext();
    return { id, outcome };
  }

  cancel(id: string): boolean {
    const index = this.queued.findIndex((e) => e.id === id);
    if (index >= 0) {
      const [entry] = this.queued.splice(index, 1);
      this.settle(entry, CANCELLED);
      return true;
    }
    const entry = this.running.get(id);
    if (entry === undefined) return false;
    this.settle(entry, CANCELLED);
    void entry.worker?.terminate();
    return true;
  }

  list(): JobInfo[] {
    return [
      ...[...this.running.values()].map((e) => infoOf(e, 'running')),
      ...this.queued.map((e) => infoOf(e, 'queued')),
    ];
  }

  get(id: string): JobInfo | null {
    const running = this.running.get(id);
    if (running) return infoOf(running, 'running');
    const queued = this.queued.find((e) => e.id === id);
    return queued ? infoOf(queued, 'queued') : null;
  }

  async close(): Promise<void> {
    for (const entry of this.queued.splice(0)) this.settle(entry, CANCELLED);
    const workers = [...this.running.values()].map((e) => {
      this.settle(e, CANCELLED);
      return e.worker?.terminate();
    });
    await Promise.all(workers);
  }

  /** Delivers a job's outcome once (the first of message, error, exit or cancel wins) and frees its slot. */
  private settle(entry: Entry, outcome: RunJobOutcome | McJobOutcome): void {
    if (entry.done) return;
    entry.done = true;
    this.running.delete(entry.id);
    entry.finish(outcome);
    this.startNext();
  }

  /** Runs a job in a fresh worker thread under the heap limit. */
  private start(entry: Entry): void {
    this.running.set(entry.id, entry);
    const worker = new Worker(this.workerPath, {
      workerData: entry.job,
      resourceLimits: { maxOldGenerationSizeMb: this.memoryLimit_MB },
    });
    entry.worker = worker;
    // progress messages (Monte Carlo batches) until the one outcome message
    worker.on('message', (msg: RunJobOutcome | McJobOutcome | JobProgressMessage) => {
      if (isProgress(msg)) entry.progress = { done: msg.done, total: msg.total };
      else this.settle(entry, msg);
    });
    worker.once('error', (err: Error & { code?: string }) =>
      this.settle(entry, workerFailure(err, this.memoryLimit_MB)),
    );
    worker.once('exit', (code) =>
      this.settle(entry, { ok: false, internal: `run worker exited with code ${code} before answering` }),
    );
  }

  /** Starts queued jobs while slots are free. */
  private startNext(): void {
    while (this.running.size < this.concurrency && this.queued.length > 0) this.start(this.queued.shift()!);
  }
}

/** Creates a run pool (no thread starts until a job is submitted). */
export function createRunPool(options: RunPoolOptions = {}): RunPool {
  return new WorkerRunPool(options);
}
