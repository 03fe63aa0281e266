/**
 * @module tracking/metrics/compare
 * Like-for-like comparison of two `mtt-tracks` runs on the same measurement file (docs/formats/mtt.md §2 compare mode):
 * after every scan both must report the same number of tracks, and the optimally matched full states (minimum total
 * squared difference) must agree component-wise to within a tolerance (1e-6 m, m/s by default). Track ids are
 * ignored: trackers name tracks differently.
 */

import { solveAssignment, solveSparseAssignment } from '../association/assignment.js';
import type { TrackFileScan } from '../format/trackFile.js';

/** Outcome of {@link compareMttTracks}. */
export interface MttCompareReport {
  /** True when every scan's count matches and the largest matched difference is ≤ tol. */
  readonly ok: boolean;
  readonly tol: number;
  readonly scans: number;
  /** Scans whose track counts differ. */
  readonly countMismatches: readonly { readonly k: number; readonly a: number; readonly b: number }[];
  /** Largest |a − b| over matched state components of scans with equal counts (m or m/s). */
  readonly maxAbsDiff: number;
  /** Scan of `maxAbsDiff` (−1 when no states were compared). */
  readonly worstScan: number;
}

/** Full-state distance under which pairs are considered in the fast (sparse) matching, m. */
const MATCH_GATE = 100;

/** Squared Euclidean difference of two states. */
function squaredDiff(a: readonly number[], b: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i] - b[i];
    s += d * d;
  }
  return s;
}

/** Optimal one-to-one matching of equally many states (gated sparse solve, dense fallback). */
export function matchStates(
  a: readonly (readonly number[])[],
  b: readonly (readonly number[])[],
): Int32Array {
  const n = a.length;
  const rowStart = new Int32Array(n + 1);
  const cols: number[] = [];
  const costs: number[] = [];
  const gate2 = MATCH_GATE * MATCH_GATE;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < b.length; j++) {
      const d2 = squaredDiff(a[i], b[j]);
      if (d2 < gate2) {
        cols.push(j);
        costs.push(d2);
      }
    }
    rowStart[i + 1] = cols.length;
  }
  const sparse = solveSparseAssignment(
    n,
    b.length,
    rowStart,
    Int32Array.from(cols),
    Float64Array.from(costs),
  );
  if (sparse.feasible) return sparse.rowToCol;
  // some state has no partner within the gate: match everything densely so the report names the real difference
  return solveAssignment(a.map((x) => b.map((y) => squaredDiff(x, y)))).rowToCol;
}

/** Compares two runs scan by scan (both must cover the same scans; check against the measurement file first). */
export function compareMttTracks(
  a: readonly TrackFileScan[],
  b: readonly TrackFileScan[],
  tol: number,
): MttCompareReport {
  const countMismatches: { k: number; a: number; b: number }[] = [];
  let maxAbsDiff = 0;
  let worstScan = -1;
  if (a.length !== b.length) throw new RangeError(`compareMttTracks: ${a.length} vs ${b.length} scans`);
  const scans = a.length;
  for (let k = 0; k < scans; k++) {
    const xa = a[k].x;
    const xb = b[k].x;
    if (xa.length !== xb.length) {
      countMismatches.push({ k, a: xa.length, b: xb.length });
      continue;
    }
    if (xa.length === 0) continue;
    const match = matchStates(xa, xb);
    for (let i = 0; i < xa.length; i++) {
      const other = xb[match[i]];
      for (let c = 0; c < xa[i].length; c++) {
        const d = Math.abs(xa[i][c] - other[c]);
        if (d > maxAbsDiff || worstScan < 0) worstScan = k;
        maxAbsDiff = Math.max(maxAbsDiff, d);
      }
    }
  }
  return {
    ok: countMismatches.length === 0 && maxAbsDiff <= tol,
    tol,
    scans,
    countMismatches,
    maxAbsDiff,
    worstScan,
  };
}
