/**
 * @module threats/drone
 * One-way attack drones (Shahed class), flown kinematically: constant airspeed along geodesic legs through the
 * launch's waypoints to the (dispersed) aimpoint. Height profile: a climb at 10° to `cruiseAltitude_m` above the
 * terrain proxy (the launch-to-aim ellipsoid height interpolated linearly along the path), cruise, then a straight
 * terminal dive at `diveAngle_rad` that ends on the aimpoint. Ground speed is airspeed · cos(path angle) (no wind).
 * Positions come from the direct geodesic problem (Karney), so the samples are exact on the ellipsoid; they are
 * taken every 2 s plus at every leg and profile break. Dispersion: the dive ends at the aimpoint moved by a
 * circular-normal draw (σ = CEP / 1.1774). Failure (probability 1 − reliability): at a point drawn uniformly along
 * the path the drone pitches into a dive at `diveAngle_rad` and crashes, outcome `failed`.
 */
import { dcmEnuFromEcef } from '../geo/frames.js';
import { geodesicDirect, geodesicInverse } from '../geo/geodesic.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Rng } from '../math/rng.js';
import type { DroneThreatType, Geodetic, ThreatLaunch } from '../scenario/types.js';
import { CEP_PER_SIGMA } from './ballistic.js';
import type { ThreatModel, Trajectory } from './index.js';
import { TrajectoryRecorder } from './trajectory.js';

/** Climb angle after launch, rad (10°). */
export const DRONE_CLIMB_ANGLE_rad = (10 * Math.PI) / 180;
/** Sample spacing, s. */
export const DRONE_SAMPLE_s = 2;

/** One geodesic leg of the path. */
interface Leg {
  readonly start: Geodetic;
  readonly azimuth_rad: number;
  /** Path distance at the start of the leg, m. */
  readonly s0_m: number;
  readonly length_m: number;
}

/** Piecewise-linear height profile and its time mapping along the path. */
interface Profile {
  readonly total_m: number;
  readonly fromHeight_m: number;
  readonly aimHeight_m: number;
  readonly cruise_m: number;
  /** End of the climb, start and end of the dive, path distance m. */
  readonly climbEnd_m: number;
  readonly diveStart_m: number;
  readonly end_m: number;
  readonly speed_mps: number;
  readonly diveAngle_rad: number;
}

/** Terrain proxy: ellipsoid height interpolated between launch and aim along the path, m. */
function groundAt(p: Profile, s_m: number): number {
  return p.fromHeight_m + (p.aimHeight_m - p.fromHeight_m) * Math.min(1, s_m / p.total_m);
}

/** Height on the climb/cruise part (before any dive), m. */
function cruiseHeightAt(p: Profile, s_m: number): number {
  const climbed = p.climbEnd_m > 0 ? Math.min(1, s_m / p.climbEnd_m) : 1;
  return groundAt(p, s_m) + p.cruise_m * climbed;
}

/** Height at path distance s, m. */
function heightAt(p: Profile, s_m: number): number {
  if (s_m <= p.diveStart_m) return cruiseHeightAt(p, s_m);
  const h0 = cruiseHeightAt(p, p.diveStart_m);
  const f = p.end_m > p.diveStart_m ? (s_m - p.diveStart_m) / (p.end_m - p.diveStart_m) : 1;
  return h0 + (groundAt(p, p.end_m) - h0) * Math.min(1, f);
}

/** Path angle of the segment holding s (positive up), rad. */
function pathAngleAt(p: Profile, s_m: number): number {
  if (s_m >= p.diveStart_m) return -p.diveAngle_rad;
  if (s_m < p.climbEnd_m) return DRONE_CLIMB_ANGLE_rad;
  return 0;
}

/** Breakpoints of the profile, path distance m (ascending). */
function breaks(p: Profile): number[] {
  return [0, Math.min(p.climbEnd_m, p.diveStart_m), p.diveStart_m, p.end_m];
}

/** Time to fly from path distance 0 to s, s. */
function timeAt(p: Profile, s_m: number): number {
  const b = breaks(p);
  let t_s = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const lo = b[i];
    const hi = Math.min(b[i + 1], s_m);
    if (hi <= lo) continue;
    t_s += (hi - lo) / (p.speed_mps * Math.cos(pathAngleAt(p, 0.5 * (lo + hi))));
  }
  return t_s;
}

/** Path distance reached at time t (inverse of `timeAt`), m. */
function distanceAt(p: Profile, t_s: number): number {
  const b = breaks(p);
  let elapsed_s = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const lo = b[i];
    const hi = b[i + 1];
    if (hi <= lo) continue;
    const groundSpeed_mps = p.speed_mps * Math.cos(pathAngleAt(p, 0.5 * (lo + hi)));
    const segment_s = (hi - lo) / groundSpeed_mps;
    if (t_s <= elapsed_s + segment_s) return lo + (t_s - elapsed_s) * groundSpeed_mps;
    elapsed_s += segment_s;
  }
  return p.end_m;
}

/** `ThreatModel` for `kind: 'drone'`. Stateless apart from scratch arrays; one per scenario. */
export class DroneThreatModel implements ThreatModel<DroneThreatType> {
  private readonly dcm = new Float64Array(9);
  private readonly pos = new Float64Array(3);
  private readonly vel = new Float64Array(3);

  /**
   * Flies one drone. Draws exactly four numbers from `rng` (failure trial, failure point, two dispersion normals).
   */
  fly(launch: ThreatLaunch, type: DroneThreatType, rng: Rng): Trajectory {
    const failedDraw = !rng.chance(type.reliability);
    const failureFraction = rng.uniform();
    const sigma_m = type.cep_m / CEP_PER_SIGMA;
    const dEast_m = sigma_m * rng.normal();
    const dNorth_m = sigma_m * rng.normal();
    // dispersed aimpoint: the aim moved by the draw along its own geodesic
    const shift = geodesicDirect(
      launch.aim.lat_rad,
      launch.aim.lon_rad,
      Math.atan2(dEast_m, dNorth_m),
      Math.hypot(dEast_m, dNorth_m),
    );
    const aim: Geodetic = { lat_rad: shift.lat_rad, lon_rad: shift.lon_rad, h_m: launch.aim.h_m };
    // geodesic legs through the waypoints
    const points = [launch.from, ...launch.waypoints, aim];
    const legs: Leg[] = [];
    let total_m = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const inv = geodesicInverse(
        points[i].lat_rad,
        points[i].lon_rad,
        points[i + 1].lat_rad,
        points[i + 1].lon_rad,
      );
      legs.push({ start: points[i], azimuth_rad: inv.azimuth1_rad, s0_m: total_m, length_m: inv.distance_m });
      total_m += inv.distance_m;
    }
    total_m = Math.max(total_m, 1);
    const climb_m = Math.min(total_m / 3, type.cruiseAltitude_m / Math.tan(DRONE_CLIMB_ANGLE_rad));
    const dive_m = Math.min(total_m / 3, type.cruiseAltitude_m / Math.tan(type.diveAngle_rad));
    const nominal: Profile = {
      total_m,
      fromHeight_m: launch.from.h_m,
      aimHeight_m: aim.h_m,
      cruise_m: type.cruiseAltitude_m,
      climbEnd_m: climb_m,
      diveStart_m: total_m - dive_m,
      end_m: total_m,
      speed_mps: type.speed_mps,
      diveAngle_rad: type.diveAngle_rad,
    };
    let profile = nominal;
    if (failedDraw) {
      // crash: dive from the failure point at the dive angle until the terrain proxy
      const sFail_m = failureFraction * nominal.diveStart_m;
      const above_m = cruiseHeightAt(nominal, sFail_m) - groundAt(nominal, sFail_m);
      const end_m = Math.min(total_m, sFail_m + above_m / Math.tan(type.diveAngle_rad));
      profile = { ...nominal, diveStart_m: sFail_m, end_m };
    }
    // sample times: every DRONE_SAMPLE_s plus the leg and profile breaks
    const duration_s = timeAt(profile, profile.end_m);
    const times: number[] = [];
    for (let t = 0; t < duration_s; t += DRONE_SAMPLE_s) times.push(t);
    for (const s of breaks(profile)) times.push(timeAt(profile, s));
    for (const leg of legs) if (leg.s0_m < profile.end_m) times.push(timeAt(profile, leg.s0_m));
    times.push(duration_s);
    times.sort((a, b) => a - b);
    const recorder = new TrajectoryRecorder(times.length);
    let apex_m = Number.NEGATIVE_INFINITY;
    let last: Geodetic = launch.from;
    let previous_s = Number.NEGATIVE_INFINITY;
    for (const t_s of times) {
      if (t_s - previous_s < 1e-6) continue;
      previous_s = t_s;
      const s_m = Math.min(distanceAt(profile, t_s), profile.end_m);
      last = this.stateAt(profile, legs, s_m);
      apex_m = Math.max(apex_m, last.h_m);
      recorder.push(launch.launchTime_s + t_s, this.pos, this.vel);
    }
    return recorder.finish({
      launchTime_s: launch.launchTime_s,
      outcome: failedDraw ? 'failed' : 'impact',
      endPoint: last,
      apexAltitude_m: apex_m,
    });
  }

  /** Geodetic point at path distance s; writes ECEF position and velocity into this.pos / this.vel. */
  private stateAt(p: Profile, legs: readonly Leg[], s_m: number): Geodetic {
    let k = 0;
    while (k + 1 < legs.length && s_m >= legs[k + 1].s0_m) k++;
    const leg = legs[k];
    const at = geodesicDirect(leg.start.lat_rad, leg.start.lon_rad, leg.azimuth_rad, s_m - leg.s0_m);
    const h_m = heightAt(p, s_m);
    geodeticToEcef(at.lat_rad, at.lon_rad, h_m, this.pos);
    // velocity: ground speed along the geodesic's local azimuth plus the climb/dive rate, ENU → ECEF
    const gamma_rad = s_m >= p.end_m ? -p.diveAngle_rad : pathAngleAt(p, s_m);
    const ground_mps = p.speed_mps * Math.cos(gamma_rad);
    const east = ground_mps * Math.sin(at.azimuth2_rad);
    const north = ground_mps * Math.cos(at.azimuth2_rad);
    const up = p.speed_mps * Math.sin(gamma_rad);
    const dcm = dcmEnuFromEcef(at.lat_rad, at.lon_rad, this.dcm);
    for (let i = 0; i < 3; i++) this.vel[i] = dcm[i] * east + dcm[3 + i] * north + dcm[6 + i] * up;
    return { lat_rad: at.lat_rad, lon_rad: at.lon_rad, h_m };
  }
}

/** A fresh drone model (one per scenario). */
export function createDroneThreatModel(): DroneThreatModel {
  return new DroneThreatModel();
}
