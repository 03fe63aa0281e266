/**
 * @module sim/engine
 * `runScenario`: one deterministic replication of a compiled scenario. Wiring only — threats fly (truth), radars
 * dwell, trackers build each unit's picture, C2 nodes assess/assign/fire, weapons resolve, the recorder hashes the
 * event log. Every random draw comes from a stream forked by name from the replication's root stream.
 */

import { type BatteryNode, batteryCycle, createBatteryNode } from '../c2/battery.js';
import { createGunNode, type GunNode, gunCycle } from '../c2/gunNode.js';
import { beginNetworkCycle, createLedger, type NetworkMembership } from '../c2/network.js';
import { assetFrames } from '../c2/threatEval.js';
import { createRng } from '../math/rng.js';
import type { DefenseUnit, Radar, Scenario } from '../scenario/types.js';
import {
  type BudgetedRadar,
  createBudgetedRadar,
  type FrameLooks,
  type TrackLook,
} from '../sensors/budgetLooks.js';
import type { Detection, Sensor, SensorTarget } from '../sensors/index.js';
import { createRadarSensor } from '../sensors/radar.js';
import { createThreatModels, type ThreatModels } from '../threats/registry.js';
import { createEngineTracker, type EngineTracker } from '../tracking/engine/index.js';
import type { SimEvent } from './events.js';
import { Kernel } from './kernel.js';
import { type RunPaths, threatPath } from './paths.js';
import { type EventObserver, Recorder } from './recorder.js';
import {
  type BatteryState,
  createThreatState,
  type GunState,
  type ThreatState,
  threatTruthAt,
} from './state.js';
import { type RunSummary, summarize } from './summary.js';

import { emit, logPoint, logPointEcef, PRIORITY, type World } from './world.js';

/** Spacing of recorded threat path samples, s. */
const THREAT_PATH_INTERVAL_s = 2;

/** Options of one replication. */
export interface RunOptions {
  /** Root seed (defaults to the scenario's). */
  readonly seed?: number;
  /** Replication index inside a Monte Carlo run; replication i draws the same numbers on any worker. */
  readonly replication?: number;
  /** Live observers of the event stream. */
  readonly observers?: readonly EventObserver[];
  /** Record threat and interceptor flight paths (for replay, maps and exports). Default false. */
  readonly recordPaths?: boolean;
}

/** The result of one replication. */
export interface RunResult {
  readonly seed: number;
  readonly replication: number;
  /** SHA-256 of the canonical event log. */
  readonly hash: string;
  readonly events: readonly SimEvent[];
  readonly summary: RunSummary;
  /** Flight paths, when `recordPaths` was set. */
  readonly paths: RunPaths | null;
}

/** Threat models keep per-scenario caches (aimpoint solutions); one set per compiled scenario. */
const modelCache = new WeakMap<Scenario, ThreatModels>();

function threatModels(scenario: Scenario): ThreatModels {
  let models = modelCache.get(scenario);
  if (!models) {
    models = createThreatModels({ terrain: scenario.terrain });
    modelCache.set(scenario, models);
  }
  return models;
}

function launchThreat(world: World, models: ThreatModels, threat: ThreatState): void {
  const t_s = world.kernel.now_s;
  const launch = threat.launch;
  const trajectory = models.fly(launch, threat.type, world.rng.fork(`threat:${launch.id}`));
  threat.trajectory = trajectory;
  threat.alive = true;
  emit(world, {
    t_s,
    type: 'threat.launch',
    threatId: launch.id,
    threatType: threat.type.id,
    from: logPoint(launch.from),
    aim: logPoint(launch.aim),
    targetAssetId: launch.targetAssetId,
    plannedEnd_s: trajectory.endTime_s,
    apexAltitude_m: trajectory.apexAltitude_m,
  });
  world.kernel.scheduleAt(trajectory.endTime_s, () => endThreat(world, threat), PRIORITY.threatEnd);
  const warning = world.scenario.earlyWarning;
  if (warning.enabled) {
    world.kernel.schedule(
      warning.delay_s,
      () => {
        if (Number.isNaN(threat.firstWarning_s)) threat.firstWarning_s = world.kernel.now_s;
        emit(world, {
          t_s: world.kernel.now_s,
          type: 'warning.cue',
          source: 'space-based',
          unitId: null,
          threatId: launch.id,
          trackId: null,
        });
      },
      PRIORITY.warning,
    );
  }
}

function impactAsset(world: World, threat: ThreatState): string | null {
  const end = threat.trajectory!.endPoint;
  for (const asset of world.scenario.assets) {
    // ground distance via the chord between ellipsoid points at the asset's height (≤ 1 mm error at 10 km)
    const a = asset.position;
    const dLat = end.lat_rad - a.lat_rad;
    const dLon = (end.lon_rad - a.lon_rad) * Math.cos(a.lat_rad);
    if (Math.hypot(dLat, dLon) * 6371008.8 <= asset.radius_m) return asset.id;
  }
  return null;
}

function endThreat(world: World, threat: ThreatState): void {
  if (!threat.alive || threat.trajectory === null) return;
  const t_s = world.kernel.now_s;
  const trajectory = threat.trajectory;
  threat.alive = false;
  threat.fateTime_s = t_s;
  threat.endPoint = trajectory.endPoint;
  if (trajectory.outcome === 'failed') {
    threat.fate = 'failed';
    emit(world, {
      t_s,
      type: 'threat.failed',
      threatId: threat.launch.id,
      point: logPoint(trajectory.endPoint),
      assetId: null,
      by: null,
    });
    return;
  }
  threat.fate = 'impacted';
  threat.impactAssetId = impactAsset(world, threat);
  emit(world, {
    t_s,
    type: 'threat.impact',
    threatId: threat.launch.id,
    point: logPoint(trajectory.endPoint),
    assetId: threat.impactAssetId,
    by: null,
  });
}

/** Truth the radars may see at `t_s` (airborne, not killed), in threat order. */
function sensorTargets(world: World, t_s: number): SensorTarget[] {
  const targets: SensorTarget[] = [];
  for (const threat of world.threats) {
    if (!threatTruthAt(threat, t_s)) continue;
    // velocity and aspect table give the radars the aspect-dependent RCS (sensors/aspectRcs)
    targets.push({
      id: threat.launch.id,
      pos_ecef: threat.pos_ecef,
      vel_ecef: threat.vel_ecef,
      rcs_m2: threat.type.rcs_m2,
      rcsAspect: threat.type.rcsAspect,
    });
  }
  return targets;
}

/** One radar of a unit: its sensor id, revisit interval and dwell. */
interface RadarLoop {
  /** `Detection.sensorId` of this radar (the `Radar.id`). */
  readonly sensorId: string;
  readonly interval_s: number;
  /** Frame planner of a radar with a time budget (`RadarType.budget`); null: every dwell searches the whole sector. */
  readonly budget: BudgetedRadar | null;
  /** One dwell; `looks` (budgeted radars) replaces the truth list and restricts false alarms to the search slice. */
  readonly dwell: (t_s: number, looks?: FrameLooks) => Detection[];
}

interface UnitLoop {
  readonly unit: DefenseUnit;
  /** The unit's picture; on a network, the tracker shared by every member. */
  readonly tracker: EngineTracker;
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

/** Priority of the C2 cycle of a unit with several radars: after all dwells at the same instant. */
const CYCLE_AFTER_DWELLS = PRIORITY.dwell + 1;

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
        position: logPointEcef(p),
        speed_mps: Math.hypot(track.x[3], track.x[4], track.x[5]),
      });
    }
  }
}

/**
 * Dwells of one radar of a unit on its own schedule. Every dwell updates the unit tracker, naming the radar as
 * scanned (an empty dwell counts as a miss for the tracks that radar has seen), then runs the unit's C2 cycle.
 */
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
): FrameLooks {
  const tracks: TrackLook[] = loop.tracker.tracks().map((track) => {
    const pos_ecef = new Float64Array(3);
    const vel_ecef = new Float64Array(3);
    loop.tracker.predict(track, t_s, pos_ecef, vel_ecef);
    const P = track.P;
    const dt_s = t_s - track.t_s;
    const variance_m2 = P[0] + P[7] + P[14] + dt_s * dt_s * (P[21] + P[28] + P[35]);
    return {
      id: track.id,
      confirmed: track.status === 'confirmed',
      pos_ecef,
      vel_ecef,
      posSigma_m: Math.sqrt(variance_m2),
    };
  });
  const looks = budget.frame(t_s, tracks, sensorTargets(world, t_s));
  if (looks.saturationChanged) {
    const plan = looks.plan;
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
  return looks;
}

function scheduleDwells(world: World, loop: UnitLoop, radar: RadarLoop, offset_s: number): void {
  const interval_s = radar.interval_s;
  const scanned = [radar.sensorId];
  const tick = () => {
    const t_s = world.kernel.now_s;
    const looks =
      radar.budget === null ? undefined : budgetedLooks(world, loop, radar.sensorId, radar.budget, t_s);
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

function defendedAssets(world: World, ids: readonly string[]) {
  return world.scenario.assets.filter((a) => ids.includes(a.id));
}

/** The dwell loop of one radar, drawing from its own stream (with a budget: only what the frame looks at). */
function radarLoop(world: World, radar: Radar, sensor: Sensor, rngName: string): RadarLoop {
  const rng = world.rng.fork(rngName);
  const budget = radar.type.budget;
  return {
    sensorId: radar.id,
    interval_s: radar.type.scanInterval_s,
    budget: budget === undefined ? null : createBudgetedRadar(radar, budget),
    dwell: (t_s, looks) =>
      looks === undefined
        ? sensor.scan({ t_s, targets: sensorTargets(world, t_s) }, rng)
        : sensor.scan({ t_s, targets: looks.targets, searchSlice: looks.searchSlice }, rng),
  };
}

/** How a netted unit joins its network: the shared tracker, its ledger membership, the network cycle scheduler. */
interface NettedUnit {
  readonly tracker: EngineTracker;
  readonly membership: NetworkMembership;
  readonly scheduleCycle: (t_s: number) => void;
}

function createUnitLoop(world: World, unit: DefenseUnit, netted?: NettedUnit): UnitLoop {
  const jammers = world.scenario.jammers ?? [];
  const sensor = createRadarSensor(unit.radar, jammers, world.scenario.terrain);
  const tracker = netted?.tracker ?? createEngineTracker(world.scenario.tracker, unit.id);
  const frames = assetFrames(defendedAssets(world, unit.defends));
  // the unit radar keeps stream `unit:<id>:radar`; extra radar k (1, 2, …) draws from `unit:<id>:radar:<k>`
  const radars: RadarLoop[] = [radarLoop(world, unit.radar, sensor, `unit:${unit.id}:radar`)];
  (unit.extraRadars ?? []).forEach((extra, index) => {
    radars.push(
      radarLoop(
        world,
        extra,
        createRadarSensor(extra, jammers, world.scenario.terrain),
        `unit:${unit.id}:radar:${index + 1}`,
      ),
    );
  });
  const firstSeen = new Set<string>();
  const loopWith = (decide: (t_s: number) => void): UnitLoop => ({
    unit,
    tracker,
    firstSeen,
    radars,
    cycle: netted?.scheduleCycle ?? decide,
    decide,
    cycleScheduled_s: Number.NaN,
  });
  const network = netted ? { network: netted.membership } : {};
  if (unit.kind === 'sam-battery') {
    const state: BatteryState = {
      spec: unit,
      sensor,
      rng: world.rng.fork(`unit:${unit.id}:c2`),
      launchers: unit.launchers.flatMap((g, group) =>
        Array.from({ length: g.count }, () => ({ group, rounds: g.loaded, reloadReady_s: 0 })),
      ),
      reserve: unit.launchers.map((g) => g.reserve),
      channelsBusy: 0,
      interceptorsFired: 0,
      tracks: new Map(),
      defended: defendedAssets(world, unit.defends),
      ...network,
    };
    const node: BatteryNode = createBatteryNode(state, tracker, frames);
    return loopWith((t_s) => batteryCycle(world, node, t_s));
  }
  const state: GunState = {
    spec: unit,
    sensor,
    rng: world.rng.fork(`unit:${unit.id}:gun`),
    ammunition: unit.gun.ammunition,
    roundsFired: 0,
    busyUntil_s: 0,
    tracks: new Map(),
    defended: defendedAssets(world, unit.defends),
    ...network,
  };
  const node: GunNode = createGunNode(state, tracker, frames);
  return loopWith((t_s) => gunCycle(world, node, t_s));
}

/**
 * The layered-C2 networks of the scenario, by member unit id: each network gets one tracker (ids `<network>-T…`) and
 * one ledger. A dwell of any member radar schedules one network cycle at that instant, after every dwell due then
 * (priority `CYCLE_AFTER_DWELLS`); the cycle runs the members' own C2 cycles, upper tier first, each tier in scenario
 * unit order (c2/network). `members` is filled, in scenario order, as the unit loops are built.
 */
function joinNetworks(world: World): Map<string, { joining: NettedUnit; members: UnitLoop[] }> {
  const byUnit = new Map<string, { joining: NettedUnit; members: UnitLoop[] }>();
  for (const network of world.scenario.networks ?? []) {
    const ledger = createLedger(network.id, network.members, network.allowSimultaneous, network.lastChance_s);
    const tracker = createEngineTracker(world.scenario.tracker, network.id);
    const members: UnitLoop[] = [];
    const tierOf = (loop: UnitLoop) => (ledger.tierOf.get(loop.unit.id) === 'upper' ? 0 : 1);
    let scheduled_s = Number.NaN;
    const runCycle = (t_s: number) => {
      beginNetworkCycle(ledger);
      // stable sort: upper tier first, scenario order inside a tier
      for (const loop of [...members].sort((a, b) => tierOf(a) - tierOf(b))) loop.decide(t_s);
    };
    const scheduleCycle = (t_s: number) => {
      if (scheduled_s === t_s) return;
      scheduled_s = t_s;
      world.kernel.schedule(0, () => runCycle(t_s), CYCLE_AFTER_DWELLS);
    };
    for (const member of network.members) {
      const membership: NetworkMembership = { ledger, tier: member.tier };
      byUnit.set(member.unitId, { joining: { tracker, membership, scheduleCycle }, members });
    }
  }
  return byUnit;
}

/** Runs one replication of `scenario`. Same scenario + seed + replication ⇒ byte-identical event log and hash. */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const seed = options.seed ?? scenario.seed;
  const replication = options.replication ?? 0;
  const recorder = new Recorder([...(options.observers ?? [])]);
  const world: World = {
    scenario,
    kernel: new Kernel(),
    recorder,
    threats: scenario.threats.map((launch) => createThreatState(launch, scenario.threatTypes[launch.typeId])),
    rng: createRng(seed).fork(`replication:${replication}`),
    paths: options.recordPaths ? { threats: [], interceptors: [] } : null,
  };
  const models = threatModels(scenario);
  for (const threat of world.threats) {
    world.kernel.scheduleAt(
      threat.launch.launchTime_s,
      () => launchThreat(world, models, threat),
      PRIORITY.launch,
    );
  }
  const netted = joinNetworks(world);
  const loops = scenario.units.map((unit) => {
    const loop = createUnitLoop(world, unit, netted.get(unit.id)?.joining);
    netted.get(unit.id)?.members.push(loop);
    return loop;
  });
  for (const loop of loops) for (const radar of loop.radars) scheduleDwells(world, loop, radar, 0);
  world.kernel.run({ until_s: scenario.duration_s });
  const summary = summarize(
    world,
    loops.map((l) => l.unit),
  );
  if (world.paths) {
    for (const threat of world.threats) {
      const path = threatPath(threat, THREAT_PATH_INTERVAL_s);
      if (path) world.paths.threats.push(path);
    }
  }
  return { seed, replication, hash: recorder.digest(), events: recorder.events, summary, paths: world.paths };
}
