/**
 * @module test/support/analyticTrajectory
 * Closed-form `Trajectory` implementations for tests and examples: constant velocity, and vacuum ballistic flight
 * under a uniform gravity vector (p = p₀ + v₀ τ + ½ g τ², flat-Earth gravity pointing down at a reference point).
 * They honour the whole `Trajectory` contract (samples, end time, end point, apex) so weapon code can be exercised
 * without the threat models; the flight ends at `endTime_s` or when the ellipsoid height drops below zero.
 */
import { approxHeight_m, ecefToGeodetic, geodeticToEcef } from '../../src/geo/wgs84.js';
import type { Geodetic } from '../../src/scenario/types.js';
import type { Trajectory } from '../../src/threats/index.js';
import { directionEcef } from '../../src/weapons/geometry.js';

/** Sample spacing of the stored arrays, s. */
const SAMPLE_SPACING_s = 0.5;

/** Parameters of an analytic trajectory. Vectors in ECEF. */
export interface AnalyticTrajectorySpec {
  /** Position at `launchTime_s`, m. */
  readonly pos0_ecef: Readonly<Float64Array>;
  /** Velocity at `launchTime_s`, m/s. */
  readonly vel0_ecef: Readonly<Float64Array>;
  /** Constant acceleration, m/s² (zero vector: constant velocity). */
  readonly accel_ecef: Readonly<Float64Array>;
  /** Start time, s. */
  readonly launchTime_s: number;
  /** Latest end time, s (earlier when the path reaches the ellipsoid). */
  readonly maxEndTime_s: number;
}

/** A trajectory with constant acceleration (constant velocity when `accel_ecef` is zero); see the module note. */
export function analyticTrajectory(spec: AnalyticTrajectorySpec): Trajectory {
  const p0 = Float64Array.from(spec.pos0_ecef);
  const v0 = Float64Array.from(spec.vel0_ecef);
  const a = Float64Array.from(spec.accel_ecef);
  const t0 = spec.launchTime_s;
  const heightAt = (t_s: number): number => {
    const tau = t_s - t0;
    const k = 0.5 * tau * tau;
    return approxHeight_m(
      p0[0] + v0[0] * tau + a[0] * k,
      p0[1] + v0[1] * tau + a[1] * k,
      p0[2] + v0[2] * tau + a[2] * k,
    );
  };
  // end: first ground crossing (coarse scan, then bisection), or the requested end
  let endTime_s = spec.maxEndTime_s;
  let apexAltitude_m = heightAt(t0);
  const scan_s = 0.25;
  for (let t = t0 + scan_s; t <= spec.maxEndTime_s; t += scan_s) {
    const h = heightAt(t);
    apexAltitude_m = Math.max(apexAltitude_m, h);
    if (h < 0) {
      let lo = t - scan_s;
      let hi = t;
      for (let i = 0; i < 60; i++) {
        const mid = 0.5 * (lo + hi);
        if (heightAt(mid) < 0) hi = mid;
        else lo = mid;
      }
      endTime_s = lo;
      break;
    }
  }
  const stateAt = (t_s: number, pos_out: Float64Array, vel_out: Float64Array): boolean => {
    if (!(t_s >= t0 && t_s <= endTime_s)) return false;
    const tau = t_s - t0;
    const k = 0.5 * tau * tau;
    for (let i = 0; i < 3; i++) {
      pos_out[i] = p0[i] + v0[i] * tau + a[i] * k;
      vel_out[i] = v0[i] + a[i] * tau;
    }
    return true;
  };
  const n = Math.max(2, Math.ceil((endTime_s - t0) / SAMPLE_SPACING_s) + 1);
  const times_s = new Float64Array(n);
  const pos_ecef = new Float64Array(3 * n);
  const vel_ecef = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const t = i === n - 1 ? endTime_s : t0 + i * SAMPLE_SPACING_s;
    times_s[i] = t;
    stateAt(t, pos_ecef.subarray(3 * i, 3 * i + 3), vel_ecef.subarray(3 * i, 3 * i + 3));
  }
  const endPoint: Geodetic = ecefToGeodetic(pos_ecef.subarray(3 * n - 3, 3 * n));
  return {
    launchTime_s: t0,
    endTime_s,
    outcome: 'impact',
    endPoint,
    apexAltitude_m,
    times_s,
    pos_ecef,
    vel_ecef,
    stateAt,
  };
}

/** Standard gravity of the vacuum-ballistic convenience trajectories, m/s². */
const G0_mps2 = 9.80665;

/** Where and how an `incomingThreat` starts, relative to the point it falls on. */
export interface IncomingThreatSpec {
  /** Point it falls on (the defended site in tests). */
  readonly aim: Geodetic;
  /** Horizontal distance of the start from `aim` in its local tangent plane, m. */
  readonly groundRange_m: number;
  /** Start height above `aim` along its local up, m. */
  readonly height_m: number;
  /** Direction the threat comes from, clockwise from north, rad. */
  readonly fromAzimuth_rad: number;
  /** Speed at the start, m/s. */
  readonly speed_mps: number;
  /** Start time, s. */
  readonly launchTime_s: number;
  /** Vacuum ballistic under uniform gravity (true) or a straight line at constant velocity (false). */
  readonly ballistic: boolean;
}

/**
 * A threat descending onto `aim`: constant velocity along the straight line to it, or vacuum-ballistic under a
 * uniform gravity of g₀ along `aim`'s local down with the start velocity solved (bisection on the flight time T of
 * |(D, ½ g T² − H)| / T = speed) so that it comes down at `aim` (in the tangent plane).
 */
export function incomingThreat(spec: IncomingThreatSpec): Trajectory {
  const { aim } = spec;
  const horizontal = directionEcef(aim.lat_rad, aim.lon_rad, spec.fromAzimuth_rad, 0, new Float64Array(3));
  const up = directionEcef(aim.lat_rad, aim.lon_rad, 0, Math.PI / 2, new Float64Array(3));
  const d = spec.groundRange_m;
  const h = spec.height_m;
  const g = spec.ballistic ? G0_mps2 : 0;
  // flight time from the speed: f(T) = |v(T)| − speed is decreasing on (0, T_straight]
  let lo = 1e-3;
  let hi = Math.hypot(d, h) / spec.speed_mps;
  for (let i = 0; i < 100; i++) {
    const mid = 0.5 * (lo + hi);
    const speed = Math.hypot(d, 0.5 * g * mid * mid - h) / mid;
    if (speed > spec.speed_mps) lo = mid;
    else hi = mid;
  }
  const flightTime_s = 0.5 * (lo + hi);
  const horizontalSpeed_mps = -d / flightTime_s;
  const verticalSpeed_mps = (0.5 * g * flightTime_s * flightTime_s - h) / flightTime_s;
  const aim_ecef = geodeticToEcef(aim.lat_rad, aim.lon_rad, aim.h_m);
  const pos0 = new Float64Array(3);
  const vel0 = new Float64Array(3);
  const accel = new Float64Array(3);
  for (let k = 0; k < 3; k++) {
    pos0[k] = aim_ecef[k] + d * horizontal[k] + h * up[k];
    vel0[k] = horizontalSpeed_mps * horizontal[k] + verticalSpeed_mps * up[k];
    accel[k] = -g * up[k];
  }
  return analyticTrajectory({
    pos0_ecef: pos0,
    vel0_ecef: vel0,
    accel_ecef: accel,
    launchTime_s: spec.launchTime_s,
    maxEndTime_s: spec.launchTime_s + 2 * flightTime_s,
  });
}
