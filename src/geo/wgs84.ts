/**
 * @module geo/wgs84
 * The WGS84 ellipsoid and conversions between geodetic (lat, lon, h) and ECEF. Every other module takes its Earth
 * constants from here (one place for a and f).
 */
import type { Geodetic } from '../scenario/types.js';

/** Semi-major axis, m (NIMA TR8350.2). */
export const WGS84_A_m = 6378137.0;
/** Flattening. */
export const WGS84_F = 1 / 298.257223563;
/** Semi-minor axis, m. */
export const WGS84_B_m = WGS84_A_m * (1 - WGS84_F);
/** First eccentricity squared. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);
/** Second eccentricity squared. */
export const WGS84_EP2 = WGS84_E2 / (1 - WGS84_E2);
/** Earth gravitational parameter GM, m³/s² (with atmosphere). */
export const WGS84_GM_m3ps2 = 3.986004418e14;
/** Earth rotation rate, rad/s. */
export const WGS84_OMEGA_radps = 7.292115e-5;
/** Second zonal harmonic J2 (EGM96, unnormalised). */
export const WGS84_J2 = 1.08262982e-3;

/**
 * Geodetic → ECEF (m). Closed form (Torge, Geodesy §6.2.1).
 * @returns `out` (a new Float64Array(3) when omitted)
 */
export function geodeticToEcef(lat_rad: number, lon_rad: number, h_m: number, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(3);
  const sinLat = Math.sin(lat_rad);
  const cosLat = Math.cos(lat_rad);
  const primeVertical_m = WGS84_A_m / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  o[0] = (primeVertical_m + h_m) * cosLat * Math.cos(lon_rad);
  o[1] = (primeVertical_m + h_m) * cosLat * Math.sin(lon_rad);
  o[2] = (primeVertical_m * (1 - WGS84_E2) + h_m) * sinLat;
  return o;
}

/** Geodetic record → ECEF, convenience for `Geodetic` values. */
export function geodeticRecordToEcef(p: Geodetic, out?: Float64Array): Float64Array {
  return geodeticToEcef(p.lat_rad, p.lon_rad, p.h_m, out);
}

/**
 * ECEF → geodetic. Bowring's parametric-latitude start refined by Newton iterations on the latitude until the
 * change is below 1e-15 rad, then h from the better-conditioned of the two standard formulas.
 */
export function ecefToGeodetic(ecef: Readonly<Float64Array>): Geodetic {
  const x = ecef[0];
  const y = ecef[1];
  const z = ecef[2];
  const p = Math.hypot(x, y);
  const lon_rad = p > 0 ? Math.atan2(y, x) : 0;
  if (p < 1e-9) {
    // on the polar axis: latitude ±90°, height from the pole
    const lat_rad = z >= 0 ? Math.PI / 2 : -Math.PI / 2;
    return { lat_rad, lon_rad, h_m: Math.abs(z) - WGS84_B_m };
  }
  // Bowring initial guess via parametric latitude
  const beta0 = Math.atan2(z * WGS84_A_m, p * WGS84_B_m);
  let lat = Math.atan2(
    z + WGS84_EP2 * WGS84_B_m * Math.sin(beta0) ** 3,
    p - WGS84_E2 * WGS84_A_m * Math.cos(beta0) ** 3,
  );
  for (let i = 0; i < 8; i++) {
    const s = Math.sin(lat);
    const n = WGS84_A_m / Math.sqrt(1 - WGS84_E2 * s * s);
    const next = Math.atan2(z + WGS84_E2 * n * s, p);
    const delta = next - lat;
    lat = next;
    if (Math.abs(delta) < 1e-15) break;
  }
  const s = Math.sin(lat);
  const c = Math.cos(lat);
  const n = WGS84_A_m / Math.sqrt(1 - WGS84_E2 * s * s);
  const h_m = Math.abs(c) > Math.abs(s) ? p / c - n : z / s - n * (1 - WGS84_E2);
  return { lat_rad: lat, lon_rad, h_m };
}
