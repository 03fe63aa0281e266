/**
 * @module weapons/flightStep
 * The vector arithmetic of one interceptor flight (`weapons/flight`): the launch state, and the per-step pieces of
 * guidance (seeker field of view, target and aim-point accelerations, closing checks) on scratch vectors allocated
 * once per flight, so the stepping loop of every run allocates nothing.
 */

import { freeFallAccelEcef } from '../env/gravity.js';
import { dcmEnuFromEcef, rotateEcefToEnu } from '../geo/frames.js';
import { hermiteState } from '../math/hermite.js';
import { hypot3 } from '../math/hypot.js';
import { directionEcef, type SiteFrame } from './geometry.js';
import type { FlightOptions, FlyInterceptorArgs } from './interceptor.js';

/** Standard gravity used only for the launch loft estimate, m/s². */
const G0_mps2 = 9.80665;
/** Bounds on the launch elevation, rad. */
const MIN_LAUNCH_ELEVATION_rad = (10 * Math.PI) / 180;
const MAX_LAUNCH_ELEVATION_rad = (85 * Math.PI) / 180;
/** Fraction of the maximum speed used to guess the flight time when no hint is given. */
const MEAN_SPEED_FRACTION = 0.6;
/** Scratch vectors of one flight (allocated once per call). */
export interface FlightScratch {
  readonly targetPos: Float64Array;
  readonly targetVel: Float64Array;
  readonly targetPrevVel: Float64Array;
  readonly aimPos: Float64Array;
  readonly relAccel: Float64Array;
  readonly zero: Float64Array;
  readonly pointAccel: Float64Array;
  readonly air: Float64Array;
  readonly ownFreeFall: Float64Array;
  readonly posM0: Float64Array;
  readonly velM0: Float64Array;
  readonly rel0: Float64Array;
  readonly relVel0: Float64Array;
  readonly rel1: Float64Array;
  readonly relVel1: Float64Array;
  readonly posM: Float64Array;
  readonly velM: Float64Array;
}

/** The scratch of one flight, every vector zeroed. */
export function createScratch(): FlightScratch {
  const v = (): Float64Array => new Float64Array(3);
  return {
    targetPos: v(),
    targetVel: v(),
    targetPrevVel: v(),
    aimPos: v(),
    relAccel: v(),
    zero: v(),
    pointAccel: v(),
    air: new Float64Array(2),
    ownFreeFall: v(),
    posM0: v(),
    velM0: v(),
    rel0: v(),
    relVel0: v(),
    rel1: v(),
    relVel1: v(),
    posM: v(),
    velM: v(),
  };
}

/**
 * Initial state: a few metres above the site, leaving the launcher at `launcherExitSpeed_mps` toward the aim point
 * in azimuth, with the elevation of the aim point raised by the gravity drop ½ g T² cos(elevation) over the expected
 * flight time T (clamped to 10°…85°).
 */
export function launchState(
  args: FlyInterceptorArgs,
  site: SiteFrame,
  opt: FlightOptions,
  y: Float64Array,
): void {
  const { lat_rad, lon_rad } = args.site;
  const aim_enu = rotateEcefToEnu(
    dcmEnuFromEcef(lat_rad, lon_rad),
    Float64Array.of(
      args.aimPoint_ecef[0] - site.pos_ecef[0],
      args.aimPoint_ecef[1] - site.pos_ecef[1],
      args.aimPoint_ecef[2] - site.pos_ecef[2],
    ),
    new Float64Array(3),
  );
  const horizontal_m = Math.hypot(aim_enu[0], aim_enu[1]);
  const up_m = aim_enu[2];
  const aimElevation_rad = Math.atan2(up_m, horizontal_m);
  const flightTime_s =
    args.flightTimeHint_s ?? Math.hypot(horizontal_m, up_m) / (MEAN_SPEED_FRACTION * args.type.maxSpeed_mps);
  const drop_m = opt.gravity ? 0.5 * G0_mps2 * flightTime_s * flightTime_s * Math.cos(aimElevation_rad) : 0;
  const elevation_rad = Math.min(
    MAX_LAUNCH_ELEVATION_rad,
    Math.max(MIN_LAUNCH_ELEVATION_rad, Math.atan2(up_m + drop_m, horizontal_m)),
  );
  const azimuth_rad = horizontal_m > 0 ? Math.atan2(aim_enu[0], aim_enu[1]) : 0;
  const dir = directionEcef(lat_rad, lon_rad, azimuth_rad, elevation_rad, new Float64Array(3));
  const up = directionEcef(lat_rad, lon_rad, 0, Math.PI / 2, new Float64Array(3));
  for (let k = 0; k < 3; k++) {
    y[k] = site.pos_ecef[k] + opt.launchHeight_m * up[k];
    y[3 + k] = opt.launcherExitSpeed_mps * dir[k];
  }
}

/**
 * Target acceleration for APN, relative to the round's own free fall (gravity and frame terms cancel between two
 * falling bodies), m/s². Before two target samples exist the target is assumed to fall freely (relative acc. 0).
 */
export function targetAccelRelative(s: FlightScratch, gravity: boolean, known: boolean, h_s: number): void {
  if (!known) {
    s.relAccel.fill(0);
    return;
  }
  for (let k = 0; k < 3; k++) s.relAccel[k] = (s.targetVel[k] - s.targetPrevVel[k]) / h_s;
  if (gravity) {
    freeFallAccelEcef(s.posM0, s.velM0, s.ownFreeFall);
    for (let k = 0; k < 3; k++) s.relAccel[k] -= s.ownFreeFall[k];
  }
}

/**
 * Whether the seeker, looking along the round's velocity, sees the truth target: range ≤ `range_m` and the line of
 * sight within the field-of-view half-angle (cosine `cosFov`). Uses the step-start state in `s`.
 */
export function seekerSees(s: FlightScratch, range_m: number, cosFov: number): boolean {
  const r = hypot3(s.rel0[0], s.rel0[1], s.rel0[2]);
  if (!(r <= range_m)) return false;
  const v = hypot3(s.velM0[0], s.velM0[1], s.velM0[2]);
  if (!(v > 0) || !(r > 0)) return true;
  return dot3(s.rel0, s.velM0) >= cosFov * r * v;
}

/** Midcourse: the aim point's acceleration relative to the round, minus the round's free fall (0 in vacuum). */
export function midcoursePointAccel(s: FlightScratch, gravity: boolean): void {
  if (!gravity) {
    s.pointAccel.fill(0);
    return;
  }
  freeFallAccelEcef(s.posM0, s.velM0, s.ownFreeFall);
  for (let k = 0; k < 3; k++) s.pointAccel[k] = -s.ownFreeFall[k];
}

/** Whether a round at `pos` with velocity `vel` still closes on the fixed point `point`. */
export function closingOn(
  point: Readonly<Float64Array>,
  pos: Readonly<Float64Array>,
  vel: Readonly<Float64Array>,
): boolean {
  return (point[0] - pos[0]) * vel[0] + (point[1] - pos[1]) * vel[1] + (point[2] - pos[2]) * vel[2] > 0;
}

/** Relative speed at τ into the last step, from the Hermite velocity of the relative motion, m/s. */
export function closingSpeedAt(s: FlightScratch, h_s: number, tau_s: number): number {
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  hermiteState(tau_s / h_s, h_s, s.rel0, s.relVel0, 0, s.rel1, s.relVel1, 0, pos, vel);
  return Math.hypot(vel[0], vel[1], vel[2]);
}

/** Whether a point moves toward the Earth's centre. */
export function descending(pos: Readonly<Float64Array>, vel: Readonly<Float64Array>): boolean {
  return pos[0] * vel[0] + pos[1] * vel[1] + pos[2] * vel[2] < 0;
}

/** A writable view of a readonly record (the guidance inputs are updated in place each step). */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** out ← src[offset … offset+2]. */
export function copy3(out: Float64Array, src: Readonly<Float64Array>, offset: number): void {
  out[0] = src[offset];
  out[1] = src[offset + 1];
  out[2] = src[offset + 2];
}

/** out ← a − b. */
export function sub3(out: Float64Array, a: Readonly<Float64Array>, b: Readonly<Float64Array>): void {
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
}

/** a · b. */
export function dot3(a: Readonly<Float64Array>, b: Readonly<Float64Array>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
