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

import { freeFallAccelEcef } from '../env/gravity.js';
import { dcmEnuFromEcef, rotateEcefToEnu } from '../geo/frames.js';
import { approxHeightOf_m, geodeticRecordToEcef } from '../geo/wgs84.js';
import { hermiteState } from '../math/hermite.js';
import { hypot3 } from '../math/hypot.js';
import type { Rng } from '../math/rng.js';
import type { Geodetic, InterceptorType } from '../scenario/types.js';
import type { Trajectory } from '../threats/index.js';
import { createAirframe, lateralAccelLimit_mps2, stepAirframe } from './airframe.js';
import { closestApproach } from './closestApproach.js';
import { directionEcef, type SiteFrame, siteFrame } from './geometry.js';
import { augmentedPN, type Guidance, type GuidanceInputs, proportionalNavigation } from './guidance.js';

export { closestApproach } from './closestApproach.js';

/** Standard gravity used only for the launch loft estimate, m/s². */
const G0_mps2 = 9.80665;
/** Bounds on the launch elevation, rad. */
const MIN_LAUNCH_ELEVATION_rad = (10 * Math.PI) / 180;
const MAX_LAUNCH_ELEVATION_rad = (85 * Math.PI) / 180;
/** Fraction of the maximum speed used to guess the flight time when no hint is given. */
const MEAN_SPEED_FRACTION = 0.6;
/** Earliest and latest time after launch of a reliability failure, s. */
const FAILURE_WINDOW_s: readonly [number, number] = [0.5, 5];
/** Seeker acquisition range when the type gives none, m (notional; see `docs/model.md`). */
export const DEFAULT_SEEKER_ACQUISITION_RANGE_m = 15_000;
/** Seeker field-of-view half-angle when the type gives none, rad (notional). */
export const DEFAULT_SEEKER_FIELD_OF_VIEW_rad = (30 * Math.PI) / 180;

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

/** Scratch vectors of one flight (allocated once per call). */
interface FlightScratch {
  readonly targetPos: Float64Array;
  readonly targetVel: Float64Array;
  readonly targetPrevVel: Float64Array;
  readonly aimPos: Float64Array;
  readonly relAccel: Float64Array;
  readonly zero: Float64Array;
  readonly pointAccel: Float64Array;
  readonly air: Float64Array;
  readonly ownFreeFall: Float64Array;
  readonly posM0: Float64Array;
  readonly velM0: Float64Array;
  readonly rel0: Float64Array;
  readonly relVel0: Float64Array;
  readonly rel1: Float64Array;
  readonly relVel1: Float64Array;
  readonly posM: Float64Array;
  readonly velM: Float64Array;
}

function createScratch(): FlightScratch {
  const v = (): Float64Array => new Float64Array(3);
  return {
    targetPos: v(),
    targetVel: v(),
    targetPrevVel: v(),
    aimPos: v(),
    relAccel: v(),
    zero: v(),
    pointAccel: v(),
    air: new Float64Array(2),
    ownFreeFall: v(),
    posM0: v(),
    velM0: v(),
    rel0: v(),
    relVel0: v(),
    rel1: v(),
    relVel1: v(),
    posM: v(),
    velM: v(),
  };
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

/** A queued aim-point update. */
interface AimUpdate {
  readonly effective_s: number;
  readonly point_ecef: Float64Array;
}

/**
 * Launches one flight (draws its five random numbers now) and returns it unadvanced, at its launch time; see
 * `FlightRun`. Throws a RangeError on a non-positive step or record spacing.
 */
export function startFlight(args: FlyInterceptorArgs): FlightRun {
  const { type, target, step_s: h_s } = args;
  const keepOutFloor_m = args.minInterceptAltitude_m ?? type.minInterceptAltitude_m;
  if (!(h_s > 0)) throw new RangeError(`flyInterceptor: step_s must be > 0, got ${h_s}`);
  if (!(args.recordEvery_s > 0)) throw new RangeError(`flyInterceptor: recordEvery_s must be > 0`);
  const opt: FlightOptions = { ...defaultFlightOptions(), ...args.options };
  const law: Guidance = opt.guidanceLaw === 'apn' ? augmentedPN : proportionalNavigation;

  // fixed draw count: reliability, failure time, three noise axes
  const fails = !(args.rng.uniform() < type.reliability);
  const failTime_s = FAILURE_WINDOW_s[0] + (FAILURE_WINDOW_s[1] - FAILURE_WINDOW_s[0]) * args.rng.uniform();
  const offset0 = args.rng.normal() * type.guidanceNoise_m;
  const offset1 = args.rng.normal() * type.guidanceNoise_m;
  const offset2 = args.rng.normal() * type.guidanceNoise_m;
  const flightLimit_s = fails ? Math.min(failTime_s, type.maxFlightTime_s) : type.maxFlightTime_s;

  const s = createScratch();
  const airframe = createAirframe(type, opt);
  const y = airframe.state;
  const site = siteFrame(geodeticRecordToEcef(args.site));
  launchState(args, site, opt, y);
  // the midcourse aim point, replaced by uplinked updates
  const aim = Float64Array.from(args.aimPoint_ecef);
  const pendingAims: AimUpdate[] = [];

  const recordCapacity = Math.ceil(flightLimit_s / args.recordEvery_s) + 3;
  const pathTimes = new Float64Array(recordCapacity);
  const pathPos = new Float64Array(recordCapacity * 3);
  let recorded = 0;
  const record = (t_s: number, pos: Readonly<Float64Array>): void => {
    if (recorded >= recordCapacity) return;
    pathTimes[recorded] = t_s;
    pathPos[recorded * 3] = pos[0];
    pathPos[recorded * 3 + 1] = pos[1];
    pathPos[recorded * 3 + 2] = pos[2];
    recorded++;
  };
  let outcome: InterceptOutcome | null = null;
  const end = (result: InterceptOutcome, lastPos: Readonly<Float64Array>): InterceptOutcome => {
    if (recorded === 0 || pathTimes[recorded - 1] < result.time_s) record(result.time_s, lastPos);
    outcome = result;
    return result;
  };

  let maxSpeed = Math.hypot(y[3], y[4], y[5]);
  let maxAccel = 0;
  let steps = 0;
  // without midcourse the seeker sees the target from the end of the boost hold (old model)
  let acquired = false;
  let acquiredAt_s = 0;
  const acquisitionRange_m = type.seekerAcquisitionRange_m ?? DEFAULT_SEEKER_ACQUISITION_RANGE_m;
  const cosFieldOfView = Math.cos(type.seekerFieldOfView_rad ?? DEFAULT_SEEKER_FIELD_OF_VIEW_rad);
  // opt-in fidelity: the q-limited turn and the seeker/midcourse model apply only to types that state their
  // parameters, so a type without them flies exactly the older truth-homing model
  const cnMax = type.maxNormalForceCoefficient ?? Number.POSITIVE_INFINITY;
  const midcourse = opt.midcourse && type.seekerAcquisitionRange_m !== undefined;
  copy3(s.posM, y, 0);
  record(args.launchTime_s, s.posM);
  if (!target.stateAt(args.launchTime_s, s.targetPos, s.targetVel)) {
    end({ kind: 'miss', time_s: args.launchTime_s, reason: 'target-gone' }, s.posM);
  }
  // the first target acceleration estimate is its free fall (ballistic); later ones difference its velocity
  let targetAccelKnown = false;
  s.targetPrevVel.set(s.targetVel);

  const guidanceInputs: Mutable<GuidanceInputs> = {
    interceptorPos: s.posM0,
    interceptorVel: s.velM0,
    targetPos: s.aimPos,
    targetVel: s.targetVel,
    targetAccel: s.relAccel,
    navigationConstant: type.navigationConstant,
    maxAccel_mps2: type.maxAccel_mps2,
  };
  // midcourse: a fixed ECEF point (zero ECEF velocity) that, relative to the falling round, accelerates by minus
  // the round's free fall (APN then compensates gravity)
  const midcourseInputs: Mutable<GuidanceInputs> = {
    ...guidanceInputs,
    targetPos: aim,
    targetVel: s.zero,
    targetAccel: s.pointAccel,
  };
  let phase: FlightStepSample['phase'] = 'boost';

  let t_s = 0;
  let nextRecord_s = args.recordEvery_s;
  let wasClosing = false;

  /** One guidance + integration step; returns the outcome when the flight ends in it. */
  const step = (): InterceptOutcome | null => {
    copy3(s.posM0, y, 0);
    copy3(s.velM0, y, 3);
    sub3(s.rel0, s.targetPos, s.posM0);
    sub3(s.relVel0, s.targetVel, s.velM0);
    // uplinked aim points that are due (none once the seeker has acquired)
    while (pendingAims.length > 0 && pendingAims[0].effective_s <= args.launchTime_s + t_s + 1e-9) {
      const update = pendingAims.shift() as AimUpdate;
      if (!acquired) aim.set(update.point_ecef);
    }

    // guidance command held over this step
    const accelLimit_mps2 = lateralAccelLimit_mps2(type, cnMax, opt.drag, y, s.air);
    if (t_s >= opt.boostHold_s) {
      if (!acquired && (!midcourse || seekerSees(s, acquisitionRange_m, cosFieldOfView))) {
        acquired = true;
        acquiredAt_s = t_s;
        pendingAims.length = 0;
      }
      if (acquired) {
        phase = 'terminal';
        s.aimPos[0] = s.targetPos[0] + offset0;
        s.aimPos[1] = s.targetPos[1] + offset1;
        s.aimPos[2] = s.targetPos[2] + offset2;
        targetAccelRelative(s, opt.gravity, targetAccelKnown, h_s);
        guidanceInputs.maxAccel_mps2 = accelLimit_mps2;
        law(airframe.accelCommand_ecef, guidanceInputs);
      } else {
        phase = 'midcourse';
        midcoursePointAccel(s, opt.gravity);
        midcourseInputs.maxAccel_mps2 = accelLimit_mps2;
        if (closingOn(aim, s.posM0, s.velM0)) law(airframe.accelCommand_ecef, midcourseInputs);
        else airframe.accelCommand_ecef.fill(0); // past the aim point: coast
      }
      const a = hypot3(
        airframe.accelCommand_ecef[0],
        airframe.accelCommand_ecef[1],
        airframe.accelCommand_ecef[2],
      );
      if (a > maxAccel) maxAccel = a;
    }
    args.onStep?.({ t_s, state: y, phase, accelCommand_ecef: airframe.accelCommand_ecef, accelLimit_mps2 });

    const dt_s = Math.min(h_s, flightLimit_s - t_s);
    const speed = stepAirframe(airframe, t_s, dt_s);
    if (speed > maxSpeed) maxSpeed = speed;
    t_s += dt_s;
    steps++;
    const now_s = args.launchTime_s + t_s;
    copy3(s.posM, y, 0);
    copy3(s.velM, y, 3);

    s.targetPrevVel.set(s.targetVel);
    if (!target.stateAt(now_s, s.targetPos, s.targetVel)) {
      return end({ kind: 'miss', time_s: now_s, reason: 'target-gone' }, s.posM);
    }
    targetAccelKnown = true;
    sub3(s.rel1, s.targetPos, s.posM);
    sub3(s.relVel1, s.targetVel, s.velM);

    // closest approach: range rate turns from closing to opening inside this step
    const rangeRate0 = dot3(s.rel0, s.relVel0);
    const rangeRate1 = dot3(s.rel1, s.relVel1);
    if (rangeRate0 < 0) wasClosing = true;
    if (wasClosing && rangeRate0 < 0 && rangeRate1 >= 0) {
      const ca = closestApproach(s.rel0, s.relVel0, s.rel1, s.relVel1, dt_s);
      if (!acquired) {
        // the target went by without the seeker ever seeing it
        return end({ kind: 'miss', time_s: now_s - dt_s + ca.tau_s, reason: 'no-acquisition' }, s.posM);
      }
      if (ca.miss_m <= opt.endgameRange_m) {
        const point_ecef = new Float64Array(3);
        const vel = new Float64Array(3);
        hermiteState(ca.tau_s / dt_s, dt_s, s.posM0, s.velM0, 0, s.posM, s.velM, 0, point_ecef, vel);
        const relSpeed = closingSpeedAt(s, dt_s, ca.tau_s);
        const time_s = now_s - dt_s + ca.tau_s;
        return end(
          { kind: 'intercept', time_s, miss_m: ca.miss_m, point_ecef, closingSpeed_mps: relSpeed },
          point_ecef,
        );
      }
      wasClosing = false;
    }

    // ground and keep-out
    if (approxHeightOf_m(s.posM) < site.height_m - 1) {
      return end({ kind: 'miss', time_s: now_s, reason: 'ground' }, s.posM);
    }
    if (Number.isFinite(opt.keepOutTolerance_m) && descending(s.targetPos, s.targetVel)) {
      const targetHeight_m = approxHeightOf_m(s.targetPos) - site.height_m;
      if (targetHeight_m < keepOutFloor_m - opt.keepOutTolerance_m) {
        return end({ kind: 'miss', time_s: now_s, reason: 'below-min-altitude' }, s.posM);
      }
    }
    if (t_s >= nextRecord_s - 1e-9) {
      record(now_s, s.posM);
      nextRecord_s += args.recordEvery_s;
    }
    return null;
  };

  const advanceTo = (until_s: number): InterceptOutcome | null => {
    while (outcome === null && args.launchTime_s + t_s < until_s) {
      if (!(t_s < flightLimit_s - 1e-9)) {
        end({ kind: 'miss', time_s: args.launchTime_s + t_s, reason: 'self-destruct' }, s.posM);
        break;
      }
      step();
    }
    return outcome;
  };

  return {
    get time_s() {
      return args.launchTime_s + t_s;
    },
    get outcome() {
      return outcome;
    },
    get acquired() {
      return acquired;
    },
    guidedMidcourse: midcourse,
    aimPoint_ecef: aim,
    advanceTo,
    setAimPoint(point_ecef, effective_s) {
      if (acquired || outcome !== null) return;
      pendingAims.push({ effective_s, point_ecef: Float64Array.from(point_ecef) });
    },
    stateInto(pos_ecef, vel_ecef) {
      copy3(pos_ecef, y, 0);
      copy3(vel_ecef, y, 3);
    },
    finish() {
      const result = advanceTo(Number.POSITIVE_INFINITY) as InterceptOutcome;
      return {
        outcome: result,
        path: { times_s: pathTimes.slice(0, recorded), pos_ecef: pathPos.slice(0, recorded * 3) },
        stats: {
          maxSpeed_mps: maxSpeed,
          maxCommandedAccel_mps2: maxAccel,
          steps,
          failed: fails,
          acquisitionTime_s: acquired ? args.launchTime_s + acquiredAt_s : null,
        },
      };
    },
  };
}

/**
 * Initial state: a few metres above the site, leaving the launcher at `launcherExitSpeed_mps` toward the aim point
 * in azimuth, with the elevation of the aim point raised by the gravity drop ½ g T² cos(elevation) over the expected
 * flight time T (clamped to 10°…85°).
 */
function launchState(args: FlyInterceptorArgs, site: SiteFrame, opt: FlightOptions, y: Float64Array): void {
  const { lat_rad, lon_rad } = args.site;
  const aim_enu = rotateEcefToEnu(
    dcmEnuFromEcef(lat_rad, lon_rad),
    Float64Array.of(
      args.aimPoint_ecef[0] - site.pos_ecef[0],
      args.aimPoint_ecef[1] - site.pos_ecef[1],
      args.aimPoint_ecef[2] - site.pos_ecef[2],
    ),
    new Float64Array(3),
  );
  const horizontal_m = Math.hypot(aim_enu[0], aim_enu[1]);
  const up_m = aim_enu[2];
  const aimElevation_rad = Math.atan2(up_m, horizontal_m);
  const flightTime_s =
    args.flightTimeHint_s ?? Math.hypot(horizontal_m, up_m) / (MEAN_SPEED_FRACTION * args.type.maxSpeed_mps);
  const drop_m = opt.gravity ? 0.5 * G0_mps2 * flightTime_s * flightTime_s * Math.cos(aimElevation_rad) : 0;
  const elevation_rad = Math.min(
    MAX_LAUNCH_ELEVATION_rad,
    Math.max(MIN_LAUNCH_ELEVATION_rad, Math.atan2(up_m + drop_m, horizontal_m)),
  );
  const azimuth_rad = horizontal_m > 0 ? Math.atan2(aim_enu[0], aim_enu[1]) : 0;
  const dir = directionEcef(lat_rad, lon_rad, azimuth_rad, elevation_rad, new Float64Array(3));
  const up = directionEcef(lat_rad, lon_rad, 0, Math.PI / 2, new Float64Array(3));
  for (let k = 0; k < 3; k++) {
    y[k] = site.pos_ecef[k] + opt.launchHeight_m * up[k];
    y[3 + k] = opt.launcherExitSpeed_mps * dir[k];
  }
}

/**
 * Target acceleration for APN, relative to the round's own free fall (gravity and frame terms cancel between two
 * falling bodies), m/s². Before two target samples exist the target is assumed to fall freely (relative acc. 0).
 */
function targetAccelRelative(s: FlightScratch, gravity: boolean, known: boolean, h_s: number): void {
  if (!known) {
    s.relAccel.fill(0);
    return;
  }
  for (let k = 0; k < 3; k++) s.relAccel[k] = (s.targetVel[k] - s.targetPrevVel[k]) / h_s;
  if (gravity) {
    freeFallAccelEcef(s.posM0, s.velM0, s.ownFreeFall);
    for (let k = 0; k < 3; k++) s.relAccel[k] -= s.ownFreeFall[k];
  }
}

/**
 * Whether the seeker, looking along the round's velocity, sees the truth target: range ≤ `range_m` and the line of
 * sight within the field-of-view half-angle (cosine `cosFov`). Uses the step-start state in `s`.
 */
function seekerSees(s: FlightScratch, range_m: number, cosFov: number): boolean {
  const r = hypot3(s.rel0[0], s.rel0[1], s.rel0[2]);
  if (!(r <= range_m)) return false;
  const v = hypot3(s.velM0[0], s.velM0[1], s.velM0[2]);
  if (!(v > 0) || !(r > 0)) return true;
  return dot3(s.rel0, s.velM0) >= cosFov * r * v;
}

/** Midcourse: the aim point's acceleration relative to the round, minus the round's free fall (0 in vacuum). */
function midcoursePointAccel(s: FlightScratch, gravity: boolean): void {
  if (!gravity) {
    s.pointAccel.fill(0);
    return;
  }
  freeFallAccelEcef(s.posM0, s.velM0, s.ownFreeFall);
  for (let k = 0; k < 3; k++) s.pointAccel[k] = -s.ownFreeFall[k];
}

/** Whether a round at `pos` with velocity `vel` still closes on the fixed point `point`. */
function closingOn(
  point: Readonly<Float64Array>,
  pos: Readonly<Float64Array>,
  vel: Readonly<Float64Array>,
): boolean {
  return (point[0] - pos[0]) * vel[0] + (point[1] - pos[1]) * vel[1] + (point[2] - pos[2]) * vel[2] > 0;
}

/** Relative speed at τ into the last step, from the Hermite velocity of the relative motion, m/s. */
function closingSpeedAt(s: FlightScratch, h_s: number, tau_s: number): number {
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  hermiteState(tau_s / h_s, h_s, s.rel0, s.relVel0, 0, s.rel1, s.relVel1, 0, pos, vel);
  return Math.hypot(vel[0], vel[1], vel[2]);
}

/** Whether a point moves toward the Earth's centre. */
function descending(pos: Readonly<Float64Array>, vel: Readonly<Float64Array>): boolean {
  return pos[0] * vel[0] + pos[1] * vel[1] + pos[2] * vel[2] < 0;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function copy3(out: Float64Array, src: Readonly<Float64Array>, offset: number): void {
  out[0] = src[offset];
  out[1] = src[offset + 1];
  out[2] = src[offset + 2];
}

function sub3(out: Float64Array, a: Readonly<Float64Array>, b: Readonly<Float64Array>): void {
  out[0] = a[0] - b[0];
  out[1] = a[1] - b[1];
  out[2] = a[2] - b[2];
}

function dot3(a: Readonly<Float64Array>, b: Readonly<Float64Array>): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}
