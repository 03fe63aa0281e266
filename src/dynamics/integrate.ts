/**
 * @module dynamics/integrate
 * Fixed-step explicit integrators over a flat Float64Array state: the classical fourth-order Runge–Kutta method
 * (Hairer, Nørsett & Wanner, *Solving ODEs I*, §II.1, Table 1.2 "RK4") and forward Euler for comparison. Both are
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
