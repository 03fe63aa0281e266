/**
 * @module analysis/coverageRadar
 * Where each radar of a scenario detects a target at a given altitude: the area in which `radarCoverageCheck`
 * finds a target of the given RCS visible (sector, instrumented range, 4/3-Earth horizon, elevation limits) with a
 * single-dwell Pd of at least 0.5.
 *
 * Smooth Earth (no DEM): along each azimuth of the sector (1° steps) the detectable ranges form one interval
 * [near, far] (the elevation ceiling cuts the near end, range, horizon and Pd the far end); both ends are found by a
 * coarse scan and bisection. The polygon joins the near and far ends (a wedge for a sectored radar, a disc with a
 * hole for an all-round one), as GeoJSON with RFC 7946 orientation.
 *
 * Over a DEM a ridge casts a shadow and the target may come into view again beyond it, so each azimuth carries a
 * *set* of intervals: the smooth-Earth detectable intervals (every one of them, not only the first) intersected with
 * the terrain-visible ranges. Those follow in closed form from the path-profile clearance of `sensors/lineOfSight`
 * (Skolnik §8.2; ITU-R P.526): between profile samples dₘ < r ≤ dₘ₊₁ the running maximum S of the sample slopes is
 * fixed, and the target at height h₂ clears the terrain where r²/(2kR) + S·r + h₁ − h₂ < 0, a quadratic in r. The
 * intervals are drawn on a polar raster (one column per azimuth ray, rows of half a DEM post) and the raster traced
 * into polygons (`traceCellUnion`, closed round for an all-round radar), so shadows appear as notches and holes.
 * The terrain test uses the ray's ground range on the mean-radius sphere, as the line-of-sight profile does; the
 * polygon vertices sit on the ellipsoid (`geodesicDirect`), a difference below 0.3 % of the range.
 */
import { type Terrain, terrainHeight_m } from '../env/terrain.js';
import { geodesicDirect, geodesicInverse } from '../geo/geodesic.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Radar, Scenario } from '../scenario/types.js';
import { type LineOfSightSite, radarLineOfSight, radialPoint } from '../sensors/lineOfSight.js';
import { radarCoverageCheck } from '../sensors/radar.js';
import { DETECTABLE_PD } from './coverageEngagement.js';
import {
  assembleCellPolygons,
  type FeatureCollection,
  type LinearRing,
  orientRing,
  type PolygonGeometry,
  type Position,
  ringSignedArea2,
  traceCellUnion,
} from './footprint.js';

const DEG_PER_RAD = 180 / Math.PI;
const TWO_PI = 2 * Math.PI;
/** Azimuth step of the rays, rad (1°). */
const AZIMUTH_STEP_rad = Math.PI / 180;
/** Coarse range step of the scan along a ray, m. */
const RANGE_STEP_m = 1000;
/** Bisection iterations refining each end (1 km / 2¹⁰ ≈ 1 m). */
const BISECTIONS = 10;
/** Bounds of the range rows of the terrain raster (half a DEM post in between), m. */
const MIN_RASTER_STEP_m = 25;
const MAX_RASTER_STEP_m = RANGE_STEP_m;

/** Properties of one radar's coverage polygon. */
export interface RadarCoverageProperties {
  readonly unitId: string;
  readonly radarType: string;
  /** Target height above the ellipsoid, m. */
  readonly altitude_m: number;
  readonly rcs_m2: number;
  /** Farthest ground range of detection, m. */
  readonly maxGroundRange_m: number;
  /** Polygon area, km² (local flat-Earth approximation around the radar). */
  readonly area_km2: number;
  /** Over a DEM only: area inside the smooth-Earth coverage that terrain hides, km² (summed over the radar's
   * polygons; from the exact intervals, not the raster). */
  readonly terrainShadow_km2?: number;
}

/** A closed interval of ground range along one azimuth, m. */
export interface RangeInterval {
  readonly near_m: number;
  readonly far_m: number;
}

/** Whether a target at `groundRange_m` along `azimuth_rad` from the radar and `altitude_m` is detectable. */
function detectableAt(
  radar: Radar,
  azimuth_rad: number,
  groundRange_m: number,
  altitude_m: number,
  rcs_m2: number,
): boolean {
  const p = radar.position;
  const point = groundRange_m > 0 ? geodesicDirect(p.lat_rad, p.lon_rad, azimuth_rad, groundRange_m) : p;
  const coverage = radarCoverageCheck(
    radar,
    geodeticToEcef(point.lat_rad, point.lon_rad, altitude_m),
    rcs_m2,
  );
  return coverage.visible && coverage.pd >= DETECTABLE_PD;
}

/**
 * Detectable ground-range intervals along one azimuth on the smooth Earth, m: a coarse scan (1 km) for runs of
 * detectable samples, each end refined by bisection. With `firstOnly` the scan stops after the first run (the
 * smooth-Earth map, where one interval is assumed); otherwise it returns every run it finds.
 */
function smoothEarthIntervals(
  radar: Radar,
  azimuth_rad: number,
  altitude_m: number,
  rcs_m2: number,
  firstOnly: boolean,
): RangeInterval[] {
  const limit_m = radar.type.maxRange_m;
  const test = (r_m: number) => detectableAt(radar, azimuth_rad, r_m, altitude_m, rcs_m2);
  const runs: { first: number; last: number }[] = [];
  let first = -1;
  let last = -1;
  for (let r_m = 0; r_m <= limit_m; r_m += RANGE_STEP_m) {
    if (test(r_m)) {
      if (first < 0) first = r_m;
      last = r_m;
    } else if (first >= 0) {
      runs.push({ first, last });
      first = -1;
      if (firstOnly) break;
    }
  }
  if (first >= 0) runs.push({ first, last });
  // refine the ends between the last miss and the first hit (and the last hit and the next miss)
  const refine = (hit_m: number, miss_m: number) => {
    for (let i = 0; i < BISECTIONS; i++) {
      const mid_m = 0.5 * (hit_m + miss_m);
      if (test(mid_m)) hit_m = mid_m;
      else miss_m = mid_m;
    }
    return hit_m;
  };
  return runs.map((run) => {
    const near_m = run.first === 0 ? 0 : refine(run.first, run.first - RANGE_STEP_m);
    const far_m = run.last + RANGE_STEP_m > limit_m ? run.last : refine(run.last, run.last + RANGE_STEP_m);
    return { near_m, far_m };
  });
}

/**
 * Ground ranges along one azimuth in (0, limit] at which the terrain leaves a target at `altitude_m` (above the
 * ellipsoid) in line of sight, m, in closed form (module notes): per profile segment (dₘ, dₘ₊₁] the roots of
 * r²/(2kR) + S·r + h₁ − h₂ with the running maximum S of the slopes (t(d) − h₁)/d − d/(2kR) of the samples before it,
 * exactly the test `siteTerrainMasked` makes (a target on the limiting ray counts as masked), and where the DEM
 * ground lies below the target (a target cannot fly inside a hill; the crossing is bisected on the bilinear DEM,
 * dips narrower than the sample spacing are not resolved).
 */
export function terrainVisibleIntervals(
  site: LineOfSightSite,
  azimuth_rad: number,
  altitude_m: number,
  limit_m: number,
): RangeInterval[] {
  const a = 1 / (2 * site.effectiveRadius_m);
  const c = site.antennaAltitude_m - altitude_m;
  const intervals: RangeInterval[] = [];
  const add = (lo_m: number, hi_m: number) => {
    if (!(hi_m > lo_m)) return;
    const prev = intervals[intervals.length - 1];
    if (prev !== undefined && prev.far_m >= lo_m)
      intervals[intervals.length - 1] = { near_m: prev.near_m, far_m: hi_m };
    else intervals.push({ near_m: lo_m, far_m: hi_m });
  };
  const groundAt_m = (d_m: number) => {
    const point = radialPoint(site, azimuth_rad, d_m);
    return terrainHeight_m(site.terrain, point.lat_rad, point.lon_rad);
  };
  // part of (lo, hi] where the ground lies below the target (ends interpolated by bisection on the DEM)
  const aboveGround = (lo_m: number, hi_m: number, groundLo_m: number, groundHi_m: number) => {
    const loAbove = groundLo_m < altitude_m;
    const hiAbove = groundHi_m < altitude_m;
    if (loAbove && hiAbove) return { lo_m, hi_m };
    if (!loAbove && !hiAbove) return null;
    let a_m = lo_m;
    let b_m = hi_m;
    for (let k = 0; k < BISECTIONS; k++) {
      const mid_m = 0.5 * (a_m + b_m);
      if (groundAt_m(mid_m) < altitude_m === loAbove) a_m = mid_m;
      else b_m = mid_m;
    }
    return loAbove ? { lo_m, hi_m: a_m } : { lo_m: b_m, hi_m };
  };
  let maxSlope = Number.NEGATIVE_INFINITY;
  let ground_m = groundAt_m(0);
  for (let m = 0; m * site.step_m < limit_m; m++) {
    const d_m = m * site.step_m;
    if (m > 0) maxSlope = Math.max(maxSlope, (ground_m - site.antennaAltitude_m) / d_m - d_m * a);
    const lo_m = d_m;
    const hi_m = Math.min((m + 1) * site.step_m, limit_m);
    const groundNext_m = groundAt_m(hi_m);
    const open = aboveGround(lo_m, hi_m, ground_m, groundNext_m);
    ground_m = groundNext_m;
    if (open === null) continue;
    if (maxSlope === Number.NEGATIVE_INFINITY) {
      add(open.lo_m, open.hi_m);
      continue;
    }
    // roots of a r² + S r + c, stably (Numerical Recipes §5.6)
    const disc = maxSlope * maxSlope - 4 * a * c;
    if (!(disc > 0)) continue;
    const q = -0.5 * (maxSlope + (maxSlope >= 0 ? 1 : -1) * Math.sqrt(disc));
    const r1 = q / a;
    const r2 = q === 0 ? r1 : c / q;
    add(Math.max(open.lo_m, Math.min(r1, r2)), Math.min(open.hi_m, Math.max(r1, r2)));
  }
  return intervals;
}

/** Intersection of two sorted lists of disjoint intervals. */
function intersectIntervals(a: readonly RangeInterval[], b: readonly RangeInterval[]): RangeInterval[] {
  const out: RangeInterval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const near_m = Math.max(a[i].near_m, b[j].near_m);
    const far_m = Math.min(a[i].far_m, b[j].far_m);
    if (far_m > near_m) out.push({ near_m, far_m });
    if (a[i].far_m < b[j].far_m) i++;
    else j++;
  }
  return out;
}

/**
 * Ground-range intervals along one azimuth where a radar detects a target at `altitude_m` (above the ellipsoid) of
 * `rcs_m2` with single-dwell Pd ≥ 0.5, m, ascending. Without terrain: the first smooth-Earth interval (at most
 * one). With terrain: every smooth-Earth interval intersected with the terrain-visible ranges (module notes).
 * @param azimuth_rad azimuth from the radar, clockwise from north, rad
 * @param site the radar's prepared line-of-sight site (`radarLineOfSight`); absent: smooth Earth
 */
export function radarDetectableIntervals(
  radar: Radar,
  azimuth_rad: number,
  altitude_m: number,
  rcs_m2: number,
  site?: LineOfSightSite,
): RangeInterval[] {
  if (site === undefined) return smoothEarthIntervals(radar, azimuth_rad, altitude_m, rcs_m2, true);
  const smooth = smoothEarthIntervals(radar, azimuth_rad, altitude_m, rcs_m2, false);
  if (smooth.length === 0) return smooth;
  const visible = terrainVisibleIntervals(site, azimuth_rad, altitude_m, smooth[smooth.length - 1].far_m);
  return intersectIntervals(smooth, visible);
}

/** Position ([lon, lat] degrees) at a ground range and azimuth from the radar. */
function positionAt(radar: Radar, azimuth_rad: number, range_m: number): Position {
  const p = radar.position;
  const point = range_m > 0 ? geodesicDirect(p.lat_rad, p.lon_rad, azimuth_rad, range_m) : p;
  return [point.lon_rad * DEG_PER_RAD, point.lat_rad * DEG_PER_RAD];
}

/** Area of a ring in km², flat-Earth around `lat` (degrees in, equirectangular scale). */
function ringArea_km2(ring: readonly Position[], lat_deg: number): number {
  const kmPerDegLat = 111.132;
  const kmPerDegLon = 111.32 * Math.cos(lat_deg / DEG_PER_RAD);
  return (Math.abs(ringSignedArea2(ring)) / 2) * kmPerDegLat * kmPerDegLon;
}

/** The detection polygon of one radar at one altitude (null when it detects nothing there). */
export function radarCoveragePolygon(
  radar: Radar,
  altitude_m: number,
  rcs_m2: number,
): { rings: LinearRing[]; maxGroundRange_m: number; area_km2: number } | null {
  const allRound = radar.type.sectorWidth_rad >= TWO_PI;
  const width_rad = Math.min(radar.type.sectorWidth_rad, TWO_PI);
  const steps = Math.max(1, Math.round(width_rad / AZIMUTH_STEP_rad));
  const near: Position[] = [];
  const far: Position[] = [];
  let maxFar_m = 0;
  let anyNear = false;
  for (let k = 0; k <= (allRound ? steps - 1 : steps); k++) {
    const azimuth_rad = radar.sectorCenter_rad - width_rad / 2 + (k * width_rad) / steps;
    const interval = radarDetectableIntervals(radar, azimuth_rad, altitude_m, rcs_m2)[0];
    const near_m = interval?.near_m ?? 0;
    const far_m = interval?.far_m ?? 0;
    if (near_m > 0) anyNear = true;
    maxFar_m = Math.max(maxFar_m, far_m);
    near.push(positionAt(radar, azimuth_rad, near_m));
    far.push(positionAt(radar, azimuth_rad, far_m));
  }
  if (maxFar_m === 0) return null;
  const lat_deg = radar.position.lat_rad * DEG_PER_RAD;
  if (allRound) {
    const exterior = orientRing(far, true);
    const rings = anyNear ? [exterior, orientRing(near, false)] : [exterior];
    const area_km2 = ringArea_km2(exterior, lat_deg) - (anyNear ? ringArea_km2(rings[1], lat_deg) : 0);
    return { rings, maxGroundRange_m: maxFar_m, area_km2 };
  }
  // wedge: near edge clockwise in azimuth, far edge back
  const exterior = orientRing([...near, ...far.reverse()], true);
  return { rings: [exterior], maxGroundRange_m: maxFar_m, area_km2: ringArea_km2(exterior, lat_deg) };
}

/** One connected piece of a radar's coverage over terrain. */
export interface RadarCoveragePiece {
  readonly rings: LinearRing[];
  /** Farthest ground range of detection in this piece, m (raster row edge, capped at the exact farthest end). */
  readonly maxGroundRange_m: number;
  /** Exterior minus holes, km² (local flat-Earth approximation around the radar). */
  readonly area_km2: number;
}

/** Annular-sector area between two ranges over an azimuth width, km² (flat disc around the radar). */
function annulusSector_km2(near_m: number, far_m: number, width_rad: number): number {
  return (0.5 * width_rad * (far_m * far_m - near_m * near_m)) / 1e6;
}

/**
 * The detection area of one radar at one altitude over a DEM, as polygons with holes (module notes): per azimuth
 * ray (1° apart) the detectable intervals of `radarDetectableIntervals`, drawn on a polar raster whose columns are
 * the rays (each 1° wide, clipped to the sector) and whose rows are half a DEM post (25 m … 1 km), traced into
 * polygons. Also returns the area terrain hides inside the smooth-Earth coverage, from the exact intervals.
 */
export function radarCoverageOverTerrain(
  radar: Radar,
  altitude_m: number,
  rcs_m2: number,
  terrain: Terrain,
): { pieces: RadarCoveragePiece[]; terrainShadow_km2: number } {
  const site = radarLineOfSight(radar, terrain);
  const allRound = radar.type.sectorWidth_rad >= TWO_PI;
  const width_rad = Math.min(radar.type.sectorWidth_rad, TWO_PI);
  const steps = Math.max(1, Math.round(width_rad / AZIMUTH_STEP_rad));
  const step_rad = width_rad / steps;
  const start_rad = radar.sectorCenter_rad - width_rad / 2;
  const cols = allRound ? steps : steps + 1;
  const rowStep_m = Math.min(MAX_RASTER_STEP_m, Math.max(MIN_RASTER_STEP_m, site.step_m));
  const rows = Math.ceil(radar.type.maxRange_m / rowStep_m);
  const inside = new Array<boolean>(rows * cols).fill(false);
  let maxFar_m = 0;
  let shadow_km2 = 0;
  for (let k = 0; k < cols; k++) {
    const azimuth_rad = start_rad + k * step_rad;
    // a ray's column spans half a step either side, clipped to a sector's edges
    const columnWidth_rad = allRound || (k > 0 && k < steps) ? step_rad : step_rad / 2;
    const smooth = smoothEarthIntervals(radar, azimuth_rad, altitude_m, rcs_m2, false);
    const far_m = smooth.length > 0 ? smooth[smooth.length - 1].far_m : 0;
    const intervals = intersectIntervals(
      smooth,
      terrainVisibleIntervals(site, azimuth_rad, altitude_m, far_m),
    );
    for (const iv of smooth) shadow_km2 += annulusSector_km2(iv.near_m, iv.far_m, columnWidth_rad);
    for (const iv of intervals) {
      shadow_km2 -= annulusSector_km2(iv.near_m, iv.far_m, columnWidth_rad);
      maxFar_m = Math.max(maxFar_m, iv.far_m);
      // rows whose centre lies in the interval
      const first = Math.max(0, Math.ceil(iv.near_m / rowStep_m - 0.5));
      const last = Math.min(rows - 1, Math.floor(iv.far_m / rowStep_m - 0.5));
      for (let r = first; r <= last; r++) inside[r * cols + k] = true;
    }
  }
  const toPosition = (i: number, j: number): Position => {
    const raw_rad = start_rad + (j - 0.5) * step_rad;
    const azimuth_rad = allRound ? raw_rad : Math.min(start_rad + width_rad, Math.max(start_rad, raw_rad));
    return positionAt(radar, azimuth_rad, Math.max(0, i) * rowStep_m);
  };
  const traced = traceCellUnion(inside, rows, cols, allRound, true);
  const lat_deg = radar.position.lat_rad * DEG_PER_RAD;
  // farthest raster row edge of each piece, from its exterior corners
  const pieces = assembleCellPolygons(traced, toPosition, allRound ? cols : 0).map((polygon) => {
    const area_km2 =
      ringArea_km2(polygon.exterior, lat_deg) -
      polygon.holes.reduce((sum, h) => sum + ringArea_km2(h, lat_deg), 0);
    return { rings: [polygon.exterior, ...polygon.holes], area_km2 };
  });
  const farOf = (ring: LinearRing) => {
    const p = radar.position;
    let far_m = 0;
    for (const [lon, lat] of ring) {
      const back = geodesicInverse(p.lat_rad, p.lon_rad, lat / DEG_PER_RAD, lon / DEG_PER_RAD);
      far_m = Math.max(far_m, back.distance_m);
    }
    return far_m;
  };
  return {
    pieces: pieces.map((piece) => ({
      ...piece,
      maxGroundRange_m: Math.min(maxFar_m, farOf(piece.rings[0])),
    })),
    terrainShadow_km2: Math.max(0, shadow_km2),
  };
}

/**
 * Radar coverage of every unit of a scenario (SAM batteries and C-RAM mounts) at `altitude_m` above the ellipsoid
 * against a target of `rcs_m2`: one GeoJSON Polygon per radar that detects anything at that height; over the
 * scenario's DEM (`scenario.terrain`) one Polygon per connected piece, with terrain shadows cut out
 * (`radarCoverageOverTerrain`).
 * @example
 * ```ts
 * import { loadScenario, radarCoverageAt } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const fc = radarCoverageAt(scenario, 1_000, 0.1); // where a 0.1 m² target at 1 km is detected
 * console.log(fc.features.length);
 * ```
 */
export function radarCoverageAt(
  scenario: Scenario,
  altitude_m: number,
  rcs_m2: number,
): FeatureCollection<PolygonGeometry, RadarCoverageProperties> {
  const features: FeatureCollection<PolygonGeometry, RadarCoverageProperties>['features'] = [];
  for (const unit of scenario.units) {
    if (scenario.terrain !== undefined) {
      const over = radarCoverageOverTerrain(unit.radar, altitude_m, rcs_m2, scenario.terrain);
      for (const piece of over.pieces) {
        features.push({
          type: 'Feature',
          geometry: { type: 'Polygon', coordinates: piece.rings },
          properties: {
            unitId: unit.id,
            radarType: unit.radar.type.id,
            altitude_m,
            rcs_m2,
            maxGroundRange_m: piece.maxGroundRange_m,
            area_km2: piece.area_km2,
            terrainShadow_km2: over.terrainShadow_km2,
          },
        });
      }
      continue;
    }
    const polygon = radarCoveragePolygon(unit.radar, altitude_m, rcs_m2);
    if (polygon === null) continue;
    features.push({
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: polygon.rings },
      properties: {
        unitId: unit.id,
        radarType: unit.radar.type.id,
        altitude_m,
        rcs_m2,
        maxGroundRange_m: polygon.maxGroundRange_m,
        area_km2: polygon.area_km2,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
