/**
 * @module sim/engine
 * `runScenario`: one deterministic replication of a compiled scenario. Wiring only — threats fly (truth), each unit's
 * radars dwell and feed its tracker (sim/radarLoop), netted units share a picture and a ledger (sim/networks), C2
 * nodes assess/assign/fire, weapons resolve, the recorder hashes the event log. Every random draw comes from a stream
 * forked by name from the replication's root stream.
 */

import { type BatteryNode, batteryCycle, createBatteryNode } from '../c2/battery.js';
import { createGunNode, type GunNode, gunCycle } from '../c2/gunNode.js';
import { assetFrames } from '../c2/threatEval.js';
import type { BatteryState, GunState } from '../c2/unitState.js';
import { isOnDisc } from '../geo/groundRange.js';
import { checkSeed, createRng } from '../math/rng.js';
import type { DefenseUnit, Scenario } from '../scenario/types.js';
import { createRadarSensor } from '../sensors/radar.js';
import { createThreatModels, type ThreatModels } from '../threats/registry.js';
import { createEngineTracker } from '../tracking/engine/index.js';
import { createMagazine } from '../weapons/launcher.js';
import type { SimEvent } from '../world/events.js';
import { Kernel } from '../world/kernel.js';
import { type RunPaths, threatPath } from '../world/paths.js';
import { type EventObserver, Recorder } from '../world/recorder.js';
import { createThreatState, type ThreatState } from '../world/threatState.js';
import { emit, logPoint, PRIORITY, type World } from '../world/world.js';
import { joinNetworks, type NettedUnit } from './networks.js';
import { type RadarLoop, radarLoop, scheduleDwells, type UnitLoop } from './radarLoop.js';
import { type RunSummary, summarize } from './summary.js';

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
  /**
   * Called before each kernel event; throws to abandon the run (`wallTimeWatchdog`, a cancellation). It sees no
   * simulation state and cannot change a run that finishes.
   */
  readonly interrupt?: () => void;
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
  // the one asset-hit rule (geo/groundRange: ellipsoidal ground range, ≤ 1 cm from the geodesic at 10 km)
  for (const asset of world.scenario.assets) if (isOnDisc(asset, end)) return asset.id;
  return null;
}

function endThreat(world: World, threat: ThreatState): void {
  if (!threat.alive || threat.trajectory === null) return;
  const t_s = world.kernel.now_s;
  const trajectory = threat.trajectory;
  threat.alive = false;
  threat.fateTime_s = t_s;
  threat.endPoint = trajectory.endPoint;
  const failure = trajectory.failure ?? null;
  if (trajectory.outcome === 'failed') {
    // no warhead arrives (a break-up ends the body in the air; the point is the centre of its debris footprint)
    threat.fate = 'failed';
    emit(world, {
      t_s,
      type: 'threat.failed',
      threatId: threat.launch.id,
      point: logPoint(trajectory.endPoint),
      assetId: null,
      by: null,
      failure,
    });
    return;
  }
  // the warhead arrives, on aim or (a guidance failure) off it: it counts by where it lands
  threat.fate = 'impacted';
  threat.impactAssetId = impactAsset(world, threat);
  emit(world, {
    t_s,
    type: 'threat.impact',
    threatId: threat.launch.id,
    point: logPoint(trajectory.endPoint),
    assetId: threat.impactAssetId,
    by: null,
    failure,
  });
}

function defendedAssets(world: World, ids: readonly string[]) {
  return world.scenario.assets.filter((a) => ids.includes(a.id));
}

/**
 * The loop of one unit: its radars (each drawing from its own stream) feeding its tracker (the network's when netted),
 * and its C2 node (battery or gun) as the cycle a dwell triggers.
 */
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
    dwelt_s: Number.NaN,
  });
  const network = netted ? { network: netted.membership } : {};
  if (unit.kind === 'sam-battery') {
    const state: BatteryState = {
      spec: unit,
      sensor,
      rng: world.rng.fork(`unit:${unit.id}:c2`),
      magazine: createMagazine(unit.launchers),
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
 * Runs one replication of `scenario`. Same scenario + seed + replication ⇒ byte-identical event log and hash.
 * @example
 * ```ts
 * import { loadScenario, runScenario } from 'aspis';
 * const result = runScenario(loadScenario('scenarios/al-asad-2020.yaml'), { seed: 1 });
 * console.log(result.summary.totals.killed, result.hash); // same seed, same hash
 * ```
 */
export function runScenario(scenario: Scenario, options: RunOptions = {}): RunResult {
  const seed = checkSeed(options.seed ?? scenario.seed, 'seed');
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
  world.kernel.run({ until_s: scenario.duration_s, interrupt: options.interrupt });
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
