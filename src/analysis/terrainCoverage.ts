/**
 * @module analysis/terrainCoverage
 * Low-altitude coverage queries over terrain: the lowest target height a radar can see at a given azimuth and
 * ground range ("what is the floor of the radar picture here?"), and the same on a polar grid for maps. The floor is
 * the highest of three limits:
 * 1. terrain: h₁ + D·S(D) + D²/(2kR), the closed-form running maximum of the path-profile clearance constraint
 *    (`sensors/lineOfSight`; Skolnik §8.2, ITU-R P.526 path profile);
 * 2. the smooth-Earth horizon of `sensors/radar` (heights above the site's scenario altitude):
 *    (max(0, D − √(2kR·h_antenna)))² / (2kR) above the site, the inverse of `radarHorizonRange_m` with the ground
 *    range standing in for the slant range (they differ by well under 0.1 % at grazing);
 * 3. the ground under the target (a target cannot fly below the DEM).
 * Range, sector, elevation limits and detection probability are not applied: this is line of sight only.
 */
import { type Terrain, terrainHeight_m } from '../env/terrain.js';
import { STANDARD_K_FACTOR } from '../geo/horizon.js';
import { WGS84_MEAN_RADIUS_m } from '../geo/wgs84.js';
import type { Radar } from '../scenario/types.js';
import {
  type LineOfSightSite,
  radarLineOfSight,
  radialLowestVisibleAltitude_m,
  radialPoint,
} from '../sensors/lineOfSight.js';

/** Which limit sets the floor. */
export type VisibilityLimit = 'terrain' | 'horizon' | 'ground';

/** The lowest visible target at one point. */
export interface LowestVisible {
  /** Lowest target height with line of sight, above the ellipsoid, m. */
  readonly aboveEllipsoid_m: number;
  /** The same above the DEM ground at that point (AGL), m (≥ 0). */
  readonly aboveGround_m: number;
  /** The limit that sets it. */
  readonly limitedBy: VisibilityLimit;
}

/** Inputs of `lowestVisibleHeight_m`. */
export interface LowestVisibleQuery {
  readonly radar: Radar;
  readonly terrain: Terrain;
  /** Azimuth from the radar, clockwise from north, rad. */
  readonly azimuthFromNorthCw_rad: number;
  /** Ground range from the radar, m. */
  readonly groundRange_m: number;
}

/** Floor at one range from the terrain-only altitude: combine with the smooth-Earth horizon and the ground. */
function combine(
  site: LineOfSightSite,
  radar: Radar,
  azimuth_rad: number,
  range_m: number,
  terrainFloor_m: number,
) {
  const effectiveRadius_m = STANDARD_K_FACTOR * WGS84_MEAN_RADIUS_m;
  const antennaHorizon_m = Math.sqrt(2 * effectiveRadius_m * Math.max(radar.type.antennaHeight_m, 0));
  const beyond_m = Math.max(0, range_m - antennaHorizon_m);
  const horizonFloor_m = radar.position.h_m + (beyond_m * beyond_m) / (2 * effectiveRadius_m);
  const point = radialPoint(site, azimuth_rad, range_m);
  const ground_m = terrainHeight_m(site.terrain, point.lat_rad, point.lon_rad);
  let floor: LowestVisible = { aboveEllipsoid_m: ground_m, aboveGround_m: 0, limitedBy: 'ground' };
  if (horizonFloor_m > floor.aboveEllipsoid_m) {
    floor = {
      aboveEllipsoid_m: horizonFloor_m,
      aboveGround_m: horizonFloor_m - ground_m,
      limitedBy: 'horizon',
    };
  }
  if (terrainFloor_m > floor.aboveEllipsoid_m) {
    floor = {
      aboveEllipsoid_m: terrainFloor_m,
      aboveGround_m: terrainFloor_m - ground_m,
      limitedBy: 'terrain',
    };
  }
  return floor;
}

/**
 * Lowest target height a radar has line of sight to at one azimuth and ground range, over terrain (module notes:
 * max of the terrain clearance floor, the smooth-Earth horizon and the ground). Both the height above the ellipsoid
 * and above the DEM ground are reported.
 * @example
 * ```ts
 * import { loadScenario, lowestVisibleHeight_m, makeTerrain } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const terrain = makeTerrain({
 *   source: 'flat 100 m plateau', south_rad: 0.58, west_rad: 0.74, dLat_rad: 1e-3, dLon_rad: 1e-3,
 *   rows: 100, cols: 100, heights_m: new Float64Array(100 * 100).fill(100),
 * });
 * const radar = scenario.units[0].radar;
 * const low = lowestVisibleHeight_m({ radar, terrain, azimuthFromNorthCw_rad: 0, groundRange_m: 30_000 });
 * console.log(low.aboveGround_m, low.limitedBy);
 * ```
 */
export function lowestVisibleHeight_m(query: LowestVisibleQuery): LowestVisible {
  const site = radarLineOfSight(query.radar, query.terrain);
  const [terrainFloor_m] = radialLowestVisibleAltitude_m(site, query.azimuthFromNorthCw_rad, [
    query.groundRange_m,
  ]);
  return combine(site, query.radar, query.azimuthFromNorthCw_rad, query.groundRange_m, terrainFloor_m);
}

/** A polar grid of lowest visible heights around one radar. */
export interface LowestVisibleGrid {
  readonly radarId: string;
  /** Azimuths, clockwise from north, rad. */
  readonly azimuths_rad: readonly number[];
  /** Ground ranges, m, ascending. */
  readonly ranges_m: readonly number[];
  /** `cells[a][r]`: the floor at azimuth a and range r. */
  readonly cells: readonly (readonly LowestVisible[])[];
}

/**
 * Lowest visible heights on a polar grid (one radial pass per azimuth, so the cost is azimuths × max range / step).
 * @param azimuths_rad azimuths, clockwise from north, rad
 * @param ranges_m ground ranges, m, ascending
 * @example
 * ```ts
 * import { loadScenario, lowestVisibleHeightGrid, makeTerrain } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const terrain = makeTerrain({
 *   source: 'flat 100 m plateau', south_rad: 0.58, west_rad: 0.74, dLat_rad: 1e-3, dLon_rad: 1e-3,
 *   rows: 100, cols: 100, heights_m: new Float64Array(100 * 100).fill(100),
 * });
 * const grid = lowestVisibleHeightGrid(scenario.units[0].radar, terrain, [0, Math.PI / 2], [10_000, 20_000, 40_000]);
 * ```
 */
export function lowestVisibleHeightGrid(
  radar: Radar,
  terrain: Terrain,
  azimuths_rad: readonly number[],
  ranges_m: readonly number[],
): LowestVisibleGrid {
  const site = radarLineOfSight(radar, terrain);
  const cells = azimuths_rad.map((azimuth_rad) => {
    const floors_m = radialLowestVisibleAltitude_m(site, azimuth_rad, ranges_m);
    return ranges_m.map((range_m, j) => combine(site, radar, azimuth_rad, range_m, floors_m[j]));
  });
  return { radarId: radar.id, azimuths_rad, ranges_m, cells };
}
