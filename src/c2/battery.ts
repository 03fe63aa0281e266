import type { InterceptorType, ThreatType } from '../scenario/types.js';
import type { Sensor } from '../sensors/index.js';
import { emptyPath, type PathRecord, pushEcef } from '../sim/paths.js';
import {
  type BatteryState,
  type Engagement,
  type ThreatState,
  type TrackMemory,
  trackMemory,
} from '../sim/state.js';
import {
  acquireTruth,
  emit,
  killThreat,
  logPoint,
  logPointEcef,
  PRIORITY,
  type World,
} from '../sim/world.js';
import type { EngineTrack, EngineTracker } from '../tracking/engine/index.js';
import { minInterceptAltitudeFor } from '../weapons/envelope.js';
import {
  buildFlyoutTable,
  type FlyoutTable,
  type PredictedState,
  predictInterceptPoint,
} from '../weapons/flyout.js';
import { siteFrame } from '../weapons/geometry.js';
import {
  type FlightRun,
  type InterceptOutcome,
  type InterceptorFlight,
  startFlight,
} from '../weapons/interceptor.js';
import { expectedKillProbability, killProbability } from '../weapons/lethality.js';
import { engagePermission, recordAssessment, recordEngagement, recordIntent } from './network.js';
import { type C2Node, createC2Node } from './node.js';
import { type Assessment, type AssetFrame, assessTrack, engagementValue } from './threatEval.js';
import { type RoundInFlight, type UplinkInputs, uplinkRounds } from './uplink.js';
import { assignWeapons } from './wta.js';

/** Per-battery wiring built once per replication. */
export interface BatteryNode extends C2Node {
  readonly state: BatteryState;
  readonly tables: readonly FlyoutTable[];
  /** Rounds in midcourse under this battery's track uplink (`c2/uplink`), in launch order. */
  readonly rounds: RoundInFlight[];
  /** What the uplink reads: tracker, impact predictor, site frame, latency (one radar revisit). */
  readonly uplink: UplinkInputs;
  readonly sensor: Sensor;
}

/** Radius within which a seeker acquires the truth object near the track's predicted position, m. */
const ACQUISITION_RADIUS_m = 5000;

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

interface Candidate {
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

function readyRounds(state: BatteryState, group: number, t_s: number): number {
  let n = 0;
  for (const l of state.launchers) if (l.group === group && l.reloadReady_s <= t_s) n += l.rounds;
  return n;
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
  return (time_s) => {
    if (time_s > a.impactTime_s) return null;
    const dt = time_s - t_s;
    for (let i = 0; i < 3; i++) {
      pos[i] = p0[i] + v0[i] * dt;
      vel[i] = v0[i];
    }
    return { pos, vel };
  };
}

/** Candidate engagements of one track by every launcher group that has rounds and a firing solution. */
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
  // a track with no ballistic path is a level flyer: air-breathing, so the lower envelope floor applies
  const path = a.path();
  const airBreathing = path === null;
  const stateAt = predictedStateAt(node, track, { ...a, path: () => path }, t_s);
  const out: Candidate[] = [];
  let lastReason = 'no-rounds';
  spec.launchers.forEach((group, g) => {
    if (readyRounds(node.state, g, t_s) < shots) return;
    if (group.interceptor.airBreathingOnly === true && !airBreathing) {
      lastReason = 'wrong-target-class';
      return;
    }
    const floor_m = minInterceptAltitudeFor(group.interceptor, airBreathing);
    const pip = predictInterceptPoint(
      node.tables[g],
      group.interceptor,
      node.site_ecef,
      spec.position,
      stateAt,
      t_s,
      spec.reactionTime_s,
      floor_m,
    );
    if (!pip.ok) {
      lastReason = pip.reason;
      return;
    }
    // the interceptor must not arrive before the threat enters the envelope: when the launch window opens
    // later than the next decision cycle, decide then (on a fresher track) instead of committing now
    if (pip.launchTime_s > t_s + spec.reactionTime_s + spec.radar.type.scanInterval_s) {
      lastReason = 'awaiting-launch-window';
      return;
    }
    out.push({
      targetId: track.id,
      track,
      memory,
      group: g,
      shots,
      value: engagementValue(
        a.asset.value,
        nominalPk(group.interceptor, airBreathing ? 'drone' : 'ballistic'),
        shots,
        a.timeToImpact_s,
      ),
      pipTime_s: pip.interceptTime_s,
      launchAt_s: Math.max(t_s + spec.reactionTime_s, pip.launchTime_s),
      pip_ecef: Float64Array.from(pip.point_ecef),
      minInterceptAltitude_m: floor_m,
    });
  });
  if (out.length === 0) holdFire(world, node, track, memory, lastReason, t_s);
  return out;
}

/** Takes a round from the lowest-index ready launcher of `group`; returns its index or −1. */
function takeRound(state: BatteryState, group: number, t_s: number): number {
  for (let i = 0; i < state.launchers.length; i++) {
    const l = state.launchers[i];
    if (l.group === group && l.rounds > 0 && l.reloadReady_s <= t_s) {
      l.rounds--;
      return i;
    }
  }
  return -1;
}

function startReloadIfEmpty(world: World, node: BatteryNode, launcherIndex: number, t_s: number): void {
  const state = node.state;
  const l = state.launchers[launcherIndex];
  if (l.rounds > 0 || state.reserve[l.group] <= 0) return;
  const group = state.spec.launchers[l.group];
  const rounds = Math.min(group.capacity, state.reserve[l.group]);
  state.reserve[l.group] -= rounds;
  l.reloadReady_s = t_s + group.reload_s;
  world.kernel.scheduleAt(
    l.reloadReady_s,
    () => {
      l.rounds = rounds;
      emit(world, {
        t_s: world.kernel.now_s,
        type: 'launcher.reloaded',
        unitId: state.spec.id,
        launcher: launcherIndex,
        rounds,
      });
    },
    PRIORITY.reload,
  );
}

/** Appends a flight's decimated ECEF path to a path record. */
function appendFlightPath(record: PathRecord, path: InterceptorFlight['path']): void {
  const pos = new Float64Array(3);
  for (let i = 0; i < path.times_s.length; i++) {
    pos[0] = path.pos_ecef[3 * i];
    pos[1] = path.pos_ecef[3 * i + 1];
    pos[2] = path.pos_ecef[3 * i + 2];
    pushEcef(record, path.times_s[i], pos);
  }
}

/** Emits the end of an interceptor's flight (at the current kernel time). */
function emitInterceptorEnd(
  world: World,
  unitId: string,
  interceptorId: string,
  threatId: string | null,
  result: 'kill' | 'miss' | 'no-intercept',
  reason: string,
  miss_m: number | null,
  point_ecef: Readonly<Float64Array> | null,
): void {
  emit(world, {
    t_s: world.kernel.now_s,
    type: 'interceptor.end',
    unitId,
    interceptorId,
    threatId,
    result,
    reason,
    miss_m,
    point: point_ecef ? logPointEcef(point_ecef) : null,
  });
}

function fireRound(
  world: World,
  node: BatteryNode,
  c: Candidate,
  engagement: Engagement,
  round: number,
): void {
  const t_s = world.kernel.now_s;
  const state = node.state;
  const spec = state.spec;
  const type = spec.launchers[c.group].interceptor;
  const launcher = takeRound(state, c.group, t_s);
  if (launcher < 0) {
    // magazine emptied since the decision (another engagement took the round): the channel is released unused
    state.channelsBusy--;
    finishRound(world, node, c, engagement);
    return;
  }
  state.interceptorsFired++;
  c.memory.shotsFired++;
  const interceptorId = `${spec.id}-I${state.interceptorsFired}`;
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  node.tracker.predict(c.track, t_s, pos, vel);
  const target = acquireTruth(world, t_s, pos, ACQUISITION_RADIUS_m);
  if (target) target.interceptorsFired++;
  emit(world, {
    t_s,
    type: 'interceptor.launch',
    unitId: spec.id,
    interceptorId,
    interceptorType: type.id,
    trackId: c.track.id,
    threatId: target ? target.launch.id : null,
    launcher,
  });
  startReloadIfEmpty(world, node, launcher, t_s);
  const end = (time_s: number, apply: () => void) =>
    world.kernel.scheduleAt(
      Math.max(time_s, world.kernel.now_s),
      () => {
        state.channelsBusy--;
        apply();
        finishRound(world, node, c, engagement);
      },
      PRIORITY.weaponEnd,
    );
  if (!target?.trajectory) {
    end(c.pipTime_s, () =>
      emitInterceptorEnd(
        world,
        spec.id,
        interceptorId,
        null,
        'no-intercept',
        'no-target-at-pip',
        null,
        c.pip_ecef,
      ),
    );
    return;
  }
  const flight = startFlight({
    type,
    site: spec.position,
    launchTime_s: t_s,
    aimPoint_ecef: c.pip_ecef,
    target: target.trajectory,
    rng: state.rng.fork(`${interceptorId}:${round}`),
    step_s: world.scenario.step_s,
    recordEvery_s: 1,
    minInterceptAltitude_m: c.minInterceptAltitude_m,
  });
  const path = world.paths ? emptyPath(interceptorId, 'interceptor', type.id, spec.id) : null;
  if (world.paths && path) world.paths.interceptors.push(path);
  const settle = (outcome: InterceptOutcome): void => {
    if (path) appendFlightPath(path, flight.finish().path);
    end(outcome.time_s, () =>
      resolveIntercept(world, node, engagement, type, interceptorId, target, outcome),
    );
  };
  if (!flight.guidedMidcourse) {
    // no midcourse (truth homing from the boost on): nothing to uplink, the whole flight is known now
    settle(flight.finish().outcome);
    return;
  }
  flyUnderUplink(world, node, flight, settle, {
    interceptorId,
    trackId: c.track.id,
    flight,
    launchTime_s: t_s,
    burnTime_s: type.burnTime_s,
    maxFlightTime_s: type.maxFlightTime_s,
    table: node.tables[c.group],
    interceptTime_s: c.pipTime_s,
  });
}

/**
 * Flies a midcourse round piecewise under the battery's uplink: it is advanced one radar revisit ahead of the
 * kernel (the uplink latency, so every update sent at a C2 cycle lands in the round's future), the battery's C2
 * cycles re-aim it meanwhile (`uplinkRounds`), and once the seeker has acquired it is flown to its end at once.
 * `settle` is called exactly once, when the outcome is known, at a kernel time not after the outcome's time.
 */
function flyUnderUplink(
  world: World,
  node: BatteryNode,
  flight: FlightRun,
  settle: (outcome: InterceptOutcome) => void,
  round: RoundInFlight,
): void {
  const interval_s = node.uplink.latency_s;
  node.rounds.push(round);
  const tick = (): void => {
    const now_s = world.kernel.now_s;
    const outcome = flight.advanceTo(flight.acquired ? Number.POSITIVE_INFINITY : now_s + interval_s);
    if (outcome === null) {
      world.kernel.scheduleAt(now_s + interval_s, tick, PRIORITY.weaponEnd);
      return;
    }
    node.rounds.splice(node.rounds.indexOf(round), 1);
    settle(outcome);
  };
  tick();
}

/** Resolves a flight's end at the current kernel time: no intercept, late (target already dead), or the Pk draw. */
function resolveIntercept(
  world: World,
  node: BatteryNode,
  engagement: Engagement,
  type: InterceptorType,
  interceptorId: string,
  target: ThreatState,
  outcome: InterceptOutcome,
): void {
  const state = node.state;
  const unitId = state.spec.id;
  const now_s = world.kernel.now_s;
  if (outcome.kind !== 'intercept') {
    emitInterceptorEnd(
      world,
      unitId,
      interceptorId,
      target.launch.id,
      'no-intercept',
      outcome.reason,
      null,
      null,
    );
    return;
  }
  if (!target.alive) {
    const reason = 'target-already-destroyed';
    emitInterceptorEnd(
      world,
      unitId,
      interceptorId,
      target.launch.id,
      'no-intercept',
      reason,
      outcome.miss_m,
      outcome.point_ecef,
    );
    return;
  }
  const killed = state.rng.chance(
    killProbability(type, outcome.miss_m, {
      closingSpeed_mps: outcome.closingSpeed_mps,
      threatKind: target.type.kind,
    }),
  );
  const result = killed ? 'kill' : 'miss';
  const reason = killed ? 'lethal' : 'survived-warhead';
  emitInterceptorEnd(
    world,
    unitId,
    interceptorId,
    target.launch.id,
    result,
    reason,
    outcome.miss_m,
    outcome.point_ecef,
  );
  if (killed) {
    engagement.killedThreatId = target.launch.id;
    killThreat(world, target, now_s, outcome.point_ecef, interceptorId);
  }
}

/**
 * The C2's kill assessment of an engagement: the truth (a round of it killed the threat) seen through the doctrine's
 * assessment errors, drawn from the battery's random stream (no draw when the probability is 0, so a perfect
 * assessment leaves the stream as it was). A miss judged a kill stops re-engagement of a live threat; a kill judged a
 * miss leaves the dead track open for re-engagement until the tracker deletes it.
 */
function assessKill(state: BatteryState, killed: boolean): boolean {
  const error = state.spec.doctrine.killAssessmentError;
  const p = killed ? (error?.killJudgedMiss ?? 0) : (error?.missJudgedKill ?? 0);
  const wrong = p > 0 && state.rng.chance(p);
  return wrong ? !killed : killed;
}

function finishRound(world: World, node: BatteryNode, c: Candidate, engagement: Engagement): void {
  engagement.ended++;
  if (engagement.ended < engagement.shots) return;
  world.kernel.schedule(
    node.state.spec.doctrine.killAssessmentDelay_s,
    () => {
      const killed = engagement.killedThreatId !== null;
      const assessedKilled = assessKill(node.state, killed);
      c.memory.engaged = false;
      c.memory.assessedKilled = assessedKilled;
      const network = node.state.network;
      if (network)
        recordAssessment(
          network.ledger,
          node.state.spec.id,
          c.track.id,
          assessedKilled ? 'killed' : 'survived',
        );
      emit(world, {
        t_s: world.kernel.now_s,
        type: 'c2.killAssessment',
        unitId: node.state.spec.id,
        trackId: c.track.id,
        assessed: assessedKilled ? 'killed' : 'survived',
        correct: assessedKilled === killed,
      });
    },
    PRIORITY.killAssessment,
  );
}

function commit(world: World, node: BatteryNode, c: Candidate, t_s: number): void {
  const state = node.state;
  const doctrine = state.spec.doctrine;
  c.memory.engaged = true;
  c.memory.lastHoldReason = null;
  state.channelsBusy += c.shots;
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
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  const x = new Float64Array(6);
  const network = node.state.network;
  const unitId = node.state.spec.id;
  for (const track of node.tracker.confirmedTracks()) {
    const memory = trackMemory(node.state.tracks, track.id);
    if (memory.engaged || memory.assessedKilled) continue;
    if (network?.ledger.killed.has(track.id)) continue;
    node.tracker.predict(track, t_s, pos, vel);
    x.set(pos, 0);
    x.set(vel, 3);
    const a = assessTrack(x, t_s, node.predictor, node.frames, world.scenario.threatMargin_m);
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
    candidates.push(...found);
  }
  const resources = {
    readyRounds: node.state.spec.launchers.map((_, g) => readyRounds(node.state, g, t_s)),
    freeChannels: node.state.spec.fireChannels - node.state.channelsBusy,
  };
  const chosen = assignWeapons(candidates, resources);
  for (const c of chosen) commit(world, node, c, t_s);
  holdUnchannelled(world, node, candidates, chosen, t_s);
}

/**
 * Tracks that had a firing solution but were not engaged because every fire channel is guiding another round (or
 * too few are free for the salvo) are held as `no-fire-channel` (one event per change, like every hold).
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
    if (c.shots > freeChannels) holdFire(world, node, c.track, c.memory, 'no-fire-channel', t_s);
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
    rounds: [],
    uplink: {
      tracker: node.tracker,
      predictor: node.predictor,
      site: siteFrame(node.site_ecef),
      latency_s: state.spec.radar.type.scanInterval_s,
    },
  };
}
