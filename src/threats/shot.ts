/**
 * @module threats/shot
 * Shooting-method helpers shared by the ballistic-missile and rocket models. A shot has two control parameters: a
 * range parameter `p` (thrust-cutoff time for a missile, launcher elevation for a rocket; the range grows with it)
 * and the launch azimuth. A flyout maps them to the impact's miss from the aimpoint, split into *along* (positive
 * long, measured along the arrival track) and *cross* (positive to the right of the track) in the aimpoint's local
 * horizontal plane. The solver first brackets `p` with the Illinois variant of regula falsi (Dowell & Jarratt 1971)
 * at the geodesic azimuth, then removes the Earth-rotation (Coriolis) cross-range and the coupling with a few
 * chord-Newton steps on a finite-difference Jacobian. That Jacobian is kept: dispersion is applied as a linearised
 * offset of both parameters (one flyout per dispersed shot, no re-solve).
 */
import { dcmEnuFromEcef, rotateEcefToEnu } from '../geo/frames.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { ecefToGeodetic, geodeticToEcef } from '../geo/wgs84.js';
import type { Geodetic } from '../scenario/types.js';
import type { FlightEngine, FlightPlan } from './flight.js';

/** Geometry of one launch point → aimpoint pair, precomputed once. */
export interface ShotGeometry {
  readonly from: Geodetic;
  readonly aim: Geodetic;
  /** Geodesic ground distance, m. */
  readonly range_m: number;
  /** Geodesic azimuth at the launch point, clockwise from north, rad. */
  readonly launchAzimuth_rad: number;
  /** Direction of travel at the aimpoint, clockwise from north, rad. */
  readonly arrivalAzimuth_rad: number;
  readonly aim_ecef: Float64Array;
  readonly dcmEnuFromEcefAtAim: Float64Array;
}

/** Geometry of a shot from `from` to `aim`. */
export function shotGeometry(from: Geodetic, aim: Geodetic): ShotGeometry {
  const inv = geodesicInverse(from.lat_rad, from.lon_rad, aim.lat_rad, aim.lon_rad);
  return {
    from,
    aim,
    range_m: inv.distance_m,
    launchAzimuth_rad: inv.azimuth1_rad,
    arrivalAzimuth_rad: inv.azimuth2_rad,
    aim_ecef: geodeticToEcef(aim.lat_rad, aim.lon_rad, aim.h_m),
    dcmEnuFromEcefAtAim: dcmEnuFromEcef(aim.lat_rad, aim.lon_rad),
  };
}

/**
 * Unit ECEF vector pointing at `azimuth_rad` (clockwise from north) and `elevation_rad` above the horizon of the site
 * whose `dcmEnuFromEcef` is `dcm` (its rows are east, north and up in ECEF).
 */
export function directionEcef(
  dcm: Readonly<Float64Array>,
  azimuth_rad: number,
  elevation_rad: number,
): Float64Array {
  const e = Math.sin(azimuth_rad) * Math.cos(elevation_rad);
  const n = Math.cos(azimuth_rad) * Math.cos(elevation_rad);
  const u = Math.sin(elevation_rad);
  const out = new Float64Array(3);
  for (let k = 0; k < 3; k++) out[k] = dcm[k] * e + dcm[3 + k] * n + dcm[6 + k] * u;
  return out;
}

/** Range limits are checked with this slack, so a target placed exactly at the limit is accepted, m. */
export const RANGE_ROUNDING_m = 1e-3;

/** Index of the along-track component in a miss vector. */
export const ALONG = 0;
/** Index of the cross-track component in a miss vector. */
export const CROSS = 1;

/**
 * Miss of `impact_ecef` from the aimpoint in the aimpoint's horizontal plane, m: out[ALONG] along the arrival track
 * (positive = long), out[CROSS] across it (positive = right of track). Uses `scratch` (3) for the ENU offset.
 */
export function missAlongCross(
  geom: ShotGeometry,
  impact_ecef: Readonly<Float64Array>,
  scratch: Float64Array,
  out: Float64Array,
): Float64Array {
  scratch[0] = impact_ecef[0] - geom.aim_ecef[0];
  scratch[1] = impact_ecef[1] - geom.aim_ecef[1];
  scratch[2] = impact_ecef[2] - geom.aim_ecef[2];
  rotateEcefToEnu(geom.dcmEnuFromEcefAtAim, scratch, scratch);
  const sinAz = Math.sin(geom.arrivalAzimuth_rad);
  const cosAz = Math.cos(geom.arrivalAzimuth_rad);
  out[ALONG] = scratch[0] * sinAz + scratch[1] * cosAz;
  out[CROSS] = scratch[0] * cosAz - scratch[1] * sinAz;
  return out;
}

/** Flies a shot with range parameter `p` and azimuth `az_rad`; writes the (along, cross) miss into `miss`. */
export type ShotFn = (p: number, az_rad: number, miss: Float64Array) => void;

/** Options of {@link solveShot}. */
export interface ShotSolveOptions {
  /** Bracket of the range parameter (miss along is increasing in p). */
  readonly pLo: number;
  readonly pHi: number;
  /** Starting azimuth, rad. */
  readonly az0_rad: number;
  /** Ground distance (sets the cross-range sensitivity ≈ range per radian of azimuth), m. */
  readonly range_m: number;
  /** Finite-difference step of p for the Jacobian. */
  readonly dp: number;
  /** Accept when the horizontal miss is below this, m. */
  readonly tolerance_m: number;
}

/** A converged (or best-effort) shot and the Jacobian ∂(along, cross)/∂(p, az), row-major [aP, aAz, cP, cAz]. */
export interface ShotSolution {
  readonly p: number;
  readonly az_rad: number;
  /** Horizontal miss of the nominal shot, m. */
  readonly miss_m: number;
  readonly jacobian: readonly [number, number, number, number];
}

/** A solved shot, or why not: the target is too far (miss at pHi is short) or too close (miss at pLo is long). */
export type ShotResult =
  | { readonly ok: true; readonly solution: ShotSolution }
  | { readonly ok: false; readonly reason: 'too-far'; readonly shortfall_m: number }
  | { readonly ok: false; readonly reason: 'too-close'; readonly overshoot_m: number };

/** Number of Illinois iterations on p before the 2-D refinement. */
const BRACKET_ITERATIONS = 40;
/** Chord-Newton iterations of the 2-D refinement. */
const NEWTON_ITERATIONS = 12;
/** Azimuth step for the Jacobian, rad. */
const DAZ_rad = 1e-4;

/**
 * Solves `shot(p, az) = (0, 0)`: Illinois on p at `az0`, then chord-Newton on (p, az) with a finite-difference
 * Jacobian. Returns the bracket failure instead when the target lies outside [shot(pLo), shot(pHi)].
 */
export function solveShot(shot: ShotFn, o: ShotSolveOptions): ShotResult {
  const miss = new Float64Array(2);
  let az = o.az0_rad;
  // bracket along-range on p at the geodesic azimuth
  let lo = o.pLo;
  let hi = o.pHi;
  shot(hi, az, miss);
  let fHi = miss[ALONG];
  if (fHi < 0) return { ok: false, reason: 'too-far', shortfall_m: -fHi };
  shot(lo, az, miss);
  let fLo = miss[ALONG];
  if (fLo > 0) return { ok: false, reason: 'too-close', overshoot_m: fLo };
  let p = hi;
  let side = 0;
  for (let i = 0; i < BRACKET_ITERATIONS; i++) {
    p = (lo * fHi - hi * fLo) / (fHi - fLo);
    shot(p, az, miss);
    const f = miss[ALONG];
    if (Math.abs(f) < 0.25 * o.tolerance_m) break;
    // illinois: halve the stale end's value when the same side is kept twice
    if (f > 0) {
      hi = p;
      fHi = f;
      if (side === 1) fLo *= 0.5;
      side = 1;
    } else {
      lo = p;
      fLo = f;
      if (side === -1) fHi *= 0.5;
      side = -1;
    }
  }
  // jacobian at (p, az) by forward differences
  const a0 = miss[ALONG];
  const c0 = miss[CROSS];
  const dp = p + o.dp > o.pHi ? -o.dp : o.dp;
  shot(p + dp, az, miss);
  const aP = (miss[ALONG] - a0) / dp;
  const cP = (miss[CROSS] - c0) / dp;
  shot(p, az + DAZ_rad, miss);
  const aAz = (miss[ALONG] - a0) / DAZ_rad;
  const cAz = (miss[CROSS] - c0) / DAZ_rad;
  const jacobian: [number, number, number, number] = [aP, aAz, cP, cAz];
  // chord-newton on (p, az)
  let along = a0;
  let cross = c0;
  for (let i = 0; i < NEWTON_ITERATIONS && Math.hypot(along, cross) > o.tolerance_m; i++) {
    const [dP, dAz] = solve2(jacobian, -along, -cross);
    p = Math.min(o.pHi, Math.max(o.pLo, p + dP));
    az += dAz;
    shot(p, az, miss);
    along = miss[ALONG];
    cross = miss[CROSS];
  }
  return { ok: true, solution: { p, az_rad: az, miss_m: Math.hypot(along, cross), jacobian } };
}

/**
 * Parameters that move the impact by (dAlong_m, dCross_m) from a solved shot, to first order (J⁻¹ · offset).
 * Used for dispersion: the offsets are a few CEPs, where the linearisation error is centimetres.
 */
export function offsetShot(solution: ShotSolution, dAlong_m: number, dCross_m: number): [number, number] {
  const [dP, dAz] = solve2(solution.jacobian, dAlong_m, dCross_m);
  return [solution.p + dP, solution.az_rad + dAz];
}

/** Solves the 2×2 system J · x = (b0, b1); J row-major. */
export function solve2(
  j: readonly [number, number, number, number],
  b0: number,
  b1: number,
): [number, number] {
  const det = j[0] * j[3] - j[1] * j[2];
  return [(b0 * j[3] - j[1] * b1) / det, (j[0] * b1 - j[2] * b0) / det];
}

/** Why an aimpoint cannot be reached: beyond the type's reach, or closer than its minimum range. */
export type AimRefusal =
  | {
      readonly ok: false;
      readonly reason: 'out-of-range';
      readonly range_m: number;
      readonly maxRange_m: number;
    }
  | {
      readonly ok: false;
      readonly reason: 'below-min-range';
      readonly range_m: number;
      readonly minRange_m: number;
    };

/**
 * The refusal a failed solve means at `range_m`: too far → out of range, with the reach the shortfall shows; too
 * close → below the minimum range, with the one the overshoot shows.
 */
export function shotRefusal(solved: Extract<ShotResult, { ok: false }>, range_m: number): AimRefusal {
  return solved.reason === 'too-far'
    ? {
        ok: false,
        reason: 'out-of-range',
        range_m,
        maxRange_m: Math.max(0, range_m - solved.shortfall_m),
      }
    : { ok: false, reason: 'below-min-range', range_m, minRange_m: range_m + solved.overshoot_m };
}

/** Launch site of the fixed reference geometry in which per-type constants (pitch-over, max-range elevation) are found. */
export const REFERENCE_LAUNCH: Geodetic = { lat_rad: 0, lon_rad: 0, h_m: 0 };

/** Cache key of one (type, launch point, aimpoint) geometry: solutions are reused across replications. */
export function aimCacheKey(typeId: string, from: Geodetic, aim: Geodetic): string {
  return `${typeId}|${from.lat_rad}|${from.lon_rad}|${from.h_m}|${aim.lat_rad}|${aim.lon_rad}|${aim.h_m}`;
}

/** The cached value for `key`, computed and stored on first use. */
export function memo<V>(cache: Map<string, V>, key: string, compute: () => V): V {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const value = compute();
  cache.set(key, value);
  return value;
}

/** Geodesic ground range from `from` to where an unrecorded flight of `plan` ends, m. */
export function flownRange_m(engine: FlightEngine, plan: FlightPlan, from: Geodetic): number {
  const end = ecefToGeodetic(engine.fly(plan, null).pos_ecef);
  return geodesicInverse(from.lat_rad, from.lon_rad, end.lat_rad, end.lon_rad).distance_m;
}
