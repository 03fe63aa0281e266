/**
 * @module threats/cruise
 * Subsonic land-attack cruise missiles (Soumar/Hoveyzeh/Quds class), flown kinematically with the shared
 * `threats/cruiseFlight` machinery: constant airspeed along geodesic legs through the launch's waypoints to the
 * (dispersed) aimpoint. Height profile, piecewise linear in height above the local ground:
 * - climb-out at 10° from the launch point to `cruiseHeightAgl_m`;
 * - cruise at `cruiseHeightAgl_m` above the ground. Without a DEM the ground is the launch-to-aim ellipsoid height
 *   interpolated linearly along the path (as for drones); with the scenario's DEM it is the slope-limited terrain
 *   envelope of `threats/cruiseTerrain` (terrain following, ≤ 10° climb or dive);
 * - terminal `dive`: a straight 30° dive onto the aimpoint; `pop-up`: a 30° climb to 300 m above the ground, then a
 *   45° dive onto the aimpoint.
 * Climb-out and terminal phase each take at most a third of the path (shorter shots compress them). Path angles are
 * the geometric slopes of the segments (ground slope included), so the speed along the path is exactly `speed_mps`.
 * Dispersion: circular normal (σ = CEP / 1.1774). Failure (probability 1 − reliability): at a point drawn uniformly
 * before the terminal phase the missile dives at 30° into the ground, outcome `failed`. Angles and the pop-up height
 * are notional.
 */
import type { Terrain } from '../env/terrain.js';
import type { Rng } from '../math/rng.js';
import type { CruiseThreatType, ThreatLaunch } from '../scenario/types.js';
import {
  dispersedAim,
  drawFlight,
  type FlightProfile,
  type FlightScratch,
  flightScratch,
  flyWaypoints,
  geodesicLegs,
} from './cruiseFlight.js';
import { type GroundKnots, groundAt, knotIndex, terrainGroundKnots } from './cruiseTerrain.js';
import type { ThreatModel, Trajectory } from './index.js';

const DEG = Math.PI / 180;
/** Climb-out angle after launch (booster phase), rad (10°, notional). */
export const CRUISE_CLIMB_ANGLE_rad = 10 * DEG;
/** Terminal dive angle, and the dive angle of a failed missile, rad (30°, notional). */
export const CRUISE_DIVE_ANGLE_rad = 30 * DEG;
/** Pop-up climb angle, rad (30°, notional). */
export const CRUISE_POPUP_CLIMB_ANGLE_rad = 30 * DEG;
/** Apex of the pop-up above the ground, m (notional). */
export const CRUISE_POPUP_HEIGHT_m = 300;
/** Dive angle after the pop-up, rad (45°, notional). */
export const CRUISE_POPUP_DIVE_ANGLE_rad = 45 * DEG;
/** Sample spacing, s. */
export const CRUISE_SAMPLE_s = 1;

/** Knots of the height-above-ground profile: path distance (ascending) and height above the ground there, m. */
interface Knots {
  readonly s_m: number[];
  readonly agl_m: number[];
}

/** Height above the ground at path distance s, linear between knots, clamped at the ends, m. */
function aglAt(k: Knots, s_m: number): number {
  const n = k.s_m.length;
  if (s_m <= k.s_m[0]) return k.agl_m[0];
  for (let i = 0; i + 1 < n; i++) {
    const lo = k.s_m[i];
    const hi = k.s_m[i + 1];
    if (s_m < hi)
      return hi > lo ? k.agl_m[i] + ((k.agl_m[i + 1] - k.agl_m[i]) * (s_m - lo)) / (hi - lo) : k.agl_m[i];
  }
  return k.agl_m[n - 1];
}

/** The flight profile over the knots; the ground runs from `fromHeight_m` (s = 0) to `aimHeight_m` (s = total). */
function knotProfile(
  knots: Knots,
  total_m: number,
  fromHeight_m: number,
  aimHeight_m: number,
  speed_mps: number,
): FlightProfile {
  const ground = (s_m: number) => fromHeight_m + (aimHeight_m - fromHeight_m) * Math.min(1, s_m / total_m);
  const n = knots.s_m.length;
  const end_m = knots.s_m[n - 1];
  const heightAt = (s_m: number) => {
    const s = Math.min(Math.max(s_m, 0), end_m);
    return ground(s) + aglAt(knots, s);
  };
  const angles: number[] = [];
  for (let i = 0; i + 1 < n; i++) {
    const ds = knots.s_m[i + 1] - knots.s_m[i];
    angles.push(ds > 0 ? Math.atan2(heightAt(knots.s_m[i + 1]) - heightAt(knots.s_m[i]), ds) : 0);
  }
  return {
    speed_mps,
    end_m,
    breaks: knots.s_m,
    heightAt,
    pathAngleAt: (s_m) => {
      let i = 0;
      while (i + 2 < n && s_m >= knots.s_m[i + 1]) i++;
      return angles[i];
    },
  };
}

/**
 * The flight profile over the knots above a terrain-following ground reference (`threats/cruiseTerrain`): the
 * breaks are the union of the height-profile knots and the ground knots, so height is linear and the path angle
 * constant between two breaks.
 */
function terrainKnotProfile(knots: Knots, ground: GroundKnots, speed_mps: number): FlightProfile {
  const n = knots.s_m.length;
  const end_m = knots.s_m[n - 1];
  const breaks = [...new Set([...knots.s_m, ...ground.s_m.filter((s) => s > 0 && s < end_m)])].sort(
    (a, b) => a - b,
  );
  const heightAt = (s_m: number) => {
    const s = Math.min(Math.max(s_m, 0), end_m);
    return groundAt(ground, s) + aglAt(knots, s);
  };
  const angles: number[] = [];
  for (let i = 0; i + 1 < breaks.length; i++) {
    const ds = breaks[i + 1] - breaks[i];
    angles.push(ds > 0 ? Math.atan2(heightAt(breaks[i + 1]) - heightAt(breaks[i]), ds) : 0);
  }
  return {
    speed_mps,
    end_m,
    breaks,
    heightAt,
    pathAngleAt: (s_m) => angles[Math.min(knotIndex(breaks, s_m), angles.length - 1)],
  };
}

/**
 * `ThreatModel` for `kind: 'cruise'`. Stateless apart from scratch arrays; one per scenario. With a terrain the
 * cruise height is held above the slope-limited DEM ground reference (`threats/cruiseTerrain`) instead of the
 * launch-to-aim interpolation.
 */
export class CruiseThreatModel implements ThreatModel<CruiseThreatType> {
  private readonly scratch: FlightScratch = flightScratch();

  /** @param terrain the scenario's DEM (absent: smooth Earth, the launch-to-aim ground) */
  constructor(private readonly terrain?: Terrain) {}

  /**
   * Flies one cruise missile. Draws exactly four numbers from `rng` (failure trial, failure point, two dispersion
   * normals), like the drone model.
   */
  fly(launch: ThreatLaunch, type: CruiseThreatType, rng: Rng): Trajectory {
    const draws = drawFlight(type.reliability, type.cep_m, rng);
    const aim = dispersedAim(launch.aim, draws);
    const { legs, total_m } = geodesicLegs([launch.from, ...launch.waypoints, aim]);
    const h_m = type.cruiseHeightAgl_m;
    const climb_m = Math.min(total_m / 3, h_m / Math.tan(CRUISE_CLIMB_ANGLE_rad));
    // terminal phase, relative to its start: pop-up climb (if any) then the dive, compressed into a third at most
    const popUp = type.terminal === 'pop-up' && CRUISE_POPUP_HEIGHT_m > h_m;
    const popClimb_m = popUp ? (CRUISE_POPUP_HEIGHT_m - h_m) / Math.tan(CRUISE_POPUP_CLIMB_ANGLE_rad) : 0;
    const dive_m = popUp
      ? CRUISE_POPUP_HEIGHT_m / Math.tan(CRUISE_POPUP_DIVE_ANGLE_rad)
      : h_m / Math.tan(CRUISE_DIVE_ANGLE_rad);
    const squeeze = Math.min(1, total_m / 3 / (popClimb_m + dive_m));
    const terminalStart_m = total_m - squeeze * (popClimb_m + dive_m);
    const knots: Knots = { s_m: [0, climb_m, terminalStart_m], agl_m: [0, h_m, h_m] };
    if (popUp) {
      knots.s_m.push(terminalStart_m + squeeze * popClimb_m);
      knots.agl_m.push(CRUISE_POPUP_HEIGHT_m);
    }
    knots.s_m.push(total_m);
    knots.agl_m.push(0);
    let flown = knots;
    if (draws.failed) {
      // crash: from the failure point, a 30° dive to the ground
      const sFail_m = draws.failureFraction * terminalStart_m;
      const above_m = aglAt(knots, sFail_m);
      flown = { s_m: [], agl_m: [] };
      for (let i = 0; i < knots.s_m.length && knots.s_m[i] < sFail_m; i++) {
        flown.s_m.push(knots.s_m[i]);
        flown.agl_m.push(knots.agl_m[i]);
      }
      flown.s_m.push(sFail_m, Math.min(total_m, sFail_m + above_m / Math.tan(CRUISE_DIVE_ANGLE_rad)));
      flown.agl_m.push(above_m, 0);
    }
    const profile =
      this.terrain === undefined
        ? knotProfile(flown, total_m, launch.from.h_m, aim.h_m, type.speed_mps)
        : terrainKnotProfile(
            flown,
            terrainGroundKnots(
              this.terrain,
              legs,
              total_m,
              (s_m) => launch.from.h_m + (aim.h_m - launch.from.h_m) * Math.min(1, s_m / total_m),
            ),
            type.speed_mps,
          );
    return flyWaypoints(
      launch,
      legs,
      profile,
      draws.failed ? 'failed' : 'impact',
      CRUISE_SAMPLE_s,
      this.scratch,
    );
  }
}
