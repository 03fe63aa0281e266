/**
 * @module sim/radarLoop
 * The radar dwell loop of a defense unit. Every radar of the unit dwells on its own revisit schedule (skipping ahead
 * over an empty sky with a clear picture); a radar with a time budget lets its frame planner choose what the dwell
 * looks at. Each dwell feeds the unit's tracker, records first detections and track confirmations/deletions, and
 * triggers the unit's C2 cycle — once per instant, after every dwell due then, when the unit has several radars.
 */

import { hypot3 } from '../math/hypot.js';
import type { DefenseUnit, Radar } from '../scenario/types.js';
import { type BudgetedRadar, createBudgetedRadar, type FrameLooks } from '../sensors/budgetLooks.js';
import type { Detection, Sensor, SensorTarget } from '../sensors/index.js';
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
 * Time of a radar's next dwell. While anything is airborne or the unit holds any track, the radar revisits every
 * `interval_s`. When the sky is empty and the picture is clear, no detection is possible until the next launch, so
 * the dwell grid skips ahead to the first dwell at or after it (same phase) — between raids the engine does no work.
 * The modelling consequence: false alarms are not drawn during those empty gaps.
 */
function nextDwell_s(world: World, loop: UnitLoop, t_s: number, interval_s: number): number {
  const next_s = t_s + interval_s;
  if (loop.tracker.trackCount() > 0) return next_s;
  let nextLaunch_s = Number.POSITIVE_INFINITY;
  for (const threat of world.threats) {
    if (threat.alive) return next_s;
    if (threat.trajectory === null) nextLaunch_s = Math.min(nextLaunch_s, threat.launch.launchTime_s);
  }
  if (nextLaunch_s <= next_s) return next_s;
  return t_s + interval_s * Math.ceil((nextLaunch_s - t_s) / interval_s);
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
  const interval_s = radar.interval_s;
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
    const result = loop.tracker.update(t_s, detections, scanned, looks?.unobservedTrackIds);
    recordTrackChanges(world, loop.unit.id, t_s, result);
    if (loop.radars.length === 1) loop.cycle(t_s);
    else if (loop.cycleScheduled_s !== t_s) {
      // several radars: one C2 cycle per instant, after every dwell due then has updated the picture
      loop.cycleScheduled_s = t_s;
      world.kernel.schedule(0, () => loop.cycle(t_s), CYCLE_AFTER_DWELLS);
    }
    const next_s = nextDwell_s(world, loop, t_s, interval_s);
    if (next_s <= world.scenario.duration_s) world.kernel.scheduleAt(next_s, tick, PRIORITY.dwell);
  };
  world.kernel.scheduleAt(offset_s, tick, PRIORITY.dwell);
}

/** The dwell loop of one radar, drawing from its own stream (with a budget: only what the frame looks at). */
export function radarLoop(world: World, radar: Radar, sensor: Sensor, rngName: string): RadarLoop {
  const rng = world.rng.fork(rngName);
  const budget = radar.type.budget;
  const targets = new Map<ThreatState, SensorTarget>();
  return {
    sensorId: radar.id,
    interval_s: radar.type.scanInterval_s,
    budget: budget === undefined ? null : createBudgetedRadar(radar, budget),
    dwell: (t_s, looks) =>
      looks === undefined
        ? sensor.scan({ t_s, targets: sensorTargets(world, t_s, targets) }, rng)
        : sensor.scan({ t_s, targets: looks.targets, searchSlice: looks.searchSlice }, rng),
  };
}
