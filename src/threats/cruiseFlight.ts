/**
 * @module threats/cruiseFlight
 * Kinematic flight along geodesic legs, shared by the airbreathing threats (one-way attack drones and cruise
 * missiles). A model supplies a `FlightProfile` (height and path angle as functions of path distance, plus its
 * breakpoints); `flyWaypoints` walks the geodesic legs through the launch's waypoints at constant airspeed
 * (ground speed = airspeed · cos(path angle), no wind) and records the truth samples: every `sample_s` plus every leg
 * and profile break. Positions come from the direct geodesic problem (Karney), so the samples are exact on the
 * ellipsoid. Also here: the dispersed aimpoint (circular-normal, σ = CEP / 1.1774) and the leg construction.
 */
import { dcmEnuFromEcef } from '../geo/frames.js';
import { geodesicDirect, geodesicInverse } from '../geo/geodesic.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Rng } from '../math/rng.js';
import type { Geodetic, ThreatLaunch } from '../scenario/types.js';
import { CEP_PER_SIGMA } from './ballistic.js';
import type { Trajectory } from './index.js';
import { TrajectoryRecorder } from './trajectory.js';

/** One geodesic leg of the path. */
export interface Leg {
  readonly start: Geodetic;
  readonly azimuth_rad: number;
  /** Path distance at the start of the leg, m. */
  readonly s0_m: number;
  readonly length_m: number;
}

/** The geodesic legs through `points` and their total length (at least 1 m). */
export function geodesicLegs(points: readonly Geodetic[]): { legs: Leg[]; total_m: number } {
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
  return { legs, total_m: Math.max(total_m, 1) };
}

/** The random draws of one airbreathing flight, in the order they are taken from the stream. */
export interface FlightDraws {
  /** The in-flight failure trial came up (probability 1 − reliability). */
  readonly failed: boolean;
  /** Where along the pre-terminal path a failure happens, fraction in [0, 1). */
  readonly failureFraction: number;
  /** Dispersion of the aimpoint, east and north, m. */
  readonly dEast_m: number;
  readonly dNorth_m: number;
}

/** Draws exactly four numbers from `rng`: failure trial, failure point, two dispersion normals. */
export function drawFlight(reliability: number, cep_m: number, rng: Rng): FlightDraws {
  const failed = !rng.chance(reliability);
  const failureFraction = rng.uniform();
  const sigma_m = cep_m / CEP_PER_SIGMA;
  const dEast_m = sigma_m * rng.normal();
  const dNorth_m = sigma_m * rng.normal();
  return { failed, failureFraction, dEast_m, dNorth_m };
}

/** The aimpoint moved by the dispersion draw along its own geodesic (height kept). */
export function dispersedAim(aim: Geodetic, draws: FlightDraws): Geodetic {
  const shift = geodesicDirect(
    aim.lat_rad,
    aim.lon_rad,
    Math.atan2(draws.dEast_m, draws.dNorth_m),
    Math.hypot(draws.dEast_m, draws.dNorth_m),
  );
  return { lat_rad: shift.lat_rad, lon_rad: shift.lon_rad, h_m: aim.h_m };
}

/** Height and path angle along the path, and their breakpoints. */
export interface FlightProfile {
  /** Constant airspeed, m/s. */
  readonly speed_mps: number;
  /** Path distance where the flight ends (impact or crash), m. */
  readonly end_m: number;
  /** Ascending breakpoints, path distance m, from 0 to `end_m`; the path angle is constant between two of them. */
  readonly breaks: readonly number[];
  /** Ellipsoid height at path distance s, m. */
  heightAt(s_m: number): number;
  /** Path angle (positive up) of the segment holding s, rad; at and after `end_m`, the last segment's. */
  pathAngleAt(s_m: number): number;
}

/** Time to fly from path distance 0 to s, s. */
export function timeAt(p: FlightProfile, s_m: number): number {
  const b = p.breaks;
  let t_s = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const lo = b[i];
    const hi = Math.min(b[i + 1], s_m);
    if (hi <= lo) continue;
    t_s += (hi - lo) / (p.speed_mps * Math.cos(p.pathAngleAt(0.5 * (lo + hi))));
  }
  return t_s;
}

/** Path distance reached at time t (inverse of `timeAt`), m. */
export function distanceAt(p: FlightProfile, t_s: number): number {
  const b = p.breaks;
  let elapsed_s = 0;
  for (let i = 0; i + 1 < b.length; i++) {
    const lo = b[i];
    const hi = b[i + 1];
    if (hi <= lo) continue;
    const groundSpeed_mps = p.speed_mps * Math.cos(p.pathAngleAt(0.5 * (lo + hi)));
    const segment_s = (hi - lo) / groundSpeed_mps;
    if (t_s <= elapsed_s + segment_s) return lo + (t_s - elapsed_s) * groundSpeed_mps;
    elapsed_s += segment_s;
  }
  return p.end_m;
}

/** Scratch arrays of one model instance (so a fly allocates only the trajectory). */
export interface FlightScratch {
  readonly dcm: Float64Array;
  readonly pos: Float64Array;
  readonly vel: Float64Array;
}

/** Fresh scratch arrays. */
export function flightScratch(): FlightScratch {
  return { dcm: new Float64Array(9), pos: new Float64Array(3), vel: new Float64Array(3) };
}

/** Geodetic point at path distance s; writes ECEF position and velocity into scratch.pos / scratch.vel. */
function stateAt(p: FlightProfile, legs: readonly Leg[], s_m: number, scratch: FlightScratch): Geodetic {
  let k = 0;
  while (k + 1 < legs.length && s_m >= legs[k + 1].s0_m) k++;
  const leg = legs[k];
  const at = geodesicDirect(leg.start.lat_rad, leg.start.lon_rad, leg.azimuth_rad, s_m - leg.s0_m);
  const h_m = p.heightAt(s_m);
  geodeticToEcef(at.lat_rad, at.lon_rad, h_m, scratch.pos);
  // velocity: ground speed along the geodesic's local azimuth plus the climb/dive rate, ENU → ECEF
  const gamma_rad = p.pathAngleAt(s_m);
  const ground_mps = p.speed_mps * Math.cos(gamma_rad);
  const east = ground_mps * Math.sin(at.azimuth2_rad);
  const north = ground_mps * Math.cos(at.azimuth2_rad);
  const up = p.speed_mps * Math.sin(gamma_rad);
  const dcm = dcmEnuFromEcef(at.lat_rad, at.lon_rad, scratch.dcm);
  for (let i = 0; i < 3; i++) scratch.vel[i] = dcm[i] * east + dcm[3 + i] * north + dcm[6 + i] * up;
  return { lat_rad: at.lat_rad, lon_rad: at.lon_rad, h_m };
}

/**
 * Flies `profile` along `legs` from `launch.launchTime_s`, sampling every `sample_s` plus at every leg and profile
 * break, and records the trajectory with the given outcome.
 */
export function flyWaypoints(
  launch: ThreatLaunch,
  legs: readonly Leg[],
  profile: FlightProfile,
  outcome: 'impact' | 'failed',
  sample_s: number,
  scratch: FlightScratch,
): Trajectory {
  const duration_s = timeAt(profile, profile.end_m);
  const times: number[] = [];
  for (let t = 0; t < duration_s; t += sample_s) times.push(t);
  for (const s of profile.breaks) times.push(timeAt(profile, s));
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
    last = stateAt(profile, legs, s_m, scratch);
    apex_m = Math.max(apex_m, last.h_m);
    recorder.push(launch.launchTime_s + t_s, scratch.pos, scratch.vel);
  }
  return recorder.finish({
    launchTime_s: launch.launchTime_s,
    outcome,
    endPoint: last,
    apexAltitude_m: apex_m,
  });
}
