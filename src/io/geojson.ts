/**
 * @module io/geojson
 * A run as one GeoJSON FeatureCollection (RFC 7946): positions `[lon, lat, height]` in WGS84 degrees and metres,
 * no `crs` member, closed polygon rings with counter-clockwise exteriors, geometries that cross the antimeridian
 * split in two (§3.1.9). Every feature has a string `id` (`asset/…`, `unit/…`, `sector/…`, `threat/…`,
 * `interceptor/…`, `impact/…`, `intercept/…`) and `properties.kind`:
 *
 * - `asset`: Polygon circle of the asset's radius (id, name, value, radius_m);
 * - `unit`: Point; `sector`: Polygon wedge of the radar sector out to its maximum range;
 * - `threat-track` / `interceptor-track`: LineString (MultiLineString across the antimeridian) with id, type, fate
 *   or result, times in `t_start_s`/`t_end_s` and `coordTimes` (UTC ISO per vertex, as togeojson writes them);
 * - `impact`: Point of an impact or in-flight failure (fate, assetId, time);
 * - `intercept`: Point where an interceptor ended near its target (result, miss_m, time);
 * - `footprint`: features merged in from a coverage GeoJSON (`footprints` option).
 */
import type { PathRecord } from '../world/paths.js';
import { interceptorResults, outcomeProperties, outcomesById, type RunData, threatsById } from './runData.js';
import {
  circleRing,
  deg,
  type LonLat,
  metres,
  pathSamples,
  sectorRing,
  splitLineAtAntimeridian,
  splitRingAtAntimeridian,
  utcIso,
} from './runDataGeo.js';

/** GeoJSON position `[lon, lat]` or `[lon, lat, height]`. */
export type Position = number[];

export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: Geometry[] };

export interface Feature {
  type: 'Feature';
  id?: string | number;
  geometry: Geometry | null;
  properties: Record<string, unknown> | null;
  bbox?: number[];
}

export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
  bbox?: number[];
  [foreign: string]: unknown;
}

/** Options of `toGeoJson`. */
export interface GeoJsonOptions {
  /** Features to merge in (e.g. a coverage footprint); each gets `properties.kind = "footprint"` unless it has one. */
  readonly footprints?: readonly Feature[];
}

const RAD_TO_DEG = 180 / Math.PI;

/** A ground area ring as Polygon, or MultiPolygon when it crosses the antimeridian. */
function area(ring: readonly LonLat[]): Geometry {
  const parts = splitRingAtAntimeridian(ring);
  return parts.length === 1
    ? { type: 'Polygon', coordinates: [parts[0]] }
    : { type: 'MultiPolygon', coordinates: parts.map((r) => [r]) };
}

/** A track as a timed LineString (MultiLineString across the antimeridian, Point for one sample). */
function trackFeature(
  run: RunData,
  path: PathRecord,
  id: string,
  properties: Record<string, unknown>,
): Feature | null {
  const samples = pathSamples(path);
  if (samples.length === 0) return null;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const common = {
    ...properties,
    t_start_s: first.t_s,
    t_end_s: last.t_s,
    start: utcIso(run.time, first.t_s),
    end: utcIso(run.time, last.t_s),
  };
  if (samples.length === 1)
    return {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [first.lon_deg, first.lat_deg, first.alt_m] },
      properties: { ...common, coordTimes: [utcIso(run.time, first.t_s)] },
    };
  // carry time as a 4th coordinate through the antimeridian split, then drop it into coordTimes
  const lines = splitLineAtAntimeridian(samples.map((s) => [s.lon_deg, s.lat_deg, s.alt_m, s.t_s]));
  const coords = lines.map((line) => line.map((p) => [p[0], deg(p[1]), metres(p[2])]));
  const times = lines.map((line) => line.map((p) => utcIso(run.time, p[3])));
  return lines.length === 1
    ? {
        type: 'Feature',
        id,
        geometry: { type: 'LineString', coordinates: coords[0] },
        properties: { ...common, coordTimes: times[0] },
      }
    : {
        type: 'Feature',
        id,
        geometry: { type: 'MultiLineString', coordinates: coords },
        properties: { ...common, coordTimes: times },
      };
}

type Scenario = NonNullable<RunData['scenario']>;
type RunEvent = RunData['events'][number];

/** Assets (defended areas), units (points) and their radar sectors (areas). */
function scenarioFeatures(scenario: Scenario): Feature[] {
  const features: Feature[] = [];
  for (const a of scenario.assets)
    features.push({
      type: 'Feature',
      id: `asset/${a.id}`,
      geometry: area(circleRing(a.position, a.radius_m)),
      properties: { kind: 'asset', id: a.id, name: a.name, value: a.value, radius_m: a.radius_m },
    });
  for (const u of scenario.units) {
    features.push({
      type: 'Feature',
      id: `unit/${u.id}`,
      geometry: {
        type: 'Point',
        coordinates: [
          deg(u.position.lon_rad * RAD_TO_DEG),
          deg(u.position.lat_rad * RAD_TO_DEG),
          metres(u.position.h_m),
        ],
      },
      properties: { kind: 'unit', id: u.id, unitKind: u.kind, radar: u.radar.type.id },
    });
    const r = u.radar;
    features.push({
      type: 'Feature',
      id: `sector/${u.id}`,
      geometry: area(sectorRing(r.position, r.sectorCenter_rad, r.type.sectorWidth_rad, r.type.maxRange_m)),
      properties: {
        kind: 'sector',
        id: u.id,
        radar: r.type.id,
        sectorCenter_deg: Math.round(r.sectorCenter_rad * RAD_TO_DEG * 1000) / 1000,
        sectorWidth_deg: Math.round(r.type.sectorWidth_rad * RAD_TO_DEG * 1000) / 1000,
        maxRange_m: r.type.maxRange_m,
      },
    });
  }
  return features;
}

/** Threat tracks (with fate and why) then interceptor tracks (with result). */
function trackFeatures(run: RunData): Feature[] {
  const features: Feature[] = [];
  const fates = threatsById(run);
  const outcomes = outcomesById(run);
  for (const path of run.paths.threats) {
    const t = fates.get(path.id);
    const f = trackFeature(run, path, `threat/${path.id}`, {
      kind: 'threat-track',
      id: path.id,
      type: path.type,
      fate: t?.fate ?? null,
      assetId: t?.impact?.assetId ?? null,
      interceptorsFired: t?.interceptorsFired ?? null,
      ...outcomeProperties(outcomes.get(path.id)),
    });
    if (f) features.push(f);
  }
  const results = interceptorResults(run);
  for (const path of run.paths.interceptors) {
    const f = trackFeature(run, path, `interceptor/${path.id}`, {
      kind: 'interceptor-track',
      id: path.id,
      type: path.type,
      unitId: path.unitId,
      fate: results.get(path.id) ?? null,
    });
    if (f) features.push(f);
  }
  return features;
}

/** An impact, failure or intercept point; null for other events. */
function eventFeature(run: RunData, e: RunEvent): Feature | null {
  if (e.type === 'threat.impact' || e.type === 'threat.failed') {
    return {
      type: 'Feature',
      id: `impact/${e.threatId}`,
      geometry: {
        type: 'Point',
        coordinates: [deg(e.point.lon_deg), deg(e.point.lat_deg), metres(e.point.alt_m)],
      },
      properties: {
        kind: 'impact',
        id: e.threatId,
        threatId: e.threatId,
        fate: e.type === 'threat.impact' ? 'impacted' : 'failed',
        assetId: e.assetId,
        t_s: e.t_s,
        time: utcIso(run.time, e.t_s),
      },
    };
  }
  if (e.type === 'interceptor.end' && e.point !== null) {
    return {
      type: 'Feature',
      id: `intercept/${e.interceptorId}`,
      geometry: {
        type: 'Point',
        coordinates: [deg(e.point.lon_deg), deg(e.point.lat_deg), metres(e.point.alt_m)],
      },
      properties: {
        kind: 'intercept',
        id: e.interceptorId,
        interceptorId: e.interceptorId,
        unitId: e.unitId,
        threatId: e.threatId,
        result: e.result,
        miss_m: e.miss_m === null ? null : Math.round(e.miss_m * 100) / 100,
        t_s: e.t_s,
        time: utcIso(run.time, e.t_s),
      },
    };
  }
  return null;
}

/**
 * The GeoJSON FeatureCollection of a run.
 * @example
 * ```ts
 * import { loadRunData, toGeoJson } from 'aspis';
 * const run = loadRunData('scenarios/al-asad-2020.yaml', { seed: 1 });
 * const fc = toGeoJson(run); // RFC 7946 FeatureCollection
 * ```
 */
export function toGeoJson(run: RunData, options: GeoJsonOptions = {}): FeatureCollection {
  const features: Feature[] = run.scenario ? scenarioFeatures(run.scenario) : [];
  // appended one by one: a spread of a large raid's tracks into push would overflow the stack
  for (const f of trackFeatures(run)) features.push(f);
  for (const e of run.events) {
    const f = eventFeature(run, e);
    if (f) features.push(f);
  }
  for (const f of options.footprints ?? [])
    features.push({ ...f, properties: { kind: 'footprint', ...(f.properties ?? {}) } });

  return {
    type: 'FeatureCollection',
    features: uniqueFeatureIds(features),
    aspis: {
      scenario: run.scenarioName,
      start: run.start,
      seed: run.seed,
      hash: run.hash,
      notional: true,
    },
  };
}

/** Makes string ids unique (`x`, `x#2`, …); other ids are kept. */
function uniqueFeatureIds(features: Feature[]): Feature[] {
  const seen = new Map<string | number, number>();
  return features.map((f) => {
    if (f.id === undefined) return f;
    const n = (seen.get(f.id) ?? 0) + 1;
    seen.set(f.id, n);
    return n === 1 ? f : { ...f, id: `${f.id}#${n}` };
  });
}

/**
 * The features of a GeoJSON object to merge as footprints: a FeatureCollection's features, a Feature, or a bare
 * geometry wrapped in a Feature. Foreign members and `crs` are dropped. The caller validates first.
 */
export function featuresOf(value: unknown): Feature[] {
  const v = value as { type?: unknown; features?: unknown };
  if (v.type === 'FeatureCollection') return [...(v.features as Feature[])].map(cleanFeature);
  if (v.type === 'Feature') return [cleanFeature(value as Feature)];
  return [{ type: 'Feature', geometry: value as Geometry, properties: {} }];
}

function cleanFeature(f: Feature): Feature {
  return {
    type: 'Feature',
    ...(f.id === undefined ? {} : { id: f.id }),
    geometry: f.geometry,
    properties: f.properties ?? {},
  };
}
