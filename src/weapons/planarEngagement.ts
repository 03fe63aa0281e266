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

/** The planar equations of motion of one engagement: guidance command, lag and the state derivative. */
class PlanarDynamics {
  private readonly law: PlanarEngagementOptions['law'];
  private readonly nav: number;
  private readonly limit: number;
  private readonly lag: number;
  /** Target speed, m/s. */
  readonly vt: number;
  private readonly turnRate: number;

  constructor(options: PlanarEngagementOptions) {
    this.law = options.law;
    this.nav = options.navigationConstant;
    this.limit = options.accelLimit_mps2 ?? Number.POSITIVE_INFINITY;
    this.lag = options.lag_s ?? 0;
    this.vt = options.target.speed_mps;
    // A (near-)stationary target cannot turn meaningfully; guard a/v overflowing for a denormal speed.
    const rawTurnRate = options.target.lateralAccel_mps2 / this.vt;
    this.turnRate = Number.isFinite(rawTurnRate) ? rawTurnRate : 0;
  }

  /** Clipped guidance command for a state. */
  command(s: Float64Array): number {
    const { vt, limit } = this;
    const rx = s[XT] - s[XM];
    const ry = s[YT] - s[YM];
    const vrx = vt * Math.cos(s[HT]) - s[VXM];
    const vry = vt * Math.sin(s[HT]) - s[VYM];
    const r2 = rx * rx + ry * ry;
    if (!(r2 > 0)) return 0;
    const losRate = (rx * vry - ry * vrx) / r2;
    const gain = this.law === 'pure' ? Math.hypot(s[VXM], s[VYM]) : -(rx * vrx + ry * vry) / Math.sqrt(r2);
    const a = this.nav * gain * losRate;
    return Math.max(-limit, Math.min(limit, a));
  }

  /** Achieved acceleration for a state (the lag state, or the command when there is no lag). */
  achieved(s: Float64Array): number {
    return this.lag > 0 ? s[AM] : this.command(s);
  }

  /** State derivative: pursuer turning normal to its velocity (pure) or to the line of sight (true PN). */
  derivative(s: Float64Array, out: Float64Array): void {
    const { vt, lag } = this;
    const a = this.achieved(s);
    let nx: number;
    let ny: number;
    if (this.law === 'pure') {
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
    out[HT] = this.turnRate;
    out[AM] = lag > 0 ? (this.command(s) - s[AM]) / lag : 0;
  }

  /** State linearly extrapolated by τ from `st` (positions only; velocity and acceleration held). */
  extrapolate(st: Float64Array, tau: number): Float64Array {
    const vt = this.vt;
    const e = Float64Array.from(st);
    e[XM] += st[VXM] * tau;
    e[YM] += st[VYM] * tau;
    e[XT] += vt * Math.cos(st[HT]) * tau;
    e[YT] += vt * Math.sin(st[HT]) * tau;
    return e;
  }
}

/** Initial state vector from the options. */
function initialState(options: PlanarEngagementOptions): Float64Array {
  const { pursuer, target } = options;
  const s = new Float64Array(N_STATE);
  s[XM] = pursuer.pos_m[0];
  s[YM] = pursuer.pos_m[1];
  s[VXM] = pursuer.speed_mps * Math.cos(pursuer.heading_rad);
  s[VYM] = pursuer.speed_mps * Math.sin(pursuer.heading_rad);
  s[XT] = target.pos_m[0];
  s[YT] = target.pos_m[1];
  s[HT] = target.heading_rad;
  s[AM] = 0;
  return s;
}

/** Fixed-step RK4 on the state vector, with its stage buffers allocated once per engagement. */
class Rk4 {
  private readonly k1 = new Float64Array(N_STATE);
  private readonly k2 = new Float64Array(N_STATE);
  private readonly k3 = new Float64Array(N_STATE);
  private readonly k4 = new Float64Array(N_STATE);
  private readonly tmp = new Float64Array(N_STATE);

  constructor(private readonly dyn: PlanarDynamics) {}

  /** Advances `s` in place by `h`. */
  step(s: Float64Array, h: number): void {
    const { k1, k2, k3, k4, tmp, dyn } = this;
    dyn.derivative(s, k1);
    for (let j = 0; j < N_STATE; j++) tmp[j] = s[j] + 0.5 * h * k1[j];
    dyn.derivative(tmp, k2);
    for (let j = 0; j < N_STATE; j++) tmp[j] = s[j] + 0.5 * h * k2[j];
    dyn.derivative(tmp, k3);
    for (let j = 0; j < N_STATE; j++) tmp[j] = s[j] + h * k3[j];
    dyn.derivative(tmp, k4);
    for (let j = 0; j < N_STATE; j++) s[j] += (h / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
  }
}

/** The sampled history of an engagement and the construction of its result. */
class SampleLog {
  readonly samples: PlanarSample[] = [];

  constructor(private readonly dyn: PlanarDynamics) {}

  push(t: number, st: Float64Array, accel = this.dyn.achieved(st)): void {
    this.samples.push({ t_s: t, pursuer: [st[XM], st[YM]], target: [st[XT], st[YT]], accel_mps2: accel });
  }

  // The final sample keeps the acceleration of the last integrated state: re-evaluating the command at the
  // closest-approach point itself would divide by a range that may be ~0.
  /** The result, with a final sample at `t` unless one is already there. */
  finish(
    t: number,
    st: Float64Array,
    accel: number,
    miss: number,
    timedOut: boolean,
  ): PlanarEngagementResult {
    const samples = this.samples;
    if (samples.length === 0 || samples[samples.length - 1].t_s < t) this.push(t, st, accel);
    return { interceptTime_s: t, missDistance_m: miss, timedOut, samples };
  }
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
  const dt = options.step_s ?? 0.001;
  const maxTime = options.maxTime_s ?? 120;
  const sampleEvery = options.sampleInterval_s ?? 0.05;
  const dyn = new PlanarDynamics(options);
  const vt = dyn.vt;
  const s = initialState(options);
  const rk4 = new Rk4(dyn);
  const prev = new Float64Array(N_STATE);
  const log = new SampleLog(dyn);

  const steps = Math.ceil(maxTime / dt - 1e-9);
  let nextSample = 0;
  for (let i = 0; ; i++) {
    const t = i * dt;
    if (t >= nextSample * sampleEvery - 1e-9) {
      log.push(t, s);
      nextSample = Math.floor(t / sampleEvery + 1e-9) + 1;
    }
    // Linearised relative motion from this step's start.
    const rx = s[XT] - s[XM];
    const ry = s[YT] - s[YM];
    const vrx = vt * Math.cos(s[HT]) - s[VXM];
    const vry = vt * Math.sin(s[HT]) - s[VYM];
    const closing = rx * vrx + ry * vry;
    const v2 = vrx * vrx + vry * vry;
    if (!(closing < 0) || !(v2 > 0)) return log.finish(t, s, dyn.achieved(s), Math.hypot(rx, ry), false); // already opening
    const tau = -closing / v2;
    const h = Math.min(dt, maxTime - t);
    if (tau <= h) {
      const miss = Math.hypot(rx + vrx * tau, ry + vry * tau);
      return log.finish(t + tau, dyn.extrapolate(s, tau), dyn.achieved(s), miss, false);
    }
    if (i >= steps || h <= 0) return log.finish(t, s, dyn.achieved(s), Math.hypot(rx, ry), true);

    prev.set(s);
    rk4.step(s, h);

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
      return log.finish(t + u * h, at, dyn.achieved(prev), miss, false);
    }
  }
}
