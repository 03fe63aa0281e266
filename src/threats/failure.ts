/**
 * @module threats/failure
 * In-flight failure modes of a boosted threat (ballistic missile, rocket), drawn once a reliability trial has failed.
 * The mode decides what arrives and what the sensors can still see (docs/model.md, "Outcome bookkeeping"):
 *
 * - `break-up`: the body comes apart at the failure time (motor case burst, structural or re-entry break-up). No
 *   warhead arrives: the threat's truth ends at the break-up, so radars lose it (its track coasts and is deleted),
 *   nothing can be killed after it, and its fate is `failed`. The debris is not modelled as radar objects (small,
 *   tumbling, decelerating pieces of low RCS); the centre of its footprint is where the tumbling main body would
 *   land (the trajectory's `endPoint`).
 * - `guidance-failure`: loss of guidance or attitude control (the motor stops if still burning, the body tumbles,
 *   drag × 5) with the warhead intact. It flies on — radars track it like any other body and the C2 assesses it
 *   by where its track goes — and arrives off-aim; its fate is `impacted`, a leaker if it lands on an asset.
 *
 * The share of break-ups among failures is notional per type (`failureBreakUpFraction`, default
 * {@link DEFAULT_BREAK_UP_FRACTION}): public accounts of the 1991 Al-Hussein (Scud-derived) firings describe
 * frequent break-up during re-entry (Postol, "Lessons of the Gulf War experience with Patriot", *International
 * Security* 16(3), 1991/92), but no public source gives the split between modes.
 */

import type { Geodetic } from '../scenario/types.js';
import { SampledTrajectory } from './trajectory.js';

/** What an in-flight failure does (module note). */
export const THREAT_FAILURE_MODES = ['break-up', 'guidance-failure'] as const;

/** One of {@link THREAT_FAILURE_MODES}. */
export type ThreatFailureMode = (typeof THREAT_FAILURE_MODES)[number];

/** Share of in-flight failures that are break-ups when a type does not say, notional [N]. */
export const DEFAULT_BREAK_UP_FRACTION = 0.5;

/**
 * The mode of a failure from a uniform draw `u` ∈ [0, 1): `break-up` with probability `breakUpFraction`, else
 * `guidance-failure`.
 */
export function failureMode(u: number, breakUpFraction: number): ThreatFailureMode {
  return u < breakUpFraction ? 'break-up' : 'guidance-failure';
}

/**
 * The trajectory of a body that breaks up at `breakUp_s` (scenario time): the samples of `flown` (the tumbling body
 * flown to the ground) before the break-up plus the interpolated state at it, outcome `failed`, failure `break-up`,
 * ending at the break-up; its `endPoint` stays the ground point of `flown` (the centre of the debris footprint).
 * A break-up before the first recorded step is moved to that step (a trajectory needs two samples).
 */
export function breakUpTrajectory(flown: SampledTrajectory, breakUp_s: number): SampledTrajectory {
  const times = flown.times_s;
  const cut_s = Math.min(flown.endTime_s, Math.max(breakUp_s, times[1]));
  let n = 0;
  while (n < times.length && times[n] < cut_s) n++;
  const times_s = new Float64Array(n + 1);
  const pos_ecef = new Float64Array(3 * (n + 1));
  const vel_ecef = new Float64Array(3 * (n + 1));
  times_s.set(times.subarray(0, n));
  pos_ecef.set(flown.pos_ecef.subarray(0, 3 * n));
  vel_ecef.set(flown.vel_ecef.subarray(0, 3 * n));
  times_s[n] = cut_s;
  flown.stateAt(cut_s, pos_ecef.subarray(3 * n), vel_ecef.subarray(3 * n));
  const debris: Geodetic = flown.endPoint;
  return new SampledTrajectory({
    launchTime_s: flown.launchTime_s,
    outcome: 'failed',
    failure: 'break-up',
    endPoint: debris,
    apexAltitude_m: flown.apexAltitude_m,
    times_s,
    pos_ecef,
    vel_ecef,
  });
}
