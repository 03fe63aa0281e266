/**
 * @module tracking/mtt/deleter/consecutiveMissDeleter
 * Delete a confirmed track at its k-th consecutive miss (Stone Soup `UpdateTimeStepsDeleter(k)` on a fixed scan
 * rate; the native and compat `mttTracker` modes use the same rule).
 */
import type { Deleter } from './index.js';

/** Deleter firing at `misses` consecutive misses (≥ 1). */
export function consecutiveMissDeleter(misses: number): Deleter {
  return { shouldDelete: (consecutiveMisses) => consecutiveMisses >= misses };
}
