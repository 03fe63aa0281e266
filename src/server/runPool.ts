/**
 * @module server/runPool
 * Runs posted scenarios off the server's event loop (docs/limits.md): each job gets a fresh worker thread
 * (`server/runWorker`), at most `concurrency` run at once, up to `maxQueued` wait in FIFO order and more are refused.
 * A job can be cancelled while queued or running (the worker is terminated: a synchronous engine cannot be asked to
 * stop, and a thread that is thrown away leaves nothing half-written, since the store is written by this thread only
 * after a run finishes).
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AspisErrorCode } from '../errors.js';
import type { ThreatOutcome } from '../outcome/index.js';
import { packageRoot } from '../scenario/catalog.js';
import type { RunResult } from '../sim/engine.js';

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
  submit(job: RunJob): { id: string; outcome: Promise<RunJobOutcome> } | null;
  /** Cancels a queued or running job (its outcome becomes `E_CANCELLED`); false when there is no such job. */
  cancel(id: string): boolean;
  /** Queued and running jobs, oldest first. */
  list(): JobInfo[];
  /** Cancels every job. */
  close(): Promise<void>;
}

/**
 * The compiled worker: next to this module when running as JS, else (vitest, tsx)
 * `<packageRoot>/dist/src/server/runWorker.js`, which `node scripts/ensure-build.mjs` keeps current.
 */
export function runWorkerPath(): string {
  const here = new URL('./runWorker.js', import.meta.url);
  if (import.meta.url.endsWith('.js')) return fileURLToPath(here);
  return join(packageRoot(), 'dist', 'src', 'server', 'runWorker.js');
}

interface Entry {
  readonly id: string;
  readonly job: RunJob;
  readonly finish: (outcome: RunJobOutcome) => void;
  worker: Worker | null;
  done: boolean;
}

const CANCELLED: RunJobOutcome = {
  ok: false,
  error: { code: 'E_CANCELLED', path: '', message: 'the run was cancelled before it finished' },
};

/** Creates a run pool (no thread starts until a job is submitted). */
export function createRunPool(options: RunPoolOptions = {}): RunPool {
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const maxQueued = Math.max(0, options.maxQueued ?? 8);
  const workerPath = options.workerPath ?? runWorkerPath();
  const memoryLimit_MB = options.memoryLimit_MB ?? 2048;
  const queued: Entry[] = [];
  const running = new Map<string, Entry>();
  let nextId = 1;

  const settle = (entry: Entry, outcome: RunJobOutcome): void => {
    if (entry.done) return;
    entry.done = true;
    running.delete(entry.id);
    entry.finish(outcome);
    startNext();
  };

  const start = (entry: Entry): void => {
    running.set(entry.id, entry);
    const worker = new Worker(workerPath, {
      workerData: entry.job,
      resourceLimits: { maxOldGenerationSizeMb: memoryLimit_MB },
    });
    entry.worker = worker;
    worker.once('message', (outcome: RunJobOutcome) => settle(entry, outcome));
    worker.once('error', (err: Error & { code?: string }) =>
      settle(
        entry,
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? {
              ok: false,
              error: {
                code: 'E_WORK_LIMIT',
                path: '',
                message: `the run needed more than the server's ${memoryLimit_MB} MB and was stopped (docs/limits.md)`,
              },
            }
          : { ok: false, internal: err.stack ?? err.message },
      ),
    );
    worker.once('exit', (code) =>
      settle(entry, { ok: false, internal: `run worker exited with code ${code} before answering` }),
    );
  };

  function startNext(): void {
    while (running.size < concurrency && queued.length > 0) start(queued.shift()!);
  }

  return {
    submit(job) {
      if (running.size >= concurrency && queued.length >= maxQueued) return null;
      const id = `job-${nextId++}`;
      let finish!: (outcome: RunJobOutcome) => void;
      const outcome = new Promise<RunJobOutcome>((resolve) => {
        finish = resolve;
      });
      queued.push({ id, job, finish, worker: null, done: false });
      startNext();
      return { id, outcome };
    },
    cancel(id) {
      const index = queued.findIndex((e) => e.id === id);
      if (index >= 0) {
        const [entry] = queued.splice(index, 1);
        settle(entry, CANCELLED);
        return true;
      }
      const entry = running.get(id);
      if (entry === undefined) return false;
      settle(entry, CANCELLED);
      void entry.worker?.terminate();
      return true;
    },
    list() {
      return [
        ...[...running.values()].map((e): JobInfo => ({ id: e.id, name: e.job.name, state: 'running' })),
        ...queued.map((e): JobInfo => ({ id: e.id, name: e.job.name, state: 'queued' })),
      ];
    },
    async close() {
      for (const entry of queued.splice(0)) settle(entry, CANCELLED);
      const workers = [...running.values()].map((e) => {
        settle(e, CANCELLED);
        return e.worker?.terminate();
      });
      await Promise.all(workers);
    },
  };
}
