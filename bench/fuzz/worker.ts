/**
 * @module bench/fuzz/worker
 * Worker thread of the fuzz runner: receives `{ id, case }`, runs it (execute.ts), answers `{ id, outcome }`. The
 * runner terminates a worker whose case outlives the timeout, so a hang costs one worker, not the run (docs/fuzz.md).
 */
import { parentPort } from 'node:worker_threads';
import type { FuzzCase } from './cases.js';
import { type CaseOutcome, createContext, disposeContext, executeCase } from './execute.js';

const port = parentPort;
if (port === null) throw new Error('bench/fuzz/worker.ts runs as a worker thread');
const ctx = createContext();
port.on('message', async (message: { id: number; case: FuzzCase } | 'close') => {
  if (message === 'close') {
    disposeContext(ctx);
    port.close();
    return;
  }
  let outcome: CaseOutcome;
  try {
    outcome = await executeCase(ctx, message.case);
  } catch (err) {
    // whatever escapes the CLI's and the server's own handlers is an internal error
    outcome = { class: 'internal', detail: `escaped: ${err instanceof Error ? err.message : String(err)}` };
  }
  port.postMessage({ id: message.id, outcome });
});
port.postMessage({ ready: ctx.dir });
