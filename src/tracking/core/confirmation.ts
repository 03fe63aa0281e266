/**
 * @module tracking/core/confirmation
 * Track confirmation, once for every tracker: the sliding-window M-of-N rule (Blackman & Popoli 1999 §6.3) over a
 * {@link HitWindow}, and the Stone Soup reference rule of the compat mode (`MultiMeasurementInitiator`: M updates in
 * total, dropped at {@link STONESOUP_HOLD_MISSES} consecutive misses).
 */
import { popcount32, pushHit } from '../../math/hitWindow.js';
import type { ConfirmationDecision } from './trackLoop.js';

export type { ConfirmationDecision } from './trackLoop.js';

/** Stone Soup reference: consecutive misses that drop a tentative ("holding") track. */
export const STONESOUP_HOLD_MISSES = 2;

/** Hit/miss outcomes of a track's last `count` (≤ N) scans as bits, newest in bit 0. */
export interface HitWindow {
  bits: number;
  count: number;
}

/** The window of a new track: its first detection counts as a hit. */
export function firstHitWindow(): HitWindow {
  return { bits: 1, count: 1 };
}

/** Appends one scan's outcome to `w`, keeping the last `n` (≤ 30). */
export function pushOutcome(w: HitWindow, hit: boolean, n: number): void {
  w.bits = pushHit(w.bits, hit, n);
  w.count = Math.min(w.count + 1, n);
}

/**
 * M-of-N decision from the hit bits `window` (newest in bit 0) over `windowCount` scans: confirm once `m` of the
 * last `n` scans were hits; drop as soon as the window holds more than n − m misses (M-of-N can then no longer be
 * met within it); otherwise hold.
 */
export function mOfNDecision(
  window: number,
  windowCount: number,
  m: number,
  n: number,
): ConfirmationDecision {
  const hits = popcount32(window);
  if (hits >= m) return 'confirm';
  if (windowCount - hits > n - m) return 'drop';
  return 'hold';
}

/** M-of-N on a track's window: pushes this scan's outcome, then decides. */
export function mOfNConfirm(w: HitWindow, hit: boolean, m: number, n: number): ConfirmationDecision {
  pushOutcome(w, hit, n);
  return mOfNDecision(w.bits, w.count, m, n);
}

/**
 * The Stone Soup reference rule (compat mode): confirm at `m` updates in total (the first detection included),
 * otherwise drop at {@link STONESOUP_HOLD_MISSES} consecutive misses.
 */
export function stoneSoupDecision(
  updates: number,
  consecutiveMisses: number,
  m: number,
): ConfirmationDecision {
  if (updates >= m) return 'confirm';
  return consecutiveMisses >= STONESOUP_HOLD_MISSES ? 'drop' : 'hold';
}
