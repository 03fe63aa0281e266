/**
 * @module geo/horizon
 * Radar line of sight over a smooth Earth with standard refraction, by the effective-Earth-radius model: rays are
 * drawn straight over a sphere of radius k·R (k = 4/3 for the standard atmosphere's refractivity gradient),
 * Skolnik, *Introduction to Radar Systems* 3rd ed., §8.2, and Blake, *Radar Range-Performance Analysis*, ch. 3.
 * `radarHorizonRange_m` is the textbook small-height formula √(2kRh₁) + √(2kRh₂) (≈ 4.12 (√h₁ + √h₂) km with h in
 * m); the visibility tests solve the exact straight-line geometry over the effective sphere, so they agree with
 * the formula to within h/(2kR) relative (below 0.1 % for heights under 10 km). Terrain, ducting and the ellipsoid's
 * varying curvature are ignored: R is the WGS84 mean radius.
 */
import { ecefToGeodetic, type Geodetic, WGS84_MEAN_RADIUS_m } from './wgs84.js';

/** Standard-atmosphere effective Earth radius factor (Skolnik §8.2). */
export const STANDARD_K_FACTOR = 4 / 3;

/** Slack allowed on the clearance test so that a target exactly on the surface counts as visible, m. */
const CLEARANCE_TOLERANCE_m = 1e-6;

/**
 * Radar horizon distance between an antenna at height h1 and a target at height h2, m: √(2kRh₁) + √(2kRh₂)
 * (Skolnik eq. 8.4 summed over both ends). Negative heights count as 0.
 * @param h1_m antenna height above the surface, m
 * @param h2_m target height above the surface, m
 * @param kFactor effective Earth radius factor (4/3 by default)
 * @example
 * ```ts
 * import { radarHorizonRange_m } from 'aspis';
 * const range_m = radarHorizonRange_m(5, 100); // antenna 5 m, target 100 m: ≈ 50 km
 * ```
 */
export function radarHorizonRange_m(h1_m: number, h2_m: number, kFactor: number = STANDARD_K_FACTOR): number {
  const effectiveRadius_m = kFactor * WGS84_MEAN_RADIUS_m;
  return (
    Math.sqrt(2 * effectiveRadius_m * Math.max(h1_m, 0)) +
    Math.sqrt(2 * effectiveRadius_m * Math.max(h2_m, 0))
  );
}

/**
 * Whether the straight line between an observer and a target clears a sphere of radius k·R (the effective Earth),
 * given both heights and the ground (arc) distance between their foot points. Exact geometry: the minimum distance
 * from the sphere's centre to the segment must be at least k·R.
 * @param observerHeight_m observer height above the surface, m
 * @param targetHeight_m target height above the surface, m
 * @param groundRange_m great-circle distance between the two foot points, m
 * @param kFactor effective Earth radius factor (4/3 by default)
 * @example
 * ```ts
 * import { radarHorizonVisible } from 'aspis';
 * console.log(radarHorizonVisible(5, 100, 60_000)); // false: below the horizon
 * ```
 */
export function radarHorizonVisible(
  observerHeight_m: number,
  targetHeight_m: number,
  groundRange_m: number,
  kFactor: number = STANDARD_K_FACTOR,
): boolean {
  const effectiveRadius_m = kFactor * WGS84_MEAN_RADIUS_m;
  const centralAngle_rad = Math.abs(groundRange_m) / effectiveRadius_m;
  if (centralAngle_rad >= Math.PI) return false;
  // observer on the +y axis, target rotated by the central angle, in the plane of the great circle
  const observerRadius_m = effectiveRadius_m + observerHeight_m;
  const targetRadius_m = effectiveRadius_m + targetHeight_m;
  const ox = 0;
  const oy = observerRadius_m;
  const tx = targetRadius_m * Math.sin(centralAngle_rad);
  const ty = targetRadius_m * Math.cos(centralAngle_rad);
  // closest point of the segment to the centre
  const dx = tx - ox;
  const dy = ty - oy;
  const length2 = dx * dx + dy * dy;
  const along = length2 > 0 ? Math.min(1, Math.max(0, -(ox * dx + oy * dy) / length2)) : 0;
  const closest_m = Math.hypot(ox + along * dx, oy + along * dy);
  return closest_m >= effectiveRadius_m - CLEARANCE_TOLERANCE_m;
}

/**
 * Whether an ECEF target (m) is above the radar horizon of a geodetic observer, in the 4/3-Earth model: heights are
 * the two geodetic heights, and the ground range is the angle between the two ellipsoid normals times the mean
 * radius (the effective-Earth elevation correction is then applied by {@link radarHorizonVisible}).
 * @param observer antenna position (its h_m is the antenna height above the ellipsoid)
 * @param target_ecef target position, ECEF m
 * @param kFactor effective Earth radius factor (4/3 by default)
 * @example
 * ```ts
 * import { geodeticToEcef, isAboveHorizon } from 'aspis';
 * const observer = { lat_rad: 0.5847, lon_rad: 0.7556, h_m: 100 };
 * console.log(isAboveHorizon(observer, geodeticToEcef(0.6, 0.77, 300))); // 4/3-Earth refraction by default
 * ```
 */
export function isAboveHorizon(
  observer: Geodetic,
  target_ecef: Readonly<Float64Array>,
  kFactor: number = STANDARD_K_FACTOR,
): boolean {
  const target = ecefToGeodetic(target_ecef);
  const normalAngle_rad = angleBetweenNormals_rad(observer, target);
  return radarHorizonVisible(observer.h_m, target.h_m, normalAngle_rad * WGS84_MEAN_RADIUS_m, kFactor);
}

/** Angle between the ellipsoid normals (geodetic verticals) at two points, rad, by the stable atan2 form. */
function angleBetweenNormals_rad(a: Geodetic, b: Geodetic): number {
  const ax = Math.cos(a.lat_rad) * Math.cos(a.lon_rad);
  const ay = Math.cos(a.lat_rad) * Math.sin(a.lon_rad);
  const az = Math.sin(a.lat_rad);
  const bx = Math.cos(b.lat_rad) * Math.cos(b.lon_rad);
  const by = Math.cos(b.lat_rad) * Math.sin(b.lon_rad);
  const bz = Math.sin(b.lat_rad);
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  return Math.atan2(Math.hypot(cx, cy, cz), ax * bx + ay * by + az * bz);
}
