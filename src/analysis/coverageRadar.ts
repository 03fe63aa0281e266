/**
 * @module analysis/coverageRadar
 * Where each radar of a scenario detects a target at a given altitude: the area in which `radarCoverageCheck`
 * finds a target of the given RCS visible (sector, instrumented range, 4/3-Earth horizon, elevation limits) with a
 * single-dwell Pd of at least 0.5. Along each azimuth of the sector (1° steps) the detectable ranges form one
 * interval [near, far] (the elevation ceiling cuts the near end, range, horizon and Pd the far end); both ends are
 * found by a coarse scan and bisection. The polygon joins the near and far ends (a wedge for a sectored radar, a
 * disc with a hole for an all-round one), as GeoJSON with RFC 7946 orientation.
 */
import { geodesicDirect } from '../geo/geodesic.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Radar, Scenario } from '../scenario/types.js';
import { radarCoverageCheck } from '../sensors/radar.js';
import { DETECTABLE_PD } from './coverageEngagement.js';
import {
  type FeatureCollection,
  type LinearRing,
  orientRing,
  type PolygonGeometry,
  type Position,
  ringSignedArea2,
} from './footprint.js';

const DEG_PER_RAD = 180 / Math.PI;
const TWO_PI = 2 * Math.PI;
/** Azimuth step of the rays, rad (1°). */
const AZIMUTH_STEP_rad = Math.PI / 180;
/** Coarse range step of the scan along a ray, m. */
const RANGE_STEP_m = 1000;
/** Bisection iterations refining each end (1 km / 2¹⁰ ≈ 1 m). */
const BISECTIONS = 10;

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

/** Near and far detectable ground range along one azimuth, m; null when nothing is detectable. */
function detectableInterval(
  radar: Radar,
  azimuth_rad: number,
  altitude_m: number,
  rcs_m2: number,
): { near_m: number; far_m: number } | null {
  const limit_m = radar.type.maxRange_m;
  const test = (r_m: number) => detectableAt(radar, azimuth_rad, r_m, altitude_m, rcs_m2);
  let first = -1;
  let last = -1;
  for (let r_m = 0; r_m <= limit_m; r_m += RANGE_STEP_m) {
    if (test(r_m)) {
      if (first < 0) first = r_m;
      last = r_m;
    } else if (first >= 0) break;
  }
  if (first < 0) return null;
  // refine the ends between the last miss and the first hit (and the last hit and the next miss)
  const refine = (hit_m: number, miss_m: number) => {
    for (let i = 0; i < BISECTIONS; i++) {
      const mid_m = 0.5 * (hit_m + miss_m);
      if (test(mid_m)) hit_m = mid_m;
      else miss_m = mid_m;
    }
    return hit_m;
  };
  const near_m = first === 0 ? 0 : refine(first, first - RANGE_STEP_m);
  const far_m = last + RANGE_STEP_m > limit_m ? last : refine(last, last + RANGE_STEP_m);
  return { near_m, far_m };
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
    const interval = detectableInterval(radar, azimuth_rad, altitude_m, rcs_m2);
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

/**
 * Radar coverage of every unit of a scenario (SAM batteries and C-RAM mounts) at `altitude_m` above the ellipsoid
 * against a target of `rcs_m2`: one GeoJSON Polygon per radar that detects anything at that height.
 */
export function radarCoverageAt(
  scenario: Scenario,
  altitude_m: number,
  rcs_m2: number,
): FeatureCollection<PolygonGeometry, RadarCoverageProperties> {
  const features: FeatureCollection<PolygonGeometry, RadarCoverageProperties>['features'] = [];
  for (const unit of scenario.units) {
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
