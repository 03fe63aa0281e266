/**
 * @module analysis/mcWorker
 * The `worker_threads` entry of `runMonteCarlo`. It runs as compiled JS (`dist/src/analysis/mcWorker.js`): the
 * parent passes the compiled scenario (structured clone) and the root seed in `workerData`, then hands out chunks of
 * replication indices; the worker answers each replication with its `ReplicationResult` and each chunk with `done`.
 * It holds no state between replications beyond the scenario, so which worker runs replication i never matters.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Scenario } from '../scenario/types.js';
import { type ReplicationResult, runReplication } from './replication.js';

/** What the parent gives a worker at start. */
export interface McWorkerData {
  readonly scenario: Scenario;
  readonly seed: number;
}

/** Parent → worker: run these replications, in order. */
export interface McWorkerChunk {
  readonly indices: readonly number[];
}

/** Worker → parent. */
export type McWorkerMessage =
  | { readonly type: 'result'; readonly result: ReplicationResult }
  | { readonly type: 'done' }
  | {
      readonly type: 'error';
      readonly replication: number;
      readonly message: string;
      readonly stack?: string;
    };

if (parentPort) {
  const port = parentPort;
  const data = workerData as McWorkerData;
  port.on('message', (chunk: McWorkerChunk) => {
    for (const i of chunk.indices) {
      let message: McWorkerMessage;
      try {
        message = { type: 'result', result: runReplication(data.scenario, data.seed, i) };
      } catch (err) {
        const e = err instanceof Error ? err : new Error(String(err));
        port.postMessage({ type: 'error', replication: i, message: e.message, stack: e.stack });
        return;
      }
      port.postMessage(message);
    }
    port.postMessage({ type: 'done' } satisfies McWorkerMessage);
  });
}
