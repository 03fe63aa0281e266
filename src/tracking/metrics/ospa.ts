/**
 * @module tracking/metrics/ospa
 * Single-time set distances between a truth set and an estimate set: OSPA (Schuhmacher, Vo & Vo, "A consistent
 * metric for performance evaluation of multi-object filters", IEEE TSP 56(8), 2008) and GOSPA with α = 2
 * (Rahmathullah, García-Fernández & Svensson, "Generalized optimal sub-pattern assignment metric", FUSION 2017).
 * Base distance: Euclidean over the components named by `mapping` (positions `[0, 2(, 4)]` for position metrics;
 * the whole vector when omitted), cut off at c. Optimal assignments are exact (shortest augmenting path, like SciPy's
 * `linear_sum_assignment`), so results match Stone Soup's `OSPAMetric` to rounding.
 */
import { solveSparseAssignment } from '../association/assignment.js';

/** A point: a state or position vector (units of the mapped components, normally m). */
export type MetricPoint = readonly number[];

/** Options of {@link ospa}. */
export interface OspaOptions {
  /** Cut-off distance c > 0, same unit as the mapped components (m). */
  readonly c: number;
  /** Order p ≥ 1. */
  readonly p: number;
  /** Components compared (e.g. `[0, 2]` for x, y in an interleaved state); all components when omitted. */
  readonly mapping?: readonly number[];
}

/** Options of {@link gospa}; α is fixed at 2 (the only value with the localisation/missed/false decomposition). */
export interface GospaOptions extends OspaOptions {
  /** Must be 2 when given. */
  readonly alpha?: 2;
}

/** GOSPA at one time. `localisation`, `missed` and `false` are in units^p and sum to distance^p. */
export interface GospaResult {
  /** GOSPA distance d = (loc + missed + false)^(1/p), units (m). */
  readonly distance: number;
  /** Σ d(x, y)^p over assigned pairs closer than c, units^p. */
  readonly localisation: number;
  /** (c^p/2) × number of truths left unassigned, units^p. */
  readonly missed: number;
  /** (c^p/2) × number of estimates left unassigned, units^p. */
  readonly false: number;
  /** Estimate index assigned to each truth, −1 when the truth counts as missed. */
  readonly assignment: Int32Array;
}

/** Euclidean distance between a and b over `mapping` (all components when null). */
export function mappedDistance(a: MetricPoint, b: MetricPoint, mapping: readonly number[] | null): number {
  let sum = 0;
  if (mapping === null) {
    for (let i = 0; i < a.length; i++) {
      const d = a[i] - b[i];
      sum += d * d;
    }
  } else {
    for (const i of mapping) {
      const d = a[i] - b[i];
      sum += d * d;
    }
  }
  return Math.sqrt(sum);
}

/** Checks c and p. */
function checkOptions(opts: OspaOptions): void {
  if (!(opts.c > 0) || !Number.isFinite(opts.c))
    throw new RangeError(`OSPA cut-off c must be > 0, got ${opts.c}`);
  if (!(opts.p >= 1) || !Number.isFinite(opts.p))
    throw new RangeError(`OSPA order p must be ≥ 1, got ${opts.p}`);
}

/**
 * Optimal partial matching of truths to estimates under the cut-off: only pairs with d < c may match, and the
 * matching minimises Σ (d^p − c^p), which is what both OSPA and GOSPA (α = 2) minimise once their constant c^p terms
 * are taken out. Solved sparsely: gated pairs plus one private "unmatched" column (cost 0) per truth, split into
 * connected components (`solveSparseAssignment`), so clusters of nearby objects are solved independently.
 */
function cutoffMatching(
  truth: readonly MetricPoint[],
  estimates: readonly MetricPoint[],
  opts: OspaOptions,
): { assignment: Int32Array; localisation: number; matched: number } {
  const mapping = opts.mapping ?? null;
  const cp = opts.c ** opts.p;
  const nTruth = truth.length;
  const nEst = estimates.length;
  const rowStart = new Int32Array(nTruth + 1);
  const cols: number[] = [];
  const costs: number[] = [];
  const dist: number[] = [];
  for (let i = 0; i < nTruth; i++) {
    for (let j = 0; j < nEst; j++) {
      const d = mappedDistance(truth[i], estimates[j], mapping);
      if (d < opts.c) {
        cols.push(j);
        const dp = d ** opts.p;
        dist.push(dp);
        costs.push(dp - cp);
      }
    }
    // the truth's own "unmatched" column
    cols.push(nEst + i);
    dist.push(0);
    costs.push(0);
    rowStart[i + 1] = cols.length;
  }
  const result = solveSparseAssignment(
    nTruth,
    nEst + nTruth,
    rowStart,
    Int32Array.from(cols),
    Float64Array.from(costs),
  );
  const assignment = new Int32Array(nTruth).fill(-1);
  let localisation = 0;
  let matched = 0;
  for (let i = 0; i < nTruth; i++) {
    const j = result.rowToCol[i];
    if (j < 0 || j >= nEst) continue;
    assignment[i] = j;
    matched++;
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      if (cols[e] === j) {
        localisation += dist[e];
        break;
      }
    }
  }
  return { assignment, localisation, matched };
}

/**
 * OSPA distance d_p^(c)(X, Y) = ((1/n)(min_π Σ min(d, c)^p + c^p·(n − m)))^(1/p), n = max(|X|, |Y|), m = min.
 * Empty versus empty is 0; one empty set gives c. Schuhmacher et al. 2008, eq. (3).
 * @example
 * ```ts
 * import { ospa } from 'aspis';
 * const d = ospa([[0, 0], [100, 0]], [[1, 1], [99, 2]], { c: 100, p: 1 });
 * ```
 */
export function ospa(
  truth: readonly MetricPoint[],
  estimates: readonly MetricPoint[],
  opts: OspaOptions,
): number {
  checkOptions(opts);
  const n = Math.max(truth.length, estimates.length);
  const m = Math.min(truth.length, estimates.length);
  if (n === 0) return 0;
  if (m === 0) return opts.c;
  const { localisation, matched } = cutoffMatching(truth, estimates, opts);
  return ((localisation + opts.c ** opts.p * (n - matched)) / n) ** (1 / opts.p);
}

/**
 * GOSPA with α = 2: d = (min over partial assignments γ of Σ_γ d^p + (c^p/2)(|X| + |Y| − 2|γ|))^(1/p), where only
 * pairs with d < c are worth assigning. Not normalised by the cardinality (unlike OSPA). Rahmathullah et al. 2017,
 * Prop. 1; decomposition into localisation, missed and false targets as in their eq. (4) and Stone Soup's
 * `GOSPAMetric`.
 * @example
 * ```ts
 * import { gospa } from 'aspis';
 * const r = gospa([[0, 0], [100, 0]], [[1, 1]], { c: 100, p: 1 }); // one target missed
 * console.log(r.distance, r.localisation);
 * ```
 */
export function gospa(
  truth: readonly MetricPoint[],
  estimates: readonly MetricPoint[],
  opts: GospaOptions,
): GospaResult {
  checkOptions(opts);
  if (opts.alpha !== undefined && opts.alpha !== 2)
    throw new RangeError(`GOSPA is implemented for alpha = 2 only`);
  const half = opts.c ** opts.p / 2;
  const { assignment, localisation, matched } = cutoffMatching(truth, estimates, opts);
  const missed = half * (truth.length - matched);
  const falseCost = half * (estimates.length - matched);
  return {
    distance: (localisation + missed + falseCost) ** (1 / opts.p),
    localisation,
    missed,
    false: falseCost,
    assignment,
  };
}
