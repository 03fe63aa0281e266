/**
 * @module c2/uplink
 * Midcourse track uplink: after every radar dwell the battery re-predicts, for each of its rounds still in
 * midcourse, the intercept point from the round's (updated) track and sends it to the round, which steers to it one
 * C2 cycle later (the uplink latency). The new point is found as the launch solution was — on the track's predicted
 * path (`ImpactPredictor`: ballistic path to impact, or constant velocity for a level flyer) — but from where the
 * round now is: the earliest time t at which the round can be at the threat's predicted position P(t),
 * arrival(P) ≤ t. While the motor burns the arrival time is the flyout table's, launch + T(R, h), as at launch;
 * after burnout it is now + |P − p_round| / |v_round|, the round's own straight-line time to go at its current
 * speed (Zarchan, *Tactical and Strategic Missile Guidance*, 6th ed., ch. 2: predicted-intercept-point guidance
 * with a constant-speed time-to-go estimate). The slowing of the coasting round makes this a little early; each
 * cycle corrects it. Once the seeker has acquired the flight ignores the uplink; a round whose track is no longer
 * confirmed keeps its last point. A re-aimed point stays inside the launcher's range and ceiling, with the fire-control
 * envelope margin (`weapons/fireControl`): the earliest reachable point of an incoming threat is otherwise beyond
 * the envelope, where the engine no longer lets the round kill.
 */
import { hypot3 } from '../math/hypot.js';
import type { EngineTrack, EngineTracker } from '../tracking/engine/index.js';
import { ENVELOPE_MARGIN_s } from '../weapons/fireControl.js';
import type { FlyoutTable, PredictedState } from '../weapons/flyout.js';
import { groundRangeFrom_m, heightAboveSite_m, type SiteFrame } from '../weapons/geometry.js';
import type { FlightRun } from '../weapons/interceptor.js';
import type { ImpactPredictor } from './impactPrediction.js';

/** Spacing of the scan for the earliest reachable predicted point, s. */
const REAIM_SCAN_STEP_s = 0.5;
/** Bisection iterations refining it: 0.5 s / 2¹⁴ ≈ 31 µs, ≤ 0.1 m of threat travel at 3 km/s (guidance noise: metres). */
const REAIM_BISECTIONS = 14;

/** One round under midcourse control of its battery. */
export interface RoundInFlight {
  readonly interceptorId: string;
  /** Track the round was fired at (its predicted path gives the new aim points). */
  readonly trackId: string;
  readonly flight: FlightRun;
  /** Scenario time of launch, s. */
  readonly launchTime_s: number;
  /** Burn time of the round's motor, s (the arrival model switches from the flyout table to time-to-go after it). */
  readonly burnTime_s: number;
  /** Longest flight of the type, s (the re-aim scan looks no further). */
  readonly maxFlightTime_s: number;
  /** Flyout table of the round's type. */
  readonly table: FlyoutTable;
  /** Predicted intercept time of the current aim point, s. */
  interceptTime_s: number;
}

/** What the uplink reads from the battery's C2 node. */
export interface UplinkInputs {
  readonly tracker: EngineTracker;
  readonly predictor: ImpactPredictor;
  /** The launcher site frame (flyout-table geometry). */
  readonly site: SiteFrame;
  /** Delay from the C2 cycle to the round steering on the new point, s (one cycle: the radar revisit interval). */
  readonly latency_s: number;
  /** The track's learned ballistic coefficient, kg/m² (`c2/node`); absent: the predictor's class-assumed β. */
  readonly ballisticCoefficientOf?: (track: EngineTrack) => number;
}

/** A new aim point for a round in flight. */
export interface Reaim {
  /** Predicted intercept time, s. */
  readonly interceptTime_s: number;
  /** Threat's predicted position then, ECEF m. */
  readonly point_ecef: Float64Array;
}

/**
 * The earliest time t ≥ `now_s` (within the round's remaining flight time) at which the round can be at the
 * threat's predicted position, and that position (see the module note for the arrival model); null when no
 * predicted point is reachable (the prediction ends first, or every point is outside the flyout table).
 * @param stateAt threat's predicted state at a scenario time, or null after the prediction ends
 * @param roundPos_ecef round position now, ECEF m
 * @param roundVel_ecef round velocity now, ECEF m/s
 */
export function reaimPoint(
  round: Pick<RoundInFlight, 'launchTime_s' | 'burnTime_s' | 'maxFlightTime_s' | 'table'>,
  site: SiteFrame,
  stateAt: (t_s: number) => PredictedState | null,
  roundPos_ecef: Readonly<Float64Array>,
  roundVel_ecef: Readonly<Float64Array>,
  now_s: number,
): Reaim | null {
  const coasting = now_s - round.launchTime_s >= round.burnTime_s;
  const speed_mps = hypot3(roundVel_ecef[0], roundVel_ecef[1], roundVel_ecef[2]);
  const table = round.table;
  // beyond the launcher's range or ceiling (the table's grid is the type's envelope), now or one envelope margin
  // earlier: a re-aim there would move the closest approach out of the envelope (weapons/fireControl)
  const outsideEnvelope = (t_s: number): boolean => {
    for (const time_s of [t_s, t_s - ENVELOPE_MARGIN_s]) {
      const state = stateAt(time_s);
      if (state === null) continue;
      if (groundRangeFrom_m(site, state.pos) > table.maxGroundRange_m) return true;
      if (heightAboveSite_m(site, state.pos) > table.maxHeight_m) return true;
    }
    return false;
  };
  // slack(t) = t − arrival(P(t)): ≥ 0 where the round gets there in time (and the point is inside the envelope);
  // NaN when the prediction has ended
  const slack = (t_s: number): number => {
    const state = stateAt(t_s);
    if (state === null) return Number.NaN;
    const p = state.pos;
    let g: number;
    if (coasting && speed_mps > 0) {
      const d_m = hypot3(p[0] - roundPos_ecef[0], p[1] - roundPos_ecef[1], p[2] - roundPos_ecef[2]);
      g = t_s - (now_s + d_m / speed_mps);
    } else {
      const flight_s = table.timeToPoint(groundRangeFrom_m(site, p), heightAboveSite_m(site, p));
      g = t_s - (round.launchTime_s + flight_s);
    }
    return g >= 0 && outsideEnvelope(t_s) ? -1 : g;
  };
  const last_s = round.launchTime_s + round.maxFlightTime_s;
  let previous_s = now_s;
  for (let t_s = now_s; t_s <= last_s; t_s += REAIM_SCAN_STEP_s) {
    const g = slack(t_s);
    if (Number.isNaN(g)) return null;
    if (g >= 0) {
      let lo = previous_s;
      let hi = t_s;
      for (let i = 0; i < REAIM_BISECTIONS; i++) {
        const mid = 0.5 * (lo + hi);
        if (slack(mid) >= 0) hi = mid;
        else lo = mid;
      }
      const state = stateAt(hi);
      if (state === null) return null;
      return { interceptTime_s: hi, point_ecef: Float64Array.from(state.pos) };
    }
    previous_s = t_s;
  }
  return null;
}

/**
 * The uplink of one C2 cycle at `t_s`: every round in `rounds` still in midcourse gets the intercept point
 * re-predicted from its confirmed track, effective at `t_s + latency_s`. Rounds whose track is gone, whose seeker
 * has acquired, or with no reachable point, are left as they are. Draws no random numbers.
 */
export function uplinkRounds(rounds: readonly RoundInFlight[], inputs: UplinkInputs, t_s: number): void {
  if (rounds.length === 0) return;
  const tracks = new Map<string, EngineTrack>();
  for (const track of inputs.tracker.confirmedTracks()) tracks.set(track.id, track);
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  const x = new Float64Array(6);
  const roundPos = new Float64Array(3);
  const roundVel = new Float64Array(3);
  // the rounds of a salvo share their track, and the track's predicted path is a pure function of its state and
  // t_s, so consecutive rounds on one track share one prediction. The path is a view of the predictor's samples,
  // valid only until its next predict: only the latest track's path is kept, and a track met again after another
  // is predicted again (the same samples, so the same aim points)
  let pathTrackId: string | null = null;
  let stateAt: ((time_s: number) => PredictedState | null) | null = null;
  for (const round of rounds) {
    const flight = round.flight;
    if (flight.outcome !== null || flight.acquired) continue;
    const track = tracks.get(round.trackId);
    if (!track) continue;
    if (track.id !== pathTrackId) {
      inputs.tracker.predict(track, t_s, pos, vel);
      x.set(pos, 0);
      x.set(vel, 3);
      stateAt = predictedPath(inputs.predictor, x, t_s, inputs.ballisticCoefficientOf?.(track));
      pathTrackId = track.id;
    }
    if (stateAt === null) continue;
    flight.stateInto(roundPos, roundVel);
    const reaim = reaimPoint(round, inputs.site, stateAt, roundPos, roundVel, t_s);
    if (reaim === null) continue;
    round.interceptTime_s = reaim.interceptTime_s;
    flight.setAimPoint(reaim.point_ecef, t_s + inputs.latency_s);
  }
}

/**
 * The track's predicted state as a function of time: the impact predictor's ballistic path (null after the
 * predicted impact), or constant-velocity extrapolation for a level flyer; null when nothing is predicted.
 */
function predictedPath(
  predictor: ImpactPredictor,
  x: Readonly<Float64Array>,
  t_s: number,
  ballisticCoefficient_kgpm2: number | undefined,
): ((time_s: number) => PredictedState | null) | null {
  const prediction = predictor.predict(x, t_s, 'auto', ballisticCoefficient_kgpm2);
  if (!prediction.ok) return null;
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  // one state object, overwritten by every call (the re-aim scan reads it before its next call and copies the
  // point it keeps): the scan evaluates the path ~50 times per round and cycle
  const state: PredictedState = { pos, vel };
  const path = prediction.path();
  if (path) return (time_s) => (path.stateAt(time_s, pos, vel) ? state : null);
  const p0 = Float64Array.from(x.subarray(0, 3));
  const v0 = Float64Array.from(x.subarray(3, 6));
  return (time_s) => {
    const dt_s = time_s - t_s;
    for (let i = 0; i < 3; i++) {
      pos[i] = p0[i] + v0[i] * dt_s;
      vel[i] = v0[i];
    }
    return state;
  };
}
