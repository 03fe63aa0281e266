/**
 * @module c2/gunNode
 * Fire control of a C-RAM mount, as wiring: its radar feeds its tracker; every threatening track sounds the
 * sense-and-warn alarm once; the gun (one target at a time) fires a burst at the most urgent threatening track
 * inside its engagement radius whose burst can arrive before the track's predicted impact (else it holds with
 * `burst-arrives-after-impact`), and the burst's kill is drawn from the per-burst Pk at that range.
 */
import { approxHeightOf_m } from '../geo/wgs84.js';
import type { EngineTrack, EngineTracker } from '../tracking/engine/index.js';
import { burstArrival_s, gunPkPerBurst, gunReach_m } from '../weapons/gun.js';
import { acquireTruth, emit, killThreat, PRIORITY, type World } from '../world/world.js';
import { engagePermission, recordAssessment, recordEngagement } from './network.js';
import { assessTrackNow, type C2Node, createC2Node } from './node.js';
import { type AssetFrame, impactTimeSigma_s } from './threatEval.js';
import { type GunState, trackMemory } from './unitState.js';

export interface GunNode extends C2Node {
  readonly state: GunState;
}

/** Sigmas of the predicted time to impact a burst must arrive before it. */
const GUN_IMPACT_TIME_SIGMAS = 2;

/** Rounds within this distance of the predicted track position count as aimed at the truth object there, m. */
const GUN_ACQUISITION_RADIUS_m = 300;

export function createGunNode(
  state: GunState,
  tracker: EngineTracker,
  frames: readonly AssetFrame[],
): GunNode {
  return { ...createC2Node(state.spec.position, tracker, frames), state };
}

function fireBurst(world: World, node: GunNode, track: EngineTrack, range_m: number, t_s: number): void {
  const state = node.state;
  const gun = state.spec.gun;
  const rounds = Math.min(state.ammunition, Math.round(gun.rateOfFire_rps * gun.burst_s));
  state.ammunition -= rounds;
  state.roundsFired += rounds;
  state.busyUntil_s = t_s + gun.burst_s + gun.slewTime_s;
  const pk =
    gunPkPerBurst(gun, range_m) * (rounds / Math.max(1, Math.round(gun.rateOfFire_rps * gun.burst_s)));
  const memory = trackMemory(state.tracks, track.id);
  memory.shotsFired++;
  memory.engaged = true;
  memory.lastHoldReason = null;
  if (state.network) recordEngagement(state.network.ledger, state.spec.id, track.id);
  // the burst's rounds arrive after their time of flight; the kill is decided then
  const outcome_s = t_s + burstArrival_s(gun, range_m);
  world.kernel.scheduleAt(
    outcome_s,
    () => {
      const now_s = world.kernel.now_s;
      const pos = new Float64Array(3);
      const vel = new Float64Array(3);
      node.tracker.predict(track, now_s, pos, vel);
      const target = acquireTruth(world, now_s, pos, GUN_ACQUISITION_RADIUS_m);
      if (target) target.gunRounds += rounds;
      const killed = target !== null && state.rng.chance(pk);
      emit(world, {
        t_s: now_s,
        type: 'gun.burst',
        unitId: state.spec.id,
        trackId: track.id,
        threatId: target ? target.launch.id : null,
        rounds,
        range_m,
        pk,
        result: killed ? 'kill' : 'miss',
      });
      memory.engaged = false;
      if (state.network)
        recordAssessment(state.network.ledger, state.spec.id, track.id, killed ? 'killed' : 'survived');
      if (killed && target) {
        memory.assessedKilled = true;
        killThreat(world, target, now_s, target.pos_ecef, state.spec.id);
      }
    },
    PRIORITY.weaponEnd,
  );
}

/** Logs a hold-fire decision on a track when its reason changed (as the battery does). */
function holdFire(world: World, node: GunNode, track: EngineTrack, reason: string, t_s: number): void {
  const memory = trackMemory(node.state.tracks, track.id);
  if (memory.lastHoldReason === reason) return;
  memory.lastHoldReason = reason;
  emit(world, { t_s, type: 'c2.holdFire', unitId: node.state.spec.id, trackId: track.id, reason });
}

/**
 * One fire-control cycle after a dwell. Threatening tracks inside the engagement radius and above the minimum height
 * are the candidates; the most urgent is fired on when the gun is free. The others are held as `no-fire-channel`
 * (the gun serves one target at a time), or `no-ammo`; on a network the ledger may deny a track first.
 */
export function gunCycle(world: World, node: GunNode, t_s: number): void {
  const state = node.state;
  const gun = state.spec.gun;
  const network = state.network;
  const pos = node.now.pos_ecef;
  const candidates: { track: EngineTrack; tti: number; range_m: number }[] = [];
  for (const track of node.tracker.confirmedTracks()) {
    const memory = trackMemory(state.tracks, track.id);
    if (memory.assessedKilled) continue;
    if (network?.ledger.killed.has(track.id)) continue;
    // the track predicted to now lands in node.now (`pos`)
    const a = assessTrackNow(node, track, t_s, world.scenario.threatMargin_m, memory.lastDecision);
    if (a.decision !== 'threat') continue;
    if (memory.lastDecision !== 'threat') {
      memory.lastDecision = 'threat';
      // sense and warn: the alarm sounds once per threatening track
      const truth = acquireTruth(world, t_s, pos, 2000);
      if (truth && Number.isNaN(truth.firstWarning_s)) truth.firstWarning_s = t_s;
      emit(world, {
        t_s,
        type: 'warning.cue',
        source: 'sense-and-warn',
        unitId: state.spec.id,
        threatId: truth ? truth.launch.id : null,
        trackId: track.id,
      });
    }
    if (memory.engaged) continue;
    const range_m = Math.hypot(
      pos[0] - node.site_ecef[0],
      pos[1] - node.site_ecef[1],
      pos[2] - node.site_ecef[2],
    );
    if (range_m > gunReach_m(gun)) continue;
    // the gun does not fire below its minimum engagement height (ground clutter, own-force safety)
    if (approxHeightOf_m(pos) - state.spec.position.h_m < gun.minEngagementAltitude_m) continue;
    // a burst that would arrive after the predicted impact saves nothing and spends the gun (c2/reasons); the
    // prediction is uncertain, so the burst must arrive 2σ of the predicted time to impact before it (regression:
    // bursts fired on a prediction 1–2 s late resolved after the rocket was down)
    const v = node.now.vel_ecef;
    const speed_mps = Math.hypot(v[0], v[1], v[2]);
    const margin_s = GUN_IMPACT_TIME_SIGMAS * impactTimeSigma_s(track.P, a.timeToImpact_s, speed_mps);
    if (burstArrival_s(gun, range_m) + margin_s > a.timeToImpact_s) {
      holdFire(world, node, track, 'burst-arrives-after-impact', t_s);
      continue;
    }
    if (network) {
      const denied = engagePermission(network.ledger, state.spec.id, track.id, a.timeToImpact_s);
      if (denied !== null) {
        holdFire(world, node, track, denied, t_s);
        continue;
      }
    }
    candidates.push({ track, tti: a.timeToImpact_s, range_m });
  }
  let best: (typeof candidates)[number] | null = null;
  for (const c of candidates) if (best === null || c.tti < best.tti) best = c;
  const ready = state.busyUntil_s <= t_s && state.ammunition > 0;
  if (best && ready) fireBurst(world, node, best.track, best.range_m, t_s);
  for (const c of candidates) {
    if (ready && c === best) continue;
    holdFire(world, node, c.track, state.ammunition > 0 ? 'no-fire-channel' : 'no-ammo', t_s);
  }
}
