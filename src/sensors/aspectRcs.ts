/**
 * @module sensors/aspectRcs
 * Aspect-dependent radar cross-section of a threat: a table of RCS against aspect angle (the angle between the
 * threat's velocity and the line of sight from the threat to the radar; 0 = nose-on, π = tail-on), interpolated
 * linearly in dB, as RCS-versus-aspect plots are drawn (Skolnik, *Introduction to Radar Systems*, 3rd ed., §2.7;
 * Knott, Shaeffer & Tuley, *Radar Cross Section*, 2nd ed., ch. 1). The body is taken as rotationally symmetric about
 * its velocity, so one angle in [0, π] is enough and left and right aspects are the same. Without a table, or for a
 * target at rest, the threat's single `rcs_m2` applies.
 */
import { hypot3 } from '../math/hypot.js';
import type { RcsAspectTable } from '../scenario/types.js';

/** dB of a power ratio or an area in m² (dBsm). */
function toDb(value: number): number {
  return 10 * Math.log10(value);
}

/**
 * Aspect angle of a target seen from a radar, rad in [0, π]: the angle between the target's velocity and the line
 * of sight from the target to the radar, cos α = v·(r_radar − r_target) / (|v| |r_radar − r_target|). 0 when the
 * target flies straight at the radar (nose-on), π/2 broadside, π tail-on.
 * @param pos_ecef target position, ECEF, m
 * @param vel_ecef target velocity, ECEF, m/s
 * @param radar_ecef antenna position, ECEF, m
 * @returns aspect angle, rad; NaN when the speed or the range is zero (no defined aspect)
 * @example
 * ```ts
 * import { aspectAngle_rad, geodeticToEcef } from 'aspis';
 * const radar_ecef = geodeticToEcef(0.5847, 0.7556, 100);
 * const pos_ecef = geodeticToEcef(0.59, 0.76, 3_000);
 * const vel_ecef = new Float64Array([-200, 0, 0]);
 * const aspect_rad = aspectAngle_rad(pos_ecef, vel_ecef, radar_ecef); // 0: nose-on
 * ```
 */
export function aspectAngle_rad(
  pos_ecef: Readonly<Float64Array>,
  vel_ecef: Readonly<Float64Array>,
  radar_ecef: Readonly<Float64Array>,
): number {
  const losX = radar_ecef[0] - pos_ecef[0];
  const losY = radar_ecef[1] - pos_ecef[1];
  const losZ = radar_ecef[2] - pos_ecef[2];
  const dot = vel_ecef[0] * losX + vel_ecef[1] * losY + vel_ecef[2] * losZ;
  // hypot3: Math.hypot's bits without its per-call argument array (math/hypot)
  const norms = hypot3(vel_ecef[0], vel_ecef[1], vel_ecef[2]) * hypot3(losX, losY, losZ);
  if (!(norms > 0)) return Number.NaN;
  // clamp: rounding can push |cos| a hair past 1
  return Math.acos(Math.min(1, Math.max(-1, dot / norms)));
}

/**
 * RCS at an aspect angle from a table, m²: linear interpolation of 10 log10 σ between the bracketing aspects,
 * clamped to the end values outside the table (Skolnik §2.7 plots RCS in dBsm against aspect).
 * @param table aspects strictly increasing in [0, π] rad, RCS > 0 m², same length
 * @param aspect_rad aspect angle, rad
 * @returns RCS, m²
 * @example
 * ```ts
 * import { rcsAtAspect_m2 } from 'aspis';
 * const table = { aspect_rad: [0, Math.PI / 2, Math.PI], rcs_m2: [0.05, 1, 0.1] };
 * console.log(rcsAtAspect_m2(table, Math.PI / 4)); // interpolated between nose-on and broadside
 * ```
 */
export function rcsAtAspect_m2(table: RcsAspectTable, aspect_rad: number): number {
  const aspects = table.aspect_rad;
  const rcs = table.rcs_m2;
  const last = aspects.length - 1;
  if (!(aspect_rad > aspects[0])) return rcs[0];
  if (aspect_rad >= aspects[last]) return rcs[last];
  let i = 1;
  while (aspects[i] < aspect_rad) i++;
  const fraction = (aspect_rad - aspects[i - 1]) / (aspects[i] - aspects[i - 1]);
  const rcs_dB = toDb(rcs[i - 1]) + fraction * (toDb(rcs[i]) - toDb(rcs[i - 1]));
  return 10 ** (rcs_dB / 10);
}

/** Samples of the sphere average in `aspectAveragedRcs_m2` (midpoint rule in aspect). */
const SPHERE_AVERAGE_SAMPLES = 3600;

/**
 * Mean RCS over all viewing directions of a body symmetric about its velocity, m²:
 * σ̄ = ½ ∫₀^π σ(α) sin α dα (uniform over the sphere; midpoint rule, 3600 samples). Used to check that a threat's
 * single `rcs_m2` is the mean its aspect table is normalised around.
 * @param table RCS-versus-aspect table
 * @returns sphere-averaged RCS, m²
 */
export function aspectAveragedRcs_m2(table: RcsAspectTable): number {
  const step_rad = Math.PI / SPHERE_AVERAGE_SAMPLES;
  let sum = 0;
  for (let k = 0; k < SPHERE_AVERAGE_SAMPLES; k++) {
    const aspect_rad = (k + 0.5) * step_rad;
    sum += rcsAtAspect_m2(table, aspect_rad) * Math.sin(aspect_rad);
  }
  return 0.5 * sum * step_rad;
}

/** What `targetRcs_m2` needs of a target: position, optional velocity, mean RCS and optional aspect table. */
export interface AspectTarget {
  readonly pos_ecef: Readonly<Float64Array>;
  readonly vel_ecef?: Readonly<Float64Array>;
  readonly rcs_m2: number;
  readonly rcsAspect?: RcsAspectTable;
}

/**
 * RCS a radar at `radar_ecef` sees on a target, m²: the aspect table at `aspectAngle_rad` when the target has a
 * table and a non-zero velocity, otherwise its single `rcs_m2` (so targets without a table are unchanged).
 * @param target position, velocity (ECEF), mean RCS and optional table
 * @param radar_ecef antenna position, ECEF, m
 * @example
 * ```ts
 * import { geodeticToEcef, targetRcs_m2 } from 'aspis';
 * const radar_ecef = geodeticToEcef(0.5847, 0.7556, 100);
 * const target = { pos_ecef: geodeticToEcef(0.59, 0.76, 3_000), vel_ecef: new Float64Array([-200, 0, 0]), rcs_m2: 0.1 };
 * console.log(targetRcs_m2(target, radar_ecef)); // 0.1: no aspect table
 * ```
 */
export function targetRcs_m2(target: AspectTarget, radar_ecef: Readonly<Float64Array>): number {
  if (target.rcsAspect === undefined || target.vel_ecef === undefined) return target.rcs_m2;
  const aspect_rad = aspectAngle_rad(target.pos_ecef, target.vel_ecef, radar_ecef);
  if (Number.isNaN(aspect_rad)) return target.rcs_m2;
  return rcsAtAspect_m2(target.rcsAspect, aspect_rad);
}
