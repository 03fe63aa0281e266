/**
 * @module server/runWorker
 * The `worker_threads` entry of the server's run pool (`server/runPool`): compiles the posted scenario, refuses it
 * above the work limit (`scenario/work`), runs it with paths recorded under a wall-time watchdog (`sim/watchdog`),
 * builds each threat's outcome record and posts the result back once. It runs as compiled JS
 * (`dist/src/server/runWorker.js`), like `analysis/mcWorker`; the server thread stays free to answer reads.
 * A Monte Carlo job (`kind: 'mc'`, `server/mcJob`) posts progress messages before its outcome.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AspisError } from '../errors.js';
import { buildOutcomes, storyTimingOf } from '../outcome/index.js';
import { confinedInputFiles, inputDigests } from '../scenario/inputFiles.js';
import { parseScenario } from '../scenario/load.js';
import { checkWork } from '../scenario/work.js';
import { runScenario } from '../sim/engine.js';
import { wallTimeWatchdog } from '../sim/watchdog.js';
import { type McJob, runMcJob } from './mcJob.js';
import type { JobProgressMessage, PoolJob, RunJob, RunJobOutcome } from './runPool.js';

/** Runs one job; every failure becomes a coded outcome (an `AspisError`) or an internal one. */
export function runJob(job: RunJob): RunJobOutcome {
  try {
    // file references: uploaded alongside or inside the data directory, nothing else (scenario/inputFiles)
    const files = confinedInputFiles({ dataDir: job.dataDir, uploads: job.uploads });
    const scenario = parseScenario(job.yaml, job.name, { files });
    checkWork(scenario, job.maxEvents);
    const result = runScenario(scenario, {
      seed: job.seed,
      recordPaths: true,
      interrupt: wallTimeWatchdog(job.maxWall_s),
    });
    const outcomes = buildOutcomes(result.events, storyTimingOf(scenario));
    return { ok: true, result, outcomes, inputs: inputDigests(files.inputs) };
  } catch (err) {
    if (err instanceof AspisError) {
      const prefix = err.path ? `${err.code} ${err.path}: ` : `${err.code}: `;
      const message = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
      return { ok: false, error: { code: err.code, path: err.path, message } };
    }
    return { ok: false, internal: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
}

/** Runs the pool's job in this worker and posts its outcome (a batch posts progress first). */
async function serveJob(port: NonNullable<typeof parentPort>, job: PoolJob): Promise<void> {
  if ('kind' in job && job.kind === 'mc') {
    const outcome = await runMcJob(job as McJob, (p) =>
      port.postMessage({ type: 'progress', done: p.done, total: p.total } satisfies JobProgressMessage),
    );
    port.postMessage(outcome);
  } else port.postMessage(runJob(job as RunJob));
}

if (parentPort) void serveJob(parentPort, workerData as PoolJob);
