/**
 * @module analysis/distributedQueue
 * The coordinator's side of the BullMQ queue (`analysis/distributed`): connecting, enqueueing range jobs under their
 * deterministic ids, checking what a job returns, and the watchdog that notices a Redis that lost its jobs or went
 * silent while the coordinator waits.
 */

import { type Job, Queue, QueueEvents } from 'bullmq';
import { AspisError } from '../errors.js';
import {
  MC_QUEUE_NAME,
  probeRedis,
  queueConnection,
  RANGE_JOB_NAME,
  type RangeJobData,
  type ReplicationRange,
} from './queue.js';
import type { ReplicationResult } from './replication.js';

/** Default interval of the queue liveness check while waiting, ms. */
export const DEFAULT_QUEUE_CHECK_ms = 5_000;
/** Completed jobs stay in Redis this long, s, so a resubmitted or resumed run picks their results up. */
const KEEP_COMPLETED_s = 7 * 24 * 3600;
/** Failed jobs stay this long, s, for inspection (a resubmission retries them). */
const KEEP_FAILED_s = 7 * 24 * 3600;
/** Attempts per job when its processor throws (a killed worker is a stall, counted separately). */
const JOB_ATTEMPTS = 3;
/** Delay before retrying a job that threw, ms. */
const RETRY_DELAY_ms = 1000;
/** Checks that a job's return value is the range's results in index order. */
export function checkRangeResults(
  jobId: string,
  range: ReplicationRange,
  value: unknown,
): ReplicationResult[] {
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
export interface OpenQueue {
  readonly queue: Queue<RangeJobData, ReplicationResult[]>;
  readonly events: QueueEvents;
  close(): Promise<void>;
}

/**
 * Connects to the queue and its event stream (listening before anything is enqueued, so no completion is missed).
 * @throws AspisError `E_USAGE` when Redis does not answer within `timeout_ms`
 */
export async function openQueue(url: string, timeout_ms: number): Promise<OpenQueue> {
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
export async function enqueueRanges(
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

/** A promise that never settles unless `ms` pass: rejects then. */
export function within<T>(ms: number, work: Promise<T>): Promise<T> {
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
export function queueWatchdog(
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
export function abortion(signal: AbortSignal | undefined): Promise<'aborted'> {
  return new Promise((resolve) => {
    if (signal?.aborted) resolve('aborted');
    signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
}
