/**
 * @module threats/cruiseTerrain
 * The ground reference a terrain-following cruise missile flies its height above, when the scenario has a DEM.
 * The DEM is sampled along the path (half the post spacing, at least 25 m) where the path lies over the grid; off
 * the grid the reference is today's smooth-Earth ground (launch-to-aim height interpolated linearly). The samples
 * are then replaced by their slope-limited upper envelope g(s) = maxⱼ (tⱼ − tan γ_max · |s − sⱼ|), computed by one
 * forward and one backward pass: the smallest profile that never dips below the terrain and never climbs or dives
 * steeper than γ_max. With γ_max = the 10° climb-out angle, a missile at 800 km/h climbs at most ≈ 39 m/s — inside
 * the climb performance a subsonic cruise missile shows at launch — so the missile starts climbing before a ridge
 * and clears its crest at exactly the commanded AGL, and over terrain gentler than 10° it holds the AGL exactly.
 * Left out: the pull-up load factor at slope changes (the envelope limits slope, not curvature), radar-altimeter
 * lag and the terrain-clearance margins of real TERCOM/TFR systems.
 */
import { type Terrain, terrainHeight_m, terrainSpacing_m } from '../env/terrain.js';
import { geodesicDirect } from '../geo/geodesic.js';
import { WGS84_MEAN_RADIUS_m } from '../geo/wgs84.js';
import type { Leg } from './cruiseFlight.js';

/** Steepest path angle of the ground reference, rad (10°, the climb-out angle; notional). */
export const TERRAIN_FOLLOWING_MAX_SLOPE_rad = (10 * Math.PI) / 180;
/** Finest ground-reference sample spacing, m. */
const MIN_SPACING_m = 25;
/** Coarse spacing used to find where the path crosses the grid, m. */
const COARSE_SPACING_m = 1000;

/** Piecewise-linear ground reference: ascending path distances and heights above the ellipsoid, m. */
export interface GroundKnots {
  readonly s_m: number[];
  readonly h_m: number[];
}

/** Whether a point is over the grid (with a margin of one post). */
function overGrid(terrain: Terrain, lat_rad: number, lon_rad: number): boolean {
  const y = (lat_rad - terrain.south_rad) / terrain.dLat_rad;
  const x = (lon_rad - terrain.west_rad) / terrain.dLon_rad;
  return y >= -1 && y <= terrain.rows && x >= -1 && x <= terrain.cols;
}

/** The point at path distance s along the legs, rad. */
function pointAt(legs: readonly Leg[], s_m: number): { lat_rad: number; lon_rad: number } {
  let k = 0;
  while (k + 1 < legs.length && s_m >= legs[k + 1].s0_m) k++;
  const leg = legs[k];
  return geodesicDirect(leg.start.lat_rad, leg.start.lon_rad, leg.azimuth_rad, s_m - leg.s0_m);
}

/**
 * Slope-limited ground reference along the legs (module notes).
 * @param smoothGround smooth-Earth ground at path distance s (used off the grid), m
 * @param total_m path length, m
 */
export function terrainGroundKnots(
  terrain: Terrain,
  legs: readonly Leg[],
  total_m: number,
  smoothGround: (s_m: number) => number,
): GroundKnots {
  const spacing_m = Math.max(MIN_SPACING_m, terrainSpacing_m(terrain, WGS84_MEAN_RADIUS_m) / 2);
  const s_m: number[] = [0];
  const h_m: number[] = [smoothGround(0)];
  // coarse pass: which kilometres of the path are over the grid; fine samples there only
  const coarseCount = Math.ceil(total_m / COARSE_SPACING_m);
  for (let c = 0; c < coarseCount; c++) {
    const from_m = c * COARSE_SPACING_m;
    const to_m = Math.min(total_m, from_m + COARSE_SPACING_m);
    const a = pointAt(legs, from_m);
    const b = pointAt(legs, to_m);
    if (!overGrid(terrain, a.lat_rad, a.lon_rad) && !overGrid(terrain, b.lat_rad, b.lon_rad)) continue;
    for (let s = from_m + spacing_m; s < to_m; s += spacing_m) {
      const p = pointAt(legs, s);
      const inside = overGrid(terrain, p.lat_rad, p.lon_rad);
      s_m.push(s);
      h_m.push(inside ? terrainHeight_m(terrain, p.lat_rad, p.lon_rad) : smoothGround(s));
    }
    if (to_m < total_m) {
      const inside = overGrid(terrain, b.lat_rad, b.lon_rad);
      s_m.push(to_m);
      h_m.push(inside ? terrainHeight_m(terrain, b.lat_rad, b.lon_rad) : smoothGround(to_m));
    }
  }
  s_m.push(total_m);
  h_m.push(smoothGround(total_m));
  // slope-limited upper envelope: forward then backward pass
  const slope = Math.tan(TERRAIN_FOLLOWING_MAX_SLOPE_rad);
  for (let i = 1; i < s_m.length; i++) h_m[i] = Math.max(h_m[i], h_m[i - 1] - slope * (s_m[i] - s_m[i - 1]));
  for (let i = s_m.length - 2; i >= 0; i--)
    h_m[i] = Math.max(h_m[i], h_m[i + 1] - slope * (s_m[i + 1] - s_m[i]));
  return { s_m, h_m };
}

/** Index of the last knot at or before s (binary search; 0 before the first). */
export function knotIndex(s_knots: readonly number[], s_m: number): number {
  let lo = 0;
  let hi = s_knots.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (s_knots[mid] <= s_m) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Ground reference height at s, linear between knots, clamped at the ends, m. */
export function groundAt(knots: GroundKnots, s_m: number): number {
  const n = knots.s_m.length;
  if (s_m <= knots.s_m[0]) return knots.h_m[0];
  if (s_m >= knots.s_m[n - 1]) return knots.h_m[n - 1];
  const i = knotIndex(knots.s_m, s_m);
  const lo = knots.s_m[i];
  const hi = knots.s_m[i + 1];
  return hi > lo ? knots.h_m[i] + ((knots.h_m[i + 1] - knots.h_m[i]) * (s_m - lo)) / (hi - lo) : knots.h_m[i];
}
