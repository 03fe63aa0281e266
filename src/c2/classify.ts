/**
 * @module c2/classify
 * Is a track an air-breathing level flyer? Speed alone (the impact predictor's `ballisticSpeed_mps`, 150 m/s) calls a
 * subsonic cruise missile at 200–300 m/s ballistic, which gives it the TBM debris floor and a free-fall impact
 * prediction that drops it short of the base. The tracker already knows better: its IMM weighs a gravity-aware
 * ballistic mode against a constant-velocity mode (`tracking/engine`), and a body in powered level flight is explained
 * by constant velocity, a free-falling one by gravity. A track counts as a level flyer when its most probable mode is
 * constant velocity, it is slower than {@link LEVEL_FLYER_MAX_SPEED_mps} (no SRBM or re-entry body) and its flight
 * path is within {@link LEVEL_FLYER_MAX_CLIMB_rad} of level (a rocket near its apex is level for a moment, but its
 * track's IMM then still holds the ballistic mode from the arc before).
 */
import { hypot3 } from '../math/hypot.js';
import type { EngineTrack } from '../tracking/engine/index.js';

/** Fastest level flyer recognised from the track, m/s (subsonic cruise missiles fly ~200–300 m/s) [N]. */
export const LEVEL_FLYER_MAX_SPEED_mps = 400;
/** Largest flight-path angle of a level flyer, rad (5°) [N]. */
export const LEVEL_FLYER_MAX_CLIMB_rad = (5 * Math.PI) / 180;

/**
 * Whether the track is an air-breathing level flyer (module note).
 * @param track the track (its most probable IMM mode, `model`)
 * @param pos_ecef its predicted position now, m
 * @param vel_ecef its predicted velocity now, m/s
 */
export function isLevelFlyer(
  track: Pick<EngineTrack, 'model'>,
  pos_ecef: Readonly<Float64Array>,
  vel_ecef: Readonly<Float64Array>,
): boolean {
  if (track.model !== 'cv') return false;
  const speed_mps = hypot3(vel_ecef[0], vel_ecef[1], vel_ecef[2]);
  if (!(speed_mps > 0) || speed_mps > LEVEL_FLYER_MAX_SPEED_mps) return false;
  // climb rate along the geocentric up (within 0.2° of the ellipsoid normal: enough for a 5° test)
  const r_m = hypot3(pos_ecef[0], pos_ecef[1], pos_ecef[2]);
  const climb_mps = (vel_ecef[0] * pos_ecef[0] + vel_ecef[1] * pos_ecef[1] + vel_ecef[2] * pos_ecef[2]) / r_m;
  return Math.abs(climb_mps) <= speed_mps * Math.sin(LEVEL_FLYER_MAX_CLIMB_rad);
}
