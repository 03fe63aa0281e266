/**
 * @module bench/fuzz/runner
 * Runs fuzz cases one at a time in a worker thread with a per-case timeout and a heap limit: a case that outlives the
 * timeout (or the heap) is a `hang`, its worker is terminated and a fresh one takes the next case; an exception that
 * escapes into the worker is `internal`. Counts per class and per kind make the report (docs/fuzz.md).
 */
import { rmSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FuzzCase, FuzzKind } from './cases.js';
import type { CaseOutcome, FuzzClass } from './execute.js';

/** Options of `runCases`. */
export interface RunnerOptions {
  /** Wall-clock limit of one case, ms; beyond it the case is a hang. */
  readonly timeout_ms: number;
  /** Heap limit of the worker, MiB; beyond it the case is a hang (it would grow without bound). */
  readonly heap_MiB: number;
  /** Called after each case (progress). */
  readonly onResult?: (result: CaseResult, index: number) => void;
}

/** One case's result. */
export interface CaseResult {
  readonly case: FuzzCase;
  readonly outcome: CaseOutcome;
  /** Wall time of the case, ms (reported, never asserted). */
  readonly took_ms: number;
}

/** Worker entry point beside this module: the .ts source under tsx (tests), the compiled .js under dist. */
function workerSpec(): { entry: URL | string; eval: boolean; execArgv: string[] } {
  if (!import.meta.url.endsWith('.ts'))
    return { entry: new URL('./worker.js', import.meta.url), eval: false, execArgv: [] };
  // Node 20 applies no --import loader in a worker; a one-line script registers tsx there, then imports the entry
  const source = new URL('./worker.ts', import.meta.url).href;
  const script = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(source)}); });`;
  return { entry: script, eval: true, execArgv: [] };
}

/** A started worker and its scratch directory. */
interface Slot {
  readonly worker: Worker;
  readonly dir: string;
}

async function startWorker(heap_MiB: number): Promise<Slot> {
  const spec = workerSpec();
  const worker = new Worker(spec.entry, {
    eval: spec.eval,
    execArgv: spec.execArgv,
    resourceLimits: { maxOldGenerationSizeMb: heap_MiB },
    stdout: true,
    stderr: true,
  });
  // the CLI writes through captured streams; anything else a worker prints is dropped, not interleaved
  worker.stdout.resume();
  worker.stderr.resume();
  const dir = await new Promise<string>((resolve, reject) => {
    worker.once('message', (m: { ready: string }) => resolve(m.ready));
    worker.once('error', reject);
  });
  return { worker, dir };
}

async function stopWorker(slot: Slot, graceful: boolean): Promise<void> {
  if (graceful) slot.worker.postMessage('close');
  await slot.worker.terminate();
  rmSync(slot.dir, { recursive: true, force: true });
}

/** Runs one case on `slot`; resolves with the outcome and whether the worker must be replaced. */
function runOne(
  slot: Slot,
  id: number,
  c: FuzzCase,
  timeout_ms: number,
): Promise<{ outcome: CaseOutcome; lost: boolean }> {
  return new Promise((resolve) => {
    const done = (outcome: CaseOutcome, lost: boolean) => {
      clearTimeout(timer);
      slot.worker.off('message', onMessage);
      slot.worker.off('error', onError);
      slot.worker.off('exit', onExit);
      resolve({ outcome, lost });
    };
    const onMessage = (m: { id: number; outcome: CaseOutcome }) => {
      if (m.id === id) done(m.outcome, false);
    };
    const onError = (err: Error) => {
      const oom = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
      done(
        oom
          ? { class: 'hang', detail: 'heap limit reached (unbounded memory)' }
          : { class: 'internal', detail: `uncaught in worker: ${err.message}` },
        true,
      );
    };
    const onExit = (code: number) => done({ class: 'internal', detail: `worker exited with ${code}` }, true);
    const timer = setTimeout(
      () => done({ class: 'hang', detail: `no answer within ${timeout_ms} ms` }, true),
      timeout_ms,
    );
    slot.worker.on('message', onMessage);
    slot.worker.on('error', onError);
    slot.worker.on('exit', onExit);
    slot.worker.postMessage({ id, case: c });
  });
}

/** Runs `cases` in order; returns one result per case. */
export async function runCases(cases: readonly FuzzCase[], options: RunnerOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  let slot = await startWorker(options.heap_MiB);
  try {
    for (let i = 0; i < cases.length; i++) {
      const started = performance.now();
      const { outcome, lost } = await runOne(slot, i, cases[i], options.timeout_ms);
      const result: CaseResult = {
        case: cases[i],
        outcome,
        took_ms: Math.round(performance.now() - started),
      };
      results.push(result);
      options.onResult?.(result, i);
      if (lost) {
        await stopWorker(slot, false);
        slot = await startWorker(options.heap_MiB);
      }
    }
  } finally {
    await stopWorker(slot, true);
  }
  return results;
}

/** Counts of each class, overall and per kind. */
export interface FuzzCounts {
  readonly total: Record<FuzzClass, number>;
  readonly byKind: Partial<Record<FuzzKind, Record<FuzzClass, number>>>;
}

/** Tallies results by class and kind. */
export function countResults(results: readonly CaseResult[], classes: readonly FuzzClass[]): FuzzCounts {
  const zero = () => Object.fromEntries(classes.map((c) => [c, 0])) as Record<FuzzClass, number>;
  const total = zero();
  const byKind: Partial<Record<FuzzKind, Record<FuzzClass, number>>> = {};
  for (const r of results) {
    total[r.outcome.class]++;
    const kind = (byKind[r.case.kind] ??= zero());
    kind[r.outcome.class]++;
  }
  return { total, byKind };
}
