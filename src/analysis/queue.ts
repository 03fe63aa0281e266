/**
 * @module analysis/queue
 * The wire protocol of the distributed Monte Carlo (BullMQ on Redis), shared by the coordinator
 * (`runDistributedMonteCarlo`, analysis/distributed.ts) and the workers (`startWorker`, analysis/queueWorker.ts):
 * the queue name, the job payload (one contiguous replication range), the deterministic job ids that make enqueueing
 * idempotent, how a run is cut into ranges, and how a `redis://` URL becomes a BullMQ connection. A range's result is
 * a pure function of (scenario text, seed, replication indices, aspis version), so any worker may compute it, twice
 * if it must, and get the same numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { AspisError } from '../errors.js';
import { packageRoot } from '../scenario/catalog.js';
import { type InputDigest, scenarioHash } from '../store/runStore.js';

/** Name of the BullMQ queue the coordinator fills and `aspis worker` drains. */
export const MC_QUEUE_NAME = 'aspis-mc';

/** BullMQ job name of a replication range. */
export const RANGE_JOB_NAME = 'replications';

/** Replications per job when the caller does not say (about 1–2 s of work per job on shipped scenarios). */
export const DEFAULT_CHUNK = 25;

/** Payload of one job: replications `from` (inclusive) to `to` (exclusive) of one Monte Carlo run. */
export interface RangeJobData {
  /** Store run id of the coordinator (`run-000001`); for logs and job ids only, never an input of the model. */
  readonly runId: string;
  /** The scenario file's YAML text, verbatim (the worker compiles it with its own shipped catalog). */
  readonly scenarioYaml: string;
  /** The scenario file name as the user gave it (shown in parse errors). */
  readonly scenarioFile: string;
  /** Root seed of the run. */
  readonly seed: number;
  /** First replication index of the range (inclusive). */
  readonly from: number;
  /** End of the range (exclusive). */
  readonly to: number;
  /** aspis version of the coordinator; a worker with another version refuses the job (results could differ). */
  readonly aspisVersion: string;
  /**
   * Files the scenario names (DEM), as the coordinator read them: the digest always, the bytes (base64) when they
   * fit `MAX_INLINE_INPUT_BYTES`. A worker reads nothing else: a file not sent must be inside its `--data`
   * directory with the same digest (`scenario/inputFiles`, docs/distributed.md).
   */
  readonly inputs?: readonly JobInput[];
}

/** One input file of a queued scenario. */
export interface JobInput {
  /** Scenario field that names it (`terrain.dem`). */
  readonly field: string;
  /** The reference as the scenario writes it. */
  readonly ref: string;
  /** SHA-256 (hex) of the bytes the coordinator read. */
  readonly sha256: string;
  /** The bytes, base64, or absent when too large to send with every job. */
  readonly base64?: string;
}

/** Largest total of input bytes sent inside each job; larger files are read from the worker's `--data` folder. */
export const MAX_INLINE_INPUT_BYTES = 4 * 1024 * 1024;

/** A half-open replication range `[from, to)`. */
export interface ReplicationRange {
  readonly from: number;
  readonly to: number;
}

/** Progress a worker reports on a running job (`job.updateProgress`). */
export interface RangeProgress {
  /** Replications of the range finished so far. */
  readonly done: number;
  /** Replications in the range. */
  readonly total: number;
}

let cachedVersion: string | undefined;

/** The installed aspis version (package.json), read once. */
export function aspisVersion(): string {
  if (cachedVersion === undefined) {
    const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string };
    cachedVersion = pkg.version;
  }
  return cachedVersion;
}

/**
 * Cuts `runs` replications into ranges aligned on multiples of `chunk` (the last one shorter). Alignment makes the
 * ranges, and so the job ids, the same on every submission of a run, whatever is already done.
 */
export function replicationRanges(runs: number, chunk: number): ReplicationRange[] {
  const ranges: ReplicationRange[] = [];
  for (let from = 0; from < runs; from += chunk) ranges.push({ from, to: Math.min(from + chunk, runs) });
  return ranges;
}

/**
 * Deterministic BullMQ job id of a range: BullMQ ignores an `add` whose id already exists, so enqueueing the same
 * range twice (a resubmitted or resumed run, two coordinators) creates one job. Besides the run id the id carries
 * everything the results depend on (scenario hash, seed, aspis version), so two stores that both number a run
 * `run-000001` can share one Redis and only ever receive results identical to their own. BullMQ forbids `:` in
 * custom ids, hence the dashes.
 */
export function rangeJobId(
  runId: string,
  yamlText: string,
  seed: number,
  version: string,
  range: ReplicationRange,
  inputs: readonly InputDigest[] = [],
): string {
  return `${runId}-${scenarioHash(yamlText, inputs).slice(0, 16)}-s${seed}-v${version}-${range.from}-${range.to}`;
}

/** The URL with any password replaced by `***` (for logs, messages and the stored run config). */
export function redactQueueUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/, '$1***@');
}

/**
 * BullMQ connection options for a `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS) URL.
 * @throws AspisError `E_USAGE` (path `--queue`) when the URL is not a Redis URL
 */
export function queueConnection(url: string): ConnectionOptions {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AspisError(
      'E_USAGE',
      '--queue',
      `expected a Redis URL like redis://127.0.0.1:6379, got "${url}"`,
    );
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')
    throw new AspisError(
      'E_USAGE',
      '--queue',
      `expected a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379), got "${redactQueueUrl(url)}"`,
    );
  // workers block on Redis; BullMQ needs unlimited retries per request on those connections
  return { url, maxRetriesPerRequest: null };
}

/**
 * Checks that Redis at `url` answers PING within `timeout_ms`, with a throwaway connection that does not retry.
 * Done before any BullMQ object connects: BullMQ retries an unreachable Redis forever, and a `QueueEvents` that
 * never connected cannot be closed.
 * @throws AspisError `E_USAGE` (path `--queue`) naming the URL (password redacted) and the connection error
 */
export async function probeRedis(url: string, timeout_ms: number): Promise<void> {
  queueConnection(url);
  let lastError = '';
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeout_ms,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', (err: Error) => {
    lastError = err.message;
  });
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    const why = lastError || (err instanceof Error ? err.message : String(err));
    throw new AspisError(
      'E_USAGE',
      '--queue',
      `no answer from Redis at ${redactQueueUrl(url)} (${why}); start one (scripts/redis-start.sh) or fix the URL`,
      { cause: err },
    );
  } finally {
    probe.disconnect();
  }
}

/** Whether `data` has the shape of a `RangeJobData` (a job from another program or version is refused). */
export function isRangeJobData(data: unknown): data is RangeJobData {
  if (data === null || typeof data !== 'object') return false;
  const d = data as Record<string, unknown>;
  return (
    typeof d.runId === 'string' &&
    typeof d.scenarioYaml === 'string' &&
    typeof d.scenarioFile === 'string' &&
    Number.isSafeInteger(d.seed) &&
    Number.isSafeInteger(d.from) &&
    Number.isSafeInteger(d.to) &&
    (d.from as number) >= 0 &&
    (d.to as number) > (d.from as number) &&
    typeof d.aspisVersion === 'string' &&
    (d.inputs === undefined || (Array.isArray(d.inputs) && d.inputs.every(isJobInput)))
  );
}

function isJobInput(x: unknown): x is JobInput {
  if (x === null || typeof x !== 'object') return false;
  const i = x as Record<string, unknown>;
  return (
    typeof i.field === 'string' &&
    typeof i.ref === 'string' &&
    typeof i.sha256 === 'string' &&
    (i.base64 === undefined || typeof i.base64 === 'string')
  );
}
