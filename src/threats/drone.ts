/**
 * @module threats/drone
 * One-way attack drones (Shahed class), flown kinematically: constant airspeed along geodesic legs through the
 * launch's waypoints to the (dispersed) aimpoint. Height profile: a climb at 10° to `cruiseAltitude_m` above the
 * terrain proxy (the launch-to-aim ellipsoid height interpolated linearly along the path), cruise, then a straight
 * terminal dive at `diveAngle_rad` that ends on the aimpoint. Ground speed is airspeed · cos(path angle) (no wind).
 * The geodesic legs, sampling (every 2 s plus every leg and profile break) and aim dispersion are the shared
 * `threats/cruiseFlight` machinery (also used by cruise missiles). Dispersion: the dive ends at the aimpoint moved by a
 * circular-normal draw (σ = CEP / 1.1774). Failure (probability 1 − reliability): at a point drawn uniformly along
 * the path the drone pitches into a dive at `diveAngle_rad` and crashes, outcome `failed`.
 */
import type { Rng } from '../math/rng.js';
import type { DroneThreatType, Geodetic, ThreatLaunch } from '../scenario/types.js';
import {
  dispersedAim,
  drawFlight,
  type FlightProfile,
  type FlightScratch,
  flightScratch,
  flyWaypoints,
  geodesicLegs,
} from './cruiseFlight.js';
import type { ThreatModel, Trajectory } from './index.js';

/** Climb angle after launch, rad (10°). */
export const DRONE_CLIMB_ANGLE_rad = (10 * Math.PI) / 180;
/** Sample spacing, s. */
export const DRONE_SAMPLE_s = 2;

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

/** The shared-flight view of a drone profile (same functions, so the samples are unchanged). */
function flightProfile(p: Profile): FlightProfile {
  return {
    speed_mps: p.speed_mps,
    end_m: p.end_m,
    breaks: breaks(p),
    heightAt: (s_m) => heightAt(p, s_m),
    pathAngleAt: (s_m) => pathAngleAt(p, s_m),
  };
}

/** `ThreatModel` for `kind: 'drone'`. Stateless apart from scratch arrays; one per scenario. */
export class DroneThreatModel implements ThreatModel<DroneThreatType> {
  private readonly scratch: FlightScratch = flightScratch();

  /**
   * Flies one drone. Draws exactly four numbers from `rng` (failure trial, failure point, two dispersion normals).
   */
  fly(launch: ThreatLaunch, type: DroneThreatType, rng: Rng): Trajectory {
    const draws = drawFlight(type.reliability, type.cep_m, rng);
    const aim: Geodetic = dispersedAim(launch.aim, draws);
    // geodesic legs through the waypoints
    const { legs, total_m } = geodesicLegs([launch.from, ...launch.waypoints, aim]);
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
    if (draws.failed) {
      // crash: dive from the failure point at the dive angle until the terrain proxy
      const sFail_m = draws.failureFraction * nominal.diveStart_m;
      const above_m = cruiseHeightAt(nominal, sFail_m) - groundAt(nominal, sFail_m);
      const end_m = Math.min(total_m, sFail_m + above_m / Math.tan(type.diveAngle_rad));
      profile = { ...nominal, diveStart_m: sFail_m, end_m };
    }
    return flyWaypoints(
      launch,
      legs,
      flightProfile(profile),
      draws.failed ? 'failed' : 'impact',
      DRONE_SAMPLE_s,
      this.scratch,
    );
  }
}
