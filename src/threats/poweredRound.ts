/**
 * @module threats/poweredRound
 * The launch skeleton the ballistic-missile and rocket models share, written once so their random streams and
 * failure handling cannot drift apart: the five numbers a powered round draws (in a fixed order, whatever the
 * outcome), and the recorded flyout of its plan with the failure mode decided and a break-up cut short.
 * The models keep only what differs: how the draws disperse the aim, and when a failure can happen.
 */

import { ecefToGeodetic } from '../geo/wgs84.js';
import type { Rng } from '../math/rng.js';
import type { ThreatLaunch } from '../scenario/types.js';
import { breakUpTrajectory, DEFAULT_BREAK_UP_FRACTION, failureMode } from './failure.js';
import type { FlightEngine, FlightPlan } from './flight.js';
import { type SampledTrajectory, TrajectoryRecorder } from './trajectory.js';

/** The random numbers of one powered round, in the order they are drawn. */
export interface RoundDraws {
  /** The round fails in flight (probability 1 − reliability). */
  readonly failed: boolean;
  /** Where in the type's failure window a failure falls, [0, 1). */
  readonly failureFraction: number;
  /** Two standard normals for the aim dispersion (missile: east, north; rocket: range, deflection). */
  readonly normalA: number;
  readonly normalB: number;
  /** Uniform draw of the failure mode; drawn last, so a nominal flight is the one it was before failure modes existed. */
  readonly modeDraw: number;
}

/** Draws exactly five numbers from `rng`: failure trial, failure time, two normals, failure mode. */
export function drawRound(rng: Rng, reliability: number): RoundDraws {
  const failed = !rng.chance(reliability);
  const failureFraction = rng.uniform();
  const normalA = rng.normal();
  const normalB = rng.normal();
  const modeDraw = rng.uniform();
  return { failed, failureFraction, normalA, normalB, modeDraw };
}

/**
 * Flies `plan` to the ground, recording it, and returns the round's trajectory: a failed round (`failureTime_s`
 * not null, s after launch) takes its mode from the draw; a break-up ends in the air at the failure, the tumbling
 * flight to the ground only locating its debris.
 */
export function flyRound(
  engine: FlightEngine,
  plan: FlightPlan,
  launch: ThreatLaunch,
  failureTime_s: number | null,
  draws: RoundDraws,
  breakUpFraction: number | undefined,
  recorderCapacity: number,
): SampledTrajectory {
  const recorder = new TrajectoryRecorder(recorderCapacity);
  const end = engine.fly(plan, recorder);
  const mode =
    failureTime_s === null ? null : failureMode(draws.modeDraw, breakUpFraction ?? DEFAULT_BREAK_UP_FRACTION);
  const flown = recorder.finish({
    launchTime_s: launch.launchTime_s,
    outcome: 'impact',
    failure: mode,
    endPoint: ecefToGeodetic(end.pos_ecef),
    apexAltitude_m: end.apexHeight_m,
  });
  return failureTime_s !== null && mode === 'break-up'
    ? breakUpTrajectory(flown, launch.launchTime_s + failureTime_s)
    : flown;
}
