/**
 * @module world/world
 * What every step function of one replication shares: the immutable scenario, the kernel, the recorder and the
 * truth of all threats. C2 and weapon steps take a `World` and write only to the state inside it.
 */
import { ecefToGeodetic } from '../geo/wgs84.js';
import type { Rng } from '../math/rng.js';
import type { Geodetic, Scenario } from '../scenario/types.js';
import type { LogPoint, SimEvent } from './events.js';
import type { Kernel } from './kernel.js';
import type { RunPaths } from './paths.js';
import type { Recorder } from './recorder.js';
import { type ThreatState, threatTruthAt } from './threatState.js';

/** Event priorities among equal times: truth first, then weapon outcomes, then sensing and decisions. */
export const PRIORITY = {
  launch: 0,
  threatEnd: 1,
  weaponEnd: 2,
  killAssessment: 3,
  reload: 4,
  fire: 5,
  warning: 6,
  dwell: 7,
} as const;

export interface World {
  readonly scenario: Scenario;
  readonly kernel: Kernel;
  readonly recorder: Recorder;
  readonly threats: readonly ThreatState[];
  /** Root stream of this replication; components fork named children from it. */
  readonly rng: Rng;
  /** Interceptor paths are collected here when the run records paths (null: not recorded). */
  readonly paths: RunPaths | null;
}

/** Records an event (thin wrapper so call sites read as `emit(world, {...})`). */
export function emit(world: World, event: SimEvent): void {
  world.recorder.record(event);
}

/** Geodetic (rad, m) → log point (deg, m). */
export function logPoint(p: Geodetic): LogPoint {
  return { lat_deg: (p.lat_rad * 180) / Math.PI, lon_deg: (p.lon_rad * 180) / Math.PI, alt_m: p.h_m };
}

/** ECEF → log point. */
export function logPointEcef(pos_ecef: Readonly<Float64Array>): LogPoint {
  return logPoint(ecefToGeodetic(pos_ecef));
}

/**
 * The truth object a seeker (or gun fire-control) acquires near a predicted position: the nearest airborne threat
 * within `radius_m`, or null when the track was false or the object is gone.
 */
export function acquireTruth(
  world: World,
  t_s: number,
  pos_ecef: Readonly<Float64Array>,
  radius_m: number,
): ThreatState | null {
  let best: ThreatState | null = null;
  let bestDistance_m = radius_m;
  for (const threat of world.threats) {
    if (!threatTruthAt(threat, t_s)) continue;
    const p = threat.pos_ecef;
    const d = Math.hypot(p[0] - pos_ecef[0], p[1] - pos_ecef[1], p[2] - pos_ecef[2]);
    if (d < bestDistance_m) {
      best = threat;
      bestDistance_m = d;
    }
  }
  return best;
}

/** Ends a threat's flight by a kill. */
export function killThreat(
  world: World,
  threat: ThreatState,
  t_s: number,
  point_ecef: Readonly<Float64Array>,
  by: string,
): void {
  threat.alive = false;
  threat.fate = 'killed';
  threat.fateTime_s = t_s;
  threat.endPoint = ecefToGeodetic(point_ecef);
  emit(world, {
    t_s,
    type: 'threat.killed',
    threatId: threat.launch.id,
    point: logPointEcef(point_ecef),
    assetId: null,
    by,
  });
}
