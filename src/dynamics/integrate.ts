/**
 * @module dynamics/integrate
 * Explicit integrators over a flat Float64Array state: the classical fourth-order Runge–Kutta method
 * (Hairer, Nørsett & Wanner, *Solving ODEs I*, §II.1, Table 1.2 "RK4") and forward Euler for comparison, fixed step;
 * and one step of the embedded Dormand–Prince 5(4) pair (Dormand & Prince 1980; Hairer, Nørsett & Wanner §II.5,
 * Table 5.2 "DOPRI5") that returns its error estimate, for a caller that controls its own step size. All are
 * allocation-free: the caller owns a workspace sized to the state, so a hot loop creates nothing. The derivative
 * function writes dy/dt into its third argument and must not keep references to the arrays it is given.
 */

/** Right-hand side of dy/dt = f(t, y): writes f(t, y) into `dydt` (same length as `y`). Units follow the state. */
export type DerivativeFn = (t_s: number, y: Readonly<Float64Array>, dydt: Float64Array) => void;

/** Scratch arrays for {@link rk4Step}, sized to one state length. */
export interface Rk4Workspace {
  /** State length the workspace was built for. */
  readonly size: number;
  readonly k1: Float64Array;
  readonly k2: Float64Array;
  readonly k3: Float64Array;
  readonly k4: Float64Array;
  /** Trial state y + c·h·k. */
  readonly trial: Float64Array;
}

/** Workspace for states of length `size` (five Float64Arrays). */
export function createRk4Workspace(size: number): Rk4Workspace {
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`createRk4Workspace: size must be a non-negative integer, got ${size}`);
  }
  return {
    size,
    k1: new Float64Array(size),
    k2: new Float64Array(size),
    k3: new Float64Array(size),
    k4: new Float64Array(size),
    trial: new Float64Array(size),
  };
}

/**
 * One classical RK4 step of length `h_s`, in place: y ← y + h/6 (k1 + 2k2 + 2k3 + k4) with k1 = f(t, y),
 * k2 = f(t + h/2, y + h/2 k1), k3 = f(t + h/2, y + h/2 k2), k4 = f(t + h, y + h k3). Local error O(h⁵), global O(h⁴).
 * @param deriv right-hand side
 * @param t_s time at the start of the step, s
 * @param y state at `t_s`, overwritten with the state at `t_s + h_s`
 * @param h_s step, s (may be negative)
 * @param work workspace from {@link createRk4Workspace} with `size === y.length`
 * @returns `y`
 */
export function rk4Step(
  deriv: DerivativeFn,
  t_s: number,
  y: Float64Array,
  h_s: number,
  work: Rk4Workspace,
): Float64Array {
  const n = y.length;
  if (work.size !== n) {
    throw new RangeError(`rk4Step: workspace size ${work.size} does not match state length ${n}`);
  }
  const { k1, k2, k3, k4, trial } = work;
  const half = 0.5 * h_s;
  deriv(t_s, y, k1);
  for (let i = 0; i < n; i++) trial[i] = y[i] + half * k1[i];
  deriv(t_s + half, trial, k2);
  for (let i = 0; i < n; i++) trial[i] = y[i] + half * k2[i];
  deriv(t_s + half, trial, k3);
  for (let i = 0; i < n; i++) trial[i] = y[i] + h_s * k3[i];
  deriv(t_s + h_s, trial, k4);
  const sixth = h_s / 6;
  for (let i = 0; i < n; i++) y[i] += sixth * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
  return y;
}

/**
 * One forward-Euler step, in place: y ← y + h f(t, y) (first order; for comparison and tests).
 * @param dydt scratch of the state's length, receives f(t, y)
 * @returns `y`
 */
export function eulerStep(
  deriv: DerivativeFn,
  t_s: number,
  y: Float64Array,
  h_s: number,
  dydt: Float64Array,
): Float64Array {
  deriv(t_s, y, dydt);
  for (let i = 0; i < y.length; i++) y[i] += h_s * dydt[i];
  return y;
}

/** Scratch arrays for {@link dopri5Step}, sized to one state length. */
export interface Dopri5Workspace {
  /** State length the workspace was built for. */
  readonly size: number;
  /** Stage derivatives; `k1` must hold f(t, y) before a step (FSAL: after an accepted step `k7` is f at its end). */
  readonly k1: Float64Array;
  readonly k2: Float64Array;
  readonly k3: Float64Array;
  readonly k4: Float64Array;
  readonly k5: Float64Array;
  readonly k6: Float64Array;
  readonly k7: Float64Array;
  /** Trial stage state. */
  readonly trial: Float64Array;
  /** Fifth-order solution at t + h (written by the step; the caller copies it on acceptance). */
  readonly yNew: Float64Array;
}

/**
 * Workspace for states of length `size` (nine Float64Arrays).
 * @example
 * ```ts
 * import { createDopri5Workspace } from '../dynamics/integrate.js';
 * const work = createDopri5Workspace(6); // one per integrated body, reused for every step
 * ```
 */
export function createDopri5Workspace(size: number): Dopri5Workspace {
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`createDopri5Workspace: size must be a non-negative integer, got ${size}`);
  }
  const v = (): Float64Array => new Float64Array(size);
  return { size, k1: v(), k2: v(), k3: v(), k4: v(), k5: v(), k6: v(), k7: v(), trial: v(), yNew: v() };
}

// Dormand–Prince 5(4) tableau (Hairer, Nørsett & Wanner, Table 5.2)
const A21 = 1 / 5;
const A31 = 3 / 40;
const A32 = 9 / 40;
const A41 = 44 / 45;
const A42 = -56 / 15;
const A43 = 32 / 9;
const A51 = 19372 / 6561;
const A52 = -25360 / 2187;
const A53 = 64448 / 6561;
const A54 = -212 / 729;
const A61 = 9017 / 3168;
const A62 = -355 / 33;
const A63 = 46732 / 5247;
const A64 = 49 / 176;
const A65 = -5103 / 18656;
const B1 = 35 / 384;
const B3 = 500 / 1113;
const B4 = 125 / 192;
const B5 = -2187 / 6784;
const B6 = 11 / 84;
// b − b̂ (fifth- minus fourth-order weights): the local error estimate
const E1 = 71 / 57600;
const E3 = -71 / 16695;
const E4 = 71 / 1920;
const E5 = -17253 / 339200;
const E6 = 22 / 525;
const E7 = -1 / 40;

/**
 * One Dormand–Prince 5(4) step of length `h_s` from (t, y): writes the fifth-order solution into `work.yNew` and
 * f(t + h, yNew) into `work.k7` (first-same-as-last: on acceptance the caller may copy `k7` into `k1` instead of
 * evaluating f again), leaves `y` untouched and returns the scaled error max_i |ŷ_i − y_i| / tol_i of the embedded
 * fourth-order solution ŷ (≤ 1: acceptable). `work.k1` must hold f(t, y) on entry. Six evaluations of f per step.
 * @param deriv right-hand side
 * @param t_s time at the start of the step, s
 * @param y state at `t_s` (not modified)
 * @param h_s step, s (> 0)
 * @param work workspace from {@link createDopri5Workspace} with `size === y.length`, `k1` = f(t, y)
 * @param tolerance absolute tolerance per component, in the state's units (same length as `y`)
 * @returns the scaled error estimate (dimensionless)
 * @example
 * ```ts
 * import { createDopri5Workspace, dopri5Step } from '../dynamics/integrate.js';
 * const decay = (_t: number, y: Readonly<Float64Array>, d: Float64Array) => { d[0] = -y[0]; };
 * const y = Float64Array.of(1);
 * const work = createDopri5Workspace(1);
 * decay(0, y, work.k1);
 * const err = dopri5Step(decay, 0, y, 0.1, work, Float64Array.of(1e-9)); // work.yNew[0] ≈ e^-0.1
 * ```
 */
export function dopri5Step(
  deriv: DerivativeFn,
  t_s: number,
  y: Readonly<Float64Array>,
  h_s: number,
  work: Dopri5Workspace,
  tolerance: Readonly<Float64Array>,
): number {
  const n = y.length;
  if (work.size !== n || tolerance.length !== n) {
    throw new RangeError(
      `dopri5Step: workspace ${work.size} / tolerance ${tolerance.length} vs state length ${n}`,
    );
  }
  const { k1, k2, k3, k4, k5, k6, k7, trial, yNew } = work;
  const h = h_s;
  for (let i = 0; i < n; i++) trial[i] = y[i] + h * A21 * k1[i];
  deriv(t_s + 0.2 * h, trial, k2);
  for (let i = 0; i < n; i++) trial[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i]);
  deriv(t_s + 0.3 * h, trial, k3);
  for (let i = 0; i < n; i++) trial[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i]);
  deriv(t_s + 0.8 * h, trial, k4);
  for (let i = 0; i < n; i++) {
    trial[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i]);
  }
  deriv(t_s + (8 / 9) * h, trial, k5);
  for (let i = 0; i < n; i++) {
    trial[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i]);
  }
  deriv(t_s + h, trial, k6);
  for (let i = 0; i < n; i++) {
    yNew[i] = y[i] + h * (B1 * k1[i] + B3 * k3[i] + B4 * k4[i] + B5 * k5[i] + B6 * k6[i]);
  }
  deriv(t_s + h, yNew, k7);
  let err = 0;
  for (let i = 0; i < n; i++) {
    const e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i]);
    const scaled = Math.abs(e) / tolerance[i];
    if (scaled > err) err = scaled;
  }
  return err;
}

/** Safety factor and growth limits of the step-size controller (Hairer, Nørsett & Wanner, §II.4, eq. 4.13). */
const SAFETY = 0.9;
const MAX_GROWTH = 5;
const MIN_GROWTH = 0.2;
/** Largest error whose growth factor reaches MAX_GROWTH: (SAFETY / MAX_GROWTH)⁵. */
const CAPPED_ERROR = (SAFETY / MAX_GROWTH) ** 5;

/**
 * Next step size after a step of `h_s` with scaled error `err` (≤ 1 accepted, > 1 rejected): the elementary
 * controller h · min(5, max(0.2, 0.9 · err^(−1/5))) for a fifth-order local error. Pure arithmetic, so it is
 * deterministic: the same inputs give the same step sequence on every machine and worker.
 * @example
 * ```ts
 * import { dopri5NextStep } from '../dynamics/integrate.js';
 * dopri5NextStep(1, 0.5); // 1.05…: a step well inside the tolerance grows
 * ```
 */
export function dopri5NextStep(h_s: number, err: number): number {
  // below (0.9 / 5)⁵ the factor is capped anyway: skip the power (most exo-atmospheric steps)
  if (err <= CAPPED_ERROR) return h_s * MAX_GROWTH;
  const factor = SAFETY * err ** -0.2;
  return h_s * Math.min(MAX_GROWTH, Math.max(MIN_GROWTH, factor));
}
