/**
 * @module sim/radarLoop
 * The radar dwell loop of a defense unit. Every radar of the unit dwells on its own revisit schedule (skipping ahead
 * over an empty sky with a clear picture); a radar with a time budget lets its frame planner choose what the dwell
 * looks at. Each dwell feeds the unit's tracker, records first detections and track confirmations/deletions, and
 * triggers the unit's C2 cycle — once per instant, after every dwell due then, when the unit has several radars.
 */

import { geodeticToEcef } from '../geo/wgs84.js';
import { hypot3 } from '../math/hypot.js';
import type { DefenseUnit, Radar } from '../scenario/types.js';
import { type BudgetedRadar, createBudgetedRadar, type FrameLooks } from '../sensors/budgetLooks.js';
import type { Detection, Sensor, SensorTarget } from '../sensors/index.js';
import type { Trajectory } from '../threats/index.js';
import type { EngineTracker } from '../tracking/engine/index.js';
import { type ThreatState, threatTruthAt } from '../world/threatState.js';
import { emit, logPointEcef, PRIORITY, type World } from '../world/world.js';

/**
 * Truth the radars may see at `t_s` (airborne, not killed), in threat order. A threat's target record never changes
 * (its position and velocity arrays are the threat's own, refreshed in place by `threatTruthAt`), so each dwell loop
 * keeps one record per threat in `records` instead of building it at every dwell.
 */
function sensorTargets(world: World, t_s: number, records: Map<ThreatState, SensorTarget>): SensorTarget[] {
  const targets: SensorTarget[] = [];
  for (const threat of world.threats) {
    if (!threatTruthAt(threat, t_s)) continue;
    let target = records.get(threat);
    if (target === undefined) {
      // velocity and aspect table give the radars the aspect-dependent RCS (sensors/aspectRcs)
      target = {
        id: threat.launch.id,
        pos_ecef: threat.pos_ecef,
        vel_ecef: threat.vel_ecef,
        rcs_m2: threat.type.rcs_m2,
        rcsAspect: threat.type.rcsAspect,
      };
      records.set(threat, target);
    }
    targets.push(target);
  }
  return targets;
}

/** One radar of a unit: its sensor id, revisit interval and dwell. */
export interface RadarLoop {
  /** `Detection.sensorId` of this radar (the `Radar.id`). */
  readonly sensorId: string;
  /** Revisit interval, s. */
  readonly interval_s: number;
  /** Frame planner of a radar with a time budget (`RadarType.budget`); null: every dwell searches the whole sector. */
  readonly budget: BudgetedRadar | null;
  /** One dwell; `looks` (budgeted radars) replaces the truth list and restricts false alarms to the search slice. */
  readonly dwell: (t_s: number, looks?: FrameLooks) => Detection[];
  /** Earliest time a launched threat can be within this radar's instrumented range, s (memoised per threat). */
  readonly coverageEntry_s: (threat: ThreatState) => number;
}

/** What the dwells of one unit's radars drive: its tracker and its C2 cycle. */
export interface UnitLoop {
  readonly unit: DefenseUnit;
  /** The unit's picture; on a network, the tracker shared by every member. */
  readonly tracker: EngineTracker;
  /** Threat ids this unit has detected at least once (scoring only). */
  readonly firstSeen: Set<string>;
  /** The unit radar first, then its extra radars; all feed `tracker`. */
  readonly radars: readonly RadarLoop[];
  /** What a dwell triggers: the unit's own C2 cycle, or (netted) the network's cycle scheduler. */
  readonly cycle: (t_s: number) => void;
  /** The unit's own C2 cycle (battery or gun). */
  readonly decide: (t_s: number) => void;
  /** Time of the last C2 cycle scheduled by a dwell (units with several radars), s. */
  cycleScheduled_s: number;
  /** Time of the latest dwell of any of the unit's own radars, s (a netted unit decides only at its own dwells). */
  dwelt_s: number;
}

/** Priority of a C2 cycle triggered by dwells (several radars, or a network): after all dwells at the same instant. */
export const CYCLE_AFTER_DWELLS = PRIORITY.dwell + 1;

function recordTrackChanges(
  world: World,
  unitId: string,
  t_s: number,
  result: ReturnType<EngineTracker['update']>,
): void {
  for (const [list, type] of [
    [result.confirmed, 'track.confirmed'],
    [result.deleted, 'track.deleted'],
  ] as const) {
    for (const track of list) {
      const p = new Float64Array([track.x[0], track.x[1], track.x[2]]);
      emit(world, {
        t_s,
        type,
        unitId,
        trackId: track.id,
        threatId: track.truthId,
        position: logPointEcef(p),
        speed_mps: hypot3(track.x[3], track.x[4], track.x[5]),
      });
    }
  }
}

/**
 * Time of a radar's next dwell. While the unit holds any track, or an airborne threat can be inside this radar's
 * instrumented range by the next dwell, the radar revisits every `interval_s`. Otherwise no threat detection is
 * possible before the earliest time an airborne threat can enter that range (`coverageEntry_s`) or the next launch,
 * so the dwell grid skips ahead to the first dwell at or after it (same phase): between raids, and while a raid is
 * still beyond the radar's reach, the engine does no work. The modelling consequence: false alarms are not drawn
 * during those skipped dwells (docs/model.md, "Sensing") — a false alarm there could only start
 * a tentative track that dies within `deleteMisses` scans before any threat is in range.
 */
function nextDwell_s(world: World, loop: UnitLoop, radar: RadarLoop, t_s: number): number {
  const interval_s = radar.interval_s;
  const next_s = t_s + interval_s;
  if (loop.tracker.trackCount() > 0) return next_s;
  let wake_s = Number.POSITIVE_INFINITY;
  for (const threat of world.threats) {
    if (threat.trajectory === null) wake_s = Math.min(wake_s, threat.launch.launchTime_s);
    else if (threat.alive) wake_s = Math.min(wake_s, radar.coverageEntry_s(threat));
    if (wake_s <= next_s) return next_s;
  }
  return t_s + interval_s * Math.ceil((wake_s - t_s) / interval_s);
}

/**
 * Earliest time at which `trajectory` can be within `reach_m` of `site_ecef`, s (+∞: never). Conservative: a
 * segment between two samples counts from its start when the nearer end is within `reach_m` plus the distance the
 * threat can fly in the segment at the faster end's speed (a Hermite segment cannot leave that ball by more).
 */
export function coverageEntry_s(trajectory: Trajectory, site_ecef: Float64Array, reach_m: number): number {
  const { times_s, pos_ecef, vel_ecef } = trajectory;
  const n = times_s.length;
  let before_m = distanceAt(pos_ecef, 0, site_ecef);
  if (before_m <= reach_m) return times_s[0];
  for (let i = 1; i < n; i++) {
    const after_m = distanceAt(pos_ecef, i, site_ecef);
    const speed_mps = Math.max(speedAt(vel_ecef, i - 1), speedAt(vel_ecef, i));
    const margin_m = 1.5 * speed_mps * (times_s[i] - times_s[i - 1]);
    if (Math.min(before_m, after_m) - margin_m <= reach_m) return times_s[i - 1];
    before_m = after_m;
  }
  return Number.POSITIVE_INFINITY;
}

function distanceAt(pos_ecef: Float64Array, i: number, site_ecef: Float64Array): number {
  return hypot3(
    pos_ecef[3 * i] - site_ecef[0],
    pos_ecef[3 * i + 1] - site_ecef[1],
    pos_ecef[3 * i + 2] - site_ecef[2],
  );
}

function speedAt(vel_ecef: Float64Array, i: number): number {
  return hypot3(vel_ecef[3 * i], vel_ecef[3 * i + 1], vel_ecef[3 * i + 2]);
}

/** A track look the dwell loop refills at every frame (the planner reads the looks during `frame` and keeps none). */
interface MutableTrackLook {
  id: string;
  confirmed: boolean;
  readonly pos_ecef: Float64Array;
  readonly vel_ecef: Float64Array;
  posSigma_m: number;
}

/** What one radar's dwell loop reuses from dwell to dwell. */
interface DwellScratch {
  /** Target record of each threat (see `sensorTargets`). */
  readonly targets: Map<ThreatState, SensorTarget>;
  /** Track looks of the current frame (its length is the frame's track count). */
  readonly looks: MutableTrackLook[];
  /** Every look built so far, reused by index. */
  readonly lookPool: MutableTrackLook[];
}

/**
 * The looks of a budgeted radar's frame at `t_s`: the unit's tracks predicted to `t_s` (position σ from the track
 * covariance grown by its velocity variance, σ² = tr Pₚ + Δt² tr Pᵥ), planned by the radar's budget. Emits
 * `radar.load` whenever the radar enters or leaves saturation.
 */
function budgetedLooks(
  world: World,
  loop: UnitLoop,
  radarId: string,
  budget: BudgetedRadar,
  t_s: number,
  scratch: DwellScratch,
): FrameLooks {
  const tracks = loop.tracker.tracks();
  const looks = scratch.looks;
  looks.length = 0;
  for (let k = 0; k < tracks.length; k++) {
    const track = tracks[k];
    let look = scratch.lookPool[k];
    if (look === undefined) {
      look = {
        id: '',
        confirmed: false,
        pos_ecef: new Float64Array(3),
        vel_ecef: new Float64Array(3),
        posSigma_m: 0,
      };
      scratch.lookPool.push(look);
    }
    loop.tracker.predict(track, t_s, look.pos_ecef, look.vel_ecef);
    const P = track.P;
    const dt_s = t_s - track.t_s;
    const variance_m2 = P[0] + P[7] + P[14] + dt_s * dt_s * (P[21] + P[28] + P[35]);
    look.id = track.id;
    look.confirmed = track.status === 'confirmed';
    look.posSigma_m = Math.sqrt(variance_m2);
    looks.push(look);
  }
  const frame = budget.frame(t_s, looks, sensorTargets(world, t_s, scratch.targets));
  if (frame.saturationChanged) {
    const plan = frame.plan;
    emit(world, {
      t_s,
      type: 'radar.load',
      unitId: loop.unit.id,
      radarId,
      saturated: plan.saturated,
      trackFraction: plan.trackFraction,
      searchFraction: plan.searchFraction,
      tracksDwelt: plan.dwellTrackIds.length,
      tracksDeferred: plan.deferredTrackIds.length,
    });
  }
  return frame;
}

/**
 * Dwells of one radar of a unit on its own schedule, the first at `offset_s`. Every dwell updates the unit tracker,
 * naming the radar as scanned (an empty dwell counts as a miss for the tracks that radar has seen), then runs the
 * unit's C2 cycle.
 */
export function scheduleDwells(world: World, loop: UnitLoop, radar: RadarLoop, offset_s: number): void {
  const scanned = [radar.sensorId];
  const scratch: DwellScratch = { targets: new Map(), looks: [], lookPool: [] };
  const tick = () => {
    const t_s = world.kernel.now_s;
    const looks =
      radar.budget === null
        ? undefined
        : budgetedLooks(world, loop, radar.sensorId, radar.budget, t_s, scratch);
    const detections = radar.dwell(t_s, looks);
    for (const d of detections) {
      // scoring only: first time each truth object is seen by this unit (the tracker never reads truthId)
      if (d.truthId === null || loop.firstSeen.has(d.truthId)) continue;
      loop.firstSeen.add(d.truthId);
      const threat = world.threats.find((x) => x.launch.id === d.truthId);
      if (threat && Number.isNaN(threat.firstDetection_s)) threat.firstDetection_s = t_s;
      emit(world, {
        t_s,
        type: 'sensor.firstDetection',
        unitId: loop.unit.id,
        threatId: d.truthId,
        range_m: d.range_m,
      });
    }
    loop.dwelt_s = t_s;
    const result = loop.tracker.update(t_s, detections, scanned, looks?.unobservedTrackIds);
    recordTrackChanges(world, loop.unit.id, t_s, result);
    if (loop.radars.length === 1) loop.cycle(t_s);
    else if (loop.cycleScheduled_s !== t_s) {
      // several radars: one C2 cycle per instant, after every dwell due then has updated the picture
      loop.cycleScheduled_s = t_s;
      world.kernel.schedule(0, () => loop.cycle(t_s), CYCLE_AFTER_DWELLS);
    }
    const next_s = nextDwell_s(world, loop, radar, t_s);
    if (next_s <= world.scenario.duration_s) world.kernel.scheduleAt(next_s, tick, PRIORITY.dwell);
  };
  world.kernel.scheduleAt(offset_s, tick, PRIORITY.dwell);
}

/** The dwell loop of one radar, drawing from its own stream (with a budget: only what the frame looks at). */
export function radarLoop(world: World, radar: Radar, sensor: Sensor, rngName: string): RadarLoop {
  const rng = world.rng.fork(rngName);
  const budget = radar.type.budget;
  const targets = new Map<ThreatState, SensorTarget>();
  const site_ecef = geodeticToEcef(radar.position.lat_rad, radar.position.lon_rad, radar.position.h_m);
  const entries = new Map<ThreatState, number>();
  return {
    sensorId: radar.id,
    coverageEntry_s: (threat) => {
      let entry_s = entries.get(threat);
      if (entry_s === undefined && threat.trajectory !== null) {
        entry_s = coverageEntry_s(threat.trajectory, site_ecef, radar.type.maxRange_m);
        entries.set(threat, entry_s);
      }
      return entry_s ?? threat.launch.launchTime_s;
    },
    interval_s: radar.type.scanInterval_s,
    budget: budget === undefined ? null : createBudgetedRadar(radar, budget),
    dwell: (t_s, looks) =>
      looks === undefined
        ? sensor.scan({ t_s, targets: sensorTargets(world, t_s, targets) }, rng)
        : sensor.scan({ t_s, targets: looks.targets, searchSlice: looks.searchSlice }, rng),
  };
}
