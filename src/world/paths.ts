/**
 * @module world/paths
 * Recorded flight paths of one run, for replay, maps and exports (CZML, KML, GeoJSON): threats from launch to the
 * end of their flight (kill, impact or failure) and every interceptor from launch to its end. Geodetic degrees and
 * metres because paths are an I/O edge, like events.
 */
import { ecefToGeodetic } from '../geo/wgs84.js';
import type { ThreatState } from './threatState.js';

/** One object's path: parallel arrays of time (s after scenario start), latitude, longitude (deg) and height (m). */
export interface PathRecord {
  readonly id: string;
  readonly kind: 'threat' | 'interceptor';
  /** Threat type or interceptor type id. */
  readonly type: string;
  /** Firing unit (interceptors), or null. */
  readonly unitId: string | null;
  readonly t_s: number[];
  readonly lat_deg: number[];
  readonly lon_deg: number[];
  readonly alt_m: number[];
}

export interface RunPaths {
  readonly threats: PathRecord[];
  readonly interceptors: PathRecord[];
}

const RAD_TO_DEG = 180 / Math.PI;

/** Appends one ECEF sample to a path. */
export function pushEcef(path: PathRecord, t_s: number, pos_ecef: Readonly<Float64Array>): void {
  const g = ecefToGeodetic(pos_ecef);
  path.t_s.push(t_s);
  path.lat_deg.push(g.lat_rad * RAD_TO_DEG);
  path.lon_deg.push(g.lon_rad * RAD_TO_DEG);
  path.alt_m.push(g.h_m);
}

/** An empty path record. */
export function emptyPath(
  id: string,
  kind: PathRecord['kind'],
  type: string,
  unitId: string | null,
): PathRecord {
  return { id, kind, type, unitId, t_s: [], lat_deg: [], lon_deg: [], alt_m: [] };
}

/** Samples a threat's truth every `interval_s` from launch to the end of its flight (kill time when killed). */
export function threatPath(threat: ThreatState, interval_s: number): PathRecord | null {
  const trajectory = threat.trajectory;
  if (!trajectory) return null;
  const end_s = Number.isFinite(threat.fateTime_s) ? threat.fateTime_s : trajectory.endTime_s;
  const path = emptyPath(threat.launch.id, 'threat', threat.type.id, null);
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  for (let t = trajectory.launchTime_s; ; t = Math.min(t + interval_s, end_s)) {
    if (trajectory.stateAt(t, pos, vel)) pushEcef(path, t, pos);
    if (t >= end_s) break;
  }
  return path;
}
