/**
 * @module io/runDataGeo
 * Shared pieces of the run exports (CZML, KML, GeoJSON, CSV): the scenario clock (simulation seconds → UTC and
 * local ISO-8601 times, using the offset written in the scenario's `start`), ground shapes (asset circles and radar
 * sector wedges as closed, counter-clockwise lon/lat rings), antimeridian splitting, fixed output precision and the
 * colour palette by fate. Pure functions; no I/O.
 */
import { AspisError } from '../errors.js';
import { geodesicDirect } from '../geo/geodesic.js';
import { extentOf } from '../math/extent.js';
import type { Geodetic } from '../scenario/types.js';

// ---------------------------------------------------------------------------------------------------------------
// Time

/** The scenario clock: `start` as written, the UTC instant of simulation time 0 and the local offset. */
export interface TimeBase {
  /** Scenario start as written (ISO-8601 with offset), e.g. `2020-01-08T01:20:00+03:00`. */
  readonly start: string;
  /** UTC milliseconds since 1970 of simulation time 0. */
  readonly startMs: number;
  /** Local offset east of UTC, minutes (`+03:00` → 180). */
  readonly offset_min: number;
}

const START_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * Parses a scenario start (`2020-01-08T01:20:00+03:00`, `…Z`, optional seconds and fraction) into a time base.
 * The offset is applied exactly; no host time zone is ever consulted.
 * @throws AspisError `E_USAGE` (path `start`) when the text is not an ISO-8601 date-time with an offset
 */
export function parseStart(start: string): TimeBase {
  const m = START_PATTERN.exec(start);
  const bad = (why: string): AspisError =>
    new AspisError('E_USAGE', 'start', `"${start}" is not an ISO-8601 date-time with offset (${why})`);
  if (!m) throw bad('expected e.g. 2020-01-08T01:20:00+03:00');
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const fraction_ms = m[7] === undefined ? 0 : Math.round(Number(m[7]) * 1000);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    throw bad('field out of range');
  const offset_min = m[8] === 'Z' ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (Math.abs(offset_min) > 18 * 60) throw bad('offset beyond ±18:00');
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCDate() !== day) throw bad('no such day');
  date.setUTCHours(hour, minute, second, fraction_ms);
  return { start, startMs: date.getTime() - offset_min * 60_000, offset_min };
}

/** Simulation seconds → whole UTC milliseconds (rounded to the millisecond). */
export function utcMs(base: TimeBase, t_s: number): number {
  return base.startMs + Math.round(t_s * 1000);
}

/** Simulation seconds → UTC ISO-8601 with `Z` and milliseconds (`2020-01-07T22:34:12.345Z`). */
export function utcIso(base: TimeBase, t_s: number): string {
  return new Date(utcMs(base, t_s)).toISOString();
}

/** Simulation seconds → local ISO-8601 in the scenario's offset (`2020-01-08T01:34:12.345+03:00`). */
export function localIso(base: TimeBase, t_s: number): string {
  const local = new Date(utcMs(base, t_s) + base.offset_min * 60_000).toISOString().slice(0, -1);
  if (base.offset_min === 0) return `${local}Z`;
  const sign = base.offset_min < 0 ? '-' : '+';
  const abs = Math.abs(base.offset_min);
  return `${local}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Precision

/** Rounds to `digits` decimals; never returns −0. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}

/** Degrees to 7 decimals (≈ 1 cm), heights to cm, times to ms: the precision every export writes. */
export const deg = (x: number): number => round(x, 7);
export const metres = (x: number): number => round(x, 2);
export const seconds = (x: number): number => round(x, 3);

/** One sample of a path, rounded. */
export interface PathSample {
  readonly t_s: number;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly alt_m: number;
}

/**
 * A recorded path's samples, rounded to export precision, with non-finite samples and samples whose (rounded)
 * time does not increase dropped, so every export has strictly increasing times.
 */
export function pathSamples(path: {
  readonly t_s: readonly number[];
  readonly lat_deg: readonly number[];
  readonly lon_deg: readonly number[];
  readonly alt_m: readonly number[];
}): PathSample[] {
  const out: PathSample[] = [];
  const n = Math.min(path.t_s.length, path.lat_deg.length, path.lon_deg.length, path.alt_m.length);
  for (let i = 0; i < n; i++) {
    const t = path.t_s[i];
    const lat = path.lat_deg[i];
    const lon = path.lon_deg[i];
    const alt = path.alt_m[i];
    if (![t, lat, lon, alt].every(Number.isFinite) || Math.abs(lat) > 90) continue;
    const sample = {
      t_s: seconds(t),
      lat_deg: deg(lat),
      lon_deg: deg(normalizeLon(lon)),
      alt_m: metres(alt),
    };
    const last = out[out.length - 1];
    if (last !== undefined && sample.t_s <= last.t_s) continue;
    out.push(sample);
  }
  return out;
}

/** Longitude into [−180, 180]. */
export function normalizeLon(lon_deg: number): number {
  if (lon_deg >= -180 && lon_deg <= 180) return lon_deg;
  const x = (((lon_deg + 180) % 360) + 360) % 360;
  return x - 180;
}

// ---------------------------------------------------------------------------------------------------------------
// Shapes

/** A position `[lon, lat]` in degrees (GeoJSON order). */
export type LonLat = [number, number];

const RAD = Math.PI / 180;
const TWO_PI = 2 * Math.PI;

function pointAt(center: Geodetic, azimuth_rad: number, distance_m: number): LonLat {
  const p = geodesicDirect(center.lat_rad, center.lon_rad, azimuth_rad, distance_m);
  return [deg(normalizeLon(p.lon_rad / RAD)), deg(p.lat_rad / RAD)];
}

/** Number of vertices of a full circle. */
export const CIRCLE_VERTICES = 72;

/**
 * A geodesic circle of `radius_m` around `center` as a closed ring, counter-clockwise in lon/lat (the exterior ring
 * orientation RFC 7946 asks for): vertices at azimuths 0°, −5°, −10°, … and the first vertex repeated at the end.
 * Longitudes are normalised, so a circle across the antimeridian needs `splitRingAtAntimeridian`.
 */
export function circleRing(center: Geodetic, radius_m: number, vertices = CIRCLE_VERTICES): LonLat[] {
  const ring: LonLat[] = [];
  for (let i = 0; i < vertices; i++)
    ring.push(pointAt(center, (TWO_PI - (i * TWO_PI) / vertices) % TWO_PI, radius_m));
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

/**
 * A radar sector as a closed counter-clockwise ring: the site, then the arc at `range_m` from the sector's
 * clockwise edge back to its anticlockwise edge (azimuths decreasing), then the site again. A sector of 360° (or
 * more) is a full circle. Arc vertices every 5° at most.
 * @param center_rad sector centre, clockwise from north, rad
 * @param width_rad full width, rad
 */
export function sectorRing(site: Geodetic, center_rad: number, width_rad: number, range_m: number): LonLat[] {
  if (width_rad >= TWO_PI - 1e-9) return circleRing(site, range_m);
  const steps = Math.max(2, Math.ceil(width_rad / (5 * RAD)));
  const origin: LonLat = [deg(site.lon_rad / RAD), deg(site.lat_rad / RAD)];
  const ring: LonLat[] = [origin];
  for (let i = 0; i <= steps; i++) {
    const az = center_rad + width_rad / 2 - (i * width_rad) / steps;
    ring.push(pointAt(site, ((az % TWO_PI) + TWO_PI) % TWO_PI, range_m));
  }
  ring.push([origin[0], origin[1]]);
  return ring;
}

/** Twice the signed planar area of a closed lon/lat ring (> 0: counter-clockwise). */
export function ringSignedArea2(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

/** Makes longitudes continuous along a sequence (jumps of more than 180° become ±360° shifts). */
function unwrap<T extends readonly number[]>(points: readonly T[]): number[][] {
  const out: number[][] = [];
  let shift = 0;
  for (let i = 0; i < points.length; i++) {
    if (i > 0) {
      const d = points[i][0] - points[i - 1][0];
      if (d > 180) shift -= 360;
      else if (d < -180) shift += 360;
    }
    out.push([points[i][0] + shift, ...points[i].slice(1)]);
  }
  return out;
}

function lerpAt(a: readonly number[], b: readonly number[], x: number): number[] {
  const f = (x - a[0]) / (b[0] - a[0]);
  return a.map((v, k) => (k === 0 ? x : v + f * (b[k] - v)));
}

/** Sutherland–Hodgman clip of a closed ring against the half-plane `sign · (lon − x) ≤ 0`. */
function clipRing(ring: readonly number[][], x: number, sign: 1 | -1): number[][] {
  const inside = (p: readonly number[]): boolean => sign * (p[0] - x) <= 0;
  const out: number[][] = [];
  const open = ring.slice(0, -1);
  for (let i = 0; i < open.length; i++) {
    const cur = open[i];
    const prev = open[(i + open.length - 1) % open.length];
    if (inside(cur)) {
      if (!inside(prev)) out.push(lerpAt(prev, cur, x));
      out.push(cur);
    } else if (inside(prev)) out.push(lerpAt(prev, cur, x));
  }
  if (out.length > 0) out.push([...out[0]]);
  return out;
}

/**
 * Splits a closed ring that crosses the antimeridian into rings that each stay within [−180°, 180°] (RFC 7946
 * §3.1.9), preserving orientation. A ring that does not cross comes back unchanged, as the only element.
 */
export function splitRingAtAntimeridian<T extends readonly number[]>(ring: readonly T[]): number[][][] {
  const u = unwrap(ring);
  const lons = u.map((p) => p[0]);
  const [min, max] = extentOf(lons);
  if (min >= -180 && max <= 180) return [ring.map((p) => [...p])];
  const edge = max > 180 ? 180 : -180;
  // the part on the [−180, 180] side stays; the part beyond the edge moves by ∓360°
  const near = clipRing(u, edge, edge === 180 ? 1 : -1);
  const far = clipRing(u, edge, edge === 180 ? -1 : 1);
  const shift = edge === 180 ? -360 : 360;
  const parts = [near, far.map((p) => p.map((v, k) => (k === 0 ? v + shift : v)))];
  return parts.filter((r) => r.length >= 4).map((r) => r.map((p) => p.map((v, k) => (k < 2 ? deg(v) : v))));
}

/**
 * Splits a line that crosses the antimeridian into lines within [−180°, 180°] (RFC 7946 §3.1.9), interpolating the
 * crossing points (and any further coordinates, e.g. height and time, linearly). Returns one line when it does not
 * cross.
 */
export function splitLineAtAntimeridian<T extends readonly number[]>(line: readonly T[]): number[][][] {
  const u = unwrap(line);
  const parts: number[][][] = [[]];
  const band = (lon: number): number => Math.floor((lon + 180) / 360);
  for (let i = 0; i < u.length; i++) {
    const p = u[i];
    if (i > 0) {
      const q = u[i - 1];
      let bq = band(q[0]);
      const bp = band(p[0]);
      while (bq !== bp) {
        const x = bp > bq ? 360 * (bq + 1) - 180 : 360 * bq - 180;
        const cross = lerpAt(q, p, x);
        parts[parts.length - 1].push(cross.map((v, k) => (k === 0 ? v - 360 * bq : v)));
        bq += bp > bq ? 1 : -1;
        parts.push([cross.map((v, k) => (k === 0 ? v - 360 * bq : v))]);
      }
    }
    parts[parts.length - 1].push(p.map((v, k) => (k === 0 ? v - 360 * band(p[0]) : v)));
  }
  return parts
    .filter((part) => part.length >= 2)
    .map((part) => part.map((pt) => pt.map((v, k) => (k === 0 ? deg(v) : v))));
}

// ---------------------------------------------------------------------------------------------------------------
// Palette

/** RGBA 0–255. */
export type Rgba = readonly [number, number, number, number];

/** Colour of a threat by fate. */
export const THREAT_COLORS: Readonly<Record<string, Rgba>> = {
  killed: [255, 165, 0, 255],
  impacted: [220, 20, 60, 255],
  failed: [150, 150, 150, 255],
  airborne: [255, 0, 255, 255],
  'not-launched': [90, 90, 90, 255],
};

/** Colour of an interceptor by the result of its flight. */
export const INTERCEPTOR_COLORS: Readonly<Record<string, Rgba>> = {
  kill: [0, 200, 255, 255],
  miss: [255, 255, 0, 255],
  'no-intercept': [170, 170, 170, 255],
  unknown: [255, 255, 255, 255],
};

export const ASSET_COLOR: Rgba = [30, 144, 255, 90];
export const ASSET_OUTLINE: Rgba = [30, 144, 255, 255];
export const SECTOR_COLOR: Rgba = [50, 205, 50, 40];
export const SECTOR_OUTLINE: Rgba = [50, 205, 50, 200];
export const UNIT_COLOR: Rgba = [50, 205, 50, 255];

/** Colour of a threat fate, with a fallback for unknown fates. */
export function threatColor(fate: string): Rgba {
  return THREAT_COLORS[fate] ?? [255, 255, 255, 255];
}

/** Colour of an interceptor result, with a fallback. */
export function interceptorColor(result: string | null): Rgba {
  return INTERCEPTOR_COLORS[result ?? 'unknown'] ?? INTERCEPTOR_COLORS.unknown;
}
