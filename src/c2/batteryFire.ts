/**
 * @module c2/batteryFire
 * The firing side of a SAM battery, once the C2 has committed an engagement: each round leaves the lowest-index ready
 * launcher of its group (an emptied launcher starts reloading from the reserve), acquires the truth object nearest the
 * track, and flies to the predicted intercept point — under the battery's midcourse uplink when the interceptor has
 * midcourse guidance. Its end is resolved at the kernel time of the outcome (no intercept, too late, or the Pk draw);
 * after the engagement's last round the C2 assesses the kill, with the doctrine's assessment errors.
 */
import type { InterceptorType } from '../scenario/types.js';
import { closestApproachEnvelope } from '../weapons/fireControl.js';
import {
  type FlightRun,
  type InterceptOutcome,
  type InterceptorFlight,
  startFlight,
} from '../weapons/interceptor.js';
import { startReload, takeRound } from '../weapons/launcher.js';
import { killProbability, lethalReach_m } from '../weapons/lethality.js';
import { emptyPath, type PathRecord, pushEcef } from '../world/paths.js';
import type { ThreatState } from '../world/threatState.js';
import { acquireTruth, emit, killThreat, logPointEcef, PRIORITY, type World } from '../world/world.js';
import type { BatteryNode, Candidate } from './battery.js';
import { recordAssessment } from './network.js';
import type { InterceptorEndReason } from './reasons.js';
import type { BatteryState, Engagement } from './unitState.js';
import type { RoundInFlight } from './uplink.js';
import { CHANNELS_PER_ENGAGEMENT } from './weaponAssignment.js';

/** Radius within which a seeker acquires the truth object near the track's predicted position, m. */
const ACQUISITION_RADIUS_m = 5000;

/** An emptied launcher reloads from its group's reserve; the battery announces the reload when it ends. */
function startReloadIfEmpty(world: World, node: BatteryNode, launcherIndex: number, t_s: number): void {
  const reload = startReload(node.state.magazine, launcherIndex, t_s);
  if (reload === null) return;
  world.kernel.scheduleAt(
    reload.ready_s,
    () =>
      emit(world, {
        t_s: world.kernel.now_s,
        type: 'launcher.reloaded',
        unitId: node.state.spec.id,
        launcher: launcherIndex,
        rounds: reload.rounds,
      }),
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
  reason: InterceptorEndReason,
  miss_m: number | null,
  point_ecef: Readonly<Float64Array> | null,
  lethalReach: number | null = null,
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
    lethalReach_m: lethalReach,
    point: point_ecef ? logPointEcef(point_ecef) : null,
  });
}

/**
 * Fires round `round` (0-based) of a committed engagement at the current kernel time and schedules its end; a round
 * that finds no ready launcher ends unfired. The engagement's fire channel is freed after its last round.
 */
export function fireRound(
  world: World,
  node: BatteryNode,
  c: Candidate,
  engagement: Engagement,
  round: number,
): void {
  const t_s = world.kernel.now_s;
  const launcher = takeRound(node.state.magazine, c.group, t_s);
  if (launcher < 0) {
    // magazine emptied since the decision (another engagement took the round): the round ends unfired
    finishRound(world, node, c, engagement);
    return;
  }
  const { interceptorId, target } = launchInterceptor(world, node, c, launcher, t_s);
  if (!target?.trajectory) {
    scheduleRoundEnd(world, node, c, engagement, c.pipTime_s, () =>
      emitInterceptorEnd(
        world,
        node.state.spec.id,
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
  flyInterceptor(world, node, c, engagement, round, interceptorId, target, target.trajectory, t_s);
}

/**
 * Counts and announces the launch of a round from `launcher`: the seeker acquires the truth object nearest the
 * track's predicted position, and an emptied launcher starts reloading.
 */
function launchInterceptor(
  world: World,
  node: BatteryNode,
  c: Candidate,
  launcher: number,
  t_s: number,
): { interceptorId: string; target: ThreatState | null } {
  const state = node.state;
  const spec = state.spec;
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
    interceptorType: spec.launchers[c.group].interceptor.id,
    trackId: c.track.id,
    threatId: target ? target.launch.id : null,
    launcher,
  });
  startReloadIfEmpty(world, node, launcher, t_s);
  return { interceptorId, target };
}

/** Schedules a round's end at `time_s` (not before now): `apply` logs it, then the round is finished. */
function scheduleRoundEnd(
  world: World,
  node: BatteryNode,
  c: Candidate,
  engagement: Engagement,
  time_s: number,
  apply: () => void,
): void {
  world.kernel.scheduleAt(
    Math.max(time_s, world.kernel.now_s),
    () => {
      apply();
      finishRound(world, node, c, engagement);
    },
    PRIORITY.weaponEnd,
  );
}

/**
 * Flies a launched round at its acquired target and schedules its end once the outcome is known: at once for a
 * round with no midcourse, else piecewise under the battery's uplink.
 */
function flyInterceptor(
  world: World,
  node: BatteryNode,
  c: Candidate,
  engagement: Engagement,
  round: number,
  interceptorId: string,
  target: ThreatState,
  trajectory: NonNullable<ThreatState['trajectory']>,
  t_s: number,
): void {
  const state = node.state;
  const spec = state.spec;
  const type = spec.launchers[c.group].interceptor;
  const flight = startFlight({
    type,
    site: spec.position,
    launchTime_s: t_s,
    aimPoint_ecef: c.pip_ecef,
    target: trajectory,
    rng: state.rng.fork(`${interceptorId}:${round}`),
    step_s: world.scenario.step_s,
    recordEvery_s: 1,
    minInterceptAltitude_m: c.minInterceptAltitude_m,
    // the flight time fire control planned with (the flyout table's): the round is lofted for the trajectory the
    // table's time stands for; without it the loft came from a mean-speed guess, a low ≈ 10° climb that reached drones
    // 35 km out 8–13 s after the planned time, or never (issue 12, test/lowFlierBeyondFlyoutReach.test.ts)
    flightTimeHint_s: Math.max(0, c.pipTime_s - t_s),
  });
  const path = world.paths ? emptyPath(interceptorId, 'interceptor', type.id, spec.id) : null;
  if (world.paths && path) world.paths.interceptors.push(path);
  const settle = (outcome: InterceptOutcome): void => {
    if (path) appendFlightPath(path, flight.finish().path);
    // a flight cut short by the round's own reliability failure ends as a time-out: say what happened
    const roundFailed =
      outcome.kind === 'miss' && outcome.reason === 'self-destruct' && flight.finish().stats.failed;
    scheduleRoundEnd(world, node, c, engagement, outcome.time_s, () =>
      resolveIntercept(world, node, engagement, type, interceptorId, target, outcome, {
        floor_m: c.minInterceptAltitude_m,
        roundFailed,
      }),
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

/**
 * Why a flight that did not reach a live target ended (`c2/reasons`): its own miss reason (a reliability failure as
 * `round-failed`), or, when it reached its closest approach, what had already become of the target.
 */
export function noInterceptReason(
  outcome: InterceptOutcome,
  target: ThreatState,
  roundFailed: boolean,
): InterceptorEndReason {
  if (roundFailed) return 'round-failed';
  // a body that broke up is gone: whatever the flight reached afterwards, nothing was there to kill
  if (target.fate === 'failed' && (outcome.kind === 'intercept' || outcome.reason === 'target-gone'))
    return 'target-broken-up';
  if (outcome.kind === 'miss') return outcome.reason;
  return 'target-already-destroyed';
}

/**
 * The reason of a resolved intercept (`c2/reasons`): `lethal` when the kill draw succeeded, else `survived-warhead`
 * inside the type's lethal reach (`weapons/lethality` `lethalReach_m`) and `missed-wide` beyond it.
 * @param miss_m true miss distance at the closest approach, m
 */
export function interceptReason(
  type: InterceptorType,
  miss_m: number,
  killed: boolean,
): 'lethal' | 'survived-warhead' | 'missed-wide' {
  if (killed) return 'lethal';
  return miss_m <= lethalReach_m(type) ? 'survived-warhead' : 'missed-wide';
}

/**
 * Resolves a flight's end at the current kernel time: no intercept, late (target already dead or broken up), or the
 * Pk draw. A miss is `survived-warhead` only inside the type's lethal reach (`lethalReach_m`); beyond it the round
 * `missed-wide` and the event carries the reach so a report can say by how much.
 */
function resolveIntercept(
  world: World,
  node: BatteryNode,
  engagement: Engagement,
  type: InterceptorType,
  interceptorId: string,
  target: ThreatState,
  outcome: InterceptOutcome,
  round: { readonly floor_m: number; readonly roundFailed: boolean },
): void {
  const state = node.state;
  const unitId = state.spec.id;
  const now_s = world.kernel.now_s;
  if (outcome.kind !== 'intercept' || !target.alive) {
    // no intercept: the flight ended short of its closest approach, or reached it after the target was gone
    const reached = outcome.kind === 'intercept';
    emitInterceptorEnd(
      world,
      unitId,
      interceptorId,
      target.launch.id,
      'no-intercept',
      noInterceptReason(outcome, target, round.roundFailed),
      reached ? outcome.miss_m : null,
      reached ? outcome.point_ecef : null,
    );
    return;
  }
  // the weapon's envelope holds at the actual closest approach, not only at the planned point (weapons/fireControl)
  const outside = closestApproachEnvelope(type, node.site_ecef, outcome.point_ecef, round.floor_m);
  if (outside !== null) {
    emitInterceptorEnd(
      world,
      unitId,
      interceptorId,
      target.launch.id,
      'no-intercept',
      'out-of-envelope',
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
  emitInterceptorEnd(
    world,
    unitId,
    interceptorId,
    target.launch.id,
    result,
    interceptReason(type, outcome.miss_m, killed),
    outcome.miss_m,
    outcome.point_ecef,
    lethalReach_m(type),
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

/** Counts a round's end; after the engagement's last, the C2 assesses the kill once the doctrine's delay has passed. */
function finishRound(world: World, node: BatteryNode, c: Candidate, engagement: Engagement): void {
  engagement.ended++;
  if (engagement.ended < engagement.shots) return;
  // the target's fire channel is freed when the last round of its engagement has ended
  node.state.channelsBusy -= CHANNELS_PER_ENGAGEMENT;
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
