/**
 * @module tracking/engine/ecefFilter
 * Predictor and updater of the engine tracker: a 6-state ECEF Kalman filter, state [px, py, pz, vx, vy, vz]
 * (m, m/s) in a Float64Array(6), covariance row-major 6×6 in a Float64Array(36).
 *
 * Prediction (Bar-Shalom, Li & Kirubarajan, *Estimation with Applications to Tracking and Navigation*, 2001, §6.2):
 * the covariance always uses the nearly-constant-velocity transition F = [[I, Δt I], [0, I]] with continuous white
 * acceleration noise of spectral density q per axis, Q = q [[Δt³/3 I, Δt²/2 I], [Δt²/2 I, Δt I]] (§6.2.2). The mean
 * of a `cv` track is F x; the mean of a `ballistic` track is x⁻ = F x + G g(x) with G = [Δt²/2 I; Δt I] and
 * g = `freeFallAccelEcef` (J2 gravitation + Coriolis + centrifugal), evaluated by classical RK4 in sub-steps of at most
 * 1 s — one Euler sub-step of that scheme is exactly F x + G g(x); RK4 keeps long look-ahead predictions accurate.
 * The gravity gradient (~1.5e-6 s⁻²) and Coriolis (~1.5e-4 s⁻¹) terms are left out of the covariance Jacobian; they
 * are negligible against Q over radar revisit times.
 *
 * Update: linear position measurement z = H x + v, H = [I 0], v ~ N(0, R) with the detection's `cov_ecef`; the
 * covariance uses the Joseph form P⁺ = (I − K H) P (I − K H)ᵀ + K R Kᵀ (Bar-Shalom et al. 2001, §5.2.3),
 * which stays symmetric positive semi-definite with the huge initial velocity variances.
 */

import { freeFallAccelEcef } from '../../env/gravity.js';
import { invertSpdInto } from '../mtt/smallMatrix.js';

/** Motion model of an engine track. */
export type EngineMotionModel = 'ballistic' | 'cv';

/** Largest RK4 sub-step of the ballistic mean prediction, s. */
export const BALLISTIC_MAX_SUBSTEP_s = 1;

/** Scratch owned by one predictor/updater instance (no module-level scratch). */
export interface EcefFilterScratch {
  readonly pos: Float64Array;
  readonly vel: Float64Array;
  readonly acc: Float64Array;
  readonly k1: Float64Array;
  readonly k2: Float64Array;
  readonly k3: Float64Array;
  readonly k4: Float64Array;
  readonly tmp: Float64Array;
  readonly state: Float64Array;
  readonly sInv: Float64Array;
  readonly gain: Float64Array;
  readonly m1: Float64Array;
  readonly m2: Float64Array;
}

/** Allocate the scratch of one filter instance. */
export function createEcefFilterScratch(): EcefFilterScratch {
  return {
    pos: new Float64Array(3),
    vel: new Float64Array(3),
    acc: new Float64Array(3),
    k1: new Float64Array(6),
    k2: new Float64Array(6),
    k3: new Float64Array(6),
    k4: new Float64Array(6),
    tmp: new Float64Array(6),
    state: new Float64Array(6),
    sInv: new Float64Array(9),
    gain: new Float64Array(18),
    m1: new Float64Array(36),
    m2: new Float64Array(36),
  };
}

/** Derivative of the ballistic state [p, v] in ECEF: [v, freeFallAccel(p, v)]. */
function ballisticDerivative(s: Readonly<Float64Array>, out: Float64Array, w: EcefFilterScratch): void {
  w.pos[0] = s[0];
  w.pos[1] = s[1];
  w.pos[2] = s[2];
  w.vel[0] = s[3];
  w.vel[1] = s[4];
  w.vel[2] = s[5];
  freeFallAccelEcef(w.pos, w.vel, w.acc);
  out[0] = s[3];
  out[1] = s[4];
  out[2] = s[5];
  out[3] = w.acc[0];
  out[4] = w.acc[1];
  out[5] = w.acc[2];
}

/**
 * Predict the mean state `x` (ECEF, m and m/s) by `dt_s` under `model` into `out` (may alias `x`).
 * `cv`: constant velocity. `ballistic`: RK4 of free fall in the rotating ECEF frame, sub-steps ≤ 1 s.
 */
export function predictMeanEcef(
  out: Float64Array,
  x: Readonly<Float64Array>,
  dt_s: number,
  model: EngineMotionModel,
  w: EcefFilterScratch,
): Float64Array {
  if (model === 'cv') {
    const px = x[0] + dt_s * x[3];
    const py = x[1] + dt_s * x[4];
    const pz = x[2] + dt_s * x[5];
    out[3] = x[3];
    out[4] = x[4];
    out[5] = x[5];
    out[0] = px;
    out[1] = py;
    out[2] = pz;
    return out;
  }
  const s = w.tmp;
  const y = w.state;
  for (let i = 0; i < 6; i++) y[i] = x[i];
  const n = Math.max(1, Math.ceil(Math.abs(dt_s) / BALLISTIC_MAX_SUBSTEP_s));
  const h = dt_s / n;
  for (let step = 0; step < n; step++) {
    ballisticDerivative(y, w.k1, w);
    for (let i = 0; i < 6; i++) s[i] = y[i] + 0.5 * h * w.k1[i];
    ballisticDerivative(s, w.k2, w);
    for (let i = 0; i < 6; i++) s[i] = y[i] + 0.5 * h * w.k2[i];
    ballisticDerivative(s, w.k3, w);
    for (let i = 0; i < 6; i++) s[i] = y[i] + h * w.k3[i];
    ballisticDerivative(s, w.k4, w);
    for (let i = 0; i < 6; i++) y[i] += (h / 6) * (w.k1[i] + 2 * w.k2[i] + 2 * w.k3[i] + w.k4[i]);
  }
  for (let i = 0; i < 6; i++) out[i] = y[i];
  return out;
}

/**
 * Predict the covariance (row-major 6×6 at `off`, ECEF) by `dt_s`: P⁻ = F P Fᵀ + Q with the NCV F and
 * white-acceleration Q of spectral density `q_m2ps3` (Bar-Shalom et al. 2001, §6.2.2). In place on `P`; a symmetric
 * P stays exactly symmetric.
 */
export function predictCovarianceEcef(P: Float64Array, dt_s: number, q_m2ps3: number, off = 0): Float64Array {
  // blocks: A = P[0:3,0:3], B = P[0:3,3:6], Bt = P[3:6,0:3], C = P[3:6,3:6]
  const dt = dt_s;
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) {
      const i = off + r * 6 + c;
      const a = P[i];
      const b = P[i + 3];
      const bt = P[i + 18];
      const cc = P[i + 21];
      P[i] = a + dt * (b + bt) + dt * dt * cc;
      P[i + 3] = b + dt * cc;
      P[i + 18] = bt + dt * cc;
    }
  }
  const q3 = (q_m2ps3 * dt * dt * dt) / 3;
  const q2 = (q_m2ps3 * dt * dt) / 2;
  const q1 = q_m2ps3 * dt;
  for (let k = 0; k < 3; k++) {
    const i = off + k * 7;
    P[i] += q3;
    P[i + 3] += q2;
    P[i + 18] += q2;
    P[i + 21] += q1;
  }
  return P;
}

/** S⁻¹ of a position measurement, S = P[0:3,0:3] + R, into `w.sInv`; returns ln det S (NaN: not SPD). */
function innovationInverse(
  P: Readonly<Float64Array>,
  R: Readonly<Float64Array>,
  w: EcefFilterScratch,
): number {
  const s = w.m1;
  for (let r = 0; r < 3; r++) {
    for (let c = 0; c < 3; c++) s[r * 3 + c] = P[r * 6 + c] + R[r * 3 + c];
  }
  return invertSpdInto(w.sInv, s, 3);
}

/**
 * Squared Mahalanobis distance d² = yᵀ S⁻¹ y of a position measurement `z_ecef` (m) with covariance `R` (row-major
 * 3×3, m²) from the predicted track (x, P): y = z − H x, S = H P Hᵀ + R. Returns +∞ when S is not positive definite.
 */
export function mahalanobis2PositionEcef(
  x: Readonly<Float64Array>,
  P: Readonly<Float64Array>,
  z_ecef: Readonly<Float64Array>,
  R: Readonly<Float64Array>,
  w: EcefFilterScratch,
): number {
  if (Number.isNaN(innovationInverse(P, R, w))) return Number.POSITIVE_INFINITY;
  const y0 = z_ecef[0] - x[0];
  const y1 = z_ecef[1] - x[1];
  const y2 = z_ecef[2] - x[2];
  const si = w.sInv;
  return (
    y0 * (si[0] * y0 + si[1] * y1 + si[2] * y2) +
    y1 * (si[3] * y0 + si[4] * y1 + si[5] * y2) +
    y2 * (si[6] * y0 + si[7] * y1 + si[8] * y2)
  );
}

/**
 * Kalman update of (x, P) in place with a position measurement `z_ecef` (m), covariance `R` (row-major 3×3, m²):
 * K = P Hᵀ S⁻¹, x⁺ = x + K (z − H x), Joseph-form P⁺ = (I − K H) P (I − K H)ᵀ + K R Kᵀ
 * (Bar-Shalom et al. 2001, §5.2.3). Returns false (and leaves the track unchanged) if S is not SPD.
 */
export function updatePositionEcef(
  x: Float64Array,
  P: Float64Array,
  z_ecef: Readonly<Float64Array>,
  R: Readonly<Float64Array>,
  w: EcefFilterScratch,
): boolean {
  return !Number.isNaN(updatePositionEcefLogLikelihood(x, P, z_ecef, R, w));
}

/** 3·ln 2π, the constant of a 3-D Gaussian log-density. */
const LOG_2PI_3 = 3 * Math.log(2 * Math.PI);

/**
 * {@link updatePositionEcef} that also returns the measurement's log-likelihood under the prior,
 * ln N(z; H x, S) = −½ (3 ln 2π + ln det S + yᵀ S⁻¹ y) (the IMM mode likelihood, Bar-Shalom et al. 2001 §11.6.6);
 * NaN (track unchanged) when S is not SPD.
 */
export function updatePositionEcefLogLikelihood(
  x: Float64Array,
  P: Float64Array,
  z_ecef: Readonly<Float64Array>,
  R: Readonly<Float64Array>,
  w: EcefFilterScratch,
): number {
  const logDet = innovationInverse(P, R, w);
  if (Number.isNaN(logDet)) return Number.NaN;
  const si = w.sInv;
  const e0 = z_ecef[0] - x[0];
  const e1 = z_ecef[1] - x[1];
  const e2 = z_ecef[2] - x[2];
  const d2 =
    e0 * (si[0] * e0 + si[1] * e1 + si[2] * e2) +
    e1 * (si[3] * e0 + si[4] * e1 + si[5] * e2) +
    e2 * (si[6] * e0 + si[7] * e1 + si[8] * e2);
  const logLikelihood = -0.5 * (LOG_2PI_3 + logDet + d2);
  // gain K (6×3) = P[:, 0:3] S⁻¹
  const K = w.gain;
  for (let r = 0; r < 6; r++) {
    for (let c = 0; c < 3; c++) {
      K[r * 3 + c] = P[r * 6] * w.sInv[c] + P[r * 6 + 1] * w.sInv[3 + c] + P[r * 6 + 2] * w.sInv[6 + c];
    }
  }
  const y0 = z_ecef[0] - x[0];
  const y1 = z_ecef[1] - x[1];
  const y2 = z_ecef[2] - x[2];
  for (let r = 0; r < 6; r++) x[r] += K[r * 3] * y0 + K[r * 3 + 1] * y1 + K[r * 3 + 2] * y2;
  // Joseph form with H = [I 0] written out (Bar-Shalom et al. 2001, §5.2.3):
  // M = (I − K H) P = P − K P[0:3, :], then P⁺ = M (I − K H)ᵀ + K R Kᵀ, i.e.
  // P⁺[r][c] = M[r][c] + Σ_{k<3} (K R − M[:, 0:3])[r][k] K[c][k]; upper triangle computed, mirrored.
  const m2 = w.m2;
  for (let r = 0; r < 6; r++) {
    const k0 = K[r * 3];
    const k1 = K[r * 3 + 1];
    const k2 = K[r * 3 + 2];
    for (let c = 0; c < 6; c++) {
      m2[r * 6 + c] = P[r * 6 + c] - (k0 * P[c] + k1 * P[6 + c] + k2 * P[12 + c]);
    }
  }
  // d = K R − M[:, 0:3] (6×3)
  const d = w.m1;
  for (let r = 0; r < 6; r++) {
    for (let c = 0; c < 3; c++) {
      d[r * 3 + c] = K[r * 3] * R[c] + K[r * 3 + 1] * R[3 + c] + K[r * 3 + 2] * R[6 + c] - m2[r * 6 + c];
    }
  }
  for (let r = 0; r < 6; r++) {
    const d0 = d[r * 3];
    const d1 = d[r * 3 + 1];
    const d2r = d[r * 3 + 2];
    for (let c = r; c < 6; c++) {
      const acc = m2[r * 6 + c] + d0 * K[c * 3] + d1 * K[c * 3 + 1] + d2r * K[c * 3 + 2];
      P[r * 6 + c] = acc;
      P[c * 6 + r] = acc;
    }
  }
  return logLikelihood;
}
