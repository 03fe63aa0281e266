/**
 * @module sensors/lineOfSight
 * Terrain masking of radar line of sight on the 4/3 effective Earth, by the standard path-profile clearance test
 * (Skolnik, *Introduction to Radar Systems* 3rd ed., §8.2; ITU-R P.526 §4 path profile; Blake, *Radar
 * Range-Performance Analysis*, ch. 3): with rays drawn straight over a sphere of radius kR, the ray from the antenna
 * (height h₁ above the ellipsoid) to a target (h₂) at ground distance D clears the terrain when, at every profile
 * point at ground distance d,
 *
 *     t(d) + d (D − d) / (2kR) < h₁ + (h₂ − h₁) d / D,
 *
 * where t is the DEM height and d (D − d)/(2kR) the Earth's bulge above the chord. Dividing by d/D shows that the
 * lowest visible target height is h₁ + D·S(D) + D²/(2kR) with S(D) = max over d < D of (t(d) − h₁)/d − d/(2kR), a
 * running maximum along each radial — so one pass along a radial answers every range (the coverage queries), and a
 * single ray stops at the first blocking sample. Over a flat DEM at 0 m this reproduces the smooth-Earth horizon
 * √(2kRh₁) + √(2kRh₂) exactly (the bulge is the parabolic form the horizon formula is derived from).
 *
 * Geometry: the profile follows the great circle on the sphere of mean radius R (WGS84 mean radius), geodetic
 * latitude used as spherical latitude — the same "angle between normals × R" ground distance as `geo/horizon`.
 * Samples sit every `step_m` (default half the DEM post spacing) from the antenna, strictly between the two ends.
 * Left out: diffraction over the ridge (knife-edge loss; the mask is geometric), ducting, vegetation and buildings,
 * and the Fresnel-zone clearance margin.
 */
import { type Terrain, terrainHeight_m, terrainSpacing_m } from '../env/terrain.js';
import { STANDARD_K_FACTOR } from '../geo/horizon.js';
import { WGS84_MEAN_RADIUS_m } from '../geo/wgs84.js';
import type { Geodetic, Radar } from '../scenario/types.js';

/** One antenna over one terrain, prepared for repeated line-of-sight queries (plain data). */
export interface LineOfSightSite {
  readonly terrain: Terrain;
  /** Antenna foot point, rad. */
  readonly lat_rad: number;
  readonly lon_rad: number;
  /** Antenna phase-centre height above the ellipsoid, m. */
  readonly antennaAltitude_m: number;
  /** Spacing of the profile samples, m. */
  readonly step_m: number;
  /** Effective Earth radius k·R, m. */
  readonly effectiveRadius_m: number;
}

/** Options of `prepareLineOfSight`. */
export interface LineOfSightOptions {
  /** Effective Earth radius factor (default 4/3, Skolnik §8.2). */
  readonly kFactor?: number;
  /** Profile sample spacing, m (default half the DEM's smallest post spacing). */
  readonly step_m?: number;
}

/**
 * Prepares an antenna for line-of-sight queries over a terrain.
 * @param terrain the DEM
 * @param antenna antenna phase centre: foot point and height above the ellipsoid, m
 * @example
 * ```ts
 * import { antennaOnTerrain, loadScenario, makeTerrain, prepareLineOfSight, siteTerrainMasked } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const terrain = makeTerrain({
 *   source: 'flat 100 m plateau', south_rad: 0.58, west_rad: 0.74, dLat_rad: 1e-3, dLon_rad: 1e-3,
 *   rows: 100, cols: 100, heights_m: new Float64Array(100 * 100).fill(100),
 * });
 * const radar = scenario.units[0].radar;
 * const site = prepareLineOfSight(terrain, antennaOnTerrain(terrain, radar.position, radar.type.antennaHeight_m));
 * console.log(siteTerrainMasked(site, { lat_rad: 0.6, lon_rad: 0.76, h_m: 150 }));
 * ```
 */
export function prepareLineOfSight(
  terrain: Terrain,
  antenna: Geodetic,
  options: LineOfSightOptions = {},
): LineOfSightSite {
  const kFactor = options.kFactor ?? STANDARD_K_FACTOR;
  const step_m = options.step_m ?? terrainSpacing_m(terrain, WGS84_MEAN_RADIUS_m) / 2;
  if (!(step_m > 0)) throw new RangeError(`line of sight: step_m must be > 0, got ${step_m}`);
  return {
    terrain,
    lat_rad: antenna.lat_rad,
    lon_rad: antenna.lon_rad,
    antennaAltitude_m: antenna.h_m,
    step_m,
    effectiveRadius_m: kFactor * WGS84_MEAN_RADIUS_m,
  };
}

/**
 * Antenna phase centre of a radar standing on terrain: `antennaHeight_m` above the higher of the site's scenario
 * altitude and the DEM there (a site written at 0 m on a plateau must not look into its own hill).
 * @param site radar ground position (scenario altitude in h_m), rad and m
 * @param antennaHeight_m antenna height above the ground, m
 * @example
 * ```ts
 * import { antennaOnTerrain, loadScenario, makeTerrain } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const terrain = makeTerrain({
 *   source: 'flat 100 m plateau', south_rad: 0.58, west_rad: 0.74, dLat_rad: 1e-3, dLon_rad: 1e-3,
 *   rows: 100, cols: 100, heights_m: new Float64Array(100 * 100).fill(100),
 * });
 * const radar = scenario.units[0].radar;
 * const antenna = antennaOnTerrain(terrain, radar.position, radar.type.antennaHeight_m);
 * ```
 */
export function antennaOnTerrain(terrain: Terrain, site: Geodetic, antennaHeight_m: number): Geodetic {
  const ground_m = Math.max(site.h_m, terrainHeight_m(terrain, site.lat_rad, site.lon_rad));
  return { lat_rad: site.lat_rad, lon_rad: site.lon_rad, h_m: ground_m + antennaHeight_m };
}

/**
 * The prepared line-of-sight site of a placed radar over terrain (antenna on the higher of its scenario altitude and
 * the DEM, `antennaOnTerrain`), default 4/3 Earth and sampling.
 * @example
 * ```ts
 * import { loadScenario, makeTerrain, radarLineOfSight, radialLowestVisibleAltitude_m } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const terrain = makeTerrain({
 *   source: 'flat 100 m plateau', south_rad: 0.58, west_rad: 0.74, dLat_rad: 1e-3, dLon_rad: 1e-3,
 *   rows: 100, cols: 100, heights_m: new Float64Array(100 * 100).fill(100),
 * });
 * const radar = scenario.units[0].radar;
 * const site = radarLineOfSight(radar, terrain);
 * const lowest_m = radialLowestVisibleAltitude_m(site, 0, [5_000, 10_000, 20_000]); // due north
 * ```
 */
export function radarLineOfSight(radar: Radar, terrain: Terrain): LineOfSightSite {
  return prepareLineOfSight(terrain, antennaOnTerrain(terrain, radar.position, radar.type.antennaHeight_m));
}

/** Great-circle azimuth (clockwise from north) and central angle from the site to a point, on the sphere, rad. */
export function sphericalInverse(
  lat1_rad: number,
  lon1_rad: number,
  lat2_rad: number,
  lon2_rad: number,
): { azimuth_rad: number; angle_rad: number } {
  const dLon = lon2_rad - lon1_rad;
  const cos1 = Math.cos(lat1_rad);
  const sin1 = Math.sin(lat1_rad);
  const cos2 = Math.cos(lat2_rad);
  const sin2 = Math.sin(lat2_rad);
  const y = Math.sin(dLon) * cos2;
  const x = cos1 * sin2 - sin1 * cos2 * Math.cos(dLon);
  // stable central angle: atan2(|n1 × n2|, n1 · n2)
  const cross = Math.hypot(y, x);
  const dot = sin1 * sin2 + cos1 * cos2 * Math.cos(dLon);
  return { azimuth_rad: Math.atan2(y, x), angle_rad: Math.atan2(cross, dot) };
}

/** Profile walker along one great circle from the site: ground height at distance d, m. */
function radialHeight(site: LineOfSightSite, azimuth_rad: number): (distance_m: number) => number {
  return (distance_m: number) => {
    const point = radialPoint(site, azimuth_rad, distance_m);
    return terrainHeight_m(site.terrain, point.lat_rad, point.lon_rad);
  };
}

/** The profile slope (t(d) − h₁)/d − d/(2kR) of one sample. */
function sampleSlope(site: LineOfSightSite, terrain_m: number, distance_m: number): number {
  return (terrain_m - site.antennaAltitude_m) / distance_m - distance_m / (2 * site.effectiveRadius_m);
}

/**
 * Whether terrain blocks the ray from a prepared antenna to a target (Skolnik §8.2 path-profile clearance; see the
 * module notes). A target at or below the limiting ray counts as masked.
 * @param target target position: lat/lon rad, height above the ellipsoid m
 * @example
 * ```ts
 * import { antennaOnTerrain, loadScenario, makeTerrain, prepareLineOfSight, siteTerrainMasked } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const terrain = makeTerrain({
 *   source: 'flat 100 m plateau', south_rad: 0.58, west_rad: 0.74, dLat_rad: 1e-3, dLon_rad: 1e-3,
 *   rows: 100, cols: 100, heights_m: new Float64Array(100 * 100).fill(100),
 * });
 * const radar = scenario.units[0].radar;
 * const site = prepareLineOfSight(terrain, antennaOnTerrain(terrain, radar.position, radar.type.antennaHeight_m));
 * console.log(siteTerrainMasked(site, { lat_rad: 0.6, lon_rad: 0.76, h_m: 150 }));
 * ```
 */
export function siteTerrainMasked(site: LineOfSightSite, target: Geodetic): boolean {
  const { azimuth_rad, angle_rad } = sphericalInverse(
    site.lat_rad,
    site.lon_rad,
    target.lat_rad,
    target.lon_rad,
  );
  const range_m = angle_rad * WGS84_MEAN_RADIUS_m;
  if (!(range_m > site.step_m)) return false;
  // the target's own slope: (h₂ − h₁ − D²/(2kR)) / D; any sample at or above it blocks the ray
  const targetSlope =
    (target.h_m - site.antennaAltitude_m - (range_m * range_m) / (2 * site.effectiveRadius_m)) / range_m;
  const height = radialHeight(site, azimuth_rad);
  for (let d = site.step_m; d < range_m; d += site.step_m) {
    if (sampleSlope(site, height(d), d) >= targetSlope) return true;
  }
  return false;
}

/**
 * Whether terrain blocks the line of sight between an antenna and a target on the 4/3 Earth (Skolnik §8.2 / ITU-R
 * P.526 path-profile clearance). Prepares the antenna on every call; prefer `prepareLineOfSight` +
 * `siteTerrainMasked` in loops.
 * @param terrain the DEM
 * @param antenna antenna phase centre, height above the ellipsoid, rad and m
 * @param target target, height above the ellipsoid, rad and m
 * @example
 * ```ts
 * import { loadScenario, makeTerrain, terrainMasked } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const terrain = makeTerrain({
 *   source: 'flat 100 m plateau', south_rad: 0.58, west_rad: 0.74, dLat_rad: 1e-3, dLon_rad: 1e-3,
 *   rows: 100, cols: 100, heights_m: new Float64Array(100 * 100).fill(100),
 * });
 * const radar = scenario.units[0].radar;
 * console.log(terrainMasked(terrain, radar.position, { lat_rad: 0.6, lon_rad: 0.76, h_m: 150 }));
 * ```
 */
export function terrainMasked(
  terrain: Terrain,
  antenna: Geodetic,
  target: Geodetic,
  options: LineOfSightOptions = {},
): boolean {
  return siteTerrainMasked(prepareLineOfSight(terrain, antenna, options), target);
}

/**
 * Lowest target height above the ellipsoid that terrain lets the antenna see, at each ground range along one
 * azimuth, m: h₁ + D·S(D) + D²/(2kR) with S the running maximum of the profile slopes (module notes). −∞ where no
 * profile sample lies before the range (nothing in between to block). Terrain only: the ground at the target, the
 * site's smooth-Earth horizon and the radar's range and elevation limits are the caller's (see
 * `analysis/terrainCoverage`).
 * @param azimuthFromNorthCw_rad azimuth of the radial at the site, rad
 * @param ranges_m ground ranges, m, ascending
 * @example
 * ```ts
 * import { loadScenario, makeTerrain, radarLineOfSight, radialLowestVisibleAltitude_m } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const terrain = makeTerrain({
 *   source: 'flat 100 m plateau', south_rad: 0.58, west_rad: 0.74, dLat_rad: 1e-3, dLon_rad: 1e-3,
 *   rows: 100, cols: 100, heights_m: new Float64Array(100 * 100).fill(100),
 * });
 * const radar = scenario.units[0].radar;
 * const site = radarLineOfSight(radar, terrain);
 * const lowest_m = radialLowestVisibleAltitude_m(site, 0, [5_000, 10_000, 20_000]); // due north
 * ```
 */
export function radialLowestVisibleAltitude_m(
  site: LineOfSightSite,
  azimuthFromNorthCw_rad: number,
  ranges_m: readonly number[],
): Float64Array {
  const out = new Float64Array(ranges_m.length);
  const height = radialHeight(site, azimuthFromNorthCw_rad);
  let maxSlope = Number.NEGATIVE_INFINITY;
  let d = site.step_m;
  for (let j = 0; j < ranges_m.length; j++) {
    const range_m = ranges_m[j];
    if (j > 0 && !(range_m >= ranges_m[j - 1])) throw new RangeError('ranges_m must be ascending');
    for (; d < range_m; d += site.step_m) maxSlope = Math.max(maxSlope, sampleSlope(site, height(d), d));
    out[j] = site.antennaAltitude_m + range_m * maxSlope + (range_m * range_m) / (2 * site.effectiveRadius_m);
  }
  return out;
}

/**
 * The foot point at a ground distance along an azimuth from the site on the sphere of mean radius (the profile's
 * own geometry), rad.
 */
export function radialPoint(
  site: LineOfSightSite,
  azimuthFromNorthCw_rad: number,
  distance_m: number,
): { lat_rad: number; lon_rad: number } {
  const angle = distance_m / WGS84_MEAN_RADIUS_m;
  const sinLat = Math.sin(site.lat_rad);
  const cosLat = Math.cos(site.lat_rad);
  const sinLat2 = Math.min(
    1,
    Math.max(-1, sinLat * Math.cos(angle) + cosLat * Math.sin(angle) * Math.cos(azimuthFromNorthCw_rad)),
  );
  const lat_rad = Math.asin(sinLat2);
  const lon_rad =
    site.lon_rad +
    Math.atan2(
      Math.sin(azimuthFromNorthCw_rad) * Math.sin(angle) * cosLat,
      Math.cos(angle) - sinLat * sinLat2,
    );
  return { lat_rad, lon_rad };
}
