/**
 * @module weapons/flyoutAimed
 * The nominal guided flight to one (ground range, height) point, as the engine flies it: `flyInterceptor` aimed at a
 * stationary point, with the default flight options (launch loft and the 10° minimum launch elevation, boost hold,
 * gravity-compensated APN midcourse, seeker homing), a round that never fails (reliability 1) and no guidance noise.
 * The flyout table uses it for the low band, where the unguided shots do not reach: leaving the launcher at
 * 30 m/s, an unguided round launched below ≈ 9° (SHORAD) or ≈ 11° (PAC-3 class) falls back to the ground within a
 * few hundred metres, whereas the guided round climbs out at ≥ 10° and then flies level to the aim point.
 */
import { ecefToGeodetic, geodeticRecordToEcef, geodeticToEcef } from '../geo/wgs84.js';
import { createRng } from '../math/rng.js';
import type { Geodetic, InterceptorType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { directionEcef, groundRangeFrom_m, siteFrame } from './geometry.js';
import { flyInterceptor } from './interceptor.js';

/** Largest closest approach that still counts as reaching the point, m (a tenth of the default 250 m grid step). */
export const AIMED_MISS_TOLERANCE_m = 25;

/** Time and launch elevation of a nominal guided flight to a point; `time_s` Infinity when it does not get there. */
export interface AimedFlight {
  /** Time from launch to the closest approach to the point, s (Infinity: self-destruct, ground, or a miss). */
  readonly time_s: number;
  /** Launch elevation above the site's horizon the flight left the launcher at, rad. */
  readonly launchElevation_rad: number;
}

/**
 * Point at ground range `range_m` (arc on the site's ground sphere, as `groundRangeFrom_m` measures it) along
 * `azimuthFromNorthCw_rad` and `height_m` above the site (ellipsoid height difference), ECEF m. One correction of
 * the arc angle absorbs the tilt between geodetic and geocentric verticals (≈ mm residual).
 */
export function pointAt(
  site: Geodetic,
  azimuthFromNorthCw_rad: number,
  range_m: number,
  height_m: number,
): Float64Array {
  const frame = siteFrame(geodeticRecordToEcef(site));
  const s = frame.pos_ecef;
  const radius_m = Math.hypot(s[0], s[1], s[2]);
  const up = [s[0] / radius_m, s[1] / radius_m, s[2] / radius_m];
  const e = directionEcef(site.lat_rad, site.lon_rad, azimuthFromNorthCw_rad, 0, new Float64Array(3));
  // horizontal direction made orthogonal to the geocentric radius (the arc's plane)
  const dot = e[0] * up[0] + e[1] * up[1] + e[2] * up[2];
  const side = [e[0] - dot * up[0], e[1] - dot * up[1], e[2] - dot * up[2]];
  const sideNorm = Math.hypot(side[0], side[1], side[2]);
  const point = (angle_rad: number): Float64Array => {
    const c = Math.cos(angle_rad) * frame.groundRadius_m;
    const sn = (Math.sin(angle_rad) * frame.groundRadius_m) / sideNorm;
    const ground = Float64Array.of(
      c * up[0] + sn * side[0],
      c * up[1] + sn * side[1],
      c * up[2] + sn * side[2],
    );
    const g = ecefToGeodetic(ground);
    return geodeticToEcef(g.lat_rad, g.lon_rad, frame.height_m + height_m);
  };
  let angle_rad = range_m / frame.groundRadius_m;
  const first = point(angle_rad);
  angle_rad += (range_m - groundRangeFrom_m(frame, first)) / frame.groundRadius_m;
  return point(angle_rad);
}

/** A target that sits still at `pos_ecef` from t = 0 to `endTime_s` (what the aimed flight homes on). */
function stationaryTarget(pos_ecef: Float64Array, endPoint: Geodetic, endTime_s: number): Trajectory {
  return {
    launchTime_s: 0,
    endTime_s,
    outcome: 'impact',
    endPoint,
    apexAltitude_m: endPoint.h_m,
    times_s: Float64Array.of(0, endTime_s),
    pos_ecef: Float64Array.of(...pos_ecef, ...pos_ecef),
    vel_ecef: new Float64Array(6),
    stateAt(t_s, pos_out, vel_out) {
      if (!(t_s >= 0 && t_s <= endTime_s)) return false;
      pos_out.set(pos_ecef);
      vel_out.fill(0);
      return true;
    },
  };
}

/**
 * Flies the nominal guided round of `type` from `site` to the point at (`range_m`, `height_m`) along
 * `azimuthFromNorthCw_rad` (see the module note) and returns when it gets there. Deterministic; ≈ 1–3 ms.
 * @param step_s integration step, s (the table's shot step)
 */
export function aimedFlight(
  type: InterceptorType,
  site: Geodetic,
  azimuthFromNorthCw_rad: number,
  range_m: number,
  height_m: number,
  step_s: number,
): AimedFlight {
  const aim_ecef = pointAt(site, azimuthFromNorthCw_rad, range_m, height_m);
  const up = directionEcef(site.lat_rad, site.lon_rad, 0, Math.PI / 2, new Float64Array(3));
  let launchElevation_rad = Number.NaN;
  const flight = flyInterceptor({
    // the nominal round: no reliability failure, no guidance noise (the rng draws then change nothing)
    type: { ...type, reliability: 1, guidanceNoise_m: 0 },
    site,
    launchTime_s: 0,
    aimPoint_ecef: aim_ecef,
    target: stationaryTarget(aim_ecef, ecefToGeodetic(aim_ecef), type.maxFlightTime_s + 1),
    rng: createRng(0),
    step_s,
    recordEvery_s: type.maxFlightTime_s + 1,
    // a point that is not descending never trips the keep-out check; the floor is the C2's business
    minInterceptAltitude_m: Number.NEGATIVE_INFINITY,
    onStep: (sample) => {
      if (sample.t_s > 0) return;
      const v = sample.state;
      const speed_mps = Math.hypot(v[3], v[4], v[5]);
      // elevation of the launch velocity above the site's horizon (component along the local vertical)
      const rise = (v[3] * up[0] + v[4] * up[1] + v[5] * up[2]) / speed_mps;
      launchElevation_rad = Math.asin(Math.max(-1, Math.min(1, rise)));
    },
  });
  const outcome = flight.outcome;
  const reached =
    outcome.kind === 'intercept' &&
    outcome.miss_m <= AIMED_MISS_TOLERANCE_m &&
    outcome.time_s <= type.maxFlightTime_s;
  return { time_s: reached ? outcome.time_s : Number.POSITIVE_INFINITY, launchElevation_rad };
}
