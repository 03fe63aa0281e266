/**
 * @module c2/classify
 * The one rule for "is this target air-breathing?" — asked by the engine's C2 of a track (`c2/node`: level-flight
 * impact prediction, the interceptor's lower floor, `airBreathingOnly` rounds) and by the planner of a truth path
 * (`analysis/coverageEngagement.airBreathingAt`). Its inputs are what both can know: speed, flight-path angle and,
 * where known, the motion mode (docs/geometry.md §2):
 * - slower than {@link AIR_BREATHING_SLOW_mps} (150 m/s): air-breathing whatever else (drones and loitering munitions;
 *   the impact predictor's ballistic speed floor, `c2/impactPrediction`);
 * - otherwise only a body slower than {@link LEVEL_FLYER_MAX_SPEED_mps} (no SRBM or re-entry body) whose flight path
 *   is within {@link LEVEL_FLYER_MAX_CLIMB_rad} of level, and whose motion mode — where known — is constant velocity,
 *   not free fall.
 *
 * Why the mode: speed alone calls a subsonic cruise missile at 200–300 m/s ballistic, which gives it the TBM debris
 * floor and a free-fall impact prediction that drops it short of the base; a rocket near its apex is level and slow
 * for a moment but is falling. The tracker knows which: its IMM weighs a gravity-aware ballistic mode against a
 * constant-velocity mode (`tracking/engine`), the most probable one is the track's `model`. The planner flies truth
 * with no tracker, so it infers the mode as a perfect IMM would, from the ~g drop of a free-falling body
 * ({@link motionModeOfPath}).
 */
import { hypot3 } from '../math/hypot.js';

/** Below this speed every target counts as air-breathing, m/s (the impact predictor's ballistic floor) [N]. */
export const AIR_BREATHING_SLOW_mps = 150;
/** Fastest level flyer recognised, m/s (subsonic cruise missiles fly ~200–300 m/s) [N]. */
export const LEVEL_FLYER_MAX_SPEED_mps = 400;
/**
 * Largest flight-path angle of a level flyer, rad (10°) [N]: a cruise missile's climb-out and let-down stay inside
 * it; a slow rocket near its apex is inside it too, and is told apart by its motion mode.
 */
export const LEVEL_FLYER_MAX_CLIMB_rad = (10 * Math.PI) / 180;
/** Vertical acceleration below which a body is judged in free fall, m/s² (half of g). */
const FREE_FALL_VERTICAL_ACCEL_mps2 = -4.9;

/** The motion mode of a target, as the engine tracker's IMM names it; null where unknown. */
export type MotionMode = 'ballistic' | 'cv' | null;

/** What the air-breathing rule reads (module note). */
export interface TargetKinematics {
  /** Speed, m/s. */
  readonly speed_mps: number;
  /** Flight-path angle above the local horizontal (geocentric), rad. */
  readonly flightPathAngle_rad: number;
  /** Motion mode where known (a track's most probable IMM mode), else null. */
  readonly mode: MotionMode;
}

/** The one air-breathing rule of the engine and the planner (module note). */
export function isAirBreathing(k: TargetKinematics): boolean {
  if (k.speed_mps < AIR_BREATHING_SLOW_mps) return true;
  if (!(k.speed_mps <= LEVEL_FLYER_MAX_SPEED_mps)) return false;
  if (!(Math.abs(k.flightPathAngle_rad) <= LEVEL_FLYER_MAX_CLIMB_rad)) return false;
  return k.mode !== 'ballistic';
}

/**
 * Speed and flight-path angle of an ECEF state (the angle against the geocentric horizontal: within 0.2° of the
 * ellipsoid normal's, enough for a 5° test).
 */
export function kinematicsOf(
  pos_ecef: Readonly<Float64Array>,
  vel_ecef: Readonly<Float64Array>,
  mode: MotionMode,
): TargetKinematics {
  const speed_mps = hypot3(vel_ecef[0], vel_ecef[1], vel_ecef[2]);
  const r_m = hypot3(pos_ecef[0], pos_ecef[1], pos_ecef[2]);
  const climb_mps = (vel_ecef[0] * pos_ecef[0] + vel_ecef[1] * pos_ecef[1] + vel_ecef[2] * pos_ecef[2]) / r_m;
  const flightPathAngle_rad = speed_mps > 0 ? Math.asin(Math.max(-1, Math.min(1, climb_mps / speed_mps))) : 0;
  return { speed_mps, flightPathAngle_rad, mode };
}

/**
 * The motion mode a perfect IMM would give a truth path at `t_s`: `ballistic` when its geocentric vertical
 * acceleration over ±`halfSpan_s` is below −g/2 (free fall), `cv` otherwise; null when the path is not airborne on
 * both sides.
 * @param stateAt the path's state at a time (false when not airborne)
 */
export function motionModeOfPath(
  stateAt: (t_s: number, pos_out: Float64Array, vel_out: Float64Array) => boolean,
  t_s: number,
  halfSpan_s = 0.5,
): MotionMode {
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  const verticalSpeedAt = (time_s: number): number | null => {
    if (!stateAt(time_s, pos, vel)) return null;
    return (vel[0] * pos[0] + vel[1] * pos[1] + vel[2] * pos[2]) / hypot3(pos[0], pos[1], pos[2]);
  };
  const before = verticalSpeedAt(t_s - halfSpan_s);
  const after = verticalSpeedAt(t_s + halfSpan_s);
  if (before === null || after === null) return null;
  return (after - before) / (2 * halfSpan_s) < FREE_FALL_VERTICAL_ACCEL_mps2 ? 'ballistic' : 'cv';
}

/**
 * Whether a track is air-breathing (the rule above, mode = the track's most probable IMM mode).
 * @param track the track (its most probable IMM mode, `model`)
 * @param pos_ecef its predicted position now, m
 * @param vel_ecef its predicted velocity now, m/s
 */
export function isLevelFlyer(
  track: { readonly model: 'ballistic' | 'cv' },
  pos_ecef: Readonly<Float64Array>,
  vel_ecef: Readonly<Float64Array>,
): boolean {
  return isAirBreathing(kinematicsOf(pos_ecef, vel_ecef, track.model));
}
