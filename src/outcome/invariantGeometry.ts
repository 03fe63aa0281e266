/**
 * @module outcome/invariantGeometry
 * The invariants that need the scenario: magazines, the interceptor envelope and reach at each intercept, no intercept behind the battery, detections inside the radar horizon (rules and tolerances: `invariantCodes`).
 */
import { flyoutTableFor } from '../c2/battery.js';
import { radarHorizonRange_m } from '../geo/horizon.js';
import { geodeticToEcef, WGS84_MEAN_RADIUS_m } from '../geo/wgs84.js';
import type { DefenseUnit, InterceptorType, Radar, SamBattery, Scenario } from '../scenario/types.js';
import { antennaOnTerrain } from '../sensors/lineOfSight.js';
import { minInterceptAltitudeFor } from '../weapons/envelope.js';
import { groundRangeFrom_m, heightAboveSite_m, siteFrame } from '../weapons/geometry.js';
import type {
  InterceptEvent,
  InterceptorLaunchEvent,
  LogPoint,
  SimEvent,
  ThreatLaunchEvent,
} from '../world/events.js';
import type { PathRecord } from '../world/paths.js';
import {
  APEX_TOLERANCE,
  BEHIND_TOLERANCE_m,
  CLOSING_COSINE,
  DETECTION_RANGE_SIGMAS,
  ENVELOPE_TOLERANCE_m,
  FLYOUT_TOLERANCE_FRACTION,
  FLYOUT_TOLERANCE_s,
  type InvariantCode,
  type RunToCheck,
  type Violation,
} from './invariantCodes.js';
import { bump, type LogIndex } from './invariantLog.js';

function logPointEcef(p: LogPoint): Float64Array {
  return geodeticToEcef((p.lat_deg * Math.PI) / 180, (p.lon_deg * Math.PI) / 180, p.alt_m);
}

function unitRadars(unit: DefenseUnit): readonly Radar[] {
  return [unit.radar, ...unit.extraRadars];
}

export function checkDetectionRange(
  events: readonly SimEvent[],
  index: LogIndex,
  scenario: Scenario,
  out: Violation[],
) {
  const units = new Map(scenario.units.map((u) => [u.id, u]));
  events.forEach((e, i) => {
    if (e.type !== 'sensor.firstDetection') return;
    const unit = units.get(e.unitId);
    const launch = index.threats.get(e.threatId)?.launch;
    if (!unit || !launch) return;
    let horizon_m = 0;
    let instrumented_m = 0;
    let sigma_m = 0;
    for (const radar of unitRadars(unit)) {
      const antenna = scenario.terrain
        ? antennaOnTerrain(scenario.terrain, radar.position, radar.type.antennaHeight_m)
        : { h_m: radar.position.h_m + radar.type.antennaHeight_m };
      const apex_m = launch.apexAltitude_m * (1 + APEX_TOLERANCE);
      horizon_m = Math.max(horizon_m, radarHorizonRange_m(Math.max(0, antenna.h_m), Math.max(0, apex_m)));
      instrumented_m = Math.max(instrumented_m, radar.type.maxRange_m);
      sigma_m = Math.max(sigma_m, radar.type.rangeSigma_m);
    }
    const slack_m = DETECTION_RANGE_SIGMAS * sigma_m;
    if (e.range_m > horizon_m + slack_m)
      out.push({
        code: 'DETECTION_BEYOND_HORIZON',
        threatId: e.threatId,
        events: [index.threats.get(e.threatId)?.launchIndex ?? -1, i].filter((x) => x >= 0),
        message: `${e.unitId} first detected ${e.threatId} at ${(e.range_m / 1000).toFixed(1)} km, beyond the radar horizon ${(horizon_m / 1000).toFixed(1)} km (apex ${launch.apexAltitude_m.toFixed(0)} m)`,
      });
    if (e.range_m > instrumented_m + slack_m)
      out.push({
        code: 'DETECTION_BEYOND_MAX_RANGE',
        threatId: e.threatId,
        events: [i],
        message: `${e.unitId} first detected ${e.threatId} at ${(e.range_m / 1000).toFixed(1)} km, beyond its radars' ${(instrumented_m / 1000).toFixed(1)} km`,
      });
  });
}

export function checkMagazines(events: readonly SimEvent[], scenario: Scenario, out: Violation[]): void {
  const fired = new Map<string, number>();
  const rounds = new Map<string, number>();
  for (const e of events) {
    if (e.type === 'interceptor.launch') bump(fired, `${e.unitId}\u0000${e.interceptorType}`);
    else if (e.type === 'gun.burst') bump(rounds, e.unitId, e.rounds);
  }
  for (const u of scenario.units) {
    if (u.kind === 'c-ram') {
      const used = rounds.get(u.id) ?? 0;
      if (used > u.gun.ammunition)
        out.push({
          code: 'MAGAZINE',
          threatId: null,
          events: [],
          message: `${u.id} fired ${used} rounds, its ammunition is ${u.gun.ammunition}`,
        });
      continue;
    }
    const available = new Map<string, number>();
    for (const g of u.launchers) bump(available, g.interceptor.id, g.count * g.loaded + g.reserve);
    for (const [type, total] of available) {
      const used = fired.get(`${u.id}\u0000${type}`) ?? 0;
      if (used > total)
        out.push({
          code: 'MAGAZINE',
          threatId: null,
          events: [],
          message: `${u.id} launched ${used} ${type} rounds, its launchers and reserve hold ${total}`,
        });
    }
  }
}

function interceptorTypes(scenario: Scenario): Map<string, { battery: SamBattery; type: InterceptorType }> {
  const map = new Map<string, { battery: SamBattery; type: InterceptorType }>();
  for (const u of scenario.units)
    if (u.kind === 'sam-battery')
      for (const g of u.launchers)
        map.set(`${u.id}\u0000${g.interceptor.id}`, { battery: u, type: g.interceptor });
  return map;
}

/**
 * Table time of flight to (R, h), from the nearer neighbouring cell when the point's cell has an unreachable corner;
 * in the first column (R < one step) also from the cell one step out, since the launcher's vertical (column 0) is
 * never bracketed by the shot fan (weapons/flyout) and would leave every point above the launcher unreachable.
 */
function tableTime_s(type: InterceptorType, range_m: number, height_m: number): number {
  const table = flyoutTableFor(type);
  const step = table.gridStep_m;
  const r = Math.min(range_m, table.maxGroundRange_m);
  const h = Math.min(Math.max(height_m, 0), table.maxHeight_m);
  const offsets = [
    [0, 0],
    [step, 0],
    [0, step],
    [step, step],
  ];
  if (r < step) offsets.push([-step, 0], [-step, step]);
  let best = Number.POSITIVE_INFINITY;
  for (const [dr, dh] of offsets)
    best = Math.min(best, table.timeToPoint(Math.max(0, r - dr), Math.max(0, h - dh)));
  return best;
}

/** Where a logged point lies relative to a unit: ECEF of both, ground range and height above the unit, a phrase. */
interface Place {
  readonly site_ecef: Float64Array;
  readonly point_ecef: Float64Array;
  readonly range_m: number;
  readonly height_m: number;
  readonly where: string;
}

function placeOf(unit: DefenseUnit, point: LogPoint): Place {
  const p = unit.position;
  const site_ecef = geodeticToEcef(p.lat_rad, p.lon_rad, p.h_m);
  const site = siteFrame(site_ecef);
  const point_ecef = logPointEcef(point);
  const range_m = groundRangeFrom_m(site, point_ecef);
  const height_m = heightAboveSite_m(site, point_ecef);
  const where = `${(range_m / 1000).toFixed(2)} km from ${unit.id}, ${(height_m / 1000).toFixed(3)} km above it`;
  return { site_ecef, point_ecef, range_m, height_m, where };
}

/** One intercept (kill or miss) with its point, its round's launch and the round's type. */
interface Intercept {
  readonly end: InterceptEvent;
  readonly launch: InterceptorLaunchEvent;
  readonly events: number[];
  readonly type: InterceptorType;
  readonly place: Place;
}

/** KILL_ABOVE_CEILING, KILL_BELOW_FLOOR, KILL_BEYOND_RANGE of one kill. */
function checkEnvelope(x: Intercept, threatKind: string | undefined, out: Violation[]): void {
  const { end, type, place } = x;
  const slack_m = (end.miss_m ?? 0) + ENVELOPE_TOLERANCE_m;
  const airBreathing = threatKind === 'drone' || threatKind === 'cruise';
  const floor_m = minInterceptAltitudeFor(type, airBreathing);
  const push = (code: InvariantCode, what: string) =>
    out.push({
      code,
      threatId: end.threatId,
      events: x.events,
      message: `${end.interceptorId} killed ${end.threatId} ${place.where}: ${what}`,
    });
  if (place.height_m > type.maxInterceptAltitude_m + slack_m)
    push('KILL_ABOVE_CEILING', `above the ${type.id} ceiling ${type.maxInterceptAltitude_m} m`);
  if (place.height_m < floor_m - slack_m)
    push(
      'KILL_BELOW_FLOOR',
      `below the ${type.id} floor ${floor_m} m (${airBreathing ? 'air-breathing' : 'ballistic'})`,
    );
  if (place.range_m > type.maxInterceptRange_m + slack_m)
    push('KILL_BEYOND_RANGE', `beyond the ${type.id} range ${type.maxInterceptRange_m} m`);
}

/** INTERCEPT_UNREACHABLE of one intercept: flight time against the flyout table and the type's flight time. */
function checkReach(x: Intercept, out: Violation[]): void {
  const { end, type, place } = x;
  const flight_s = end.t_s - x.launch.t_s;
  const inGrid = place.range_m <= type.maxInterceptRange_m && place.height_m <= type.maxInterceptAltitude_m;
  const table_s = inGrid ? tableTime_s(type, place.range_m, place.height_m) : Number.NaN;
  let what: string | null = null;
  if (flight_s > type.maxFlightTime_s + FLYOUT_TOLERANCE_s)
    what = `after ${flight_s.toFixed(2)} s of flight, beyond its ${type.maxFlightTime_s} s`;
  else if (inGrid && !Number.isFinite(table_s)) what = `beyond the ${type.id} kinematic reach (flyout table)`;
  else if (inGrid && flight_s < table_s - Math.max(FLYOUT_TOLERANCE_s, FLYOUT_TOLERANCE_FRACTION * table_s))
    what = `after ${flight_s.toFixed(2)} s of flight; the ${type.id} flyout needs ${table_s.toFixed(2)} s`;
  if (what !== null)
    out.push({
      code: 'INTERCEPT_UNREACHABLE',
      threatId: end.threatId,
      events: x.events,
      message: `${end.interceptorId} ${end.result} ${place.where}: ${what}`,
    });
}

/** Envelope, reachable geometry and closing geometry of every intercept (kill or miss) with a point. */
export function checkIntercepts(
  run: RunToCheck,
  index: LogIndex,
  scenario: Scenario,
  out: Violation[],
): void {
  const events = run.events;
  const types = interceptorTypes(scenario);
  const closing = closingCheck(run, index, scenario, out);
  const launches = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.type === 'interceptor.launch') launches.set(e.interceptorId, i);
    if (e.type !== 'interceptor.end' || e.point === null || e.result === 'no-intercept') return;
    const at = launches.get(e.interceptorId);
    const launch = at === undefined ? undefined : events[at];
    if (at === undefined || launch?.type !== 'interceptor.launch') return;
    const found = types.get(`${launch.unitId}\u0000${launch.interceptorType}`);
    if (!found) return;
    const place = placeOf(found.battery, e.point);
    const x: Intercept = { end: e, launch, events: [at, i], type: found.type, place };
    const threatKind = e.threatId === null ? undefined : threatKindOf(scenario, index, e.threatId);
    if (e.result === 'kill') checkEnvelope(x, threatKind, out);
    checkReach(x, out);
    if (e.threatId !== null)
      closing(e.threatId, e.t_s, place, `${e.interceptorId} ${e.result} ${place.where}`, x.events);
  });
  // the battery's own predicted intercept points, tied to truth by the round it then launched on that track
  const pending = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.type === 'c2.engage') pending.set(`${e.unitId}\u0000${e.trackId}`, i);
    if (e.type !== 'interceptor.launch' || e.threatId === null) return;
    const key = `${e.unitId}\u0000${e.trackId}`;
    const at = pending.get(key);
    if (at === undefined) return;
    pending.delete(key);
    const engage = events[at];
    const battery = scenario.units.find((u) => u.id === e.unitId);
    if (engage.type !== 'c2.engage' || !battery) return;
    const place = placeOf(battery, engage.predictedInterceptPoint);
    closing(
      e.threatId,
      engage.predictedIntercept_s,
      place,
      `${e.unitId} planned an intercept ${place.where}`,
      [at, i],
    );
  });
}

function threatKindOf(scenario: Scenario, index: LogIndex, threatId: string): string | undefined {
  const launch = index.threats.get(threatId)?.launch;
  return launch ? scenario.threatTypes[launch.threatType]?.kind : undefined;
}

/** ECEF of sample k of a path. */
function pathSampleEcef(path: PathRecord, k: number): Float64Array {
  return geodeticToEcef((path.lat_deg[k] * Math.PI) / 180, (path.lon_deg[k] * Math.PI) / 180, path.alt_m[k]);
}

/** Threat velocity direction (unnormalised, ECEF) at `t_s` from the samples bracketing it, or null (too few). */
function pathVelocity(path: PathRecord, t_s: number): Float64Array | null {
  const n = path.t_s.length;
  if (n < 2) return null;
  let k = 1;
  while (k < n - 1 && path.t_s[k] < t_s) k++;
  const a = pathSampleEcef(path, k - 1);
  const b = pathSampleEcef(path, k);
  return Float64Array.from([b[0] - a[0], b[1] - a[1], b[2] - a[2]]);
}

/**
 * INTERCEPT_BEHIND, as a closure over the run: `(threatId, t_s, place, what, events)` flags a ballistic
 * missile or rocket receding from the launcher at `point` (its velocity from the recorded path at `t_s`, else the
 * chord from the point to its aimpoint).
 */
function closingCheck(run: RunToCheck, index: LogIndex, scenario: Scenario, out: Violation[]) {
  const paths = new Map((run.paths?.threats ?? []).map((p) => [p.id, p]));
  return (threatId: string, t_s: number, place: Place, what: string, involved: number[]): void => {
    const { site_ecef, point_ecef } = place;
    const kind = threatKindOf(scenario, index, threatId);
    const launch = index.threats.get(threatId)?.launch;
    if (!launch || (kind !== 'ballistic' && kind !== 'rocket')) return;
    const path = paths.get(threatId);
    let velocity = path ? pathVelocity(path, t_s) : null;
    if (velocity === null) {
      const aim_ecef = logPointEcef(launch.aim);
      velocity = Float64Array.from([0, 1, 2].map((k) => aim_ecef[k] - point_ecef[k]));
    }
    const past_m = alongTrack_m(launch, point_ecef) - alongTrack_m(launch, site_ecef);
    if (past_m <= BEHIND_TOLERANCE_m) return;
    let los2 = 0;
    let vel2 = 0;
    let dot = 0;
    for (let k = 0; k < 3; k++) {
      const los = point_ecef[k] - site_ecef[k];
      los2 += los * los;
      vel2 += velocity[k] * velocity[k];
      dot += los * velocity[k];
    }
    if (los2 === 0 || vel2 === 0) return;
    const cosine = dot / Math.sqrt(los2 * vel2);
    if (cosine > CLOSING_COSINE)
      out.push({
        code: 'INTERCEPT_BEHIND',
        threatId,
        events: involved,
        message: `${what}: ${(past_m / 1000).toFixed(1)} km behind it along ${threatId}'s track, and ${threatId} is not closing on it (line of sight to velocity ${((Math.acos(Math.max(-1, Math.min(1, cosine))) * 180) / Math.PI).toFixed(0)}°, ${path ? 'recorded path' : 'chord to the aimpoint'})`,
      });
  };
}

/**
 * Distance along the threat's ground track (the great circle from its launch point to its aimpoint) from the launch
 * point to the foot of `pos_ecef`, m (on the mean sphere: the along-track comparison needs no better).
 */
function alongTrack_m(launch: ThreatLaunchEvent, pos_ecef: Readonly<Float64Array>): number {
  const from = logPointEcef(launch.from);
  const aim = logPointEcef(launch.aim);
  const n = cross(from, aim);
  const nNorm = Math.hypot(n[0], n[1], n[2]);
  if (nNorm === 0) return 0;
  const along = dot3(n, pos_ecef) / (nNorm * nNorm);
  const p = [0, 1, 2].map((k) => pos_ecef[k] - along * n[k]);
  const c = cross(from, p);
  const norms = Math.hypot(from[0], from[1], from[2]) * Math.hypot(p[0], p[1], p[2]);
  const sin = (Math.sign(dot3(c, n)) * Math.hypot(c[0], c[1], c[2])) / norms;
  const cos = dot3(from, p) / norms;
  return Math.atan2(sin, cos) * WGS84_MEAN_RADIUS_m;
}

function cross(a: ArrayLike<number>, b: ArrayLike<number>): number[] {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot3(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
