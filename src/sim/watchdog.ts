/**
 * @module sim/watchdog
 * A wall-time watchdog for one run (docs/limits.md): an `interrupt` for `runScenario` that throws a coded
 * `E_WALL_TIME` error once the run has taken longer than its budget. It reads a clock only to decide whether to stop,
 * never to compute anything, so a run that finishes gives the same events and hash with or without it.
 */
import { performance } from 'node:perf_hooks';
import { AspisError } from '../errors.js';

/** Default wall-time budget of one CLI run, s (`--max-wall`). */
export const DEFAULT_MAX_WALL_s = 3600;

/** Default wall-time budget of one server run, s. */
export const SERVER_MAX_WALL_s = 300;

/**
 * An `interrupt` that throws `E_WALL_TIME` after `maxWall_s` seconds of wall time from its creation.
 * @param maxWall_s budget, s (> 0; Infinity disables it)
 * @param now clock in ms (default `performance.now`), injectable for tests
 * @example
 * ```ts
 * import { loadScenario, runScenario, wallTimeWatchdog } from 'aspis';
 * const interrupt = wallTimeWatchdog(60); // throws E_WALL_TIME once 60 s of wall time have passed
 * const result = runScenario(loadScenario('scenarios/al-asad-2020.yaml'), { seed: 1, interrupt });
 * ```
 */
export function wallTimeWatchdog(maxWall_s: number, now: () => number = () => performance.now()): () => void {
  const deadline_ms = now() + maxWall_s * 1000;
  return () => {
    if (now() > deadline_ms)
      throw new AspisError(
        'E_WALL_TIME',
        '',
        `the run took longer than its wall-time budget of ${maxWall_s} s and was stopped (--max-wall); ` +
          'shorten the scenario or raise the budget (docs/limits.md)',
      );
  };
}
