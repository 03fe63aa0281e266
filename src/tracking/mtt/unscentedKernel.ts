/**
 * @module tracking/mtt/unscentedKernel
 * Allocation-free scaled unscented transform for the full-covariance tracker's UKF predictor and updater: the same
 * sigma points, weights and arithmetic as `filters/unscented.ts` (Julier 2002; Wan & van der Merwe 2000, eqs. 15–18;
 * defaults α = 0.5, β = 2, κ = 3 − n as Stone Soup), but every buffer lives in an {@link UnscentedWork} allocated
 * once per predictor/updater, and the prior is read in place from a {@link FilterStateStore}-style flat array.
 */
import { choleskyInto } from '../filters/denseMatrix.js';
import { type UnscentedOptions, unscentedWeights } from '../filters/unscented.js';

/** Buffers and constants of one unscented transform Rⁿ → Rᵐ. */
export interface UnscentedWork {
  readonly n: number;
  readonly m: number;
  /** Mean weight of the centre point and of every other point. */
  readonly wm0: number;
  readonly wc0: number;
  readonly wi: number;
  readonly scale: number;
  /** Lower Cholesky factor of (n + λ) P, n×n. */
  readonly L: Float64Array;
  /** Sigma points, (2n + 1) rows of n. */
  readonly sigma: Float64Array;
  /** Transformed points, (2n + 1) rows of m. */
  readonly ys: Float64Array;
  /** Scratch for one transformed point, m. */
  readonly yOut: Float64Array;
  /** Transformed mean (m), covariance (m×m) and cross-covariance E[(x − μ)(y − ȳ)ᵀ] (n×m). */
  readonly mean: Float64Array;
  readonly cov: Float64Array;
  readonly crossCov: Float64Array;
}

/** Allocate the work of a transform Rⁿ → Rᵐ; throws RangeError when n + λ ≤ 0. */
export function createUnscentedWork(n: number, m: number, options: UnscentedOptions = {}): UnscentedWork {
  const { scale, wm0, wc0, wi } = unscentedWeights(n, options);
  const count = 2 * n + 1;
  return {
    n,
    m,
    wm0,
    wc0,
    wi,
    scale,
    L: new Float64Array(n * n),
    sigma: new Float64Array(count * n),
    ys: new Float64Array(count * m),
    yOut: new Float64Array(m),
    mean: new Float64Array(m),
    cov: new Float64Array(m * m),
    crossCov: new Float64Array(n * m),
  };
}

/**
 * Unscented transform of N(x at xOff, P at pOff) through `fn`, which writes f(sigma point) (m values) into its
 * `out` from the point at `sigma[off…off+n)` (it must not write `sigma`). Results in `work.mean`, `work.cov`,
 * `work.crossCov`. Throws RangeError when P is not positive definite (as `filters/unscented.ts`).
 */
export function unscentedTransformAt(
  work: UnscentedWork,
  x: Readonly<Float64Array>,
  xOff: number,
  P: Readonly<Float64Array>,
  pOff: number,
  fn: (out: Float64Array, sigma: Readonly<Float64Array>, off: number) => void,
): void {
  const { n, m, L, sigma, ys, yOut, mean, cov, crossCov, scale } = work;
  // Cholesky of (n + λ) P (lower, row-major)
  choleskyInto(L, P, pOff, n, scale);
  // sigma points: μ, μ + L[:, c], μ − L[:, c]
  for (let r = 0; r < n; r++) sigma[r] = x[xOff + r];
  for (let c = 0; c < n; c++) {
    const plus = (1 + c) * n;
    const minus = (1 + n + c) * n;
    for (let r = 0; r < n; r++) {
      sigma[plus + r] = x[xOff + r] + L[r * n + c];
      sigma[minus + r] = x[xOff + r] + -1 * L[r * n + c];
    }
  }
  const count = 2 * n + 1;
  for (let k = 0; k < count; k++) {
    fn(yOut, sigma, k * n);
    for (let i = 0; i < m; i++) ys[k * m + i] = yOut[i];
  }
  mean.fill(0);
  for (let k = 0; k < count; k++) {
    const w = k === 0 ? work.wm0 : work.wi;
    for (let i = 0; i < m; i++) mean[i] += w * ys[k * m + i];
  }
  cov.fill(0);
  crossCov.fill(0);
  for (let k = 0; k < count; k++) {
    const w = k === 0 ? work.wc0 : work.wi;
    const yo = k * m;
    for (let i = 0; i < m; i++) {
      const di = ys[yo + i] - mean[i];
      for (let j = 0; j < m; j++) cov[i * m + j] += w * di * (ys[yo + j] - mean[j]);
    }
    for (let i = 0; i < n; i++) {
      const dx = sigma[k * n + i] - x[xOff + i];
      for (let j = 0; j < m; j++) crossCov[i * m + j] += w * dx * (ys[yo + j] - mean[j]);
    }
  }
}
