/**
 * @module cli/commands/worker
 * `aspis worker --queue redis://HOST:PORT [--concurrency N] [--lock-duration S] [--stalled-interval S] [--data DIR]`: a
 * distributed Monte Carlo worker (analysis/queueWorker.ts). It takes replication ranges from the `aspis-mc` queue
 * that `aspis mc --queue` fills, runs them, and hands the results back through Redis; it needs no scenario file and no
 * run store. It runs until SIGINT/SIGTERM (the first finishes the jobs in hand, a second drops them to the queue) and
 * logs to stderr.
 */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { MC_QUEUE_NAME, redactQueueUrl } from '../../analysis/queue.js';
import { type QueueWorker, type QueueWorkerEvent, startWorker } from '../../analysis/queueWorker.js';
import { AspisError } from '../../errors.js';
import { positiveInteger } from '../options.js';

/** Minimum time between two log lines of the same error, ms. */
const ERROR_REPEAT_ms = 30_000;

/** Parses a positive duration in seconds (decimals allowed) into ms. */
function seconds_ms(flag: string): (value: string) => number {
  return (value) => {
    const s = Number(value);
    if (value.trim() === '' || !Number.isFinite(s) || s <= 0)
      throw new AspisError('E_USAGE', flag, `expected a positive number of seconds, got "${value}"`);
    return Math.round(s * 1000);
  };
}

/** One stderr line per worker event. */
function logLine(event: QueueWorkerEvent): string {
  switch (event.type) {
    case 'ready':
      return `worker ${event.name} ready`;
    case 'job.start':
      return `job ${event.jobId}: ${event.runId} replications ${event.from}..${event.to - 1}`;
    case 'job.progress':
      return `job ${event.jobId}: ${event.done}/${event.total}`;
    case 'job.done':
      return `job ${event.jobId}: done, ${event.replications} replications in ${event.elapsed_s.toFixed(1)} s`;
    case 'job.failed':
      return `job ${event.jobId}: failed: ${event.message}`;
    case 'error':
      return `error: ${event.message}`;
  }
}

interface WorkerCliOptions {
  queue: string;
  concurrency: number;
  lockDuration?: number;
  stalledInterval?: number;
  quiet?: boolean;
  data?: string;
}

/** Registers `aspis worker` (options only; `runWorkerCommand` does the work). */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description(
      `process distributed Monte Carlo jobs (queue ${MC_QUEUE_NAME}) that \`aspis mc --queue\` enqueues; runs until SIGINT/SIGTERM`,
    )
    .requiredOption('--queue <url>', 'Redis URL of the queue, e.g. redis://127.0.0.1:6379')
    .option(
      '--concurrency <n>',
      'jobs held at once (replications share one thread: start one worker per core instead)',
      positiveInteger('--concurrency'),
      1,
    )
    .option(
      '--lock-duration <s>',
      "seconds a job's lock lasts without renewal; a killed worker's job is retried after about this long (default 30)",
      seconds_ms('--lock-duration'),
    )
    .option(
      '--stalled-interval <s>',
      'seconds between checks for jobs whose worker died (default 15)',
      seconds_ms('--stalled-interval'),
    )
    .option(
      '--data <dir>',
      'the only folder job scenarios may read files from when the coordinator did not send them (large DEMs)',
    )
    .option('--quiet', 'log only start, errors and failures (no per-job lines)')
    .action(runWorkerCommand);
}

/**
 * The stderr log of a worker: one line per event (no per-job lines with `quiet`); Redis outages are retried every
 * few hundred ms, so each distinct error is logged once per ERROR_REPEAT_ms.
 */
function workerEventLogger(log: (line: string) => void, quiet: boolean): (event: QueueWorkerEvent) => void {
  let lastError = '';
  let lastError_ms = Number.NEGATIVE_INFINITY;
  return (event) => {
    if (event.type === 'ready') return;
    if (event.type === 'error') {
      const now_ms = performance.now();
      if (event.message === lastError && now_ms - lastError_ms < ERROR_REPEAT_ms) return;
      lastError = event.message;
      lastError_ms = now_ms;
    }
    const perJob = event.type === 'job.start' || event.type === 'job.progress' || event.type === 'job.done';
    if (!(quiet && perJob)) log(logLine(event));
  };
}

/**
 * Resolves once the worker has closed on a signal: the first SIGINT/SIGTERM finishes the jobs in hand, a second
 * drops them (they go back to the queue when their locks expire).
 */
async function closeOnSignals(worker: QueueWorker, log: (line: string) => void): Promise<void> {
  let onSignal: ((signal: NodeJS.Signals) => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      let signals = 0;
      onSignal = (signal) => {
        signals++;
        if (signals === 1) {
          log(`${signal}: finishing the jobs in hand (send again to stop now)`);
          worker.close().then(resolve, reject);
        } else {
          log(`${signal}: stopping now`);
          worker.close(true).then(resolve, reject);
        }
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
  } finally {
    if (onSignal) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}

/** `aspis worker`: connects, takes jobs until signalled, then logs what it did. */
async function runWorkerCommand(opts: WorkerCliOptions): Promise<void> {
  const log = (line: string) => process.stderr.write(`aspis worker: ${line}\n`);
  log(`connecting to ${redactQueueUrl(opts.queue)}`);
  const worker = await startWorker({
    queueUrl: opts.queue,
    concurrency: opts.concurrency,
    lockDuration_ms: opts.lockDuration,
    stalledInterval_ms: opts.stalledInterval,
    dataDir: opts.data === undefined ? null : resolve(opts.data),
    onEvent: workerEventLogger(log, opts.quiet === true),
  });
  log(`listening on ${redactQueueUrl(opts.queue)} (queue ${MC_QUEUE_NAME}), concurrency ${opts.concurrency}`);
  await closeOnSignals(worker, log);
  const stats = worker.stats();
  log(`stopped after ${stats.jobs} jobs, ${stats.replications} replications`);
}
