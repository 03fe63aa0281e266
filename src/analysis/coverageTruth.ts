/**
 * @module analysis/coverageTruth
 * Nominal threat truth for coverage and placement studies. A threat is flown once by its own model
 * (`createThreatModels().fly`) with an rng whose draws are fixed at their nominal values (reliable, no CEP or range
 * dispersion), so the flight is the catalog's nominal trajectory and not one random draw. Flights to many nearby
 * aim points are then derived from a few reference flights by a rigid transport: the reference is expressed in the
 * east-north-up frame of its impact point, yawed so that it arrives from the right direction, and re-anchored at the
 * new aim point. On a sphere this is an exact rotation about the Earth's centre; on the ellipsoid and with Earth
 * rotation it ignores differences of Coriolis and gravity over the transport distance (metres over tens of km). The
 * path also carries its low samples (below the interceptors' ceiling) so a battery that can never reach it is
 * rejected in a few flops.
 */
import { dcmEnuFromEcef } from '../geo/frames.js';
import { approxHeightOf_m, geodeticRecordToEcef } from '../geo/wgs84.js';
import type { Rng } from '../math/rng.js';
import type { Geodetic, RcsAspectTable, ThreatLaunch, ThreatType } from '../scenario/types.js';
import type { ThreatModels } from '../threats/registry.js';

/** Truth of one nominal threat flight, sampled on demand (ECEF, rotating Earth, m and m/s). */
export interface TruthPath {
  /** Launch time, s (coverage flights launch at 0). */
  readonly launchTime_s: number;
  /** Impact time, s. */
  readonly endTime_s: number;
  /** Where the flight ends on the ground. */
  readonly endPoint: Geodetic;
  /** Mean radar cross-section of the threat type, m². */
  readonly rcs_m2: number;
  /** RCS against aspect of the threat type (`sensors/aspectRcs`); absent: `rcs_m2` from every direction. */
  readonly rcsAspect?: RcsAspectTable;
  /** Positions (ECEF, m; x, y, z packed) sampled every `LOW_SAMPLE_STEP_s` or so, only those below the ceiling. */
  readonly low_ecef: Float64Array;
  /** State at `t_s` into the outputs; false (outputs untouched) when the threat is not airborne then. */
  stateAt(t_s: number, pos_out: Float64Array, vel_out: Float64Array): boolean;
}

/** Spacing of the low samples, s (a diving SRBM moves about 1–2 km between samples). */
const LOW_SAMPLE_STEP_s = 1;
/** Most low samples kept per path (long drone flights are thinned to this many). */
const MAX_LOW_SAMPLES = 4000;

/**
 * A random stream whose draws are all fixed at their nominal values: `uniform()` = 0 (so `chance(p)` is true for
 * every p > 0: the threat flies reliably, and failure-time fractions are 0), `normal()` = 0 (no CEP, range or
 * deflection error), Poisson and exponential draws 0. Forks return the same stream. Use it to fly a threat model's
 * nominal trajectory; never to simulate.
 */
export function nominalRng(): Rng {
  const rng: Rng = {
    uniform: () => 0,
    uniformRange: (lo) => lo,
    integer: (lo) => lo,
    normal: () => 0,
    exponential: () => 0,
    poisson: () => 0,
    chance: (p) => p > 0,
    fork: () => rng,
  };
  return rng;
}

/**
 * Flies the nominal trajectory of `type` from `from` to `aim`, launched at t = 0 (no waypoints), and wraps it as a
 * `TruthPath` whose low samples lie below `lowCeiling_m` (ellipsoid height, m).
 */
export function flyNominal(
  models: ThreatModels,
  type: ThreatType,
  from: Geodetic,
  aim: Geodetic,
  lowCeiling_m: number,
): TruthPath {
  const launch: ThreatLaunch = {
    id: 'coverage-1',
    raid: 'coverage',
    typeId: type.id,
    launchTime_s: 0,
    from,
    aim,
    targetAssetId: null,
    waypoints: [],
  };
  return pathOf(models.fly(launch, type, nominalRng()), type.rcs_m2, lowCeiling_m, type.rcsAspect);
}

/** Wraps any trajectory-like object (`stateAt`, launch and end times) as a `TruthPath` with its low samples. */
export function pathOf(
  trajectory: {
    readonly launchTime_s: number;
    readonly endTime_s: number;
    readonly endPoint: Geodetic;
    stateAt(t_s: number, pos_out: Float64Array, vel_out: Float64Array): boolean;
  },
  rcs_m2: number,
  lowCeiling_m: number,
  rcsAspect?: RcsAspectTable,
): TruthPath {
  const duration_s = trajectory.endTime_s - trajectory.launchTime_s;
  const step_s = Math.max(LOW_SAMPLE_STEP_s, duration_s / MAX_LOW_SAMPLES);
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  const low: number[] = [];
  // include the end point: the last sample before impact is always low
  for (let t_s = trajectory.launchTime_s; ; t_s += step_s) {
    const time_s = Math.min(t_s, trajectory.endTime_s);
    if (trajectory.stateAt(time_s, pos, vel) && approxHeightOf_m(pos) <= lowCeiling_m)
      low.push(pos[0], pos[1], pos[2]);
    if (time_s >= trajectory.endTime_s) break;
  }
  return {
    launchTime_s: trajectory.launchTime_s,
    endTime_s: trajectory.endTime_s,
    endPoint: trajectory.endPoint,
    rcs_m2,
    ...(rcsAspect === undefined ? {} : { rcsAspect }),
    low_ecef: Float64Array.from(low),
    stateAt: (t_s, pos_out, vel_out) => trajectory.stateAt(t_s, pos_out, vel_out),
  };
}

/**
 * Rotation (row-major 3×3, ECEF → ECEF) that carries the ENU frame at `anchor` onto the ENU frame at `target` after
 * a yaw of `yaw_rad` (clockwise seen from above, so an azimuth a becomes a + yaw): dcm(target)ᵀ · Yaw · dcm(anchor).
 */
export function transportRotation(anchor: Geodetic, target: Geodetic, yaw_rad: number): Float64Array {
  const a = dcmEnuFromEcef(anchor.lat_rad, anchor.lon_rad);
  const b = dcmEnuFromEcef(target.lat_rad, target.lon_rad);
  const c = Math.cos(yaw_rad);
  const s = Math.sin(yaw_rad);
  // yaw about up: e' = e cos y + n sin y, n' = −e sin y + n cos y, u' = u
  const yaw = [c, s, 0, -s, c, 0, 0, 0, 1];
  const ya = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++)
      ya[3 * i + j] = yaw[3 * i] * a[j] + yaw[3 * i + 1] * a[3 + j] + yaw[3 * i + 2] * a[6 + j];
  const m = new Float64Array(9);
  for (let i = 0; i < 3; i++)
    for (let j = 0; j < 3; j++) m[3 * i + j] = b[i] * ya[j] + b[3 + i] * ya[3 + j] + b[6 + i] * ya[6 + j];
  return m;
}

/** out = m · v for a row-major 3×3 `m`; `out` may alias `v`. */
function rotate(m: Readonly<Float64Array>, v: Readonly<Float64Array>, out: Float64Array): void {
  const x = v[0];
  const y = v[1];
  const z = v[2];
  out[0] = m[0] * x + m[1] * y + m[2] * z;
  out[1] = m[3] * x + m[4] * y + m[5] * z;
  out[2] = m[6] * x + m[7] * y + m[8] * z;
}

/**
 * The reference `path` moved rigidly so that its point `anchor` (its impact point) lands on `target`, yawed by
 * `yaw_rad` (clockwise from north): p' = M (p − anchor) + target, v' = M v with M from `transportRotation`.
 * Heights above the ellipsoid are kept to within the ellipsoid's curvature change over the distance moved.
 */
export function transportPath(
  path: TruthPath,
  anchor: Geodetic,
  target: Geodetic,
  yaw_rad: number,
): TruthPath {
  const m = transportRotation(anchor, target, yaw_rad);
  const anchor_ecef = geodeticRecordToEcef(anchor);
  const target_ecef = geodeticRecordToEcef(target);
  const relative = new Float64Array(3);
  const moveInto = (p: Float64Array): void => {
    relative[0] = p[0] - anchor_ecef[0];
    relative[1] = p[1] - anchor_ecef[1];
    relative[2] = p[2] - anchor_ecef[2];
    rotate(m, relative, p);
    p[0] += target_ecef[0];
    p[1] += target_ecef[1];
    p[2] += target_ecef[2];
  };
  const low = new Float64Array(path.low_ecef.length);
  const point = new Float64Array(3);
  for (let k = 0; k < low.length; k += 3) {
    point[0] = path.low_ecef[k];
    point[1] = path.low_ecef[k + 1];
    point[2] = path.low_ecef[k + 2];
    moveInto(point);
    low[k] = point[0];
    low[k + 1] = point[1];
    low[k + 2] = point[2];
  }
  return {
    launchTime_s: path.launchTime_s,
    endTime_s: path.endTime_s,
    endPoint: target,
    rcs_m2: path.rcs_m2,
    ...(path.rcsAspect === undefined ? {} : { rcsAspect: path.rcsAspect }),
    low_ecef: low,
    stateAt: (t_s, pos_out, vel_out) => {
      if (!path.stateAt(t_s, pos_out, vel_out)) return false;
      moveInto(pos_out);
      rotate(m, vel_out, vel_out);
      return true;
    },
  };
}
