/**
 * @module tracking/filters/imm
 * Interacting Multiple Model filter with linear-Gaussian models (Blom & Bar-Shalom 1988; equations as in
 * Bar-Shalom, Li & Kirubarajan 2001, §11.6.6): mixing, mode-matched Kalman filtering, mode-probability update with
 * the innovation likelihoods, and moment-matched combination. Also the transitions of the usual model set for the
 * interleaved 2-D state [x, vx, y, vy]: nearly constant velocity and the coordinated turn with known rate
 * (Bar-Shalom et al. 2001, §11.7.1). Dense and allocation-happy: not on the MTT hot path.
 */
import { addScaled, matVec, sandwich, symmetrize } from './denseMatrix.js';
import { type GaussianEstimate, kalmanUpdateDense } from './kalman.js';

/** One mode of the IMM: x⁺ = F x + w, w ~ N(0, Q) (row-major n×n). */
export interface ImmMode {
  readonly F: Readonly<Float64Array>;
  readonly Q: Readonly<Float64Array>;
}

/** IMM state: one estimate and one probability per mode. */
export interface ImmState {
  readonly estimates: readonly GaussianEstimate[];
  /** Mode probabilities μ_j, summing to 1. */
  readonly modeProbabilities: Float64Array;
}

/** Result of one IMM cycle. */
export interface ImmStepResult {
  readonly state: ImmState;
  /** Moment-matched combined estimate. */
  readonly combined: GaussianEstimate;
  /** log Σ_j Λ_j c̄_j, the measurement's log-likelihood under the mixture (NaN without measurement). */
  readonly logLikelihood: number;
}

/** Moment-matched mixture Σ w_i N(x_i, P_i) → N(x, P) (Bar-Shalom et al. 2001, §11.6.6). */
export function combineGaussians(
  estimates: readonly GaussianEstimate[],
  weights: Readonly<Float64Array>,
  n: number,
): GaussianEstimate {
  const x = new Float64Array(n);
  for (let i = 0; i < estimates.length; i++)
    for (let r = 0; r < n; r++) x[r] += weights[i] * estimates[i].x[r];
  const P = new Float64Array(n * n);
  for (let i = 0; i < estimates.length; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const e = estimates[i];
    for (let r = 0; r < n; r++) {
      const dr = e.x[r] - x[r];
      for (let c = 0; c < n; c++) P[r * n + c] += w * (e.P[r * n + c] + dr * (e.x[c] - x[c]));
    }
  }
  return { x, P: symmetrize(P, n) };
}

/**
 * One IMM cycle: mix with the Markov matrix `transition` (row-major, p_ij = P(mode j next | mode i now), rows sum
 * to 1), predict every mode, update with the linear measurement z = H x + v, v ~ N(0, R) (`z` null: predict only),
 * then update the mode probabilities and combine.
 */
export function immStep(
  state: ImmState,
  modes: readonly ImmMode[],
  transition: Readonly<Float64Array>,
  H: Readonly<Float64Array>,
  R: Readonly<Float64Array>,
  z: Readonly<Float64Array> | null,
): ImmStepResult {
  const r = modes.length;
  const n = state.estimates[0].x.length;
  const m = R.length === 1 ? 1 : Math.round(Math.sqrt(R.length));
  const mu = state.modeProbabilities;
  // mixing probabilities
  const cBar = new Float64Array(r);
  for (let j = 0; j < r; j++) for (let i = 0; i < r; i++) cBar[j] += transition[i * r + j] * mu[i];
  const estimates: GaussianEstimate[] = [];
  const logLik = new Float64Array(r);
  for (let j = 0; j < r; j++) {
    const wMix = new Float64Array(r);
    for (let i = 0; i < r; i++) wMix[i] = cBar[j] > 0 ? (transition[i * r + j] * mu[i]) / cBar[j] : 0;
    const mixed = combineGaussians(state.estimates, wMix, n);
    // mode-matched prediction
    const { F, Q } = modes[j];
    const xp = matVec(F, mixed.x, n, n);
    const Pp = symmetrize(addScaled(sandwich(F, mixed.P, n, n), Q, 1), n);
    if (z === null) {
      estimates.push({ x: xp, P: Pp });
      continue;
    }
    // mode-matched update (Joseph form)
    const upd = kalmanUpdateDense({ x: xp, P: Pp }, H, R, z, n, m);
    logLik[j] = upd.logLikelihood;
    estimates.push({ x: upd.x, P: upd.P });
  }
  // mode probabilities
  const probs = new Float64Array(r);
  let logLikelihood = Number.NaN;
  if (z === null) {
    probs.set(cBar);
  } else {
    let maxLog = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < r; j++) if (cBar[j] > 0) maxLog = Math.max(maxLog, logLik[j]);
    let total = 0;
    for (let j = 0; j < r; j++) {
      probs[j] = cBar[j] > 0 ? cBar[j] * Math.exp(logLik[j] - maxLog) : 0;
      total += probs[j];
    }
    for (let j = 0; j < r; j++) probs[j] /= total;
    logLikelihood = maxLog + Math.log(total);
  }
  const combined = combineGaussians(estimates, probs, n);
  return { state: { estimates, modeProbabilities: probs }, combined, logLikelihood };
}

/** NCV transition for the interleaved state [x, vx, y, vy(, z, vz)] over `dt_s`, row-major (2·dim)². */
export function ncvTransition(dim: number, dt_s: number): Float64Array {
  const n = 2 * dim;
  const F = new Float64Array(n * n);
  for (let a = 0; a < dim; a++) {
    const p = 2 * a;
    F[p * n + p] = 1;
    F[p * n + p + 1] = dt_s;
    F[(p + 1) * n + p + 1] = 1;
  }
  return F;
}

/** White-acceleration process noise q·[[dt³/3, dt²/2], [dt²/2, dt]] per axis, interleaved state, q in m²/s³. */
export function ncvProcessNoise(dim: number, dt_s: number, q_m2ps3: number): Float64Array {
  const n = 2 * dim;
  const Q = new Float64Array(n * n);
  for (let a = 0; a < dim; a++) {
    const p = 2 * a;
    Q[p * n + p] = (q_m2ps3 * dt_s ** 3) / 3;
    Q[p * n + p + 1] = (q_m2ps3 * dt_s ** 2) / 2;
    Q[(p + 1) * n + p] = (q_m2ps3 * dt_s ** 2) / 2;
    Q[(p + 1) * n + p + 1] = q_m2ps3 * dt_s;
  }
  return Q;
}

/**
 * Coordinated-turn transition with known rate `omega_radps` (counter-clockwise positive, x toward y) for the 2-D
 * state [x, vx, y, vy] over `dt_s` (Bar-Shalom et al. 2001, §11.7.1); reduces to NCV as ω → 0.
 */
export function coordinatedTurnTransition(omega_radps: number, dt_s: number): Float64Array {
  const wt = omega_radps * dt_s;
  const s = Math.sin(wt);
  const c = Math.cos(wt);
  const sOverW = Math.abs(omega_radps) < 1e-12 ? dt_s : s / omega_radps;
  const oneMinusCOverW = Math.abs(omega_radps) < 1e-12 ? 0 : (1 - c) / omega_radps;
  return Float64Array.of(
    1,
    sOverW,
    0,
    -oneMinusCOverW,
    0,
    c,
    0,
    -s,
    0,
    oneMinusCOverW,
    1,
    sOverW,
    0,
    s,
    0,
    c,
  );
}
