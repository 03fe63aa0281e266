/**
 * @module tracking/filters/kalman
 * Batch linear Kalman filter and Rauch–Tung–Striebel smoother for a time-invariant model
 * x_{k+1} = F x_k + w_k, w ~ N(0, Q); z_k = H x_k + v_k, v ~ N(0, R).
 * Equations: Bar-Shalom, Li & Kirubarajan, *Estimation with Applications to Tracking and Navigation* (2001),
 * §5.2.3 (filter, Joseph-form covariance) and §8.6 (fixed-interval RTS smoother); the log-likelihood is the
 * innovations (prediction-error) decomposition Σ log N(ν_k; 0, S_k) of Schweppe, IEEE Trans. IT 11(1), 1965.
 *
 * Conventions: `x0`, `P0` are the prior at the *first* measurement time (step 0 is not predicted; pykalman's
 * `initial_state_mean`). Matrices may be nested `number[][]` or row-major Float64Array; all outputs are Float64Array
 * (vectors length n or m, matrices row-major). A `null` measurement means "no measurement": predict only.
 */
import {
  addScaled,
  invertWithLogDet,
  type MatrixInput,
  matMul,
  matVec,
  sandwich,
  symmetrize,
  toFlat,
  toVec,
  transpose,
  type VectorInput,
} from './denseMatrix.js';

/** A linear-Gaussian model. n = length of x0, m = rows of H. */
export interface LinearGaussianModel {
  /** State transition, n×n. */
  readonly F: MatrixInput;
  /** Process noise covariance, n×n. */
  readonly Q: MatrixInput;
  /** Measurement matrix, m×n. */
  readonly H: MatrixInput;
  /** Measurement noise covariance, m×m. */
  readonly R: MatrixInput;
  /** Prior mean at step 0, length n. */
  readonly x0: VectorInput;
  /** Prior covariance at step 0, n×n. */
  readonly P0: MatrixInput;
}

/** A Gaussian estimate. */
export interface GaussianEstimate {
  /** Mean, length n. */
  readonly x: Float64Array;
  /** Covariance, row-major n×n. */
  readonly P: Float64Array;
}

/** One filter step. Innovation-related fields are null on a step without measurement. */
export interface KalmanStep {
  readonly predicted: GaussianEstimate;
  readonly filtered: GaussianEstimate;
  /** ν = z − H x⁻, length m. */
  readonly innovation: Float64Array | null;
  /** S = H P⁻ Hᵀ + R, row-major m×m. */
  readonly S: Float64Array | null;
  /** K = P⁻ Hᵀ S⁻¹, row-major n×m. */
  readonly K: Float64Array | null;
  /** Normalised innovation squared νᵀ S⁻¹ ν (NaN without measurement). */
  readonly nis: number;
}

/** Output of {@link kalmanFilter}. */
export interface KalmanResult {
  readonly steps: KalmanStep[];
  /** Σ_k log N(ν_k; 0, S_k) over steps with a measurement. */
  readonly logLikelihood: number;
  /** State dimension. */
  readonly n: number;
  /** Measurement dimension. */
  readonly m: number;
}

interface FlatModel {
  readonly n: number;
  readonly m: number;
  readonly F: Float64Array;
  readonly Q: Float64Array;
  readonly H: Float64Array;
  readonly R: Float64Array;
  readonly x0: Float64Array;
  readonly P0: Float64Array;
}

function flatten(model: LinearGaussianModel): FlatModel {
  const x0 = toVec(model.x0);
  const n = x0.length;
  const m = model.H instanceof Float64Array ? model.H.length / n : (model.H as readonly number[][]).length;
  if (!Number.isInteger(m) || m < 1) throw new RangeError(`kalman: H does not have n = ${n} columns`);
  return {
    n,
    m,
    F: toFlat(model.F, n, n, 'F'),
    Q: toFlat(model.Q, n, n, 'Q'),
    H: toFlat(model.H, m, n, 'H'),
    R: toFlat(model.R, m, m, 'R'),
    x0,
    P0: toFlat(model.P0, n, n, 'P0'),
  };
}

const LOG_2PI = Math.log(2 * Math.PI);

/**
 * Run the Kalman filter over `measurements` (each of length m, or null for a missing one). Step k: predict from
 * step k−1's filtered estimate (step 0 uses the prior x0, P0 as prediction), then update if z_k is present:
 * K = P⁻Hᵀ S⁻¹, x = x⁻ + K ν, P = (I − K H) P⁻ (I − K H)ᵀ + K R Kᵀ (Joseph form, Bar-Shalom et al. §5.2.3).
 * @example
 * ```ts
 * import { kalmanFilter, rtsSmoother } from 'aspis';
 * const model = {
 *   F: [[1, 1], [0, 1]], Q: [[0.25, 0.5], [0.5, 1]], H: [[1, 0]], R: [[4]],
 *   x0: [0, 1], P0: [[10, 0], [0, 10]],
 * };
 * const filtered = kalmanFilter(model, [[1.1], null, [3.2], [3.9]]); // null: a missed scan
 * const smoothed = rtsSmoother(filtered, model);
 * ```
 */
export function kalmanFilter(
  model: LinearGaussianModel,
  measurements: readonly (VectorInput | null)[],
): KalmanResult {
  const { n, m, F, Q, H, R, x0, P0 } = flatten(model);
  const Ft = transpose(F, n, n);
  const steps: KalmanStep[] = [];
  let logLikelihood = 0;
  let prev: GaussianEstimate | null = null;
  for (let k = 0; k < measurements.length; k++) {
    // predict
    let xp: Float64Array;
    let Pp: Float64Array;
    if (prev === null) {
      xp = Float64Array.from(x0);
      Pp = Float64Array.from(P0);
    } else {
      xp = matVec(F, prev.x, n, n);
      Pp = symmetrize(addScaled(matMul(matMul(F, prev.P, n, n, n), Ft, n, n, n), Q, 1), n);
    }
    const predicted: GaussianEstimate = { x: xp, P: Pp };
    const zIn = measurements[k];
    if (zIn === null) {
      steps.push({ predicted, filtered: predicted, innovation: null, S: null, K: null, nis: Number.NaN });
      prev = predicted;
      continue;
    }
    const z = toVec(zIn);
    if (z.length !== m)
      throw new RangeError(`kalman: measurement ${k} has length ${z.length}, expected ${m}`);
    const {
      x,
      P,
      innovation: nu,
      S,
      K,
      nis,
      logLikelihood: ll,
    } = kalmanUpdateDense(predicted, H, R, z, n, m);
    logLikelihood += ll;
    const filtered: GaussianEstimate = { x, P };
    steps.push({ predicted, filtered, innovation: nu, S, K, nis });
    prev = filtered;
  }
  return { steps, logLikelihood, n, m };
}

/** Output of {@link kalmanUpdateDense}. */
export interface KalmanUpdateDense extends GaussianEstimate {
  readonly innovation: Float64Array;
  readonly S: Float64Array;
  readonly K: Float64Array;
  readonly nis: number;
  /** log N(ν; 0, S). */
  readonly logLikelihood: number;
}

/**
 * One dense Kalman update of `predicted` (n-state) with z (length m) = H x + v, v ~ N(0, R):
 * ν = z − H x⁻, S = H P⁻ Hᵀ + R, K = P⁻ Hᵀ S⁻¹, Joseph-form covariance (Bar-Shalom et al. 2001, §5.2.3).
 */
export function kalmanUpdateDense(
  predicted: GaussianEstimate,
  H: Readonly<Float64Array>,
  R: Readonly<Float64Array>,
  z: Readonly<Float64Array>,
  n: number,
  m: number,
): KalmanUpdateDense {
  const xp = predicted.x;
  const Pp = predicted.P;
  const innovation = addScaled(z, matVec(H, xp, m, n), -1);
  const PHt = matMul(Pp, transpose(H, m, n), n, n, m);
  const S = symmetrize(addScaled(matMul(H, PHt, m, n, m), R, 1), m);
  const { inv: Sinv, logAbsDet } = invertWithLogDet(S, m);
  const K = matMul(PHt, Sinv, n, m, m);
  const x = addScaled(xp, matVec(K, innovation, n, m), 1);
  const IKH = addScaled(identity(n), matMul(K, H, n, m, n), -1);
  const P = symmetrize(addScaled(sandwich(IKH, Pp, n, n), sandwich(K, R, n, m), 1), n);
  const Sinvnu = matVec(Sinv, innovation, m, m);
  let nis = 0;
  for (let i = 0; i < m; i++) nis += innovation[i] * Sinvnu[i];
  const logLikelihood = -0.5 * (m * LOG_2PI + logAbsDet + nis);
  return { x, P, innovation, S, K, nis, logLikelihood };
}

function identity(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

/**
 * Rauch–Tung–Striebel fixed-interval smoother over a {@link kalmanFilter} result (Bar-Shalom et al. 2001, §8.6):
 * C_k = P_k|k Fᵀ (P_k+1|k)⁻¹, x_k|N = x_k|k + C_k (x_k+1|N − x_k+1|k), P_k|N = P_k|k + C_k (P_k+1|N − P_k+1|k) C_kᵀ.
 * Returns one smoothed estimate per step.
 * @example
 * ```ts
 * import { kalmanFilter, rtsSmoother } from 'aspis';
 * const model = {
 *   F: [[1, 1], [0, 1]], Q: [[0.25, 0.5], [0.5, 1]], H: [[1, 0]], R: [[4]],
 *   x0: [0, 1], P0: [[10, 0], [0, 10]],
 * };
 * const filtered = kalmanFilter(model, [[1.1], null, [3.2], [3.9]]); // null: a missed scan
 * const smoothed = rtsSmoother(filtered, model);
 * ```
 */
export function rtsSmoother(result: KalmanResult, model: LinearGaussianModel): GaussianEstimate[] {
  const { n } = result;
  const F = toFlat(model.F, n, n, 'F');
  const Ft = transpose(F, n, n);
  const N = result.steps.length;
  const out: GaussianEstimate[] = new Array(N);
  if (N === 0) return out;
  out[N - 1] = result.steps[N - 1].filtered;
  for (let k = N - 2; k >= 0; k--) {
    const f = result.steps[k].filtered;
    const pNext = result.steps[k + 1].predicted;
    const sNext = out[k + 1];
    const { inv: PpInv } = invertWithLogDet(pNext.P, n);
    const C = matMul(matMul(f.P, Ft, n, n, n), PpInv, n, n, n);
    const x = addScaled(f.x, matVec(C, addScaled(sNext.x, pNext.x, -1), n, n), 1);
    const P = symmetrize(addScaled(f.P, sandwich(C, addScaled(sNext.P, pNext.P, -1), n, n), 1), n);
    out[k] = { x, P };
  }
  return out;
}
