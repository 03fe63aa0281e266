/**
 * @module geo/wgs84
 * The WGS84 ellipsoid and conversions between geodetic (lat, lon, h) and ECEF. Every other module takes its Earth
 * constants from here (one place for a and f). The inverse conversion is Vermeille's closed form (J. Geodesy 85,
 * 2011, "An analytical method to transform geocentric into geodetic coordinates") in the arrangement used by
 * GeographicLib's `Geocentric::IntReverse` (Karney), which stays exact from deep inside the ellipsoid (the centre
 * included) out to GEO and beyond, with no iteration.
 */
/**
 * Geodetic position on WGS84: latitude/longitude in radians, height above the ellipsoid in metres. Defined here, at
 * the bottom of the layers, because every geometry module needs it; `scenario/types` re-exports it.
 */
export interface Geodetic {
  readonly lat_rad: number;
  readonly lon_rad: number;
  readonly h_m: number;
}

/** Semi-major axis, m (NIMA TR8350.2 §3.2.1). */
export const WGS84_A_m = 6378137.0;
/** Flattening, dimensionless (NIMA TR8350.2 §3.2.2). */
export const WGS84_F = 1 / 298.257223563;
/** Semi-minor axis b = a (1 − f), m. */
export const WGS84_B_m = WGS84_A_m * (1 - WGS84_F);
/** First eccentricity squared e² = f (2 − f). */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** Second eccentricity squared e′² = e² / (1 − e²). */
export const WGS84_EP2 = WGS84_E2 / (1 - WGS84_E2);
/** Earth gravitational parameter GM, m³/s² (with atmosphere; NIMA TR8350.2 §3.2.3). */
export const WGS84_GM_m3ps2 = 3.986004418e14;
/** Earth rotation rate Ω, rad/s (NIMA TR8350.2 §3.2.4). */
export const WGS84_OMEGA_radps = 7.292115e-5;
/** Second zonal harmonic J2 = −√5 C̄₂₀ (EGM96 C̄₂₀ = −0.484166774985e−3, NIMA TR8350.2 Table 5.1), unnormalised. */
export const WGS84_J2 = 1.08262982e-3;
/** Mean radius R₁ = (2a + b) / 3, m (IUGG definition; used by spherical approximations such as the radar horizon). */
export const WGS84_MEAN_RADIUS_m = (2 * WGS84_A_m + WGS84_B_m) / 3;

/** (1 − e²) = (b/a)². */
const E2M = (1 - WGS84_F) * (1 - WGS84_F);
/** e⁴. */
const E4 = WGS84_E2 * WGS84_E2;
/**
 * |z| below which a point counts as on the equatorial plane, m. Guards the underflow of q ∝ z² (for |z| ≲ 1e−150 m
 * q is denormal and the general formula loses all precision); the position error this admits is below 1e−9 m.
 */
const EQUATORIAL_PLANE_TOLERANCE_m = 1e-9;

/**
 * Geodetic → ECEF (m): x = (N + h) cos φ cos λ, y = (N + h) cos φ sin λ, z = (N (1 − e²) + h) sin φ with the prime
 * vertical radius N = a / √(1 − e² sin² φ) (Torge & Müller, *Geodesy* 4th ed., eq. 4.35 / NIMA TR8350.2 eq. 4-14).
 * Exact for every latitude and height (negative heights included).
 * @param lat_rad geodetic latitude, rad
 * @param lon_rad longitude, rad (east positive)
 * @param h_m height above the ellipsoid, m
 * @param out optional destination
 * @returns `out` (a new Float64Array(3) when omitted), ECEF m
 * @example
 * ```ts
 * import { geodeticToEcef } from 'aspis';
 * const pos_ecef = geodeticToEcef((33.8 * Math.PI) / 180, (42.44 * Math.PI) / 180, 180); // WGS-84, m
 * ```
 */
export function geodeticToEcef(
  lat_rad: number,
  lon_rad: number,
  h_m: number,
  out?: Float64Array,
): Float64Array {
  const o = out ?? new Float64Array(3);
  const sinLat = Math.sin(lat_rad);
  const cosLat = Math.cos(lat_rad);
  const primeVertical_m = WGS84_A_m / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  o[0] = (primeVertical_m + h_m) * cosLat * Math.cos(lon_rad);
  o[1] = (primeVertical_m + h_m) * cosLat * Math.sin(lon_rad);
  o[2] = (primeVertical_m * E2M + h_m) * sinLat;
  return o;
}

/** Geodetic record → ECEF (m); convenience wrapper over {@link geodeticToEcef} for `Geodetic` values. */
export function geodeticRecordToEcef(p: Geodetic, out?: Float64Array): Float64Array {
  return geodeticToEcef(p.lat_rad, p.lon_rad, p.h_m, out);
}

/**
 * ECEF (m) → geodetic (rad, rad, m above the ellipsoid), exact and non-iterative (Vermeille 2011, §2, as arranged
 * in GeographicLib `Geocentric::IntReverse`). The returned point is the foot of the shortest normal, so h is the
 * signed distance to the nearest ellipsoid point; it is unique everywhere except on the focal disc inside the
 * ellipsoid (|z| = 0, √(x² + y²) ≤ a e²) and on the polar axis (where longitude is returned as 0 or atan2(y, x)).
 * Accuracy: a few nanometres in the round trip ECEF → geodetic → ECEF for radii from 0 to beyond GEO.
 * @example
 * ```ts
 * import { ecefToGeodetic, geodeticToEcef } from 'aspis';
 * const { lat_rad, lon_rad, h_m } = ecefToGeodetic(geodeticToEcef(0.5847, 0.7556, 120));
 * ```
 */
export function ecefToGeodetic(ecef: Readonly<Float64Array>): Geodetic {
  const x = ecef[0];
  const y = ecef[1];
  const z = ecef[2];
  const r_m = Math.hypot(x, y);
  const lon_rad = r_m !== 0 ? Math.atan2(y, x) : 0;
  // Vermeille's p, q, r in units of a (eqs. 2-4)
  const p = (r_m / WGS84_A_m) ** 2;
  const q = E2M * (z / WGS84_A_m) ** 2;
  const r = (p + q - E4) / 6;
  let sinLat: number;
  let cosLat: number;
  let h_m: number;
  const onFocalDisc = r <= 0 && Math.abs(z) < EQUATORIAL_PLANE_TOLERANCE_m;
  if (!onFocalDisc) {
    // general case: solve the cubic for u (eqs. 5-9), choosing the root that avoids cancellation
    const s = (E4 * p * q) / 4;
    const r2 = r * r;
    const r3 = r * r2;
    const disc = s * (2 * r3 + s);
    let u = r;
    if (disc >= 0) {
      let t3 = s + r3;
      t3 += t3 < 0 ? -Math.sqrt(disc) : Math.sqrt(disc);
      const t = Math.cbrt(t3);
      u += t + (t !== 0 ? r2 / t : 0);
    } else {
      // three real roots (inside the evolute): trigonometric form
      const angle = Math.atan2(Math.sqrt(-disc), -(s + r3));
      u += 2 * r * Math.cos(angle / 3);
    }
    const v = Math.sqrt(u * u + E4 * q);
    // u + v, evaluated without cancellation when u < 0
    const uv = u < 0 ? (E4 * q) / (v - u) : u + v;
    const w = Math.max(0, (WGS84_E2 * (uv - q)) / (2 * v));
    const k = uv / (Math.sqrt(uv + w * w) + w);
    const k2 = k + WGS84_E2;
    const d = (k * r_m) / k2;
    const hyp = Math.hypot(z / k, r_m / k2);
    sinLat = z / k / hyp;
    cosLat = r_m / k2 / hyp;
    h_m = (1 - E2M / k) * Math.hypot(d, z);
  } else {
    // on the focal disc (z = 0, r ≤ a e²): the limit k → 0 of the general formulas (GeographicLib's special case)
    const zz = Math.sqrt((E4 - p) / E2M);
    const xx = Math.sqrt(p);
    const hyp = Math.hypot(zz, xx);
    sinLat = zz / hyp;
    cosLat = xx / hyp;
    if (z < 0) sinLat = -sinLat;
    h_m = (-WGS84_A_m * E2M * hyp) / WGS84_E2;
  }
  return { lat_rad: Math.atan2(sinLat, cosLat), lon_rad, h_m };
}

/**
 * Approximate ellipsoid height of an ECEF point, m, for hot loops: |r| minus the ellipsoid radius along the same
 * geocentric direction, r_e = a b / √(b² cos²ψ + a² sin²ψ). Measuring along the radius rather than the normal errs
 * by about h (1 − cos δ) with δ ≤ 0.19° (geodetic − geocentric latitude, largest near 45°): |error| ≤ 5.6e-6 · |h|,
 * i.e. 5.6 cm at 10 km, 0.56 m at 100 km, 1.1 m at 200 km; exact on the ellipsoid (measured against
 * `ecefToGeodetic`, the exact inverse, in wgs84.test.ts). Use it for envelope and ground checks, not for geodesy.
 */
export function approxHeight_m(x_m: number, y_m: number, z_m: number): number {
  const r2 = x_m * x_m + y_m * y_m + z_m * z_m;
  const r = Math.sqrt(r2);
  const sin2 = r2 > 0 ? (z_m * z_m) / r2 : 0;
  const cos2 = 1 - sin2;
  return r - (WGS84_A_m * WGS84_B_m) / Math.sqrt(WGS84_B_m * WGS84_B_m * cos2 + WGS84_A_m * WGS84_A_m * sin2);
}

/** `approxHeight_m` of a position vector (ECEF, m). */
export function approxHeightOf_m(pos_ecef: Readonly<Float64Array>): number {
  return approxHeight_m(pos_ecef[0], pos_ecef[1], pos_ecef[2]);
}
