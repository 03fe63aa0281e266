/**
 * @module tracking/fusion/covarianceIntersection
 * Track-to-track fusion by covariance intersection (Julier & Uhlmann, "A non-divergent estimation algorithm in the
 * presence of unknown correlations", ACC 1997): P⁻¹ = ω Pa⁻¹ + (1 − ω) Pb⁻¹, x = P (ω Pa⁻¹ xa + (1 − ω) Pb⁻¹ xb),
 * consistent for any cross-correlation of the two estimates. ω ∈ [0, 1] minimises trace P (default) or det P
 * (Julier & Uhlmann's choice): a 21-point grid brackets the minimum, golden-section search refines it to 1e-10.
 */
import { goldenMin } from '../../math/optimize.js';
import { invertWithLogDet } from '../filters/denseMatrix.js';

/** Options of {@link covarianceIntersection}. */
export interface CovarianceIntersectionOptions {
  /** Fixed weight of estimate a in [0, 1]; omitted: optimised. */
  readonly omega?: number;
  /** What the optimal ω minimises (default 'trace'). */
  readonly criterion?: 'trace' | 'determinant';
}

/** Fused estimate. */
export interface CovarianceIntersectionResult {
  /** Fused mean, length n. */
  readonly x: Float64Array;
  /** Fused covariance, row-major n×n. */
  readonly P: Float64Array;
  /** Weight ω of estimate a. */
  readonly omega: number;
}

/** Number of grid points bracketing the optimal ω. */
const OMEGA_GRID = 21;
/** Golden-section tolerance on ω. */
const OMEGA_TOL = 1e-10;

/**
 * Fuse (xa, Pa) and (xb, Pb) (same state, same frame and units; covariances row-major, positive definite) by
 * covariance intersection. Throws RangeError on a size mismatch, a singular covariance or ω outside [0, 1].
 */
export function covarianceIntersection(
  xa: Readonly<Float64Array> | readonly number[],
  Pa: Readonly<Float64Array> | readonly number[],
  xb: Readonly<Float64Array> | readonly number[],
  Pb: Readonly<Float64Array> | readonly number[],
  options: CovarianceIntersectionOptions = {},
): CovarianceIntersectionResult {
  const n = xa.length;
  if (xb.length !== n || Pa.length !== n * n || Pb.length !== n * n) {
    throw new RangeError(`covarianceIntersection: need xa, xb of length n and Pa, Pb of n² (n = ${n})`);
  }
  const ia = invertWithLogDet(Float64Array.from(Pa), n).inv;
  const ib = invertWithLogDet(Float64Array.from(Pb), n).inv;
  const info = (omega: number): Float64Array => {
    const out = new Float64Array(n * n);
    for (let i = 0; i < n * n; i++) out[i] = omega * ia[i] + (1 - omega) * ib[i];
    return out;
  };
  const cost = (omega: number): number => {
    const { inv, logAbsDet } = invertWithLogDet(info(omega), n);
    if (options.criterion === 'determinant') return -logAbsDet;
    let tr = 0;
    for (let i = 0; i < n; i++) tr += inv[i * n + i];
    return tr;
  };
  let omega: number;
  if (options.omega !== undefined) {
    if (!(options.omega >= 0 && options.omega <= 1))
      throw new RangeError('covarianceIntersection: ω must be in [0, 1]');
    omega = options.omega;
  } else {
    omega = minimiseOnUnitInterval(cost);
  }
  const { inv: P } = invertWithLogDet(info(omega), n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += omega * ia[i * n + j] * xa[j] + (1 - omega) * ib[i * n + j] * xb[j];
    y[i] = s;
  }
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) x[i] += P[i * n + j] * y[j];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (P[i * n + j] + P[j * n + i]);
      P[i * n + j] = v;
      P[j * n + i] = v;
    }
  }
  return { x, P, omega };
}

/** Minimum of `f` on [0, 1]: grid bracket, then golden-section search. */
function minimiseOnUnitInterval(f: (w: number) => number): number {
  let best = 0;
  let bestVal = f(0);
  for (let k = 1; k < OMEGA_GRID; k++) {
    const w = k / (OMEGA_GRID - 1);
    const v = f(w);
    if (v < bestVal) {
      bestVal = v;
      best = w;
    }
  }
  const lo = Math.max(0, best - 1 / (OMEGA_GRID - 1));
  const hi = Math.min(1, best + 1 / (OMEGA_GRID - 1));
  const mid = goldenMin(f, lo, hi, OMEGA_TOL);
  return f(mid) <= bestVal ? mid : best;
}
