/**
 * @module tracking/mtt/initiator/mOfN
 * Sliding-window M-of-N confirmation of a tentative track (Blackman & Popoli 1999 §6.3), the same rule as the native
 * `mttTracker` mode: confirmed once `m` of the last `n` scans (its first detection counting) were hits; dropped as
 * soon as the window holds more than n − m misses (M-of-N can then no longer be met within it).
 */
import { popcount32 } from '../../../math/hitWindow.js';

/** Outcome for a tentative track. */
export type MOfNDecision = 'confirm' | 'drop' | 'hold';

/** Decide from the hit bits `window` (newest in bit 0) over `windowCount` scans. */
export function mOfNDecision(window: number, windowCount: number, m: number, n: number): MOfNDecision {
  const hits = popcount32(window);
  if (hits >= m) return 'confirm';
  if (windowCount - hits > n - m) return 'drop';
  return 'hold';
}
