/**
 * @module server/mcJob
 * A Monte Carlo batch posted to `aspis serve` (`POST /api/mc`): validated like a posted run (`server/app`), computed
 * by `runMonteCarlo` (the same call `aspis mc` makes) in a worker thread of the run pool (`server/runPool`), which
 * posts progress (replications done / total) before its one outcome, and stored by the server thread afterwards the
 * way `aspis mc` stores a batch: the scenario, a run of kind `mc`, every replication's summary and the aggregate.
 * A batch is bounded: at most `MAX_SERVER_MC_RUNS` replications, each under the server's work limit, and the whole
 * batch under the server's wall-time budget (past it, the batch stops and is stored as `stopped` with what finished).
 */

import {
  type McProgress,
  type McStoredConfig,
  runMonteCarlo,
  type StoredInput,
  storedInputs,
} from '../analysis/monteCarlo.js';
import type { McAggregate, ReplicationResult } from '../analysis/replication.js';
import { AspisError } from '../errors.js';
import { confinedInputFiles } from '../scenario/inputFiles.js';
import { parseScenario } from '../scenario/load.js';
import { checkWork } from '../scenario/work.js';
import type { RunStore } from '../store/runStore.js';
import type { RunJobOutcome } from './runPool.js';

/** Most replications one posted batch may ask for. */
export const MAX_SERVER_MC_RUNS = 2000;

/** What a worker needs to run one posted Monte Carlo batch. */
export interface McJob {
  readonly kind: 'mc';
  /** Scenario YAML text. */
  readonly yaml: string;
  /** File name shown in error paths and the run list. */
  readonly name: string;
  /** Root seed; the scenario's when absent. */
  readonly seed?: number;
  /** Replications, 1 … `MAX_SERVER_MC_RUNS`. */
  readonly runs: number;
  /** Work limit of one replication, work units (`scenario/work`). */
  readonly maxEvents: number;
  /** Wall-time budget of the whole batch, s: past it the batch stops and keeps what finished. */
  readonly maxWall_s: number;
  /** The only folder the scenario may read files from (null: uploads only; `scenario/inputFiles`). */
  readonly dataDir: string | null;
  /** Files uploaded with the scenario, by the name it uses for them. */
  readonly uploads?: ReadonlyMap<string, Uint8Array>;
}

/** How a batch ended: its replications and aggregate, or the same failures as a posted run. */
export type McJobOutcome =
  | {
      readonly ok: true;
      readonly scenarioName: string;
      readonly seed: number;
      /** Replications asked for. */
      readonly runs: number;
      /** Replications 0..n−1, in index order (n < runs when the wall-time budget stopped the batch). */
      readonly replications: ReplicationResult[];
      readonly aggregate: McAggregate;
      /** True when the wall-time budget stopped the batch early. */
      readonly stopped: boolean;
      /** The input files the scenario read, as a stored batch remembers them. */
      readonly inputs: readonly StoredInput[];
    }
  | Extract<RunJobOutcome, { ok: false }>;

/** A coded failure (an `AspisError`) or an internal one, as a job outcome. */
function failure(err: unknown): Extract<RunJobOutcome, { ok: false }> {
  if (err instanceof AspisError) {
    const prefix = err.path ? `${err.code} ${err.path}: ` : `${err.code}: `;
    const message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
    return { ok: false, error: { code: err.code, path: err.path, message } };
  }
  return { ok: false, internal: err instanceof Error ? (err.stack ?? err.message) : String(err) };
}

/**
 * Runs one batch (in the pool's worker thread): compile with confined file access, refuse a replication over the
 * work limit, then `runMonteCarlo` in this thread (`workers: 1`: the pool decides how many threads compute),
 * reporting progress after each replication.
 * @example
 * ```ts
 * import { runMcJob } from 'aspis/server/mcJob'; // internal: the run pool's worker calls it
 * const outcome = await runMcJob({ kind: 'mc', yaml, name: 'x.yaml', runs: 8, maxEvents: 2e8, maxWall_s: 300, dataDir: null }, () => {});
 * ```
 */
export async function runMcJob(job: McJob, onProgress: (p: McProgress) => void): Promise<McJobOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), job.maxWall_s * 1000);
  try {
    const files = confinedInputFiles({ dataDir: job.dataDir, uploads: job.uploads });
    const scenario = parseScenario(job.yaml, job.name, { files });
    checkWork(scenario, job.maxEvents);
    const result = await runMonteCarlo(scenario, {
      runs: job.runs,
      seed: job.seed,
      workers: 1,
      onProgress,
      signal: controller.signal,
    });
    return {
      ok: true,
      scenarioName: scenario.name,
      seed: result.seed,
      runs: job.runs,
      replications: result.replications,
      aggregate: result.aggregate,
      stopped: result.aborted,
      inputs: storedInputs({ baseDir: null, inputs: files.inputs }).inputs ?? [],
    };
  } catch (err) {
    return failure(err);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stores a finished batch as `aspis mc` would (`analysis/monteCarlo`): the scenario (hash over its text and input
 * files), a run of kind `mc` with its configuration, each replication's `ReplicationResult`, the aggregate and the
 * status (`stopped` when the wall-time budget ended it). Returns the run id.
 */
export function storeMcOutcome(
  store: RunStore,
  job: Pick<McJob, 'yaml' | 'name'>,
  outcome: Extract<McJobOutcome, { ok: true }>,
): string {
  const digests = outcome.inputs.map((i) => ({ field: i.field, sha256: i.sha256 }));
  const hash = store.putScenario(job.yaml, outcome.scenarioName, digests);
  const config: McStoredConfig & { source: string } = {
    runs: outcome.runs,
    untilCiHalfWidth: null,
    ...(outcome.inputs.length > 0 ? { inputs: outcome.inputs } : {}),
    source: 'web',
  };
  const id = store.createRun({
    kind: 'mc',
    scenarioHash: hash,
    scenarioName: outcome.scenarioName,
    scenarioFile: job.name,
    seed: outcome.seed,
    runsRequested: outcome.runs,
    config,
  });
  for (const r of outcome.replications)
    store.putReplication(id, { replication: r.replication, hash: r.hash, summary: r });
  store.putAggregate(id, outcome.aggregate);
  store.finishRun(id, outcome.stopped ? 'stopped' : 'done');
  return id;
}
