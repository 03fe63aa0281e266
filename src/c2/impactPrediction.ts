/**
 * @module c2/impactPrediction
 * Impact-point prediction from a track state. Fast movers (speed above `ballisticSpeed_mps`) are propagated as
 * ballistic bodies in rotating ECEF (J2 gravity, Coriolis, centrifugal) with drag on a ballistic coefficient
 * β = m / (Cd·A): the track's own estimate when the caller has one (`c2/ballisticCoefficient`, learned from the
 * track's deceleration), else a value *assumed* by kinematic class (a fast, SRBM-like body or a slow
 * rocket/artillery round), which is also the estimator's prior (docs/impact-prediction.md).
 * Slow movers (drones) are extrapolated along their current ground track at constant speed.
 */
import { AIR_DENSITY, airAt } from '../env/atmosphere.js';
import { freeFallAccelEcef } from '../env/gravity.js';
import { approxHeightOf_m, ecefToGeodetic } from '../geo/wgs84.js';
import { hypot3 } from '../math/hypot.js';
import type { Geodetic } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { TrajectoryRecorder } from '../threats/trajectory.js';
import { AIR_BREATHING_SLOW_mps } from './classify.js';

/** Above this height the propagation takes longer steps, m. */
const EXO_HEIGHT_m = 80_000;
/** Step multiplier above `EXO_HEIGHT_m` (RK4 on a near-Keplerian arc stays sub-metre at 4 s). */
const EXO_STEP_FACTOR = 4;

/** Options of the impact-point predictor. */
export interface IppOptions {
  /** Ground height the prediction stops at, m above the ellipsoid. */
  readonly groundHeight_m: number;
  /** Assumed ballistic coefficient of slow ballistic bodies (rockets, artillery), kg/m². */
  readonly ballisticCoefficient_kgpm2: number;
  /** Assumed ballistic coefficient of fast bodies (SRBM re-entry), kg/m². */
  readonly fastBallisticCoefficient_kgpm2: number;
  /** Tracks at least this fast are judged SRBM-like (fast β), m/s. */
  readonly fastSpeed_mps: number;
  /** Tracks faster than this are treated as ballistic, m/s. */
  readonly ballisticSpeed_mps: number;
  /** Longest prediction horizon, s. */
  readonly horizon_s: number;
  /** Integration step of the ballistic propagation, s. */
  readonly step_s: number;
}

/**
 * Defaults (notional): β ≈ 6,000 kg/m² for a 107/122 mm rocket after burnout, β ≈ 20,000 kg/m² for a Fateh-class
 * re-entry body at Mach 3–5 (m / (Cd·A) of the catalog entries), split at 800 m/s.
 */
export function defaultIppOptions(groundHeight_m = 0): IppOptions {
  return {
    groundHeight_m,
    ballisticCoefficient_kgpm2: 6000,
    fastBallisticCoefficient_kgpm2: 20_000,
    fastSpeed_mps: 800,
    ballisticSpeed_mps: AIR_BREATHING_SLOW_mps,
    horizon_s: 1800,
    step_s: 2,
  };
}

/** Predicted impact: where and when, or why there is none. */
export type ImpactPrediction =
  | {
      readonly ok: true;
      readonly impact: Geodetic;
      readonly impactTime_s: number;
      readonly mode: 'ballistic' | 'level';
      /**
       * Predicted path to the impact (ballistic mode; null for level flyers), built on demand over the predictor's
       * reusable sample buffer without copying it: call it, and finish reading the path, before the predictor's
       * next `predict` (which overwrites the samples).
       */
      readonly path: () => Trajectory | null;
    }
  | { readonly ok: false; readonly reason: 'no-ground-crossing' | 'not-finite' };

function heightOf(pos_ecef: Float64Array): number {
  return approxHeightOf_m(pos_ecef);
}

/** Ballistic derivative: free fall plus drag on the assumed β (air at rest in ECEF). */
function ballisticAccel(
  pos: Float64Array,
  vel: Float64Array,
  beta: number,
  air: Float64Array,
  out: Float64Array,
): void {
  freeFallAccelEcef(pos, vel, out);
  const speed = hypot3(vel[0], vel[1], vel[2]);
  if (speed === 0) return;
  const rho = airAt(heightOf(pos), air)[AIR_DENSITY];
  const k = (-0.5 * rho * speed) / beta;
  out[0] += k * vel[0];
  out[1] += k * vel[1];
  out[2] += k * vel[2];
}

/** Scratch vectors of one predictor (owned per C2 node, never shared module state). */
interface IppWork {
  p: Float64Array;
  v: Float64Array;
  tp: Float64Array;
  tv: Float64Array;
  a1: Float64Array;
  a2: Float64Array;
  a3: Float64Array;
  a4: Float64Array;
  v2: Float64Array;
  v3: Float64Array;
  prevP: Float64Array;
  air: Float64Array;
  recorder: TrajectoryRecorder;
}

function createWork(): IppWork {
  const f = () => new Float64Array(3);
  return {
    p: f(),
    v: f(),
    tp: f(),
    tv: f(),
    a1: f(),
    a2: f(),
    a3: f(),
    a4: f(),
    v2: f(),
    v3: f(),
    prevP: f(),
    air: new Float64Array(2),
    recorder: new TrajectoryRecorder(256),
  };
}

function rk4Ballistic(work: IppWork, dt: number, beta: number): void {
  const { p, v, tp, tv, a1, a2, a3, a4, v2, v3, air } = work;
  ballisticAccel(p, v, beta, air, a1);
  for (let i = 0; i < 3; i++) {
    tp[i] = p[i] + 0.5 * dt * v[i];
    tv[i] = v[i] + 0.5 * dt * a1[i];
  }
  ballisticAccel(tp, tv, beta, air, a2);
  v2.set(tv);
  for (let i = 0; i < 3; i++) {
    tp[i] = p[i] + 0.5 * dt * v2[i];
    tv[i] = v[i] + 0.5 * dt * a2[i];
  }
  ballisticAccel(tp, tv, beta, air, a3);
  v3.set(tv);
  for (let i = 0; i < 3; i++) {
    tp[i] = p[i] + dt * v3[i];
    tv[i] = v[i] + dt * a3[i];
  }
  ballisticAccel(tp, tv, beta, air, a4);
  for (let i = 0; i < 3; i++) {
    p[i] += (dt / 6) * (v[i] + 2 * v2[i] + 2 * v3[i] + tv[i]);
    v[i] += (dt / 6) * (a1[i] + 2 * a2[i] + 2 * a3[i] + a4[i]);
  }
}

/**
 * The β the predictor assumes for a ballistic body moving at `speed_mps` before anything is learned about it: the
 * fast (SRBM-like) or the slow (rocket) class value (the prior of `c2/ballisticCoefficient`), kg/m².
 */
export function assumedBallisticCoefficient_kgpm2(options: IppOptions, speed_mps: number): number {
  return speed_mps >= options.fastSpeed_mps
    ? options.fastBallisticCoefficient_kgpm2
    : options.ballisticCoefficient_kgpm2;
}

function predictBallistic(
  work: IppWork,
  t_s: number,
  options: IppOptions,
  beta_kgpm2: number | undefined,
): ImpactPrediction {
  const { p, v, prevP } = work;
  const beta = beta_kgpm2 ?? assumedBallisticCoefficient_kgpm2(options, hypot3(v[0], v[1], v[2]));
  let t = t_s;
  let h = heightOf(p);
  let apex_m = h;
  const recorder = work.recorder;
  recorder.clear();
  recorder.push(t, p, v);
  const end_s = t_s + options.horizon_s;
  while (t < end_s) {
    // long steps in near-vacuum (above 80 km drag is < 1e-4 g), finer near the ground for the crossing
    const dt =
      h > EXO_HEIGHT_m
        ? EXO_STEP_FACTOR * options.step_s
        : Math.min(options.step_s, Math.max(0.1, (h - options.groundHeight_m) / 3000));
    prevP.set(p);
    const prevH = h;
    rk4Ballistic(work, dt, beta);
    t += dt;
    h = heightOf(p);
    if (!Number.isFinite(h)) return { ok: false, reason: 'not-finite' };
    apex_m = Math.max(apex_m, h);
    if (h <= options.groundHeight_m) {
      // linear interpolation of the crossing inside the last step
      const f = (prevH - options.groundHeight_m) / (prevH - h);
      for (let i = 0; i < 3; i++) p[i] = prevP[i] + f * (p[i] - prevP[i]);
      const impactTime_s = t - dt + f * dt;
      recorder.push(impactTime_s, p, v);
      const g = ecefToGeodetic(p);
      const impact = { lat_rad: g.lat_rad, lon_rad: g.lon_rad, h_m: options.groundHeight_m };
      // a track already at the ground has no path worth interpolating
      const path = () =>
        recorder.length < 2
          ? null
          : recorder.view({
              launchTime_s: t_s,
              outcome: 'impact',
              endPoint: impact,
              apexAltitude_m: apex_m,
            });
      return { ok: true, impact, impactTime_s, mode: 'ballistic', path };
    }
    recorder.push(t, p, v);
  }
  return { ok: false, reason: 'no-ground-crossing' };
}

function predictLevel(work: IppWork, t_s: number, options: IppOptions): ImpactPrediction {
  // constant-velocity extrapolation to the horizon; threat evaluation tests the closest approach of this
  // straight ground track to each asset (a drone's "impact" is wherever it turns into its dive)
  const { p, v, tp } = work;
  for (let i = 0; i < 3; i++) tp[i] = p[i] + v[i] * options.horizon_s;
  const ge = ecefToGeodetic(tp);
  if (!Number.isFinite(ge.lat_rad)) return { ok: false, reason: 'not-finite' };
  return {
    ok: true,
    impact: { lat_rad: ge.lat_rad, lon_rad: ge.lon_rad, h_m: options.groundHeight_m },
    impactTime_s: t_s + options.horizon_s,
    mode: 'level',
    path: () => null,
  };
}

/** An impact-point predictor with its own workspace (one per C2 node). */
export class ImpactPredictor {
  private readonly work = createWork();

  constructor(readonly options: IppOptions) {}

  /**
   * Predicts where and when a track hits the ground. `state` = [px,py,pz,vx,vy,vz] ECEF (m, m/s) at `t_s`. The
   * kinematic class follows the speed rule (`ballisticSpeed_mps`) unless the caller knows better: `level` forces the
   * level-flyer prediction (a fast cruise missile the tracker's IMM sees in constant-velocity flight, `c2/classify`).
   * @param ballisticCoefficient_kgpm2 β of a ballistic body, kg/m²: the track's learned estimate
   *   (`c2/ballisticCoefficient`); absent, the class-assumed value ({@link assumedBallisticCoefficient_kgpm2})
   */
  predict(
    state: Readonly<Float64Array>,
    t_s: number,
    kinematics: 'auto' | 'level' = 'auto',
    ballisticCoefficient_kgpm2?: number,
  ): ImpactPrediction {
    const { p, v } = this.work;
    p[0] = state[0];
    p[1] = state[1];
    p[2] = state[2];
    v[0] = state[3];
    v[1] = state[4];
    v[2] = state[5];
    const speed = hypot3(state[3], state[4], state[5]);
    if (!Number.isFinite(speed) || !Number.isFinite(p[0] + p[1] + p[2]))
      return { ok: false, reason: 'not-finite' };
    return speed >= this.options.ballisticSpeed_mps && kinematics === 'auto'
      ? predictBallistic(this.work, t_s, this.options, ballisticCoefficient_kgpm2)
      : predictLevel(this.work, t_s, this.options);
  }
}
