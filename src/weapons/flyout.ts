/**
 * @module weapons/flyout
 * Kinematic flyout table and predicted-intercept-point (PIP) solver for the C2. The table is built once per
 * interceptor type by flying unguided shots of the full airframe model (`airframe`: thrust, drag, J2 gravity,
 * rotating frame) from a reference site at a fan of launch elevations, recording each shot's (ground range, height
 * above the site, time). A point (R, h) is reached by the pair of neighbouring shots whose heights at range R
 * bracket h; its time of flight is interpolated linearly in height between them and the smallest over all brackets
 * is kept. The shots fly on below the ground and past the flight-time limit (`BELOW_GROUND_m`, `SHOT_OVERRUN`), so
 * that a pair whose lower shot has come down still brackets the nodes down to the ground row: a shot stopped there
 * left the descending branch's low nodes empty (issue 12: PAC-3 MSE class, 35 km and 0.5 km up, "unreachable" while
 * the engine's round got there in 61 s). These times are stored on a regular (R, h) grid and read back by bilinear
 * interpolation, so a query costs a few flops. The table is the one reach rule: fire control (`predictInterceptPoint`,
 * `weapons/fireControl`) and the run checker (INTERCEPT_UNREACHABLE) both read it. Against the engine's guided round
 * (flown with the PIP solver's flight-time hint, test/lowFlierBeyondFlyoutReach.test.ts) it agrees within
 * ≈ 0.2 s over most of the envelope; guided flight turns and so arrives a little later than the table says (PN
 * absorbs the difference), except at the far low corner (≥ 36 km, below 1 km for the PAC-3 MSE class), where the
 * lofted guided round, steering down with lift, arrives up to ≈ 2.1–2.7 s (3–4 %) sooner than the fastest unguided shot
 * (fire control is then conservative there, never beyond reach).
 * The PIP solver scans the threat's predicted path for the first time at which the interceptor, launched no earlier
 * than now + reaction, can be at the threat's position, inside the envelope.
 */
import { geodeticToEcef } from '../geo/wgs84.js';
import { hypot3 } from '../math/hypot.js';
import type { Geodetic, InterceptorType } from '../scenario/types.js';
import { createAirframe, stepAirframe } from './airframe.js';
import { aimedFlight } from './flyoutAimed.js';
import {
  directionEcef,
  groundRangeFrom_m,
  heightAboveSite_m,
  type SiteFrame,
  siteFrame,
} from './geometry.js';

/** Time of flight to points around a launcher, from the type's kinematics. */
export interface FlyoutTable {
  /** Interceptor type id the table was built for. */
  readonly interceptorId: string;
  /** Grid extent: ground range 0 … maxGroundRange_m, height above the site 0 … maxHeight_m (the envelope). */
  readonly maxGroundRange_m: number;
  readonly maxHeight_m: number;
  /** Grid spacing, m. */
  readonly gridStep_m: number;
  /**
   * Time of flight from launch to a point at `groundRange_m` from the launcher and `height_m` above it, s;
   * `Infinity` when the point is beyond the kinematic reach, beyond `maxFlightTime_s`, or outside the range/ceiling
   * envelope (`maxInterceptRange_m`, `maxInterceptAltitude_m`). The minimum altitude is *not* applied here.
   */
  timeToPoint(groundRange_m: number, height_m: number): number;
  /** Launch elevation of the (interpolated) unguided shot through that point, rad; NaN when unreachable. */
  launchElevationTo(groundRange_m: number, height_m: number): number;
}

/** Build settings of a flyout table (plain data; see `defaultFlyoutOptions`). */
export interface FlyoutOptions {
  /** Lowest and highest launch elevation of the shot fan, rad. */
  readonly minElevation_rad: number;
  readonly maxElevation_rad: number;
  /** Number of shots in the fan. */
  readonly shots: number;
  /** Integration step of the shots, s. */
  readonly step_s: number;
  /** Grid spacing in ground range and height, m. */
  readonly gridStep_m: number;
  /**
   * Top of the low band, m above the site: grid nodes at or below it that no pair of unguided shots brackets get
   * the time of the nominal guided flight aimed at the node (`flyoutAimed`); 0 keeps only the ground row, a negative
   * value turns the low band off (unguided shots only: nothing below the first row is reachable).
   */
  readonly lowBandTop_m: number;
}

/** Default fan: 44 shots from 3° to 89°, 0.05 s steps, 250 m grid, guided low band up to 1 km. */
export function defaultFlyoutOptions(): FlyoutOptions {
  return {
    minElevation_rad: (3 * Math.PI) / 180,
    maxElevation_rad: (89 * Math.PI) / 180,
    shots: 44,
    step_s: 0.05,
    gridStep_m: 250,
    lowBandTop_m: 1000,
  };
}

/** Reference site of the shots (mid-latitude, sea level); shots fly north-east. Latitude effects are negligible. */
const REFERENCE_SITE: Geodetic = { lat_rad: (30 * Math.PI) / 180, lon_rad: (45 * Math.PI) / 180, h_m: 0 };
const REFERENCE_AZIMUTH_rad = Math.PI / 4;
/** Speed leaving the launcher for the table shots, m/s (matches `defaultFlightOptions`). */
const LAUNCHER_EXIT_SPEED_mps = 30;
/** Launch height above the site for the table shots, m (matches `defaultFlightOptions`). */
const LAUNCH_HEIGHT_m = 4;

/** Shots are flown up to this multiple of the envelope's range and ceiling. */
const SHOT_OVERRUN = 1.3;
/**
 * Depth below the site a shot keeps flying after it comes down, m. A shot stopped at the ground has no height at the
 * ranges beyond its landing point, so the pair (landed shot, next higher shot) brackets nothing there, and the nodes
 * between the ground and the higher shot's descending branch were left unreachable even though the shots launched
 * between the two pass through them (the landing point moves continuously with elevation). Flying on below the
 * ground (the atmosphere clamps at its floor, the extra metres are never a reachable point) keeps the pair
 * bracketing down to the ground row: at 2° between neighbouring shots, their landing points lie at most a few
 * kilometres apart, which a descent of 20°–60° covers within this depth. Only a shot that has come down from its
 * apex goes on: one that has not climbed to `DESCENT_APEX_m` (a grazing launch falling back off the rail within a few
 * hundred metres) stops at the ground as before, since its flight under the ground would be a boost, not a descent.
 */
const BELOW_GROUND_m = 5000;
/** Apex a shot must have reached to fly on below the ground, m above the site (the grid's first row, 250 m). */
const DESCENT_APEX_m = 250;

/** One unguided shot: samples with strictly increasing ground range. */
interface Shot {
  readonly elevation_rad: number;
  readonly range_m: Float64Array;
  readonly height_m: Float64Array;
  readonly time_s: Float64Array;
  readonly count: number;
}

/**
 * Builds the flyout table of an interceptor type (≈ 0.1–0.3 s of CPU; do it once per type and share it).
 * Frames: ground range along the surface and height above the launcher's ellipsoid height, m.
 * @example
 * ```ts
 * import { buildFlyoutTable, geodeticToEcef, loadScenario, predictInterceptPoint, type SamBattery } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const battery = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery')!;
 * const interceptor = battery.launchers[0].interceptor;
 * const table = buildFlyoutTable(interceptor);
 * const site_ecef = geodeticToEcef(battery.position.lat_rad, battery.position.lon_rad, battery.position.h_m);
 * // a threat 38 km north at 15 km, flying straight at the battery, 60 s out (constant velocity here)
 * const pos0 = geodeticToEcef(battery.position.lat_rad + 0.006, battery.position.lon_rad, 15_000);
 * const vel = site_ecef.map((s, i) => (s - pos0[i]) / 60);
 * const threatStateAt = (t_s: number) => ({ pos: pos0.map((p, i) => p + vel[i] * t_s), vel });
 * const ipp = predictInterceptPoint(table, interceptor, site_ecef, battery.position, threatStateAt, 0, 5);
 * if (ipp.ok) console.log(ipp.interceptTime_s, ipp.point_ecef);
 * ```
 */
export function buildFlyoutTable(type: InterceptorType, options: Partial<FlyoutOptions> = {}): FlyoutTable {
  const opt: FlyoutOptions = { ...defaultFlyoutOptions(), ...options };
  const maxR = type.maxInterceptRange_m;
  const maxH = type.maxInterceptAltitude_m;
  const shots: Shot[] = [];
  for (let i = 0; i < opt.shots; i++) {
    const f = opt.shots > 1 ? i / (opt.shots - 1) : 0;
    const elevation_rad = opt.minElevation_rad + f * (opt.maxElevation_rad - opt.minElevation_rad);
    // shots run past the grid so that neighbouring shots still bracket points near its edges
    shots.push(flyShot(type, elevation_rad, opt.step_s, SHOT_OVERRUN * maxR, SHOT_OVERRUN * maxH));
  }
  const step = opt.gridStep_m;
  const nR = Math.floor(maxR / step) + 1;
  const nH = Math.floor(maxH / step) + 1;
  const times = new Float64Array(nR * nH).fill(Number.POSITIVE_INFINITY);
  const elevations = new Float64Array(nR * nH).fill(Number.NaN);
  const shotHeight = new Float64Array(shots.length);
  const shotTime = new Float64Array(shots.length);
  for (let iR = 0; iR < nR; iR++) {
    const range_m = iR * step;
    // each shot's height and time at this range (NaN when it never gets there)
    for (let s = 0; s < shots.length; s++) interpolateAtRange(shots[s], range_m, s, shotHeight, shotTime);
    for (let iH = 0; iH < nH; iH++) {
      const height_m = iH * step;
      let best = Number.POSITIVE_INFINITY;
      let bestElevation = Number.NaN;
      for (let s = 0; s + 1 < shots.length; s++) {
        const h0 = shotHeight[s];
        const h1 = shotHeight[s + 1];
        if (Number.isNaN(h0) || Number.isNaN(h1)) continue;
        if (height_m < Math.min(h0, h1) || height_m > Math.max(h0, h1)) continue;
        const w = h1 === h0 ? 0 : (height_m - h0) / (h1 - h0);
        const t = shotTime[s] + w * (shotTime[s + 1] - shotTime[s]);
        if (t < best) {
          best = t;
          bestElevation = shots[s].elevation_rad + w * (shots[s + 1].elevation_rad - shots[s].elevation_rad);
        }
      }
      if (best <= type.maxFlightTime_s) {
        times[iR * nH + iH] = best;
        elevations[iR * nH + iH] = bestElevation;
      }
    }
  }
  fillLowBand(type, opt, nR, nH, times, elevations);
  const lookup = (grid: Float64Array, groundRange_m: number, height_m: number, outside: number): number => {
    if (!(groundRange_m >= 0 && groundRange_m <= maxR && height_m >= 0 && height_m <= maxH)) return outside;
    const x = groundRange_m / step;
    const z = height_m / step;
    const i0 = Math.min(Math.floor(x), nR - 1);
    const k0 = Math.min(Math.floor(z), nH - 1);
    const i1 = Math.min(i0 + 1, nR - 1);
    const k1 = Math.min(k0 + 1, nH - 1);
    const fx = x - i0;
    const fz = z - k0;
    const a = grid[i0 * nH + k0];
    const b = grid[i1 * nH + k0];
    const c = grid[i0 * nH + k1];
    const d = grid[i1 * nH + k1];
    // an unreachable corner makes the whole cell unreachable (conservative by at most one cell)
    if (!Number.isFinite(a) || !Number.isFinite(b) || !Number.isFinite(c) || !Number.isFinite(d))
      return outside;
    return (1 - fz) * ((1 - fx) * a + fx * b) + fz * ((1 - fx) * c + fx * d);
  };
  return {
    interceptorId: type.id,
    maxGroundRange_m: maxR,
    maxHeight_m: maxH,
    gridStep_m: step,
    timeToPoint: (groundRange_m, height_m) =>
      lookup(times, groundRange_m, height_m, Number.POSITIVE_INFINITY),
    launchElevationTo: (groundRange_m, height_m) => lookup(elevations, groundRange_m, height_m, Number.NaN),
  };
}

/**
 * Completes the low band (rows at or below `lowBandTop_m`, the ground row always) where the unguided fan leaves a
 * node unbracketed, with the nominal guided flight aimed at the node. Nodes the fan brackets keep their value. Along
 * a row, once a flight has failed beyond a reached node, the farther holes of that row stay unreachable (reach only
 * shrinks with range) and are not flown. Column 0 (the launcher's vertical) is left as it is.
 */
function fillLowBand(
  type: InterceptorType,
  opt: FlyoutOptions,
  nR: number,
  nH: number,
  times: Float64Array,
  elevations: Float64Array,
): void {
  const step = opt.gridStep_m;
  const rows = opt.lowBandTop_m < 0 ? 0 : Math.min(nH, Math.floor(opt.lowBandTop_m / step) + 1);
  for (let iH = 0; iH < rows; iH++) {
    let reached = false;
    let beyond = false;
    for (let iR = 1; iR < nR; iR++) {
      const k = iR * nH + iH;
      if (Number.isFinite(times[k])) {
        reached = true;
        continue;
      }
      if (beyond) continue;
      const flight = aimedFlight(
        type,
        REFERENCE_SITE,
        REFERENCE_AZIMUTH_rad,
        iR * step,
        iH * step,
        opt.step_s,
      );
      if (Number.isFinite(flight.time_s)) {
        times[k] = flight.time_s;
        elevations[k] = flight.launchElevation_rad;
        reached = true;
      } else if (reached) {
        beyond = true;
      }
    }
  }
}

/**
 * Flies one unguided shot from the reference site until it leaves the grid, lands (or, once past an apex of
 * `DESCENT_APEX_m`, is `BELOW_GROUND_m` under the site) or has flown `SHOT_OVERRUN` × the type's flight time.
 */
function flyShot(
  type: InterceptorType,
  elevation_rad: number,
  step_s: number,
  rangeLimit_m: number,
  heightLimit_m: number,
): Shot {
  const site = siteFrame(geodeticToEcef(REFERENCE_SITE.lat_rad, REFERENCE_SITE.lon_rad, REFERENCE_SITE.h_m));
  const airframe = createAirframe(type, { gravity: true, drag: true });
  const y = airframe.state;
  launchAlong(site, elevation_rad, y);
  // shots fly past the flight-time limit too, for the same reason as below the ground: a shot that stopped at the
  // limit no longer brackets with its neighbour, whose nodes are still reached in time by the shots between them
  // (times over the limit are refused when the grid is filled)
  const flightLimit_s = SHOT_OVERRUN * type.maxFlightTime_s;
  const capacity = Math.ceil(flightLimit_s / step_s) + 2;
  const range_m = new Float64Array(capacity);
  const height_m = new Float64Array(capacity);
  const time_s = new Float64Array(capacity);
  const pos = new Float64Array(3);
  let count = 0;
  let t_s = 0;
  let lastRange_m = -1;
  let apex_m = Number.NEGATIVE_INFINITY;
  while (t_s <= flightLimit_s && count < capacity) {
    pos[0] = y[0];
    pos[1] = y[1];
    pos[2] = y[2];
    const r = groundRangeFrom_m(site, pos);
    const h = heightAboveSite_m(site, pos);
    apex_m = Math.max(apex_m, h);
    if (t_s > 0 && h < (apex_m >= DESCENT_APEX_m ? -BELOW_GROUND_m : 0)) break;
    if (r > lastRange_m) {
      range_m[count] = r;
      height_m[count] = h;
      time_s[count] = t_s;
      count++;
      lastRange_m = r;
    }
    if (r > rangeLimit_m || h > heightLimit_m) break;
    stepAirframe(airframe, t_s, step_s);
    t_s += step_s;
  }
  return { elevation_rad, range_m, height_m, time_s, count };
}

/** Initial state of a table shot: launcher exit speed along (REFERENCE_AZIMUTH, elevation), 4 m above the site. */
function launchAlong(site: SiteFrame, elevation_rad: number, y: Float64Array): void {
  const { lat_rad, lon_rad } = REFERENCE_SITE;
  const dir = directionEcef(lat_rad, lon_rad, REFERENCE_AZIMUTH_rad, elevation_rad, new Float64Array(3));
  const up = directionEcef(lat_rad, lon_rad, 0, Math.PI / 2, new Float64Array(3));
  for (let k = 0; k < 3; k++) {
    y[k] = site.pos_ecef[k] + LAUNCH_HEIGHT_m * up[k];
    y[3 + k] = LAUNCHER_EXIT_SPEED_mps * dir[k];
  }
}

/** Height and time of `shot` where its ground range equals `range_m` (NaN when outside its samples). */
function interpolateAtRange(
  shot: Shot,
  range_m: number,
  index: number,
  heights: Float64Array,
  times: Float64Array,
): void {
  const n = shot.count;
  if (n < 2 || range_m < shot.range_m[0] || range_m > shot.range_m[n - 1]) {
    heights[index] = Number.NaN;
    times[index] = Number.NaN;
    return;
  }
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (shot.range_m[mid] <= range_m) lo = mid;
    else hi = mid;
  }
  const w = (range_m - shot.range_m[lo]) / (shot.range_m[hi] - shot.range_m[lo]);
  heights[index] = shot.height_m[lo] + w * (shot.height_m[hi] - shot.height_m[lo]);
  times[index] = shot.time_s[lo] + w * (shot.time_s[hi] - shot.time_s[lo]);
}

/** Predicted threat state returned by the C2's track (ECEF, m and m/s). */
export interface PredictedState {
  readonly pos: Readonly<Float64Array>;
  readonly vel: Readonly<Float64Array>;
}

/** A feasible predicted intercept point. Times are scenario times, s. */
export interface InterceptSolution {
  readonly ok: true;
  /** Time the interceptor meets the threat, s. */
  readonly interceptTime_s: number;
  /** Predicted threat position then, ECEF m (the aim point for `flyInterceptor`). */
  readonly point_ecef: Float64Array;
  /** Height of the point above the launcher (ellipsoid height difference), m. */
  readonly altitude_m: number;
  /** Ground range from the launcher, m. */
  readonly groundRange_m: number;
  /** Table time of flight to the point, s. */
  readonly flightTime_s: number;
  /**
   * Launch time that arrives exactly at `interceptTime_s` (= interceptTime_s − flightTime_s ≥ now + reaction), s.
   * Larger than now + reaction only when the threat enters the envelope later than the interceptor could get there.
   */
  readonly launchTime_s: number;
}

/** Why no intercept point exists. */
export interface InterceptRefusal {
  readonly ok: false;
  /**
   * `too-far` / `too-high` / `too-low`: every predicted point failed that one envelope limit; `out-of-envelope`: the
   * points failed a mix of limits; `no-solution`: some points are inside the envelope, but never in time.
   */
  readonly reason: 'out-of-envelope' | 'too-low' | 'too-high' | 'too-far' | 'no-solution';
}

/**
 * Extra acceptance test of an in-envelope, in-time point (the fire-control geometry of `weapons/fireControl`): null
 * accepts, a code refuses. Called with the predicted state at `t_s` (scratch: copy what you keep before calling
 * `threatStateAt` again) and the point's ground range, height above the launcher and table time of flight.
 */
export type PointCheck<R extends string> = (
  t_s: number,
  state: PredictedState,
  groundRange_m: number,
  height_m: number,
  flightTime_s: number,
) => R | null;

/** Spacing of the scan along the predicted path, s. */
const PIP_SCAN_STEP_s = 0.5;
/** Longest look-ahead of the scan, s (a prediction that never ends, e.g. a constant-velocity drone track). */
const PIP_HORIZON_s = 900;
/**
 * Bisection iterations refining the first feasible time: 0.5 s / 2¹⁶ ≈ 8 µs, i.e. ≤ 3 cm of threat travel at 3 km/s —
 * far below the guidance noise (metres); 30 iterations (1 ns) cost 14 more path reads per solve for nothing.
 */
const PIP_BISECTIONS = 16;

/** Envelope classification of one predicted point. */
type EnvelopeFit = 'feasible' | 'late' | 'too-far' | 'too-high' | 'too-low' | 'gone';

/**
 * Predicted intercept point: the earliest time t ≥ now + reaction at which the threat's predicted position is in the
 * envelope (height above the launcher in [minInterceptAltitude_m, maxInterceptAltitude_m], ground range ≤
 * maxInterceptRange_m) and the table time of flight fits, t − (now + reaction) ≥ T(R, h). Scans the prediction every
 * 0.5 s up to 900 s ahead (or until it returns null), then bisects to ~8 µs.
 * @param _siteGeodetic the launcher's geodetic position (unused: the frame is derived from `site_ecef`; kept so the
 *   call mirrors `planGunEngagement`)
 * @param threatStateAt predicted threat state at a scenario time (the C2 track's prediction, not truth), or null
 *   once the prediction ends (impact)
 * @param minAltitude_m lowest intercept height above the launcher, m (default the type's `minInterceptAltitude_m`;
 *   the C2 passes `minInterceptAltitudeFor` so air-breathing targets get their own, lower floor)
 * @example
 * ```ts
 * import { buildFlyoutTable, geodeticToEcef, loadScenario, predictInterceptPoint, type SamBattery } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const battery = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery')!;
 * const interceptor = battery.launchers[0].interceptor;
 * const table = buildFlyoutTable(interceptor);
 * const site_ecef = geodeticToEcef(battery.position.lat_rad, battery.position.lon_rad, battery.position.h_m);
 * // a threat 38 km north at 15 km, flying straight at the battery, 60 s out (constant velocity here)
 * const pos0 = geodeticToEcef(battery.position.lat_rad + 0.006, battery.position.lon_rad, 15_000);
 * const vel = site_ecef.map((s, i) => (s - pos0[i]) / 60);
 * const threatStateAt = (t_s: number) => ({ pos: pos0.map((p, i) => p + vel[i] * t_s), vel });
 * const ipp = predictInterceptPoint(table, interceptor, site_ecef, battery.position, threatStateAt, 0, 5);
 * if (ipp.ok) console.log(ipp.interceptTime_s, ipp.point_ecef);
 * ```
 */
export function predictInterceptPoint(
  table: FlyoutTable,
  type: InterceptorType,
  site_ecef: Readonly<Float64Array>,
  _siteGeodetic: Geodetic,
  threatStateAt: (t_s: number) => PredictedState | null,
  now_s: number,
  reaction_s: number,
  minAltitude_m: number = type.minInterceptAltitude_m,
): InterceptSolution | InterceptRefusal {
  const found = scanInterceptPoint<never>(
    table,
    type,
    site_ecef,
    threatStateAt,
    now_s,
    reaction_s,
    minAltitude_m,
    null,
  );
  return found;
}

/**
 * The scan of `predictInterceptPoint` with an optional extra acceptance test (`check`, applied to points that are in
 * the envelope and in time). A point the check refuses is infeasible; when no point is feasible and some in-time
 * envelope point was refused by the check, the refusal is the check's code for the earliest such point (the
 * geometry, not the envelope or the clock, is then what stops the engagement). `exhaustive` classifies every grid
 * sample (the reference the skip is tested against, flyout.test.ts); by default the scan steps over samples that
 * provably repeat the previous answer (`sameFitFor_s`), with the same result bit for bit.
 */
export function scanInterceptPoint<R extends string>(
  table: FlyoutTable,
  type: InterceptorType,
  site_ecef: Readonly<Float64Array>,
  threatStateAt: (t_s: number) => PredictedState | null,
  now_s: number,
  reaction_s: number,
  minAltitude_m: number,
  check: PointCheck<R> | null,
  exhaustive = false,
): InterceptSolution | { readonly ok: false; readonly reason: InterceptRefusal['reason'] | R } {
  const site = siteFrame(site_ecef);
  const earliestLaunch_s = now_s + reaction_s;
  let refusedBy: R | null = null;
  // the last point classified (the scan skips ahead from a 'too-far' or 'too-low' one)
  const last = { range_m: 0, height_m: 0, state: null as PredictedState | null };
  const classify = (t_s: number): EnvelopeFit | 'refused' => {
    const state = threatStateAt(t_s);
    if (state === null) return 'gone';
    const range_m = groundRangeFrom_m(site, state.pos);
    last.state = state;
    last.range_m = range_m;
    if (range_m > type.maxInterceptRange_m) return 'too-far';
    const height_m = heightAboveSite_m(site, state.pos);
    last.height_m = height_m;
    if (height_m > type.maxInterceptAltitude_m) return 'too-high';
    if (height_m < minAltitude_m) return 'too-low';
    const flightTime_s = table.timeToPoint(range_m, height_m);
    if (!(t_s - earliestLaunch_s >= flightTime_s)) return 'late';
    if (check === null) return 'feasible';
    const refusal = check(t_s, state, range_m, height_m, flightTime_s);
    if (refusal === null) return 'feasible';
    refusedBy ??= refusal;
    return 'refused';
  };
  const seen = new Set<EnvelopeFit | 'refused'>();
  let previous_s = earliestLaunch_s;
  for (let t_s = earliestLaunch_s; t_s <= earliestLaunch_s + PIP_HORIZON_s; t_s += PIP_SCAN_STEP_s) {
    const fit = classify(t_s);
    if (fit === 'gone') break;
    if (fit === 'feasible') {
      // bisect between the last infeasible sample and this one
      let lo = previous_s;
      let hi = t_s;
      for (let i = 0; i < PIP_BISECTIONS; i++) {
        const mid = 0.5 * (lo + hi);
        if (classify(mid) === 'feasible') hi = mid;
        else lo = mid;
      }
      return solutionAt(table, site, threatStateAt, hi);
    }
    seen.add(fit);
    if (!exhaustive && (fit === 'too-far' || fit === 'too-low')) {
      // the samples before the path can change that answer give it too: step over them on the same grid (repeated
      // addition, so every later sample time has the same bits as without the skip)
      const limit_s = t_s + sameFitFor_s(fit, last.state as PredictedState, last, type, minAltitude_m);
      while (t_s + PIP_SCAN_STEP_s < limit_s) t_s += PIP_SCAN_STEP_s;
    }
    previous_s = t_s;
  }
  if (refusedBy !== null) return { ok: false, reason: refusedBy };
  if (seen.has('late')) return { ok: false, reason: 'no-solution' };
  if (seen.size === 1 && seen.has('too-far')) return { ok: false, reason: 'too-far' };
  if (seen.size === 1 && seen.has('too-high')) return { ok: false, reason: 'too-high' };
  if (seen.size === 1 && seen.has('too-low')) return { ok: false, reason: 'too-low' };
  return { ok: false, reason: 'out-of-envelope' };
}

/** Bound on the predicted path's acceleration, m/s²: gravity with a margin (an unpowered or constant-velocity path). */
const PATH_ACCEL_BOUND_mps2 = 12;
/**
 * Bound on the ground-range change per metre flown: the sub-point's arc on the site's ground sphere, for a point down
 * to ~300 km below that sphere's radius (ellipsoid and terrain differences are far smaller).
 */
const GROUND_ARC_PER_PATH_m = 1.05;

/** Bound on the change of the approximate ellipsoid height per metre flown level (the ellipsoid radius varies with latitude). */
const HEIGHT_PER_LEVEL_PATH_m = 0.004;
/** Smallest geocentric radius a predicted point can have, m (the Earth's polar radius less 100 km). */
const MIN_RADIUS_m = 6_256_000;

/**
 * How long the predicted path keeps the envelope answer `fit` it has at `last`, at least, s — every scan sample
 * earlier than that gives the same answer, so the intercept-point scan steps over them without changing its result
 * (a drone 200 km out, or a track predicted to descend below the floor, is otherwise classified at up to 1,800
 * samples per solve; bench/README.md, "Scale"). Bounds, for an unpowered or constant-velocity path with speed
 * v(t) ≤ v₀ + a·t: distance flown s(t) = v₀t + at²/2; ground range changes by ≤ 1.05·s(t); height rises by at most
 * the radial speed's share plus the curvature and ellipsoid terms (see `heightRiseBound_m`).
 */
function sameFitFor_s(
  fit: 'too-far' | 'too-low',
  state: PredictedState,
  last: { readonly range_m: number; readonly height_m: number },
  type: InterceptorType,
  minAltitude_m: number,
): number {
  const v = state.vel;
  const speed_mps = hypot3(v[0], v[1], v[2]);
  const rangeGap_m = Math.abs(last.range_m - type.maxInterceptRange_m);
  const inRange_s = timeToFly_s(rangeGap_m / GROUND_ARC_PER_PATH_m, speed_mps);
  if (fit === 'too-far') return inRange_s;
  // 'too-low': stays below the floor and inside the range limit (so neither 'too-far' nor 'too-high')
  const heightGap_m = minAltitude_m - last.height_m;
  const p = state.pos;
  const radial_mps = (v[0] * p[0] + v[1] * p[1] + v[2] * p[2]) / hypot3(p[0], p[1], p[2]);
  let t_s = Math.min(inRange_s, PIP_HORIZON_s);
  // shrink until the rise bound fits the gap (the bound grows with t, so the first t that fits is safe)
  for (let i = 0; i < 40 && heightRiseBound_m(t_s, speed_mps, radial_mps) >= heightGap_m; i++) t_s *= 0.7;
  return heightRiseBound_m(t_s, speed_mps, radial_mps) < heightGap_m ? t_s : 0;
}

/**
 * Largest rise of the approximate ellipsoid height in `t_s`, m: r(t) − r₀ ≤ max(ṙ₀, 0)·t + (a + v_max²/r_min)·t²/2
 * (the radius's second derivative is at most |v|²/r + |a|), plus the ellipsoid radius change along s(t).
 */
function heightRiseBound_m(t_s: number, speed_mps: number, radial_mps: number): number {
  const a = PATH_ACCEL_BOUND_mps2;
  const vMax_mps = speed_mps + a * t_s;
  const path_m = speed_mps * t_s + 0.5 * a * t_s * t_s;
  return (
    Math.max(radial_mps, 0) * t_s +
    0.5 * (a + (vMax_mps * vMax_mps) / MIN_RADIUS_m) * t_s * t_s +
    HEIGHT_PER_LEVEL_PATH_m * path_m
  );
}

/** Shortest time in which a path starting at `speed_mps` (speed ≤ v₀ + a·t) can fly `distance_m`, s. */
function timeToFly_s(distance_m: number, speed_mps: number): number {
  if (!(distance_m > 0)) return 0;
  const a = PATH_ACCEL_BOUND_mps2;
  return (2 * distance_m) / (speed_mps + Math.sqrt(speed_mps * speed_mps + 2 * a * distance_m));
}

function solutionAt(
  table: FlyoutTable,
  site: SiteFrame,
  threatStateAt: (t_s: number) => PredictedState | null,
  t_s: number,
): InterceptSolution {
  const state = threatStateAt(t_s);
  if (state === null) throw new Error('predictInterceptPoint: prediction vanished at a feasible time');
  const groundRange_m = groundRangeFrom_m(site, state.pos);
  const altitude_m = heightAboveSite_m(site, state.pos);
  const flightTime_s = table.timeToPoint(groundRange_m, altitude_m);
  return {
    ok: true,
    interceptTime_s: t_s,
    point_ecef: Float64Array.from(state.pos),
    altitude_m,
    groundRange_m,
    flightTime_s,
    launchTime_s: t_s - flightTime_s,
  };
}
