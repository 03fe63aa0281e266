/**
 * @module geo/frames
 * Local East-North-Up frames and azimuth/elevation/range. Rotations are named to-from: `v_enu = dcmEnuFromEcef · v_ecef`.
 */
import type { Geodetic } from '../scenario/types.js';
import { geodeticToEcef } from './wgs84.js';

/** Azimuth clockwise from north in [0, 2π), elevation above the local horizon, slant range. */
export interface Aer {
  readonly azimuth_rad: number;
  readonly elevation_rad: number;
  readonly range_m: number;
}

/** Row-major 3×3 rotation taking ECEF vectors into the observer's ENU frame (Float64Array(9)). */
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

/** v_enu = dcm · v_ecef for a direction (no origin shift). */
export function rotateEcefToEnu(dcm: Readonly<Float64Array>, v_ecef: Readonly<Float64Array>, out: Float64Array): Float64Array {
  const x = v_ecef[0];
  const y = v_ecef[1];
  const z = v_ecef[2];
  out[0] = dcm[0] * x + dcm[1] * y + dcm[2] * z;
  out[1] = dcm[3] * x + dcm[4] * y + dcm[5] * z;
  out[2] = dcm[6] * x + dcm[7] * y + dcm[8] * z;
  return out;
}

/** v_ecef = dcmᵀ · v_enu for a direction (no origin shift). */
export function rotateEnuToEcef(dcm: Readonly<Float64Array>, v_enu: Readonly<Float64Array>, out: Float64Array): Float64Array {
  const e = v_enu[0];
  const n = v_enu[1];
  const u = v_enu[2];
  out[0] = dcm[0] * e + dcm[3] * n + dcm[6] * u;
  out[1] = dcm[1] * e + dcm[4] * n + dcm[7] * u;
  out[2] = dcm[2] * e + dcm[5] * n + dcm[8] * u;
  return out;
}

/** Position of `target_ecef` in the ENU frame centred on `observer` (m). */
export function ecefToEnu(observer: Geodetic, target_ecef: Readonly<Float64Array>, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(3);
  const origin = geodeticToEcef(observer.lat_rad, observer.lon_rad, observer.h_m);
  origin[0] = target_ecef[0] - origin[0];
  origin[1] = target_ecef[1] - origin[1];
  origin[2] = target_ecef[2] - origin[2];
  return rotateEcefToEnu(dcmEnuFromEcef(observer.lat_rad, observer.lon_rad), origin, o);
}

/** ENU position relative to `observer` → ECEF (m). */
export function enuToEcef(observer: Geodetic, pos_enu: Readonly<Float64Array>, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(3);
  const origin = geodeticToEcef(observer.lat_rad, observer.lon_rad, observer.h_m);
  rotateEnuToEcef(dcmEnuFromEcef(observer.lat_rad, observer.lon_rad), pos_enu, o);
  o[0] += origin[0];
  o[1] += origin[1];
  o[2] += origin[2];
  return o;
}

/** Azimuth/elevation/range from an ENU vector. */
export function enuToAer(pos_enu: Readonly<Float64Array>): Aer {
  const e = pos_enu[0];
  const n = pos_enu[1];
  const u = pos_enu[2];
  const horizontal_m = Math.hypot(e, n);
  let azimuth_rad = Math.atan2(e, n);
  if (azimuth_rad < 0) azimuth_rad += 2 * Math.PI;
  if (azimuth_rad >= 2 * Math.PI) azimuth_rad = 0;
  return { azimuth_rad, elevation_rad: Math.atan2(u, horizontal_m), range_m: Math.hypot(horizontal_m, u) };
}

/** Azimuth (clockwise from north), elevation and slant range of a target seen from `observer`. */
export function ecefToAer(observer: Geodetic, target_ecef: Readonly<Float64Array>): Aer {
  return enuToAer(ecefToEnu(observer, target_ecef));
}

/** ENU vector from azimuth/elevation/range. */
export function aerToEnu(aer: Aer, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(3);
  const ce = Math.cos(aer.elevation_rad);
  o[0] = aer.range_m * ce * Math.sin(aer.azimuth_rad);
  o[1] = aer.range_m * ce * Math.cos(aer.azimuth_rad);
  o[2] = aer.range_m * Math.sin(aer.elevation_rad);
  return o;
}
