/**
 * @module analysis/distributedPlan
 * What a distributed Monte Carlo run (`analysis/distributed`) works on, settled before Redis is contacted: the
 * compiled scenario, seed, run count and chunk, the input files as jobs carry them, and the checks of a resume
 * against the stored run.
 */

import { dirname } from 'node:path';
import { AspisError } from '../errors.js';
import { checkSeed } from '../math/rng.js';
import { type InputFile, inputDigests, localInputFiles } from '../scenario/inputFiles.js';
import { parseScenario } from '../scenario/load.js';
import { type RunRow, type RunStore, requireResumableMcRun } from '../store/runStore.js';
import type { DistributedMcOptions, DistributedStoredConfig } from './distributed.js';
import { checkResumeInputs, resumedRuns } from './monteCarlo.js';
import { DEFAULT_CHUNK, type JobInput, MAX_INLINE_INPUT_BYTES, queueConnection } from './queue.js';

/** A count option as a positive safe integer, or the coded usage error naming its flag. */
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
  const { row, yaml } = requireResumableMcRun(store, id);
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
  return { row, yaml, runs: config.runs ?? row.runsRequested, chunk: config.chunk, config };
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

/** What a distributed run works on, settled (and checked) before Redis is contacted. */
export interface DistributedPlan {
  readonly yaml: string;
  /** The scenario's file name (a resumed run without a file: the stored one). */
  readonly fileName: string;
  readonly baseDir: string;
  readonly inputs: readonly InputFile[];
  readonly scenario: ReturnType<typeof parseScenario>;
  readonly digests: ReturnType<typeof inputDigests>;
  readonly jobInputs: JobInput[];
  readonly resumed: ReturnType<typeof resumeRun> | null;
  readonly seed: number;
  readonly runs: number;
  readonly chunk: number;
}

/**
 * Compiles the scenario and settles seed, runs and chunk (a resumed run's stored ones unless overridden), checking a
 * resume against the stored run: every usage error surfaces before anything is enqueued or stored.
 */
export function planDistributedRun(
  scenarioYaml: string | null,
  scenarioFile: string,
  options: DistributedMcOptions,
): DistributedPlan {
  queueConnection(options.queueUrl);
  const resumed =
    options.resume !== undefined ? resumeRun(options.store, options.resume, options.seed) : null;
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
  return {
    yaml,
    fileName,
    baseDir,
    inputs: files.inputs,
    scenario,
    digests,
    jobInputs,
    resumed,
    seed,
    runs,
    chunk,
  };
}
