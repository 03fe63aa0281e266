/**
 * @module weapons/planarEngagement
 * The textbook two-dimensional homing loop (Zarchan, *Tactical and Strategic Missile Guidance*, ch. 2): a pursuer
 * flying proportional navigation against a target that turns with a constant lateral acceleration.
 *
 * Conventions: positions in metres on a flat plane, headings in radians counter-clockwise from +x, a positive lateral
 * acceleration turns counter-clockwise (to the left of the velocity).
 *
 * - Pure PN (`law: 'pure'`): commanded acceleration a = N' · V_m · λ̇, applied normal to the pursuer velocity, so the
 *   pursuer speed stays constant and only its velocity vector turns.
 * - True PN (`law: 'true'`): commanded acceleration a = N' · V_c · λ̇, applied normal to the line of sight; the pursuer
 *   speed is then free to change.
 * - Optional first-order autopilot lag: the achieved acceleration obeys ȧ = (a_c − a) / τ with τ = `lag_s`.
 * - Optional acceleration limit: the command is clipped to ±`accelLimit_mps2` before the lag, so the achieved
 *   acceleration never exceeds it either.
 *
 * Integration is classical RK4 with a fixed step. Before each step the relative motion is linearised (relative
 * position and velocity at the step start); if that straight line reaches its closest point within the step, the run
 * stops there and the miss is that closed-form closest approach — the range rate changes sign inside the step — rather
 * than the range at a step sample. This also keeps the integrator away from the λ̇ ∝ 1/R singularity at the passage.
 * If a step nevertheless ends with the range opening (curved relative motion), the closest approach is taken on the
 * chord of that step, also in closed form.
 */

import { AspisError } from '../errors.js';

/** Which proportional-navigation law the pursuer flies. */
export type PlanarGuidanceLaw = 'pure' | 'true';

/** The pursuer's initial state: position, speed and heading (rad, counter-clockwise from +x). */
export interface PlanarPursuer {
  pos_m: readonly [number, number];
  speed_mps: number;
  heading_rad: number;
}

/** The target's initial state and its constant lateral acceleration (normal to its velocity, + = left turn). */
export interface PlanarTarget {
  pos_m: readonly [number, number];
  speed_mps: number;
  heading_rad: number;
  lateralAccel_mps2: number;
}

/** Inputs to {@link planarEngagement}. */
export interface PlanarEngagementOptions {
  law: PlanarGuidanceLaw;
  /** Effective navigation ratio N'. */
  navigationConstant: number;
  pursuer: PlanarPursuer;
  target: PlanarTarget;
  /** Symmetric limit on the commanded (and so the achieved) pursuer acceleration, m/s². Unlimited when absent. */
  accelLimit_mps2?: number;
  /** First-order autopilot time constant, s. 0 or absent: the achieved acceleration equals the command. */
  lag_s?: number;
  /** Integration step, s (default 0.001). */
  step_s?: number;
  /** Give up after this much flight time, s (default 120). */
  maxTime_s?: number;
  /** Spacing of the returned samples, s (default 0.05). The first and the final (closest-approach) states are always kept. */
  sampleInterval_s?: number;
}

/** One decimated sample of the engagement. `accel_mps2` is the achieved pursuer acceleration (signed, + = left). */
export interface PlanarSample {
  t_s: number;
  pursuer: [number, number];
  target: [number, number];
  accel_mps2: number;
}

/** Result of {@link planarEngagement}. */
export interface PlanarEngagementResult {
  /** Time of closest approach, s (the final time when the run timed out). */
  interceptTime_s: number;
  /** Closest-approach distance, m (the range at `maxTime_s` when the run timed out). */
  missDistance_m: number;
  /** True when `maxTime_s` elapsed before the closest approach. */
  timedOut: boolean;
  samples: PlanarSample[];
}

// State layout: pursuer x, y, vx, vy; target x, y, heading; achieved pursuer acceleration.
const XM = 0;
const YM = 1;
const VXM = 2;
const VYM = 3;
const XT = 4;
const YT = 5;
const HT = 6;
const AM = 7;
const N_STATE = 8;

function requireFinite(value: number, path: string): void {
  if (!Number.isFinite(value))
    throw new AspisError('E_USAGE', path, `must be a finite number (got ${value})`);
}

function requirePositive(value: number, path: string): void {
  if (!(Number.isFinite(value) && value > 0)) {
    throw new AspisError('E_USAGE', path, `must be a finite number > 0 (got ${value})`);
  }
}

function validate(o: PlanarEngagementOptions): void {
  if (o.law !== 'pure' && o.law !== 'true') {
    throw new AspisError('E_USAGE', 'law', `must be 'pure' or 'true' (got ${String(o.law)})`);
  }
  requireFinite(o.navigationConstant, 'navigationConstant');
  requireFinite(o.pursuer.pos_m[0], 'pursuer.pos_m[0]');
  requireFinite(o.pursuer.pos_m[1], 'pursuer.pos_m[1]');
  requirePositive(o.pursuer.speed_mps, 'pursuer.speed_mps');
  requireFinite(o.pursuer.heading_rad, 'pursuer.heading_rad');
  requireFinite(o.target.pos_m[0], 'target.pos_m[0]');
  requireFinite(o.target.pos_m[1], 'target.pos_m[1]');
  requireFinite(o.target.speed_mps, 'target.speed_mps');
  if (o.target.speed_mps < 0) throw new AspisError('E_USAGE', 'target.speed_mps', 'must be ≥ 0');
  requireFinite(o.target.heading_rad, 'target.heading_rad');
  requireFinite(o.target.lateralAccel_mps2, 'target.lateralAccel_mps2');
  if (o.accelLimit_mps2 !== undefined) requirePositive(o.accelLimit_mps2, 'accelLimit_mps2');
  if (o.lag_s !== undefined) {
    requireFinite(o.lag_s, 'lag_s');
    if (o.lag_s < 0) throw new AspisError('E_USAGE', 'lag_s', 'must be ≥ 0');
  }
  if (o.step_s !== undefined) requirePositive(o.step_s, 'step_s');
  if (o.maxTime_s !== undefined) requirePositive(o.maxTime_s, 'maxTime_s');
  if (o.sampleInterval_s !== undefined) requirePositive(o.sampleInterval_s, 'sampleInterval_s');
}

/**
 * Fly a planar proportional-navigation engagement to closest approach.
 *
 * @throws AspisError `E_USAGE` for a non-finite input, a non-positive pursuer speed, step, time or sample interval,
 *   or a negative lag or target speed.
 * @example
 * ```ts
 * import { planarEngagement } from 'aspis';
 * const r = planarEngagement({
 *   law: 'true', navigationConstant: 4, accelLimit_mps2: 300,
 *   pursuer: { pos_m: [0, 0], speed_mps: 1_200, heading_rad: 0.3 },
 *   target: { pos_m: [10_000, 3_000], speed_mps: 600, heading_rad: Math.PI, lateralAccel_mps2: 30 },
 * });
 * console.log(r.missDistance_m);
 * ```
 */
export function planarEngagement(options: PlanarEngagementOptions): PlanarEngagementResult {
  validate(options);
  const { law, navigationConstant: nav, pursuer, target } = options;
  const limit = options.accelLimit_mps2 ?? Number.POSITIVE_INFINITY;
  const lag = options.lag_s ?? 0;
  const dt = options.step_s ?? 0.001;
  const maxTime = options.maxTime_s ?? 120;
  const sampleEvery = options.sampleInterval_s ?? 0.05;
  const vt = target.speed_mps;
  // A (near-)stationary target cannot turn meaningfully; guard a/v overflowing for a denormal speed.
  const rawTurnRate = target.lateralAccel_mps2 / vt;
  const turnRate = Number.isFinite(rawTurnRate) ? rawTurnRate : 0;

  /** Clipped guidance command for a state. */
  const command = (s: Float64Array): number => {
    const rx = s[XT] - s[XM];
    const ry = s[YT] - s[YM];
    const vrx = vt * Math.cos(s[HT]) - s[VXM];
    const vry = vt * Math.sin(s[HT]) - s[VYM];
    const r2 = rx * rx + ry * ry;
    if (!(r2 > 0)) return 0;
    const losRate = (rx * vry - ry * vrx) / r2;
    const gain = law === 'pure' ? Math.hypot(s[VXM], s[VYM]) : -(rx * vrx + ry * vry) / Math.sqrt(r2);
    const a = nav * gain * losRate;
    return Math.max(-limit, Math.min(limit, a));
  };

  /** Achieved acceleration for a state (the lag state, or the command when there is no lag). */
  const achieved = (s: Float64Array): number => (lag > 0 ? s[AM] : command(s));

  const derivative = (s: Float64Array, out: Float64Array): void => {
    const a = achieved(s);
    let nx: number;
    let ny: number;
    if (law === 'pure') {
      const v = Math.hypot(s[VXM], s[VYM]);
      nx = v > 0 ? -s[VYM] / v : 0;
      ny = v > 0 ? s[VXM] / v : 0;
    } else {
      const rx = s[XT] - s[XM];
      const ry = s[YT] - s[YM];
      const r = Math.hypot(rx, ry);
      nx = r > 0 ? -ry / r : 0;
      ny = r > 0 ? rx / r : 0;
    }
    out[XM] = s[VXM];
    out[YM] = s[VYM];
    out[VXM] = a * nx;
    out[VYM] = a * ny;
    out[XT] = vt * Math.cos(s[HT]);
    out[YT] = vt * Math.sin(s[HT]);
    out[HT] = turnRate;
    out[AM] = lag > 0 ? (command(s) - s[AM]) / lag : 0;
  };

  const s = new Float64Array(N_STATE);
  s[XM] = pursuer.pos_m[0];
  s[YM] = pursuer.pos_m[1];
  s[VXM] = pursuer.speed_mps * Math.cos(pursuer.heading_rad);
  s[VYM] = pursuer.speed_mps * Math.sin(pursuer.heading_rad);
  s[XT] = target.pos_m[0];
  s[YT] = target.pos_m[1];
  s[HT] = target.heading_rad;
  s[AM] = 0;

  const k1 = new Float64Array(N_STATE);
  const k2 = new Float64Array(N_STATE);
  const k3 = new Float64Array(N_STATE);
  const k4 = new Float64Array(N_STATE);
  const tmp = new Float64Array(N_STATE);
  const prev = new Float64Array(N_STATE);

  const samples: PlanarSample[] = [];
  const pushSample = (t: number, st: Float64Array, accel = achieved(st)): void => {
    samples.push({ t_s: t, pursuer: [st[XM], st[YM]], target: [st[XT], st[YT]], accel_mps2: accel });
  };

  /** State linearly extrapolated by τ from `st` (positions only; velocity and acceleration held). */
  const extrapolate = (st: Float64Array, tau: number): Float64Array => {
    const e = Float64Array.from(st);
    e[XM] += st[VXM] * tau;
    e[YM] += st[VYM] * tau;
    e[XT] += vt * Math.cos(st[HT]) * tau;
    e[YT] += vt * Math.sin(st[HT]) * tau;
    return e;
  };

  // The final sample keeps the acceleration of the last integrated state: re-evaluating the command at the
  // closest-approach point itself would divide by a range that may be ~0.
  const finish = (
    t: number,
    st: Float64Array,
    accel: number,
    miss: number,
    timedOut: boolean,
  ): PlanarEngagementResult => {
    if (samples.length === 0 || samples[samples.length - 1].t_s < t) pushSample(t, st, accel);
    return { interceptTime_s: t, missDistance_m: miss, timedOut, samples };
  };

  const steps = Math.ceil(maxTime / dt - 1e-9);
  let nextSample = 0;
  for (let i = 0; ; i++) {
    const t = i * dt;
    if (t >= nextSample * sampleEvery - 1e-9) {
      pushSample(t, s);
      nextSample = Math.floor(t / sampleEvery + 1e-9) + 1;
    }
    // Linearised relative motion from this step's start.
    const rx = s[XT] - s[XM];
    const ry = s[YT] - s[YM];
    const vrx = vt * Math.cos(s[HT]) - s[VXM];
    const vry = vt * Math.sin(s[HT]) - s[VYM];
    const closing = rx * vrx + ry * vry;
    const v2 = vrx * vrx + vry * vry;
    if (!(closing < 0) || !(v2 > 0)) return finish(t, s, achieved(s), Math.hypot(rx, ry), false); // already opening
    const tau = -closing / v2;
    const h = Math.min(dt, maxTime - t);
    if (tau <= h) {
      const miss = Math.hypot(rx + vrx * tau, ry + vry * tau);
      return finish(t + tau, extrapolate(s, tau), achieved(s), miss, false);
    }
    if (i >= steps || h <= 0) return finish(t, s, achieved(s), Math.hypot(rx, ry), true);

    // One RK4 step.
    prev.set(s);
    derivative(s, k1);
    for (let j = 0; j < N_STATE; j++) tmp[j] = s[j] + 0.5 * h * k1[j];
    derivative(tmp, k2);
    for (let j = 0; j < N_STATE; j++) tmp[j] = s[j] + 0.5 * h * k2[j];
    derivative(tmp, k3);
    for (let j = 0; j < N_STATE; j++) tmp[j] = s[j] + h * k3[j];
    derivative(tmp, k4);
    for (let j = 0; j < N_STATE; j++) s[j] += (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);

    // Range opening at the step end although the straight line said otherwise: closest point on the step's chord.
    const ex = s[XT] - s[XM];
    const ey = s[YT] - s[YM];
    const evx = vt * Math.cos(s[HT]) - s[VXM];
    const evy = vt * Math.sin(s[HT]) - s[VYM];
    if (ex * evx + ey * evy >= 0) {
      const dx = ex - rx;
      const dy = ey - ry;
      const d2 = dx * dx + dy * dy;
      const u = d2 > 0 ? Math.max(0, Math.min(1, -(rx * dx + ry * dy) / d2)) : 0;
      const miss = Math.hypot(rx + u * dx, ry + u * dy);
      const at = Float64Array.from(prev);
      for (let j = 0; j < N_STATE; j++) at[j] = prev[j] + u * (s[j] - prev[j]);
      return finish(t + u * h, at, achieved(prev), miss, false);
    }
  }
}
