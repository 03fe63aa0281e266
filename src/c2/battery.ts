/**
 * @module c2/battery
 * Fire control of a SAM battery, as wiring: every C2 cycle re-aims its rounds in midcourse (c2/uplink), assesses each
 * confirmed track against the defended assets, lists the candidate engagements of every threatening track (launcher
 * groups with ready rounds and a firing solution), assigns weapons to the most valuable (c2/weaponAssignment) and commits them;
 * the committed rounds are fired and resolved by c2/batteryFire. On a network the ledger (c2/network) is asked first.
 */
import { hypot3 } from '../math/hypot.js';
import type { InterceptorType, ThreatType } from '../scenario/types.js';
import type { Sensor } from '../sensors/index.js';
import type { EngineTrack, EngineTracker } from '../tracking/engine/index.js';
import { minInterceptAltitudeFor } from '../weapons/envelope.js';
import { solveEngagement } from '../weapons/fireControl.js';
import { buildFlyoutTable, type FlyoutTable, type PredictedState } from '../weapons/flyout.js';
import { siteFrame } from '../weapons/geometry.js';
import { readyRounds } from '../weapons/launcher.js';
import { expectedKillProbability } from '../weapons/lethality.js';
import { emit, logPoint, logPointEcef, PRIORITY, type World } from '../world/world.js';
import { fireRound } from './batteryFire.js';
import { engagePermission, recordEngagement, recordIntent } from './network.js';
import { assessTrackNow, type C2Node, createC2Node, learnedBallisticCoefficient_kgpm2 } from './node.js';
import { type Assessment, type AssetFrame, engagementValue } from './threatEval.js';
import { type BatteryState, type Engagement, type TrackMemory, trackMemory } from './unitState.js';
import { type RoundInFlight, type UplinkInputs, uplinkRounds } from './uplink.js';
import { assignWeapons, CHANNELS_PER_ENGAGEMENT } from './weaponAssignment.js';

/** Per-battery wiring built once per replication. */
export interface BatteryNode extends C2Node {
  readonly state: BatteryState;
  readonly tables: readonly FlyoutTable[];
  /** Rounds in midcourse under this battery's track uplink (`c2/uplink`), in launch order. */
  readonly rounds: RoundInFlight[];
  /** What the uplink reads: tracker, impact predictor, site frame, latency (one radar revisit). */
  readonly uplink: UplinkInputs;
  readonly sensor: Sensor;
  /** `Detection.sensorId`s of the unit's own radars (its radar and extra radars), for `requiresOwnRadarTrack`. */
  readonly ownSensorIds: readonly string[];
}

/** Flyout tables depend only on the interceptor type: built once per type and shared by every replication. */
const flyoutCache = new WeakMap<InterceptorType, FlyoutTable>();

/** The flyout table of an interceptor type (memoised; a pure function of the immutable type). */
export function flyoutTableFor(type: InterceptorType): FlyoutTable {
  let table = flyoutCache.get(type);
  if (!table) {
    table = buildFlyoutTable(type);
    flyoutCache.set(type, table);
  }
  return table;
}

/** Closing speed the planner assumes against a ballistic re-entry body: interceptor top speed + ~1.6 km/s, m/s [N]. */
const PLANNING_BALLISTIC_CLOSING_EXTRA_mps = 1600;
/** Closing speed the planner assumes against an air-breathing target: interceptor top speed + ~200 m/s, m/s [N]. */
const PLANNING_AIR_BREATHING_CLOSING_EXTRA_mps = 200;

/**
 * Nominal single-shot Pk the planner uses: reliability × E[P(d)] with the miss d Rayleigh-distributed from the
 * per-axis guidance noise σ. Without a kill mechanism P(d) = pkMax·exp(−d²/2s²), which integrates to
 * pkMax · s² / (s² + σ²). With a mechanism, `killProbability` at a nominal closing speed (interceptor top speed plus
 * a class-typical threat speed) against the target class — so the planner knows a blast-fragmentation round is worth
 * less against a re-entry body — integrated numerically (`expectedKillProbability`).
 * @param threatKind class the C2 assigns to the track: `ballistic` (default) or an air-breathing kind
 */
export function nominalPk(type: InterceptorType, threatKind: ThreatType['kind'] = 'ballistic'): number {
  let byKind = nominalPkCache.get(type);
  if (!byKind) {
    byKind = new Map();
    nominalPkCache.set(type, byKind);
  }
  let pk = byKind.get(threatKind);
  if (pk === undefined) {
    pk = computeNominalPk(type, threatKind);
    byKind.set(threatKind, pk);
  }
  return pk;
}

/** `nominalPk` memo: a pure function of the immutable type and the class (the C2 asks every cycle). */
const nominalPkCache = new WeakMap<InterceptorType, Map<ThreatType['kind'], number>>();

function computeNominalPk(type: InterceptorType, threatKind: ThreatType['kind']): number {
  if (type.killMechanism === undefined) {
    const s2 = type.lethalSigma_m ** 2;
    return type.reliability * type.pkMax * (s2 / (s2 + type.guidanceNoise_m ** 2));
  }
  const extra_mps =
    threatKind === 'ballistic'
      ? PLANNING_BALLISTIC_CLOSING_EXTRA_mps
      : PLANNING_AIR_BREATHING_CLOSING_EXTRA_mps;
  const conditions = { closingSpeed_mps: type.maxSpeed_mps + extra_mps, threatKind };
  return type.reliability * expectedKillProbability(type, type.guidanceNoise_m, conditions);
}

/**
 * Own-radar track window, in revisits of the unit's radar [N]: a type that `requiresOwnRadarTrack` engages a track
 * only if one of its own unit's radars assigned a detection to it within this many revisits (the fire-control radar
 * holds the target now; a coasting or remote-only track is not enough for track-via-missile).
 */
export const OWN_RADAR_TRACK_REVISITS = 3;

/** Whether one of the unit's own radars (`sensorId`s) has updated `track` within the own-radar window at `t_s`. */
export function ownRadarHoldsTrack(
  ownSensorIds: readonly string[],
  track: Pick<EngineTrack, 'lastUpdateBySensor_s'>,
  window_s: number,
  t_s: number,
): boolean {
  for (const id of ownSensorIds) {
    const last_s = track.lastUpdateBySensor_s?.get(id);
    if (last_s !== undefined && t_s - last_s <= window_s) return true;
  }
  return false;
}

/** One way to engage one track: a launcher group, its salvo, and the predicted intercept it was planned for. */
export interface Candidate {
  readonly targetId: string;
  readonly track: EngineTrack;
  readonly memory: TrackMemory;
  readonly group: number;
  readonly shots: number;
  readonly value: number;
  readonly pipTime_s: number;
  /** First round's launch time: after the reaction time, and not before the launch window opens. */
  readonly launchAt_s: number;
  readonly pip_ecef: Float64Array;
  /** Intercept-altitude floor for this track's class (lower for air-breathing targets), m above the site. */
  readonly minInterceptAltitude_m: number;
}

function logAssessment(
  world: World,
  node: BatteryNode,
  track: EngineTrack,
  memory: TrackMemory,
  a: Assessment,
  t_s: number,
): void {
  if (memory.lastDecision === a.decision) return;
  memory.lastDecision = a.decision;
  emit(world, {
    t_s,
    type: 'c2.assess',
    unitId: node.state.spec.id,
    trackId: track.id,
    decision: a.decision,
    predictedImpact: a.predictedImpact ? logPoint(a.predictedImpact) : null,
    assetId: a.decision === 'threat' ? a.asset.id : null,
    timeToImpact_s:
      a.decision === 'threat'
        ? a.timeToImpact_s
        : Number.isFinite(a.impactTime_s)
          ? a.impactTime_s - t_s
          : -1,
  });
}

function holdFire(
  world: World,
  node: BatteryNode,
  track: EngineTrack,
  memory: TrackMemory,
  reason: string,
  t_s: number,
): void {
  if (memory.lastHoldReason === reason) return;
  memory.lastHoldReason = reason;
  emit(world, { t_s, type: 'c2.holdFire', unitId: node.state.spec.id, trackId: track.id, reason });
}

/**
 * The threat's predicted state at a future time, as the intercept-point solver asks for it: read off the
 * impact-point prediction's ballistic path (null after the predicted impact), or extrapolated at constant velocity
 * for a level flyer.
 */
function predictedStateAt(
  node: BatteryNode,
  track: EngineTrack,
  a: Assessment & { decision: 'threat' },
  t_s: number,
): (time_s: number) => PredictedState | null {
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  const path = a.path();
  if (path) return (time_s) => (path.stateAt(time_s, pos, vel) ? { pos, vel } : null);
  const p0 = new Float64Array(3);
  const v0 = new Float64Array(3);
  node.tracker.predict(track, t_s, p0, v0);
  // a level flyer keeps its height over the curved Earth: the straight ECEF line would climb d²/2R (70 m over
  // 30 km) and put the intercept point above it, so the line is pulled back to the radius the climb rate gives
  const r0_m = hypot3(p0[0], p0[1], p0[2]);
  const climb_mps = (v0[0] * p0[0] + v0[1] * p0[1] + v0[2] * p0[2]) / r0_m;
  return (time_s) => {
    if (time_s > a.impactTime_s) return null;
    const dt = time_s - t_s;
    for (let i = 0; i < 3; i++) {
      pos[i] = p0[i] + v0[i] * dt;
      vel[i] = v0[i];
    }
    const scale = (r0_m + climb_mps * dt) / hypot3(pos[0], pos[1], pos[2]);
    for (let i = 0; i < 3; i++) pos[i] *= scale;
    return { pos, vel };
  };
}

/**
 * Candidate engagements of one track by every launcher group that has rounds and a firing solution of the one
 * fire-control model (`weapons/fireControl`: envelope with its margin, time, closing geometry, seeker look); a track
 * with none is held with the last group's coded reason.
 */
function candidatesFor(
  world: World,
  node: BatteryNode,
  track: EngineTrack,
  memory: TrackMemory,
  a: Assessment & { decision: 'threat' },
  t_s: number,
): Candidate[] {
  const spec = node.state.spec;
  const doctrine = spec.doctrine;
  const shotsLeft = doctrine.maxShotsPerThreat - memory.shotsFired;
  if (shotsLeft <= 0) {
    holdFire(world, node, track, memory, 'inventory-per-threat-exhausted', t_s);
    return [];
  }
  const shots = doctrine.mode === 'salvo' ? Math.min(doctrine.shotsPerThreat, shotsLeft) : 1;
  // waiting for a launch window that cannot open before the next solve: keep the hold (see `awaitWindow`)
  if (t_s < memory.nextSolve_s) return [];
  // a track with no ballistic path is a level flyer: air-breathing, so the lower envelope floor applies
  const path = a.path();
  const airBreathing = path === null;
  const stateAt = predictedStateAt(node, track, { ...a, path: () => path }, t_s);
  const out: Candidate[] = [];
  const ownTrack = ownRadarHoldsTrack(
    node.ownSensorIds,
    track,
    OWN_RADAR_TRACK_REVISITS * spec.radar.type.scanInterval_s,
    t_s,
  );
  let lastReason = 'no-rounds';
  let windowOpens_s = Number.POSITIVE_INFINITY;
  spec.launchers.forEach((group, g) => {
    if (readyRounds(node.state.magazine, g, t_s) < shots) return;
    const refusal = groupRefusal(group.interceptor, airBreathing, ownTrack);
    if (refusal !== null) {
      lastReason = refusal;
      return;
    }
    const floor_m = minInterceptAltitudeFor(group.interceptor, airBreathing);
    const pip = solveEngagement({
      table: node.tables[g],
      type: group.interceptor,
      site_ecef: node.site_ecef,
      threatStateAt: stateAt,
      now_s: t_s,
      reaction_s: spec.reactionTime_s,
      minAltitude_m: floor_m,
    });
    if (!pip.ok) {
      lastReason = pip.reason;
      return;
    }
    // the interceptor must not arrive before the threat enters the envelope: when the launch window opens
    // later than the next decision cycle, decide then (on a fresher track) instead of committing now
    if (pip.launchTime_s > t_s + spec.reactionTime_s + spec.radar.type.scanInterval_s) {
      lastReason = 'awaiting-launch-window';
      windowOpens_s = Math.min(windowOpens_s, pip.launchTime_s);
      return;
    }
    out.push(candidateOf(node, track, memory, a, g, shots, airBreathing, floor_m, pip, t_s));
  });
  memory.nextSolve_s = out.length === 0 ? awaitWindow(spec, windowOpens_s, t_s) : Number.NEGATIVE_INFINITY;
  if (out.length === 0) holdFire(world, node, track, memory, lastReason, t_s);
  return out;
}

/** Longest time a track waiting for a launch window goes without its firing solutions being solved again, s [N]. */
export const AWAIT_RESOLVE_MAX_s = 4;

/**
 * When a track that waits for a launch window (`windowOpens_s`, the earliest launch time of any group's solution) is
 * solved again: one revisit before the cycle at which that launch would be committed — so a window that holds still
 * is committed at the same cycle as if it were solved every cycle — and at least every `AWAIT_RESOLVE_MAX_s`, so a
 * window the track's refinement moves earlier is found within that time. −∞ when no group waits: solve every cycle.
 * Why: a track waits for its window during most of its approach (≈ 85 % of the solutions on Al Asad), and each solve
 * scans the predicted path (bench/README.md, "Engine speed").
 */
function awaitWindow(spec: BatteryNode['state']['spec'], windowOpens_s: number, t_s: number): number {
  if (!Number.isFinite(windowOpens_s)) return Number.NEGATIVE_INFINITY;
  const interval_s = spec.radar.type.scanInterval_s;
  const commitCycle_s = windowOpens_s - spec.reactionTime_s - interval_s;
  return Math.min(t_s + AWAIT_RESOLVE_MAX_s, commitCycle_s - interval_s);
}

/**
 * Why a launcher group's interceptor may not engage this track whatever the geometry (its target class; a
 * track-via-missile round without the battery's own radar track), or null.
 */
function groupRefusal(type: InterceptorType, airBreathing: boolean, ownTrack: boolean): string | null {
  if (type.airBreathingOnly === true && !airBreathing) return 'wrong-target-class';
  // track-via-missile: no engagement on another unit's track alone (c2/reasons `no-own-radar-track`)
  if (type.requiresOwnRadarTrack === true && !ownTrack) return 'no-own-radar-track';
  return null;
}

/** The candidate engagement of a track by launcher group `g` with a firing solution: its value and timing. */
function candidateOf(
  node: BatteryNode,
  track: EngineTrack,
  memory: TrackMemory,
  a: Assessment & { decision: 'threat' },
  g: number,
  shots: number,
  airBreathing: boolean,
  floor_m: number,
  pip: Extract<ReturnType<typeof solveEngagement>, { ok: true }>,
  t_s: number,
): Candidate {
  const spec = node.state.spec;
  const interceptor = spec.launchers[g].interceptor;
  return {
    targetId: track.id,
    track,
    memory,
    group: g,
    shots,
    value: engagementValue(
      a.asset.value,
      nominalPk(interceptor, airBreathing ? 'drone' : 'ballistic'),
      shots,
      a.timeToImpact_s,
    ),
    pipTime_s: pip.interceptTime_s,
    launchAt_s: Math.max(t_s + spec.reactionTime_s, pip.launchTime_s),
    pip_ecef: Float64Array.from(pip.point_ecef),
    minInterceptAltitude_m: floor_m,
  };
}

function commit(world: World, node: BatteryNode, c: Candidate, t_s: number): void {
  const state = node.state;
  const doctrine = state.spec.doctrine;
  c.memory.engaged = true;
  c.memory.lastHoldReason = null;
  state.channelsBusy += CHANNELS_PER_ENGAGEMENT;
  if (state.network) recordEngagement(state.network.ledger, state.spec.id, c.track.id);
  emit(world, {
    t_s,
    type: 'c2.engage',
    unitId: state.spec.id,
    trackId: c.track.id,
    shots: c.shots,
    predictedIntercept_s: c.pipTime_s,
    predictedInterceptPoint: logPointEcef(c.pip_ecef),
    expectedValue: c.value,
  });
  const engagement: Engagement = { trackId: c.track.id, shots: c.shots, ended: 0, killedThreatId: null };
  for (let i = 0; i < c.shots; i++) {
    world.kernel.schedule(
      c.launchAt_s - t_s + i * doctrine.salvoInterval_s,
      () => fireRound(world, node, c, engagement, i),
      PRIORITY.fire,
    );
  }
}

/**
 * One C2 cycle after a dwell: assess every confirmed track, assign, commit. On a network the ledger is asked before
 * a track is planned (`engagePermission`), an upper-tier battery waiting for a launch window records its intent, and
 * a track with a firing solution that loses out for want of a free fire channel is held as `no-fire-channel`.
 */
export function batteryCycle(world: World, node: BatteryNode, t_s: number): void {
  uplinkRounds(node.rounds, node.uplink, t_s);
  const candidates: Candidate[] = [];
  const network = node.state.network;
  const unitId = node.state.spec.id;
  for (const track of node.tracker.confirmedTracks()) {
    const memory = trackMemory(node.state.tracks, track.id);
    if (memory.engaged || memory.assessedKilled) continue;
    if (network?.ledger.killed.has(track.id)) continue;
    const a = assessTrackNow(node, track, t_s, world.scenario.threatMargin_m, memory.lastDecision);
    logAssessment(world, node, track, memory, a, t_s);
    if (a.decision !== 'threat') continue;
    if (network) {
      const denied = engagePermission(network.ledger, unitId, track.id, a.timeToImpact_s);
      if (denied !== null) {
        holdFire(world, node, track, memory, denied, t_s);
        continue;
      }
    }
    const found = candidatesFor(world, node, track, memory, a, t_s);
    if (network && found.length === 0 && memory.lastHoldReason === 'awaiting-launch-window')
      recordIntent(network.ledger, unitId, track.id);
    for (const c of found) candidates.push(c);
  }
  const resources = {
    readyRounds: node.state.spec.launchers.map((_, g) => readyRounds(node.state.magazine, g, t_s)),
    freeChannels: node.state.spec.fireChannels - node.state.channelsBusy,
  };
  const chosen = assignWeapons(candidates, resources);
  for (const c of chosen) commit(world, node, c, t_s);
  holdUnchannelled(world, node, candidates, chosen, t_s);
}

/**
 * Tracks that had a firing solution but were not engaged because every fire channel is engaged on another target
 * are held as `no-fire-channel` (one event per change, like every hold).
 */
function holdUnchannelled(
  world: World,
  node: BatteryNode,
  candidates: readonly Candidate[],
  chosen: readonly Candidate[],
  t_s: number,
): void {
  if (candidates.length === chosen.length) return;
  const engaged = new Set(chosen.map((c) => c.targetId));
  const freeChannels = node.state.spec.fireChannels - node.state.channelsBusy;
  for (const c of candidates) {
    if (engaged.has(c.targetId) || c.memory.engaged) continue;
    if (freeChannels < CHANNELS_PER_ENGAGEMENT)
      holdFire(world, node, c.track, c.memory, 'no-fire-channel', t_s);
  }
}

/** Builds a battery node from its spec (site frame, flyout tables, predictor). */
export function createBatteryNode(
  state: BatteryState,
  tracker: EngineTracker,
  frames: readonly AssetFrame[],
): BatteryNode {
  const node = createC2Node(state.spec.position, tracker, frames);
  return {
    ...node,
    state,
    tables: state.spec.launchers.map((g) => flyoutTableFor(g.interceptor)),
    sensor: state.sensor,
    ownSensorIds: [state.spec.radar.id, ...(state.spec.extraRadars ?? []).map((r) => r.id)],
    rounds: [],
    uplink: {
      tracker: node.tracker,
      predictor: node.predictor,
      site: siteFrame(node.site_ecef),
      latency_s: state.spec.radar.type.scanInterval_s,
      ballisticCoefficientOf: (track) => learnedBallisticCoefficient_kgpm2(node, track),
    },
  };
}
