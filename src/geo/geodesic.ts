/**
 * @module geo/geodesic
 * Geodesics on the WGS84 ellipsoid: the inverse problem (distance and azimuths between two points) and the direct
 * problem (end point from a start, an azimuth and a distance). Both delegate to Karney's algorithms in the
 * `geographiclib-geodesic` package (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 2013), which are
 * accurate to about 15 nm for any pair of points, antipodal ones included. This module only converts radians to
 * the package's degrees and back and normalises azimuths to [0, 2π) clockwise from north.
 */
import geographiclib from 'geographiclib-geodesic';
import { WGS84_A_m, WGS84_F } from './wgs84.js';

/** Result of the inverse geodesic problem. */
export interface GeodesicInverse {
  /** Length of the shortest geodesic on the WGS84 ellipsoid, m. */
  readonly distance_m: number;
  /** Forward azimuth at point 1, clockwise from north, [0, 2π) rad. */
  readonly azimuth1_rad: number;
  /** Forward azimuth at point 2 (direction of travel on arrival), clockwise from north, [0, 2π) rad. */
  readonly azimuth2_rad: number;
}

/** Result of the direct geodesic problem. */
export interface GeodesicDirect {
  /** Geodetic latitude of the end point, rad. */
  readonly lat_rad: number;
  /** Longitude of the end point, (−π, π] rad. */
  readonly lon_rad: number;
  /** Forward azimuth at the end point, clockwise from north, [0, 2π) rad. */
  readonly azimuth2_rad: number;
}

const DEG_PER_RAD = 180 / Math.PI;
const RAD_PER_DEG = Math.PI / 180;

/** The WGS84 solver, built from this project's own constants (identical to the package's `Geodesic.WGS84`). */
const WGS84_GEODESIC = new geographiclib.Geodesic.Geodesic(WGS84_A_m, WGS84_F);

/** Degrees (any range) → rad in [0, 2π). */
function azimuthToRad(azimuth_deg: number): number {
  const wrapped_deg = ((azimuth_deg % 360) + 360) % 360;
  return wrapped_deg === 360 ? 0 : wrapped_deg * RAD_PER_DEG;
}

/**
 * Inverse geodesic problem on WGS84 (Karney 2013, §4): shortest distance and the forward azimuths at both ends.
 * The bearing *from point 2 back to point 1* is `azimuth2_rad + π` (mod 2π).
 * @param lat1_rad geodetic latitude of point 1, rad
 * @param lon1_rad longitude of point 1, rad
 * @param lat2_rad geodetic latitude of point 2, rad
 * @param lon2_rad longitude of point 2, rad
 * @example
 * ```ts
 * import { geodesicInverse } from 'aspis';
 * const g = geodesicInverse(0.5847, 0.7556, 0.6251, 0.7836);
 * console.log(g.distance_m, g.azimuth1_rad);
 * ```
 */
export function geodesicInverse(
  lat1_rad: number,
  lon1_rad: number,
  lat2_rad: number,
  lon2_rad: number,
): GeodesicInverse {
  const r = WGS84_GEODESIC.Inverse(
    lat1_rad * DEG_PER_RAD,
    lon1_rad * DEG_PER_RAD,
    lat2_rad * DEG_PER_RAD,
    lon2_rad * DEG_PER_RAD,
  );
  return {
    distance_m: r.s12 ?? Number.NaN,
    azimuth1_rad: azimuthToRad(r.azi1 ?? Number.NaN),
    azimuth2_rad: azimuthToRad(r.azi2 ?? Number.NaN),
  };
}

/**
 * Direct geodesic problem on WGS84 (Karney 2013, §3): the point reached after `distance_m` along the geodesic that
 * leaves (lat1, lon1) at `azimuth1_rad` (clockwise from north), and the forward azimuth there.
 * @param distance_m geodesic length, m (negative goes backwards)
 * @example
 * ```ts
 * import { geodesicDirect } from 'aspis';
 * const p = geodesicDirect(0.5847, 0.7556, Math.PI / 4, 100_000); // 100 km north-east on WGS-84
 * console.log(p.lat_rad, p.lon_rad, p.azimuth2_rad);
 * ```
 */
export function geodesicDirect(
  lat1_rad: number,
  lon1_rad: number,
  azimuth1_rad: number,
  distance_m: number,
): GeodesicDirect {
  const r = WGS84_GEODESIC.Direct(
    lat1_rad * DEG_PER_RAD,
    lon1_rad * DEG_PER_RAD,
    azimuth1_rad * DEG_PER_RAD,
    distance_m,
  );
  return {
    lat_rad: (r.lat2 ?? Number.NaN) * RAD_PER_DEG,
    lon_rad: (r.lon2 ?? Number.NaN) * RAD_PER_DEG,
    azimuth2_rad: azimuthToRad(r.azi2 ?? Number.NaN),
  };
}
