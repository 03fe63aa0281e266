/**
 * @module tracking/mtt/models/transition
 * Motion (transition) models over a {@link StateLayout}: nearly constant velocity (NCV, white-noise acceleration),
 * nearly constant acceleration (Wiener-process acceleration), coordinated turn with a known rate and coordinated turn
 * with an estimated rate. Equations from Bar-Shalom, Li & Kirubarajan, *Estimation with Applications to Tracking and
 * Navigation* (2001): §6.2.2 (NCV, Q = q·[[T³/3, T²/2], [T²/2, T]]), §6.2.3 (Wiener acceleration,
 * Q = q·[[T⁵/20, T⁴/8, T³/6], [T⁴/8, T³/3, T²/2], [T³/6, T²/2, T]]), §11.7.1 (coordinated turn, eq. 11.7.1-4) and
 * §11.7.2 (turn rate as a state, Jacobian eqs. 11.7.2-4…6). The turn acts in the x–y plane; z is NCV. Components a
 * model does not use are set to 0 (accelerations) or held (ω, with noise `qOmega`·T).
 */
import { posIndex, type StateLayout } from './layout.js';

/** A (possibly nonlinear) Gaussian transition model x⁺ = f(x, T) + w, w ~ N(0, Q(T)). */
export interface TransitionModel {
  readonly layout: StateLayout;
  /** True when f is linear in x (then `jacobian` is F and independent of x). */
  readonly linear: boolean;
  /** out = f(x at xOff, T). `out` must not alias x. */
  apply(out: Float64Array, x: Readonly<Float64Array>, xOff: number, dt_s: number): void;
  /** out (n×n) = ∂f/∂x at x. */
  jacobian(out: Float64Array, x: Readonly<Float64Array>, xOff: number, dt_s: number): void;
  /** out (n×n) = Q(T). */
  processNoise(out: Float64Array, dt_s: number): void;
  /**
   * Optional fast path for models whose Jacobian F does not depend on x: P (n×n at pOff) ← F P Fᵀ + Q(T) in place,
   * symmetric, exploiting F's structure. When present the EKF predictor uses it instead of the dense products.
   */
  predictCovarianceAt?(P: Float64Array, pOff: number, dt_s: number): void;
}

/** Turn-rate magnitude below which the coordinated-turn formulas use their ω → 0 limits, rad/s. */
export const TURN_RATE_EPS_radps = 1e-9;

/** Default random-walk noise of the turn rate held by models that do not turn, rad²/s³. */
export const DEFAULT_OMEGA_NOISE_rad2ps3 = 1e-6;

/** Writes the NCV per-axis Q block for axis `a`. */
function ncvNoiseBlock(out: Float64Array, layout: StateLayout, a: number, q: number, dt: number): void {
  const n = layout.n;
  const p = posIndex(layout, a);
  out[p * n + p] = (q * dt ** 3) / 3;
  out[p * n + p + 1] = (q * dt ** 2) / 2;
  out[(p + 1) * n + p] = (q * dt ** 2) / 2;
  out[(p + 1) * n + p + 1] = q * dt;
}

/** Writes the NCV per-axis F block for axis `a` (acceleration row left 0: driven to 0). */
function ncvJacobianBlock(out: Float64Array, layout: StateLayout, a: number, dt: number): void {
  const n = layout.n;
  const p = posIndex(layout, a);
  out[p * n + p] = 1;
  out[p * n + p + 1] = dt;
  out[(p + 1) * n + p + 1] = 1;
}

/** Common ω handling: held with random-walk noise. */
function holdOmega(layout: StateLayout, out: Float64Array, x: Readonly<Float64Array>, xOff: number): void {
  if (layout.omegaIndex >= 0) out[layout.omegaIndex] = x[xOff + layout.omegaIndex];
}

function holdOmegaJacobian(layout: StateLayout, out: Float64Array): void {
  const w = layout.omegaIndex;
  if (w >= 0) out[w * layout.n + w] = 1;
}

function omegaNoise(layout: StateLayout, out: Float64Array, qOmega: number, dt: number): void {
  const w = layout.omegaIndex;
  if (w >= 0) out[w * layout.n + w] = qOmega * dt;
}

/**
 * Nearly constant velocity on every axis, diffusion `q_m2ps3` (m²/s³). Identical to Stone Soup's
 * `ConstantVelocity(q)` per axis; accelerations (if in the layout) are driven to 0.
 */
export function constantVelocityModel(
  layout: StateLayout,
  q_m2ps3: number,
  qOmega_rad2ps3 = DEFAULT_OMEGA_NOISE_rad2ps3,
): TransitionModel {
  return {
    layout,
    linear: true,
    apply(out, x, xOff, dt) {
      out.fill(0);
      for (let a = 0; a < layout.dim; a++) {
        const p = posIndex(layout, a);
        out[p] = x[xOff + p] + dt * x[xOff + p + 1];
        out[p + 1] = x[xOff + p + 1];
      }
      holdOmega(layout, out, x, xOff);
    },
    jacobian(out, _x, _xOff, dt) {
      out.fill(0);
      for (let a = 0; a < layout.dim; a++) ncvJacobianBlock(out, layout, a, dt);
      holdOmegaJacobian(layout, out);
    },
    processNoise(out, dt) {
      out.fill(0);
      for (let a = 0; a < layout.dim; a++) ncvNoiseBlock(out, layout, a, q_m2ps3, dt);
      omegaNoise(layout, out, qOmega_rad2ps3, dt);
    },
  };
}

/**
 * Nearly constant acceleration (Wiener-process acceleration) on every axis, jerk diffusion `q_m2ps5` (m²/s⁵).
 * Needs a layout with 3 components per axis.
 */
export function constantAccelerationModel(
  layout: StateLayout,
  q_m2ps5: number,
  qOmega_rad2ps3 = DEFAULT_OMEGA_NOISE_rad2ps3,
): TransitionModel {
  if (layout.perAxis !== 3)
    throw new RangeError('constantAccelerationModel needs a layout with accelerations');
  const n = layout.n;
  const jac = (out: Float64Array, dt: number): void => {
    out.fill(0);
    for (let a = 0; a < layout.dim; a++) {
      const p = posIndex(layout, a);
      out[p * n + p] = 1;
      out[p * n + p + 1] = dt;
      out[p * n + p + 2] = (dt * dt) / 2;
      out[(p + 1) * n + p + 1] = 1;
      out[(p + 1) * n + p + 2] = dt;
      out[(p + 2) * n + p + 2] = 1;
    }
    holdOmegaJacobian(layout, out);
  };
  return {
    layout,
    linear: true,
    apply(out, x, xOff, dt) {
      out.fill(0);
      for (let a = 0; a < layout.dim; a++) {
        const p = posIndex(layout, a);
        const pos = x[xOff + p];
        const vel = x[xOff + p + 1];
        const acc = x[xOff + p + 2];
        out[p] = pos + dt * vel + 0.5 * dt * dt * acc;
        out[p + 1] = vel + dt * acc;
        out[p + 2] = acc;
      }
      holdOmega(layout, out, x, xOff);
    },
    jacobian(out, _x, _xOff, dt) {
      jac(out, dt);
    },
    processNoise(out, dt) {
      out.fill(0);
      const q = q_m2ps5;
      const block = [
        [dt ** 5 / 20, dt ** 4 / 8, dt ** 3 / 6],
        [dt ** 4 / 8, dt ** 3 / 3, dt ** 2 / 2],
        [dt ** 3 / 6, dt ** 2 / 2, dt],
      ];
      for (let a = 0; a < layout.dim; a++) {
        const p = posIndex(layout, a);
        for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) out[(p + i) * n + p + j] = q * block[i][j];
      }
      omegaNoise(layout, out, qOmega_rad2ps3, dt);
    },
  };
}

/** sin(ωT)/ω and (1 − cos ωT)/ω with their ω → 0 limits. */
function turnCoefficients(omega: number, dt: number): { sw: number; cw: number; s: number; c: number } {
  const s = Math.sin(omega * dt);
  const c = Math.cos(omega * dt);
  if (Math.abs(omega) < TURN_RATE_EPS_radps) return { sw: dt, cw: 0.5 * omega * dt * dt, s, c };
  return { sw: s / omega, cw: (1 - c) / omega, s, c };
}

/** Writes the x–y turn block of F for rate ω into `out` (n×n); other axes NCV. */
function turnJacobianBlocks(out: Float64Array, layout: StateLayout, omega: number, dt: number): void {
  const n = layout.n;
  const { sw, cw, s, c } = turnCoefficients(omega, dt);
  const px = posIndex(layout, 0);
  const py = posIndex(layout, 1);
  out[px * n + px] = 1;
  out[px * n + px + 1] = sw;
  out[px * n + py + 1] = -cw;
  out[(px + 1) * n + px + 1] = c;
  out[(px + 1) * n + py + 1] = -s;
  out[py * n + py] = 1;
  out[py * n + px + 1] = cw;
  out[py * n + py + 1] = sw;
  out[(py + 1) * n + px + 1] = s;
  out[(py + 1) * n + py + 1] = c;
  for (let a = 2; a < layout.dim; a++) ncvJacobianBlock(out, layout, a, dt);
}

/** Applies the turn of rate ω to the x–y components (other axes NCV, accelerations 0). */
function applyTurn(
  out: Float64Array,
  layout: StateLayout,
  x: Readonly<Float64Array>,
  xOff: number,
  omega: number,
  dt: number,
): void {
  const { sw, cw, s, c } = turnCoefficients(omega, dt);
  out.fill(0);
  const px = posIndex(layout, 0);
  const py = posIndex(layout, 1);
  const vx = x[xOff + px + 1];
  const vy = x[xOff + py + 1];
  out[px] = x[xOff + px] + sw * vx - cw * vy;
  out[px + 1] = c * vx - s * vy;
  out[py] = x[xOff + py] + cw * vx + sw * vy;
  out[py + 1] = s * vx + c * vy;
  for (let a = 2; a < layout.dim; a++) {
    const p = posIndex(layout, a);
    out[p] = x[xOff + p] + dt * x[xOff + p + 1];
    out[p + 1] = x[xOff + p + 1];
  }
}

/**
 * Coordinated turn in x–y at the known rate `omega_radps` (counter-clockwise positive), NCV noise `q_m2ps3` on
 * every axis (Bar-Shalom et al. 2001 §11.7.1). Linear; ω in the state (if any) is held, not used.
 */
export function coordinatedTurnModel(
  layout: StateLayout,
  q_m2ps3: number,
  omega_radps: number,
  qOmega_rad2ps3 = DEFAULT_OMEGA_NOISE_rad2ps3,
): TransitionModel {
  return {
    layout,
    linear: true,
    apply(out, x, xOff, dt) {
      applyTurn(out, layout, x, xOff, omega_radps, dt);
      holdOmega(layout, out, x, xOff);
    },
    jacobian(out, _x, _xOff, dt) {
      out.fill(0);
      turnJacobianBlocks(out, layout, omega_radps, dt);
      holdOmegaJacobian(layout, out);
    },
    processNoise(out, dt) {
      out.fill(0);
      for (let a = 0; a < layout.dim; a++) ncvNoiseBlock(out, layout, a, q_m2ps3, dt);
      omegaNoise(layout, out, qOmega_rad2ps3, dt);
    },
  };
}

/**
 * Coordinated turn with the turn rate ω as a state (needs a layout with ω): nonlinear, for the EKF/UKF
 * (Bar-Shalom et al. 2001 §11.7.2). ω follows a random walk with diffusion `qOmega_rad2ps3` (rad²/s³).
 */
export function coordinatedTurnEstimatedModel(
  layout: StateLayout,
  q_m2ps3: number,
  qOmega_rad2ps3: number,
): TransitionModel {
  const w = layout.omegaIndex;
  if (w < 0) throw new RangeError('coordinatedTurnEstimatedModel needs a layout with a turn-rate component');
  const n = layout.n;
  return {
    layout,
    linear: false,
    apply(out, x, xOff, dt) {
      applyTurn(out, layout, x, xOff, x[xOff + w], dt);
      out[w] = x[xOff + w];
    },
    jacobian(out, x, xOff, dt) {
      out.fill(0);
      const omega = x[xOff + w];
      turnJacobianBlocks(out, layout, omega, dt);
      out[w * n + w] = 1;
      // ∂f/∂ω (eq. 11.7.2-6), with the ω → 0 limits
      const px = posIndex(layout, 0);
      const py = posIndex(layout, 1);
      const vx = x[xOff + px + 1];
      const vy = x[xOff + py + 1];
      const s = Math.sin(omega * dt);
      const c = Math.cos(omega * dt);
      let dsw: number;
      let dcw: number;
      if (Math.abs(omega) < 1e-6) {
        dsw = 0;
        dcw = 0.5 * dt * dt;
      } else {
        dsw = (dt * c * omega - s) / (omega * omega);
        dcw = (dt * s * omega - (1 - c)) / (omega * omega);
      }
      out[px * n + w] = dsw * vx - dcw * vy;
      out[(px + 1) * n + w] = -dt * s * vx - dt * c * vy;
      out[py * n + w] = dcw * vx + dsw * vy;
      out[(py + 1) * n + w] = dt * c * vx - dt * s * vy;
    },
    processNoise(out, dt) {
      out.fill(0);
      for (let a = 0; a < layout.dim; a++) ncvNoiseBlock(out, layout, a, q_m2ps3, dt);
      out[w * n + w] = qOmega_rad2ps3 * dt;
    },
  };
}
