/**
 * @module tracking/filters/unscented
 * The scaled unscented transform (Julier 2002, "The scaled unscented transformation"; Wan & van der Merwe 2000,
 * "The unscented Kalman filter for nonlinear estimation", eqs. 15–18): 2n + 1 sigma points
 * χ₀ = μ, χ_i = μ + (√((n+λ)P))_i, χ_{n+i} = μ − (√((n+λ)P))_i with λ = α²(n+κ) − n and the matrix square root
 * taken as the lower Cholesky factor (columns); weights W₀ᵐ = λ/(n+λ), W₀ᶜ = W₀ᵐ + 1 − α² + β,
 * Wᵢᵐ = Wᵢᶜ = 1/(2(n+λ)). The transform is exact for the mean and covariance of any affine map.
 */
import { choleskyInto, type MatrixInput, toFlat, toVec, type VectorInput } from './denseMatrix.js';

/** Scaling parameters (defaults as Stone Soup's `UnscentedKalmanPredictor`: α = 0.5, β = 2, κ = 3 − n). */
export interface UnscentedOptions {
  /** Spread of the sigma points around the mean (0 < α ≤ 1). */
  readonly alpha?: number;
  /** Prior knowledge of the distribution (2 is optimal for a Gaussian). */
  readonly beta?: number;
  /** Secondary scaling; default 3 − n. */
  readonly kappa?: number;
}

/** Scale n + λ and weights of the scaled transform (module note). */
export interface UnscentedWeights {
  /** n + λ, λ = α²(n + κ) − n. */
  readonly scale: number;
  /** Mean and covariance weights of the centre point, and the weight of every other point. */
  readonly wm0: number;
  readonly wc0: number;
  readonly wi: number;
}

/**
 * Scale and weights for dimension n (module note): W₀ᵐ = λ/(n+λ), W₀ᶜ = W₀ᵐ + 1 − α² + β, Wᵢ = 1/(2(n+λ)).
 * Throws RangeError when n + λ ≤ 0.
 */
export function unscentedWeights(n: number, options: UnscentedOptions = {}): UnscentedWeights {
  const alpha = options.alpha ?? 0.5;
  const beta = options.beta ?? 2;
  const kappa = options.kappa ?? 3 - n;
  const lambda = alpha * alpha * (n + kappa) - n;
  const scale = n + lambda;
  if (!(scale > 0)) throw new RangeError(`unscentedTransform: n + λ = ${scale} must be > 0 (raise α or κ)`);
  return { scale, wm0: lambda / scale, wc0: lambda / scale + 1 - alpha * alpha + beta, wi: 1 / (2 * scale) };
}

/** Result of {@link unscentedTransform}. Matrices are row-major Float64Array. */
export interface UnscentedResult {
  /** Transformed mean, length m. */
  readonly mean: Float64Array;
  /** Transformed covariance, m×m. */
  readonly cov: Float64Array;
  /** Cross-covariance E[(x − μ)(y − ȳ)ᵀ], n×m. */
  readonly crossCov: Float64Array;
  /** Sigma points, (2n+1) rows of length n. */
  readonly sigmaPoints: Float64Array[];
  /** Mean weights, length 2n+1. */
  readonly weightsMean: Float64Array;
  /** Covariance weights, length 2n+1. */
  readonly weightsCov: Float64Array;
}

/**
 * Propagate N(mean, cov) through `fn` (any map Rⁿ → Rᵐ; it must not keep or mutate its argument) with the scaled
 * unscented transform. Throws RangeError if `cov` is not positive definite or n + λ ≤ 0.
 * @example
 * ```ts
 * import { unscentedTransform } from 'aspis';
 * // range and bearing of a point known to about ±1 m
 * const { mean, cov } = unscentedTransform([100, 50], [[1, 0], [0, 1]], (x) => [Math.hypot(x[0], x[1]), Math.atan2(x[1], x[0])]);
 * ```
 */
export function unscentedTransform(
  mean: VectorInput,
  cov: MatrixInput,
  fn: (x: Float64Array) => ArrayLike<number>,
  options: UnscentedOptions = {},
): UnscentedResult {
  const mu = toVec(mean);
  const n = mu.length;
  const P = toFlat(cov, n, n, 'cov');
  const { scale, wm0, wc0, wi } = unscentedWeights(n, options);
  const L = choleskyInto(new Float64Array(n * n), P, 0, n, scale);
  // sigma points and weights
  const sigmaPoints: Float64Array[] = [Float64Array.from(mu)];
  for (const sign of [1, -1]) {
    for (let c = 0; c < n; c++) {
      const pt = Float64Array.from(mu);
      for (let r = 0; r < n; r++) pt[r] += sign * L[r * n + c];
      sigmaPoints.push(pt);
    }
  }
  const count = 2 * n + 1;
  const weightsMean = new Float64Array(count).fill(wi);
  const weightsCov = new Float64Array(count).fill(wi);
  weightsMean[0] = wm0;
  weightsCov[0] = wc0;
  // propagate
  const ys = sigmaPoints.map((pt) => Float64Array.from(fn(Float64Array.from(pt))));
  const m = ys[0].length;
  const yMean = new Float64Array(m);
  for (let k = 0; k < count; k++) for (let i = 0; i < m; i++) yMean[i] += weightsMean[k] * ys[k][i];
  const yCov = new Float64Array(m * m);
  const crossCov = new Float64Array(n * m);
  for (let k = 0; k < count; k++) {
    const w = weightsCov[k];
    for (let i = 0; i < m; i++) {
      const di = ys[k][i] - yMean[i];
      for (let j = 0; j < m; j++) yCov[i * m + j] += w * di * (ys[k][j] - yMean[j]);
    }
    for (let i = 0; i < n; i++) {
      const dx = sigmaPoints[k][i] - mu[i];
      for (let j = 0; j < m; j++) crossCov[i * m + j] += w * dx * (ys[k][j] - yMean[j]);
    }
  }
  return { mean: yMean, cov: yCov, crossCov, sigmaPoints, weightsMean, weightsCov };
}
