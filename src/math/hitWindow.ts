/**
 * @module math/hitWindow
 * Hit/miss history of a track as a bit window (newest scan in bit 0), for M-of-N confirmation and deletion logic
 * (Blackman & Popoli, *Design and Analysis of Modern Tracking Systems*, 1999, §6.3: sliding-window track initiation).
 * In math/ because the scenario schema (the largest M/N it accepts) and the trackers share its limit.
 */

/** Number of set bits of a 32-bit integer (Kernighan's loop). */
export function popcount32(v: number): number {
  let n = 0;
  let b = v | 0;
  while (b) {
    b &= b - 1;
    n++;
  }
  return n;
}

/** Longest hit window, scans: the window is a bit mask kept within 30 bits so that it stays a positive small integer. */
export const MAX_WINDOW_SCANS = 30;

/** Shift one scan outcome into a window of the last `n` scans (n ≤ MAX_WINDOW_SCANS): ((bits << 1) | hit) masked to n bits. */
export function pushHit(bits: number, hit: boolean, n: number): number {
  const mask = n >= 30 ? 0x3fffffff : (1 << n) - 1;
  return ((bits << 1) | (hit ? 1 : 0)) & mask;
}
