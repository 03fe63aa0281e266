/**
 * @module world/pathAt
 * Positions along a recorded flight path at any time, by linear interpolation between recorded samples (threats
 * every 2 s, interceptors every guidance step), and display-grade great-circle points. Pure and DOM-free: the web
 * replay moves its points and draws its wedges with it. Nothing here decides an outcome (tracks are attributed to
 * threats by truth ids, `outcome/build`).
 */
import type { PathRecord } from './paths.js';

/** A geodetic point: degrees and metres. */
export interface PathPoint {
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly alt_m: number;
}

/** Index of the last sample with `t_s[i] ≤ t` (binary search); −1 before the first sample. */
export function sampleIndexAt(times_s: readonly number[], t_s: number): number {
  let lo = 0;
  let hi = times_s.length - 1;
  if (hi < 0 || t_s < times_s[0]) return -1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (times_s[mid] <= t_s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * The position on `path` at `t_s`, linearly interpolated between samples; null outside the recorded interval
 * (not yet launched, or already ended).
 */
export function pathPositionAt(path: PathRecord, t_s: number): PathPoint | null {
  const n = path.t_s.length;
  if (n === 0) return null;
  if (t_s < path.t_s[0] || t_s > path.t_s[n - 1]) return null;
  const i = sampleIndexAt(path.t_s, t_s);
  if (i >= n - 1)
    return { lat_deg: path.lat_deg[n - 1], lon_deg: path.lon_deg[n - 1], alt_m: path.alt_m[n - 1] };
  const span_s = path.t_s[i + 1] - path.t_s[i];
  const f = span_s > 0 ? (t_s - path.t_s[i]) / span_s : 0;
  return {
    lat_deg: path.lat_deg[i] + f * (path.lat_deg[i + 1] - path.lat_deg[i]),
    lon_deg: path.lon_deg[i] + f * (path.lon_deg[i + 1] - path.lon_deg[i]),
    alt_m: path.alt_m[i] + f * (path.alt_m[i + 1] - path.alt_m[i]),
  };
}

/** Mean Earth radius for display-grade distances, m (IUGG). */
const EARTH_RADIUS_m = 6371008.8;
const DEG_TO_RAD = Math.PI / 180;

/**
 * The point `distance_m` from (lat, lon) along the great circle leaving at `azimuthFromNorthCw_deg`, spherical
 * Earth (for drawing sector wedges and coverage circles).
 */
export function destinationPoint(
  lat_deg: number,
  lon_deg: number,
  azimuthFromNorthCw_deg: number,
  distance_m: number,
): [lon_deg: number, lat_deg: number] {
  const delta = distance_m / EARTH_RADIUS_m;
  const theta = azimuthFromNorthCw_deg * DEG_TO_RAD;
  const phi1 = lat_deg * DEG_TO_RAD;
  const lambda1 = lon_deg * DEG_TO_RAD;
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(Math.max(-1, Math.min(1, sinPhi2)));
  const lambda2 =
    lambda1 +
    Math.atan2(
      Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
      Math.cos(delta) - Math.sin(phi1) * sinPhi2,
    );
  return [lambda2 / DEG_TO_RAD, phi2 / DEG_TO_RAD];
}
