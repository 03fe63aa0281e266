/**
 * @module c2/gunNode
 * Fire control of a C-RAM mount, as wiring: its radar feeds its tracker; every threatening track sounds the
 * sense-and-warn alarm once; the gun (one target at a time) fires a burst at the most urgent threatening track
 * inside its engagement radius, and the burst's kill is drawn from the per-burst Pk at that range.
 */
import { approxHeightOf_m } from '../geo/wgs84.js';
import { type GunState, trackMemory } from '../sim/state.js';
import { acquireTruth, emit, killThreat, PRIORITY, type World } from '../sim/world.js';
import type { EngineTrack, EngineTracker } from '../tracking/engine/index.js';
import { gunPkPerBurst, gunTimeOfFlight_s } from '../weapons/gun.js';
import { type C2Node, createC2Node } from './node.js';
import { type AssetFrame, assessTrack } from './threatEval.js';

export interface GunNode extends C2Node {
  readonly state: GunState;
}

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
  // the burst's rounds arrive after their time of flight; the kill is decided then
  const outcome_s = t_s + gun.burst_s + gunTimeOfFlight_s(gun, range_m);
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
      if (killed && target) {
        memory.assessedKilled = true;
        killThreat(world, target, now_s, target.pos_ecef, state.spec.id);
      }
    },
    PRIORITY.weaponEnd,
  );
}

/** One fire-control cycle after a dwell. */
export function gunCycle(world: World, node: GunNode, t_s: number): void {
  const state = node.state;
  const gun = state.spec.gun;
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  const x = new Float64Array(6);
  let best: { track: EngineTrack; tti: number; range_m: number } | null = null;
  for (const track of node.tracker.confirmedTracks()) {
    const memory = trackMemory(state.tracks, track.id);
    if (memory.assessedKilled) continue;
    node.tracker.predict(track, t_s, pos, vel);
    x.set(pos, 0);
    x.set(vel, 3);
    const a = assessTrack(x, t_s, node.predictor, node.frames, world.scenario.threatMargin_m);
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
    if (range_m > gun.engagementRadius_m) continue;
    // the gun does not fire below its minimum engagement height (ground clutter, own-force safety)
    if (approxHeightOf_m(pos) - state.spec.position.h_m < gun.minEngagementAltitude_m) continue;
    if (best === null || a.timeToImpact_s < best.tti) best = { track, tti: a.timeToImpact_s, range_m };
  }
  if (best && state.busyUntil_s <= t_s && state.ammunition > 0)
    fireBurst(world, node, best.track, best.range_m, t_s);
}
