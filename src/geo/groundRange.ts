/**
 * @module geo/groundRange
 * The one answer to "does this point on the ground lie on that defended asset?" (the engine's impact bookkeeping,
 * the C2's threat evaluation and placement's objective all ask it): the ground range between two geodetic points,
 * compared with the asset's radius. Heights are ignored — an asset is a disc on the ellipsoid, and a predicted impact
 * at the battery's height and a true one at the terrain's are judged by where they are, not how high.
 *
 * The range is the mid-latitude plane approximation on the WGS84 ellipsoid (docs/geometry.md §1): north distance
 * M(φm)·Δφ and east distance N(φm)·cos φm·Δλ, with M and N the meridional and prime-vertical radii of curvature at
 * the mean latitude φm. Its error against the geodesic distance (Karney 2013, `geo/geodesic`) is third order in the
 * separation: at latitudes within ±70° it is below 1 mm up to 10 km, below 5 mm up to 20 km and below 0.5 m up to
 * 100 km ({@link GROUND_RANGE_ERROR_m}; tested against GeographicLib in `groundRange.test.ts`). That is far below any
 * asset radius or margin, and unlike the geodesic it needs no iteration and no allocation (the C2 asks it for every
 * track, asset and cycle).
 */
import { type Geodetic, WGS84_A_m, WGS84_E2 } from './wgs84.js';

/**
 * Stated worst-case error of {@link groundRange_m} against the WGS84 geodesic distance, m, by separation, for
 * latitudes within ±70° (docs/geometry.md §1). Keys: the separation up to which the bound holds, m.
 */
export const GROUND_RANGE_ERROR_m: Readonly<Record<number, number>> = Object.freeze({
  10000: 0.01,
  20000: 0.1,
  100000: 10,
});

/** Wraps a longitude difference to (−π, π]. */
function wrapLon_rad(dLon_rad: number): number {
  let d = dLon_rad % (2 * Math.PI);
  if (d > Math.PI) d -= 2 * Math.PI;
  else if (d <= -Math.PI) d += 2 * Math.PI;
  return d;
}

/**
 * Ground range between two geodetic points on the WGS84 ellipsoid, heights ignored, m: the mid-latitude plane
 * approximation (module note; error ≤ {@link GROUND_RANGE_ERROR_m} against the geodesic).
 */
export function groundRange_m(
  a: Pick<Geodetic, 'lat_rad' | 'lon_rad'>,
  b: Pick<Geodetic, 'lat_rad' | 'lon_rad'>,
): number {
  const latMid_rad = 0.5 * (a.lat_rad + b.lat_rad);
  const s = Math.sin(latMid_rad);
  const w2 = 1 - WGS84_E2 * s * s;
  const w = Math.sqrt(w2);
  // prime-vertical N = a / W and meridional M = a (1 − e²) / W³ radii of curvature at the mean latitude
  const n_m = WGS84_A_m / w;
  const m_m = (n_m * (1 - WGS84_E2)) / w2;
  const north_m = m_m * (b.lat_rad - a.lat_rad);
  const east_m = n_m * Math.cos(latMid_rad) * wrapLon_rad(b.lon_rad - a.lon_rad);
  return Math.hypot(north_m, east_m);
}

/** A defended area: a disc of `radius_m` around `position` on the ellipsoid. */
export interface GroundDisc {
  readonly position: Pick<Geodetic, 'lat_rad' | 'lon_rad'>;
  readonly radius_m: number;
}

/**
 * Whether `point` lies on `disc` widened by `margin_m` (ground range ≤ radius + margin; the boundary counts as on).
 * The one asset-hit rule of the engine, the C2 and the planner (module note).
 */
export function isOnDisc(
  disc: GroundDisc,
  point: Pick<Geodetic, 'lat_rad' | 'lon_rad'>,
  margin_m = 0,
): boolean {
  return groundRange_m(disc.position, point) <= disc.radius_m + margin_m;
}
