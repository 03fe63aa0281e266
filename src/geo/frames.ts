/**
 * @module geo/frames
 * Local East-North-Up (ENU) frames on the WGS84 ellipsoid and azimuth/elevation/range (AER). Up is the ellipsoid
 * normal (geodetic vertical), north is tangent to the meridian. Rotations are named to-from:
 * `v_enu = dcmEnuFromEcef · v_ecef` (Torge & Müller, *Geodesy*, §4.1; the same convention as MATLAB `ecef2enu` and
 * pymap3d). Azimuth is measured clockwise from north in [0, 2π); elevation is above the local horizontal plane (no
 * refraction). Every function that writes `out` is safe when `out` aliases an input.
 */
import { hypot2 } from '../math/hypot.js';
import { type Geodetic, WGS84_A_m, WGS84_E2 } from './wgs84.js';

/** Azimuth clockwise from north in [0, 2π) (rad), elevation above the local horizontal plane (rad), slant range (m). */
export interface Aer {
  readonly azimuth_rad: number;
  readonly elevation_rad: number;
  readonly range_m: number;
}

/**
 * Row-major 3×3 rotation taking ECEF vectors into the ENU frame at geodetic (lat, lon): rows are the east, north and
 * up unit vectors expressed in ECEF (Torge & Müller eq. 4.45).
 * @param lat_rad geodetic latitude, rad
 * @param lon_rad longitude, rad
 * @returns `out` (a new Float64Array(9) when omitted)
 * @example
 * ```ts
 * import { dcmEnuFromEcef } from 'aspis';
 * const dcm = dcmEnuFromEcef(0.5847, 0.7556); // row-major 3×3: v_enu = dcm · v_ecef
 * ```
 */
export function dcmEnuFromEcef(lat_rad: number, lon_rad: number, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(9);
  const sl = Math.sin(lat_rad);
  const cl = Math.cos(lat_rad);
  const so = Math.sin(lon_rad);
  const co = Math.cos(lon_rad);
  o[0] = -so;
  o[1] = co;
  o[2] = 0;
  o[3] = -sl * co;
  o[4] = -sl * so;
  o[5] = cl;
  o[6] = cl * co;
  o[7] = cl * so;
  o[8] = sl;
  return o;
}

/** v_enu = dcm · v_ecef for a direction or displacement (no origin shift); any length unit. `out` may alias `v_ecef`. */
export function rotateEcefToEnu(
  dcm: Readonly<Float64Array>,
  v_ecef: Readonly<Float64Array>,
  out: Float64Array,
): Float64Array {
  const x = v_ecef[0];
  const y = v_ecef[1];
  const z = v_ecef[2];
  out[0] = dcm[0] * x + dcm[1] * y + dcm[2] * z;
  out[1] = dcm[3] * x + dcm[4] * y + dcm[5] * z;
  out[2] = dcm[6] * x + dcm[7] * y + dcm[8] * z;
  return out;
}

/** v_ecef = dcmᵀ · v_enu for a direction or displacement (no origin shift); any length unit. `out` may alias `v_enu`. */
export function rotateEnuToEcef(
  dcm: Readonly<Float64Array>,
  v_enu: Readonly<Float64Array>,
  out: Float64Array,
): Float64Array {
  const e = v_enu[0];
  const n = v_enu[1];
  const u = v_enu[2];
  out[0] = dcm[0] * e + dcm[3] * n + dcm[6] * u;
  out[1] = dcm[1] * e + dcm[4] * n + dcm[7] * u;
  out[2] = dcm[2] * e + dcm[5] * n + dcm[8] * u;
  return out;
}

/**
 * Position of `target_ecef` (m) in the ENU frame centred on `observer` (m): dcmEnuFromEcef · (target − origin).
 * Allocation-free when `out` is given; `out` may alias `target_ecef`.
 * @example
 * ```ts
 * import { ecefToEnu, geodeticToEcef } from 'aspis';
 * const observer = { lat_rad: 0.5847, lon_rad: 0.7556, h_m: 100 };
 * const pos_enu = ecefToEnu(observer, geodeticToEcef(0.59, 0.76, 5_000));
 * ```
 */
export function ecefToEnu(
  observer: Geodetic,
  target_ecef: Readonly<Float64Array>,
  out?: Float64Array,
): Float64Array {
  const o = out ?? new Float64Array(3);
  const origin = originOf(observer);
  const dx = target_ecef[0] - origin.x_m;
  const dy = target_ecef[1] - origin.y_m;
  const dz = target_ecef[2] - origin.z_m;
  o[0] = -origin.sinLon * dx + origin.cosLon * dy;
  o[1] = -origin.sinLat * origin.cosLon * dx - origin.sinLat * origin.sinLon * dy + origin.cosLat * dz;
  o[2] = origin.cosLat * origin.cosLon * dx + origin.cosLat * origin.sinLon * dy + origin.sinLat * dz;
  return o;
}

/**
 * ENU position (m) relative to `observer` → ECEF (m): origin + dcmᵀ · pos_enu. `out` may alias `pos_enu`.
 * @example
 * ```ts
 * import { enuToEcef } from 'aspis';
 * const observer = { lat_rad: 0.5847, lon_rad: 0.7556, h_m: 100 };
 * const pos_ecef = enuToEcef(observer, new Float64Array([0, 10_000, 500])); // 10 km north, 500 m up
 * ```
 */
export function enuToEcef(
  observer: Geodetic,
  pos_enu: Readonly<Float64Array>,
  out?: Float64Array,
): Float64Array {
  const o = out ?? new Float64Array(3);
  const origin = originOf(observer);
  const e = pos_enu[0];
  const n = pos_enu[1];
  const u = pos_enu[2];
  o[0] =
    origin.x_m - origin.sinLon * e - origin.sinLat * origin.cosLon * n + origin.cosLat * origin.cosLon * u;
  o[1] =
    origin.y_m + origin.cosLon * e - origin.sinLat * origin.sinLon * n + origin.cosLat * origin.sinLon * u;
  o[2] = origin.z_m + origin.cosLat * n + origin.sinLat * u;
  return o;
}

/** Trigonometry and ECEF position of an ENU origin (geodeticToEcef inlined so that no array is allocated). */
function originOf(observer: Geodetic) {
  const sinLat = Math.sin(observer.lat_rad);
  const cosLat = Math.cos(observer.lat_rad);
  const sinLon = Math.sin(observer.lon_rad);
  const cosLon = Math.cos(observer.lon_rad);
  const primeVertical_m = WGS84_A_m / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
  const horizontal_m = (primeVertical_m + observer.h_m) * cosLat;
  return {
    sinLat,
    cosLat,
    sinLon,
    cosLon,
    x_m: horizontal_m * cosLon,
    y_m: horizontal_m * sinLon,
    z_m: (primeVertical_m * (1 - WGS84_E2) + observer.h_m) * sinLat,
  };
}

/**
 * Azimuth (clockwise from north, [0, 2π)), elevation and range of an ENU vector (m). The zero vector and points
 * straight up or down give azimuth 0.
 * @example
 * ```ts
 * import { enuToAer } from 'aspis';
 * const aer = enuToAer(new Float64Array([1_000, 1_000, 100])); // azimuth π/4 from north
 * ```
 */
export function enuToAer(pos_enu: Readonly<Float64Array>): Aer {
  const e = pos_enu[0];
  const n = pos_enu[1];
  const u = pos_enu[2];
  // hypot2: Math.hypot's bits without its per-call array (radar coverage calls this per target per dwell)
  const horizontal_m = hypot2(e, n);
  let azimuth_rad = Math.atan2(e, n);
  if (azimuth_rad < 0) azimuth_rad += 2 * Math.PI;
  // a tiny negative angle rounds to exactly 2π; atan2 may also return −0
  if (azimuth_rad >= 2 * Math.PI || azimuth_rad === 0) azimuth_rad = 0;
  return { azimuth_rad, elevation_rad: Math.atan2(u, horizontal_m), range_m: hypot2(horizontal_m, u) };
}

/**
 * Azimuth (clockwise from north, [0, 2π)), geometric elevation above the observer's horizontal plane and slant range
 * (m) of an ECEF target seen from `observer` (MATLAB `ecef2aer` convention; no refraction).
 * @example
 * ```ts
 * import { ecefToAer, geodeticToEcef } from 'aspis';
 * const observer = { lat_rad: 0.5847, lon_rad: 0.7556, h_m: 100 };
 * const aer = ecefToAer(observer, geodeticToEcef(0.59, 0.76, 5_000));
 * console.log(aer.azimuth_rad, aer.elevation_rad, aer.range_m);
 * ```
 */
export function ecefToAer(observer: Geodetic, target_ecef: Readonly<Float64Array>): Aer {
  const pos_enu = ecefToEnu(observer, target_ecef);
  return enuToAer(pos_enu);
}

/**
 * ENU vector (m) from azimuth (clockwise from north), elevation and range: the inverse of {@link enuToAer}.
 * @example
 * ```ts
 * import { aerToEnu } from 'aspis';
 * const pos_enu = aerToEnu({ azimuth_rad: Math.PI / 2, elevation_rad: 0.1, range_m: 20_000 }); // east, north, up, m
 * ```
 */
export function aerToEnu(aer: Aer, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(3);
  const ce = Math.cos(aer.elevation_rad);
  o[0] = aer.range_m * ce * Math.sin(aer.azimuth_rad);
  o[1] = aer.range_m * ce * Math.cos(aer.azimuth_rad);
  o[2] = aer.range_m * Math.sin(aer.elevation_rad);
  return o;
}
