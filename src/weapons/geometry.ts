/**
 * @module weapons/geometry
 * Cheap site-relative geometry for the weapon hot loops: ellipsoid height without the iterative geodetic inverse,
 * and (ground range, height) of a point as seen from a launch site. The ground range is the arc along the sphere of
 * the site's geocentric radius, the height is the ellipsoid height difference to the site; both are what the flyout
 * table is indexed by, so the table and the intercept-point solver agree by construction.
 */
import { dcmEnuFromEcef, rotateEnuToEcef } from '../geo/frames.js';
import { approxHeightOf_m } from '../geo/wgs84.js';
import { hypot3 } from '../math/hypot.js';

/** A launch site reduced to what range/height queries need (precomputed once). */
export interface SiteFrame {
  /** Site position, ECEF m. */
  readonly pos_ecef: Float64Array;
  /** Approximate ellipsoid height of the site, m (same approximation as the query points). */
  readonly height_m: number;
  /** Geocentric radius of the site's ground point, m (radius of the arc used for ground range). */
  readonly groundRadius_m: number;
}

/** Builds the `SiteFrame` of a site given in ECEF (m). */
export function siteFrame(site_ecef: Readonly<Float64Array>): SiteFrame {
  const pos_ecef = Float64Array.from(site_ecef);
  const height_m = approxHeightOf_m(pos_ecef);
  const r = Math.hypot(pos_ecef[0], pos_ecef[1], pos_ecef[2]);
  return { pos_ecef, height_m, groundRadius_m: r - height_m };
}

/**
 * Ground range (arc on the sphere of the site's ground radius, m) from the site to the sub-point of `pos_ecef`,
 * from the angle between the two geocentric radius vectors (atan2 of |a × b| and a · b, well conditioned at 0).
 */
export function groundRangeFrom_m(site: SiteFrame, pos_ecef: Readonly<Float64Array>): number {
  const s = site.pos_ecef;
  const cx = s[1] * pos_ecef[2] - s[2] * pos_ecef[1];
  const cy = s[2] * pos_ecef[0] - s[0] * pos_ecef[2];
  const cz = s[0] * pos_ecef[1] - s[1] * pos_ecef[0];
  const d = s[0] * pos_ecef[0] + s[1] * pos_ecef[1] + s[2] * pos_ecef[2];
  return site.groundRadius_m * Math.atan2(hypot3(cx, cy, cz), d);
}

/** Height of `pos_ecef` above the site (ellipsoid height difference), m. */
export function heightAboveSite_m(site: SiteFrame, pos_ecef: Readonly<Float64Array>): number {
  return approxHeightOf_m(pos_ecef) - site.height_m;
}

/**
 * Unit vector (ECEF) of a direction given by azimuth (clockwise from north) and elevation above the horizon at a
 * geodetic latitude/longitude, written into `out`.
 */
export function directionEcef(
  lat_rad: number,
  lon_rad: number,
  azimuthFromNorthCw_rad: number,
  elevationAboveHorizon_rad: number,
  out: Float64Array,
): Float64Array {
  const ce = Math.cos(elevationAboveHorizon_rad);
  const dir_enu = Float64Array.of(
    ce * Math.sin(azimuthFromNorthCw_rad),
    ce * Math.cos(azimuthFromNorthCw_rad),
    Math.sin(elevationAboveHorizon_rad),
  );
  return rotateEnuToEcef(dcmEnuFromEcef(lat_rad, lon_rad), dir_enu, out);
}
