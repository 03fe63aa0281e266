/**
 * @module web/frame
 * What the map shows at one replay time: moving threats and interceptors (positions interpolated between recorded
 * samples), their trails so far, track reports, and the ends (intercepts, impacts, failures) that have happened.
 */
import type { FeatureCollection, LineString, Point } from 'geojson';
import type { ReplayResponse, ThreatStory } from '../../src/server/api.js';
import type { SimEvent } from '../../src/world/events.js';
import { pathPositionAt, sampleIndexAt } from '../../src/world/pathAt.js';
import type { PathRecord } from '../../src/world/paths.js';
import { threatClass } from './moments.js';

/** Dynamic layers' data at one time. */
export interface Frame {
  readonly movers: FeatureCollection<Point>;
  readonly trails: FeatureCollection<LineString>;
  readonly tracks: FeatureCollection<Point | LineString>;
  readonly ends: FeatureCollection<Point>;
}

/** The trail of a path from its first sample to `t_s` (ending at the interpolated point). */
function trail(path: PathRecord, t_s: number): [number, number][] {
  const last = sampleIndexAt(path.t_s, t_s);
  if (last < 0) return [];
  const coords: [number, number][] = [];
  for (let i = 0; i <= last; i++) coords.push([path.lon_deg[i], path.lat_deg[i]]);
  const here = pathPositionAt(path, t_s);
  if (here) coords.push([here.lon_deg, here.lat_deg]);
  return coords;
}

function point(lon: number, lat: number, properties: Record<string, unknown>) {
  return {
    type: 'Feature' as const,
    properties,
    geometry: { type: 'Point' as const, coordinates: [lon, lat] },
  };
}

/** Pre-computed, time-independent parts of a replay (fates by threat, track reports by track). */
export interface ReplayIndex {
  readonly replay: ReplayResponse;
  readonly fateOf: ReadonlyMap<string, string>;
  readonly ends: readonly SimEvent[];
  readonly trackReports: ReadonlyMap<
    string,
    Extract<SimEvent, { type: 'track.confirmed' | 'track.deleted' }>[]
  >;
}

/** The colour class of a threat's fate (the map and the story badge): leaked, impacted (off the assets), … */
export function fateClass(story: Pick<ThreatStory, 'fate'>): string {
  return story.fate === 'impacted-away' ? 'impacted' : story.fate;
}

export function indexReplay(replay: ReplayResponse): ReplayIndex {
  const fateOf = new Map<string, string>();
  for (const s of replay.stories) fateOf.set(s.threatId, fateClass(s));
  const trackReports = new Map<string, Extract<SimEvent, { type: 'track.confirmed' | 'track.deleted' }>[]>();
  const ends: SimEvent[] = [];
  for (const e of replay.events) {
    if (e.type === 'track.confirmed' || e.type === 'track.deleted') {
      const list = trackReports.get(e.trackId) ?? [];
      list.push(e);
      trackReports.set(e.trackId, list);
    }
    if (
      e.type === 'threat.killed' ||
      e.type === 'threat.impact' ||
      e.type === 'threat.failed' ||
      (e.type === 'interceptor.end' && e.point !== null)
    )
      ends.push(e);
  }
  return { replay, fateOf, ends, trackReports };
}

/** The map's dynamic data at `t_s`; `selected` is the threat whose story is open (drawn highlighted). */
export function frameAt(index: ReplayIndex, t_s: number, selected: string | null): Frame {
  const movers: Frame['movers']['features'] = [];
  const trails: Frame['trails']['features'] = [];
  const paths = index.replay.paths;
  for (const path of [...(paths?.threats ?? []), ...(paths?.interceptors ?? [])]) {
    const properties = {
      id: path.id,
      kind: path.kind,
      fate: path.kind === 'threat' ? (index.fateOf.get(path.id) ?? 'airborne') : 'interceptor',
      selected: path.id === selected,
      cls: threatClass(path.type), // replay (issue 13): marker size by threat class
    };
    const coords = trail(path, t_s);
    if (coords.length >= 2)
      trails.push({ type: 'Feature', properties, geometry: { type: 'LineString', coordinates: coords } });
    const here = pathPositionAt(path, t_s);
    if (here) movers.push(point(here.lon_deg, here.lat_deg, { ...properties, alt_m: here.alt_m }));
  }
  const tracks: Frame['tracks']['features'] = [];
  for (const [trackId, reports] of index.trackReports) {
    const seen = reports.filter((r) => r.t_s <= t_s);
    if (seen.length === 0) continue;
    const live = seen[seen.length - 1].type === 'track.confirmed';
    for (const r of seen)
      tracks.push(point(r.position.lon_deg, r.position.lat_deg, { trackId, report: r.type, live }));
    if (seen.length >= 2)
      tracks.push({
        type: 'Feature',
        properties: { trackId, live },
        geometry: {
          type: 'LineString',
          coordinates: seen.map((r) => [r.position.lon_deg, r.position.lat_deg]),
        },
      });
  }
  const ends: Frame['ends']['features'] = [];
  for (const e of index.ends) {
    if (e.t_s > t_s) break;
    if (e.type === 'interceptor.end' && e.point)
      ends.push(point(e.point.lon_deg, e.point.lat_deg, { kind: e.result === 'kill' ? 'kill' : 'miss' }));
    else if (e.type === 'threat.impact')
      ends.push(
        point(e.point.lon_deg, e.point.lat_deg, { kind: e.assetId ? 'leak' : 'impact', id: e.threatId }),
      );
    else if (e.type === 'threat.failed')
      ends.push(point(e.point.lon_deg, e.point.lat_deg, { kind: 'failed', id: e.threatId }));
  }
  return {
    movers: { type: 'FeatureCollection', features: movers },
    trails: { type: 'FeatureCollection', features: trails },
    tracks: { type: 'FeatureCollection', features: tracks },
    ends: { type: 'FeatureCollection', features: ends },
  };
}
