/**
 * @module weapons/interceptor
 * One interceptor flight, computed whole at launch (`flyInterceptor`) or piecewise (`startFlight`, whose aim point
 * the C2's track uplink may replace between advances: `c2/uplink`, docs/guidance.md). Threat truth does not depend on the defense, so the round is
 * flown against the target's truth `Trajectory` (its seeker) until the true closest approach, the target's flight
 * ending, the ground, a keep-out violation or self-destruct. Flight: point mass in rotating ECEF (`airframe`), raised
 * a few metres above the site and leaving the launcher toward the aim point (the C2's predicted intercept point,
 * computed from the track) with a loft that offsets the gravity drop over the expected flight time; after a short
 * unguided boost hold:
 * - **midcourse**: the guidance law (APN by default) steers toward the fixed aim point, with the point's
 *   acceleration relative to the round taken as minus the round's free fall (gravity compensation); once the round
 *   has passed the point (no longer closing on it) it coasts. The aim point changes only through `setAimPoint`
 *   (the C2's uplink); with a fixed point a bad track (large PIP error) sends the round to the wrong place.
 * - **seeker acquisition**: the seeker acquires (and then keeps) the truth target once it is within
 *   `seekerAcquisitionRange_m` (default 15 km) and inside `seekerFieldOfView_rad` (half-angle about the round's
 *   velocity, default 30°). If the round reaches its closest approach to the target without having acquired, the
 *   flight ends as a miss `'no-acquisition'`.
 * - **terminal**: from acquisition, augmented PN homes on truth.
 * The lateral acceleration is limited to min(maxAccel_mps2, q S CN_max / m) (`lateralAccelLimit_mps2`), so the round
 * is less agile high up. Guidance error is a per-round aim offset drawn once (σ = `guidanceNoise_m` per axis) that
 * the seeker homes onto; a constant offset only matters at the closest approach, so this is the same as applying it
 * in the end-game only, and it makes miss distances Rayleigh-like rather than 0. The miss distance is the true
 * closest approach between the steps (`closestApproach`), not a step sample.
 */

import type { Rng } from '../math/rng.js';
import type { Geodetic, InterceptorType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { Flight } from './flight.js';

export { closestApproach } from './closestApproach.js';

export { DEFAULT_SEEKER_ACQUISITION_RANGE_m, DEFAULT_SEEKER_FIELD_OF_VIEW_rad } from './flight.js';

/** Flight options: plain data, every field documented with its unit; see `defaultFlightOptions`. */
export interface FlightOptions {
  /** Gravity (J2 + Coriolis + centrifugal) on or off (tests switch it off to test guidance alone). */
  readonly gravity: boolean;
  /** Aerodynamic drag on or off. */
  readonly drag: boolean;
  /** Homing law: true PN or augmented PN (APN uses the target acceleration relative to the round's free fall). */
  readonly guidanceLaw: 'pn' | 'apn';
  /** Speed leaving the launcher, m/s. */
  readonly launcherExitSpeed_mps: number;
  /** Height above the site at launch, m. */
  readonly launchHeight_m: number;
  /** Unguided boost after launch before homing starts, s. */
  readonly boostHold_s: number;
  /**
   * A closest approach farther than this ends nothing: the round keeps flying (tail chase) and may self-destruct, m.
   */
  readonly endgameRange_m: number;
  /**
   * Destroy the round when the target, descending, is this far below `minInterceptAltitude_m` (the keep-out
   * altitude) before the closest approach, m. Infinity disables the check.
   */
  readonly keepOutTolerance_m: number;
  /**
   * Midcourse toward the aim point until the seeker acquires (true), or the old model (false): the seeker sees the
   * target from the end of the boost hold, with no acquisition check.
   */
  readonly midcourse: boolean;
}

/** Default flight options (full physics, augmented PN, 30 m/s launcher exit, 0.5 s boost hold). */
export function defaultFlightOptions(): FlightOptions {
  return {
    gravity: true,
    drag: true,
    guidanceLaw: 'apn',
    launcherExitSpeed_mps: 30,
    launchHeight_m: 4,
    boostHold_s: 0.5,
    endgameRange_m: 2000,
    keepOutTolerance_m: 1000,
    midcourse: true,
  };
}

/** Arguments of one flight. */
export interface FlyInterceptorArgs {
  readonly type: InterceptorType;
  /** Launcher position. */
  readonly site: Geodetic;
  /** Scenario time of launch, s. */
  readonly launchTime_s: number;
  /** Predicted intercept point from the C2, ECEF m (sets the launch direction). */
  readonly aimPoint_ecef: Readonly<Float64Array>;
  /** Truth trajectory of the target (what the seeker homes on). */
  readonly target: Trajectory;
  /** The round's own random stream (reliability, guidance error). Always consumes exactly 5 draws. */
  readonly rng: Rng;
  /** Integration and guidance step, s (e.g. 0.05). */
  readonly step_s: number;
  /** Spacing of the recorded replay path, s (e.g. 0.5). */
  readonly recordEvery_s: number;
  /** Expected time of flight from the PIP solver, s (improves the launch loft); estimated when absent. */
  readonly flightTimeHint_s?: number;
  /**
   * Keep-out floor of this engagement, m above the site: the C2's floor for the target's class (`weapons/envelope`,
   * lower for air-breathing targets). Defaults to the type's ballistic `minInterceptAltitude_m`.
   */
  readonly minInterceptAltitude_m?: number;
  /** Overrides of `defaultFlightOptions()`. */
  readonly options?: Partial<FlightOptions>;
  /** Diagnostics hook called after each guidance decision (tests); must not modify its arguments. */
  readonly onStep?: (step: FlightStepSample) => void;
}

/** One guidance step, as seen by `FlyInterceptorArgs.onStep`. Arrays are scratch: copy what you keep. */
export interface FlightStepSample {
  /** Time since launch at the start of the step, s. */
  readonly t_s: number;
  /** Interceptor state at the start of the step (position ECEF m, velocity ECEF m/s, mass kg). */
  readonly state: Readonly<Float64Array>;
  /** Guidance phase during the step. */
  readonly phase: 'boost' | 'midcourse' | 'terminal';
  /** Commanded lateral acceleration held over the step, ECEF m/s². */
  readonly accelCommand_ecef: Readonly<Float64Array>;
  /** Lateral acceleration limit in this state (structural and aerodynamic), m/s². */
  readonly accelLimit_mps2: number;
}

/** How a flight ends. Times are scenario times, s. */
export type InterceptOutcome =
  | {
      readonly kind: 'intercept';
      readonly time_s: number;
      /** True closest approach to the target, m. */
      readonly miss_m: number;
      /** Interceptor position at the closest approach, ECEF m. */
      readonly point_ecef: Float64Array;
      /** Relative speed at the closest approach, m/s. */
      readonly closingSpeed_mps: number;
    }
  | {
      readonly kind: 'miss';
      readonly time_s: number;
      readonly reason: 'self-destruct' | 'ground' | 'target-gone' | 'below-min-altitude' | 'no-acquisition';
    };

/** Decimated interceptor path for replay. */
export interface FlightPath {
  /** Scenario times, s. */
  readonly times_s: Float64Array;
  /** Positions, ECEF m, 3 per sample. */
  readonly pos_ecef: Float64Array;
}

/** Diagnostics of one flight. */
export interface FlightStats {
  /** Highest speed reached, m/s. */
  readonly maxSpeed_mps: number;
  /** Largest commanded lateral acceleration, m/s². */
  readonly maxCommandedAccel_mps2: number;
  /** Integration steps taken. */
  readonly steps: number;
  /** Whether the round failed at launch/boost (reliability draw). */
  readonly failed: boolean;
  /** Scenario time the seeker acquired the target, s; null if it never did. */
  readonly acquisitionTime_s: number | null;
}

/** Result of `flyInterceptor`. */
export interface InterceptorFlight {
  readonly outcome: InterceptOutcome;
  readonly path: FlightPath;
  readonly stats: FlightStats;
}

/**
 * Flies one interceptor from launch to its end against the target's truth trajectory (see the module note): the
 * one-shot form of `startFlight` (no aim-point update), `startFlight(args).finish()`.
 * Deterministic: the same arguments and rng state give the same result. Cost ≈ 1–3 ms for a 20–40 s flight at
 * 0.05 s steps.
 * @returns outcome (intercept with the true miss distance, or miss with a reason), replay path and diagnostics
 * @example
 * ```ts
 * import { createRng, createThreatModels, flyInterceptor, geodeticToEcef, loadScenario, type SamBattery } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const battery = scenario.units.find((u): u is SamBattery => u.kind === 'sam-battery')!;
 * const interceptor = battery.launchers[0].interceptor;
 * const launch = scenario.threats[0];
 * const target = createThreatModels().fly(launch, scenario.threatTypes[launch.typeId], createRng(1));
 * const aim = target.endPoint;
 * const flight = flyInterceptor({
 *   type: interceptor, site: battery.position, launchTime_s: target.launchTime_s + 200,
 *   aimPoint_ecef: geodeticToEcef(aim.lat_rad, aim.lon_rad, 15_000),
 *   target, rng: createRng(2), step_s: 0.01, recordEvery_s: 0.5,
 * });
 * console.log(flight.outcome);
 * ```
 */
export function flyInterceptor(args: FlyInterceptorArgs): InterceptorFlight {
  return startFlight(args).finish();
}

/**
 * A flight that is computed piecewise: advanced to a scenario time, with its midcourse aim point replaced between
 * advances (the C2's in-flight track uplink). Without `setAimPoint` calls any sequence of `advanceTo` gives exactly
 * the flight of `flyInterceptor` (the same steps in the same order).
 */
export interface FlightRun {
  /** Scenario time the flight has been computed to (the start of its next step, or its end), s. */
  readonly time_s: number;
  /** How the flight ended; null while it is still flying. */
  readonly outcome: InterceptOutcome | null;
  /** Whether the seeker has acquired the target (from then on aim-point updates are ignored). */
  readonly acquired: boolean;
  /** Whether the flight steers toward an aim point at all (midcourse model on for this type and options). */
  readonly guidedMidcourse: boolean;
  /** Current midcourse aim point, ECEF m (read-only view). */
  readonly aimPoint_ecef: Readonly<Float64Array>;
  /**
   * Steps the flight until its next step starts at or after scenario time `t_s` (Infinity: to its end), or it ends.
   * @returns the outcome once ended, else null
   */
  advanceTo(t_s: number): InterceptOutcome | null;
  /**
   * Replaces the midcourse aim point from scenario time `effective_s` on (applied at the first step starting at or
   * after it; at the next step when `effective_s` is already past). Updates queue in call order and are dropped
   * once the seeker has acquired.
   * @param point_ecef new aim point, ECEF m (copied)
   */
  setAimPoint(point_ecef: Readonly<Float64Array>, effective_s: number): void;
  /** Writes the round's current position (ECEF m) and velocity (ECEF m/s), as the C2's radar would track it. */
  stateInto(pos_ecef: Float64Array, vel_ecef: Float64Array): void;
  /** Flies to the end (`advanceTo(Infinity)`) and returns outcome, replay path and diagnostics. */
  finish(): InterceptorFlight;
}

/**
 * Launches one flight (draws its five random numbers now) and returns it unadvanced, at its launch time; see
 * `FlightRun`. Throws a RangeError on a non-positive step or record spacing.
 */
export function startFlight(args: FlyInterceptorArgs): FlightRun {
  if (!(args.step_s > 0)) throw new RangeError(`flyInterceptor: step_s must be > 0, got ${args.step_s}`);
  if (!(args.recordEvery_s > 0)) throw new RangeError(`flyInterceptor: recordEvery_s must be > 0`);
  return new Flight(args, { ...defaultFlightOptions(), ...args.options });
}
