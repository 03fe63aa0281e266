/**
 * @module threats/rocket
 * Unguided artillery rockets (107 mm, 122 mm Grad class). The motor burns for `burnTime_s` with the thrust along
 * the launcher axis (launcher elevation and azimuth), then the spent rocket flies on under drag (Cd versus Mach,
 * U.S. 1976 density) and gravity in the rotating ECEF frame (`FlightEngine`). The firing solver finds the launcher
 * elevation on the low-angle branch (below the elevation of maximum range, found once per type) and the azimuth
 * that put the nominal impact on the aimpoint (within 1 m), cached per (type, launcher, aimpoint). Dispersion: a
 * normal range error (1σ = `rangeErrorFraction` · range), produced as a motor-impulse (thrust) error through the
 * measured range sensitivity to thrust, so it also works at maximum range; and a deflection (1σ =
 * `deflectionError_rad` · range) applied through the solver's azimuth Jacobian. Failure (probability 1 − reliability): at a
 * time drawn uniformly over the burn plus 2 s the motor stops and the round tumbles (drag × 5); its mode
 * (`threats/failure`) decides the rest: a `break-up` ends the round there (outcome `failed`, the tumbling flight to
 * the ground gives the debris footprint), a `guidance-failure` (here: loss of stability) lands the round with its
 * warhead off-aim (outcome `impact`).
 */

import { dcmEnuFromEcef } from '../geo/frames.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import { goldenMax } from '../math/optimize.js';
import type { Rng } from '../math/rng.js';
import type { Geodetic, RocketThreatType, ThreatLaunch } from '../scenario/types.js';
import { TUMBLE_DRAG_FACTOR } from './ballistic.js';
import {
  FLYOUT_MAX_STEP_s,
  FLYOUT_TOLERANCE_m,
  FlightEngine,
  type FlightPlan,
  type FlightSteps,
  type GravityModel,
} from './flight.js';
import type { ThreatModel, Trajectory } from './index.js';
import { drawRound, flyRound } from './poweredRound.js';
import {
  type AimRefusal,
  ALONG,
  aimCacheKey,
  directionEcef,
  flownRange_m,
  memo,
  missAlongCross,
  offsetShot,
  RANGE_ROUNDING_m,
  REFERENCE_LAUNCH,
  type ShotGeometry,
  type ShotSolution,
  shotGeometry,
  shotRefusal,
  solveShot,
} from './shot.js';

/** Failures are drawn uniformly over the burn plus this much unpowered flight, s. */
export const ROCKET_EARLY_FAILURE_s = 2;
/** Lowest launcher elevation the solver uses, rad (1°). */
export const MIN_LAUNCHER_ELEVATION_rad = Math.PI / 180;

/** Numerical and physical switches of the rocket model (plain data). */
export interface RocketModelOptions {
  /** Aerodynamic drag on (false only for vacuum reference tests). */
  readonly drag: boolean;
  readonly gravity: GravityModel;
  /** Integration steps and sampling, s. */
  readonly steps: FlightSteps;
  /** Firing-solver tolerance on the horizontal miss of the nominal impact, m. */
  readonly aimTolerance_m: number;
}

/**
 * Defaults: error-controlled Dormand–Prince 5(4) steps as for ballistic missiles (`FlightSteps`; first step 0.02 s),
 * samples at least 0.25 s apart. The former fixed RK4 steps (0.02 s while burning, 0.1 s after) stay as
 * `fixedStepRocketModelOptions`, the accuracy reference.
 */
export function defaultRocketModelOptions(): RocketModelOptions {
  return {
    drag: true,
    gravity: 'j2-rotating',
    steps: {
      boost_s: 0.02,
      atmospheric_s: 0.1,
      exo_s: 0.1,
      record_s: 0.25,
      maxFlight_s: 600,
      tolerance_m: FLYOUT_TOLERANCE_m,
      maxStep_s: FLYOUT_MAX_STEP_s,
    },
    aimTolerance_m: 1,
  };
}

/**
 * The fine fixed-step reference: classical RK4 at 0.02 s while burning, 0.1 s after (the default before issue 12).
 * @example
 * ```ts
 * import { fixedStepRocketModelOptions, RocketThreatModel } from './rocket.js';
 * const reference = new RocketThreatModel(fixedStepRocketModelOptions());
 * ```
 */
export function fixedStepRocketModelOptions(): RocketModelOptions {
  const options = defaultRocketModelOptions();
  const { tolerance_m: _tol, maxStep_s: _max, ...fixed } = options.steps;
  return { ...options, steps: fixed };
}

/** A firing solution, or why the aimpoint cannot be engaged. */
export type RocketFiringResult =
  | {
      readonly ok: true;
      /** Launcher elevation (quadrant elevation) above the local horizon, rad (low-angle branch). */
      readonly elevation_rad: number;
      /** Launcher azimuth, clockwise from north, rad. */
      readonly azimuth_rad: number;
      readonly timeOfFlight_s: number;
      readonly apexAltitude_m: number;
      readonly impactSpeed_mps: number;
      /** Geodesic ground range, m. */
      readonly range_m: number;
      readonly miss_m: number;
    }
  | AimRefusal;

interface CachedFiring {
  readonly geom: ShotGeometry;
  readonly result: RocketFiringResult;
  readonly solution: ShotSolution | null;
  /** ∂(along miss)/∂(thrust scale) at the solution, m per unit scale (0 when unsolved). */
  readonly alongPerThrustScale_m: number;
}

/** Relative thrust step used to measure the range sensitivity to motor impulse. */
const THRUST_SCALE_STEP = 0.01;

/** `ThreatModel` for `kind: 'rocket'`; one per scenario (owns its caches and flight engine). */
export class RocketThreatModel implements ThreatModel<RocketThreatType> {
  readonly options: RocketModelOptions;
  private readonly engine = new FlightEngine();
  private readonly firings = new Map<string, CachedFiring>();
  private readonly maxElevations = new Map<string, number>();
  private readonly scratch = new Float64Array(3);
  private readonly zero = new Float64Array(3);

  constructor(options: RocketModelOptions = defaultRocketModelOptions()) {
    this.options = options;
  }

  plan(
    type: RocketThreatType,
    from: Geodetic,
    launchTime_s: number,
    elevation_rad: number,
    azimuth_rad: number,
    ground_m: number,
    failureTime_s: number,
    thrustScale = 1,
  ): FlightPlan {
    const dcm = dcmEnuFromEcef(from.lat_rad, from.lon_rad);
    const axis_ecef = directionEcef(dcm, azimuth_rad, elevation_rad);
    const massFlow_kgps = type.propellantMass_kg / type.burnTime_s;
    const cutoff_s = Math.min(type.burnTime_s, failureTime_s);
    return {
      launchTime_s,
      launch_ecef: geodeticToEcef(from.lat_rad, from.lon_rad, from.h_m),
      launchVel_ecef: this.zero,
      launchMass_kg: type.launchMass_kg,
      massFlow_kgps,
      thrust_N: type.thrust_N * thrustScale,
      cutoff_s,
      coastMass_kg: type.launchMass_kg - massFlow_kgps * cutoff_s,
      dirA_ecef: axis_ecef,
      dirAEnd_s: Number.POSITIVE_INFINITY,
      dirB_ecef: axis_ecef,
      dirBEnd_s: Number.POSITIVE_INFINITY,
      area_m2: (Math.PI * type.diameter_m * type.diameter_m) / 4,
      cd: type.cd,
      tumbleFrom_s: failureTime_s,
      tumbleDragFactor: TUMBLE_DRAG_FACTOR,
      groundHeight_m: ground_m,
      drag: this.options.drag,
      gravity: this.options.gravity,
      steps: this.options.steps,
    };
  }

  /** Launcher elevation of maximum range of `type` from the reference site, rad (cached per type). */
  maxRangeElevation_rad(type: RocketThreatType): number {
    const cached = this.maxElevations.get(type.id);
    if (cached !== undefined) return cached;
    const from = REFERENCE_LAUNCH;
    const range = (elevation_rad: number): number => {
      const plan = this.plan(type, from, 0, elevation_rad, 0, from.h_m, Number.POSITIVE_INFINITY);
      return flownRange_m(this.engine, plan, from);
    };
    const best = goldenMax(range, 0.1, 1.3, 1e-4);
    this.maxElevations.set(type.id, best);
    return best;
  }

  /** Low-angle firing solution of `type` from `from` onto `aim` (cached per geometry). */
  solveFiring(type: RocketThreatType, from: Geodetic, aim: Geodetic): RocketFiringResult {
    return this.cachedFiring(type, from, aim).result;
  }

  private cachedFiring(type: RocketThreatType, from: Geodetic, aim: Geodetic): CachedFiring {
    return memo(this.firings, aimCacheKey(type.id, from, aim), () => this.solveUncached(type, from, aim));
  }

  /** Solves one geometry: the type's range limits, then the shot, then the solution's sensitivity and summary. */
  private solveUncached(type: RocketThreatType, from: Geodetic, aim: Geodetic): CachedFiring {
    const geom = shotGeometry(from, aim);
    const range_m = geom.range_m;
    const refusal = rangeLimitRefusal(type, range_m);
    if (refusal !== null) return { geom, solution: null, alongPerThrustScale_m: 0, result: refusal };
    const shot = (elevation_rad: number, az_rad: number, miss: Float64Array): void => {
      const plan = this.plan(type, from, 0, elevation_rad, az_rad, aim.h_m, Number.POSITIVE_INFINITY);
      missAlongCross(geom, this.engine.fly(plan, null).pos_ecef, this.scratch, miss);
    };
    const solved = solveShot(shot, {
      pLo: MIN_LAUNCHER_ELEVATION_rad,
      pHi: this.maxRangeElevation_rad(type),
      az0_rad: geom.launchAzimuth_rad,
      range_m,
      dp: 1e-4,
      tolerance_m: this.options.aimTolerance_m,
    });
    if (!solved.ok) {
      const result = shotRefusal(solved, range_m);
      return { geom, solution: null, alongPerThrustScale_m: 0, result };
    }
    const s = solved.solution;
    return {
      geom,
      solution: s,
      alongPerThrustScale_m: this.alongPerThrustScale_m(type, from, aim, geom, s),
      result: this.solvedFiring(type, from, aim, range_m, s),
    };
  }

  /** ∂(along miss)/∂(thrust scale) at a solution, m per unit scale: the range sensitivity to motor impulse. */
  private alongPerThrustScale_m(
    type: RocketThreatType,
    from: Geodetic,
    aim: Geodetic,
    geom: ShotGeometry,
    s: ShotSolution,
  ): number {
    const boosted = this.plan(
      type,
      from,
      0,
      s.p,
      s.az_rad,
      aim.h_m,
      Number.POSITIVE_INFINITY,
      1 + THRUST_SCALE_STEP,
    );
    const missBoosted = missAlongCross(
      geom,
      this.engine.fly(boosted, null).pos_ecef,
      this.scratch,
      new Float64Array(2),
    );
    return missBoosted[ALONG] / THRUST_SCALE_STEP;
  }

  /** The firing result of a solution, from one more nominal flyout (time of flight, apex, impact speed). */
  private solvedFiring(
    type: RocketThreatType,
    from: Geodetic,
    aim: Geodetic,
    range_m: number,
    s: ShotSolution,
  ): RocketFiringResult {
    const end = this.engine.fly(
      this.plan(type, from, 0, s.p, s.az_rad, aim.h_m, Number.POSITIVE_INFINITY),
      null,
    );
    const v = end.vel_ecef;
    return {
      ok: true,
      elevation_rad: s.p,
      azimuth_rad: s.az_rad,
      timeOfFlight_s: end.flightTime_s,
      apexAltitude_m: end.apexHeight_m,
      impactSpeed_mps: Math.hypot(v[0], v[1], v[2]),
      range_m,
      miss_m: s.miss_m,
    };
  }

  /**
   * Fires one rocket: nominal solution from the cache, range/deflection dispersion, reliability and failure mode.
   * Draws exactly five numbers from `rng` (failure trial, failure time, range error, deflection, failure mode; the
   * last one last, so a nominal flight is the one it was before failure modes existed). A launch the solver refuses still
   * flies: at the elevation of maximum range when too far, at the minimum elevation when too close.
   */
  fly(launch: ThreatLaunch, type: RocketThreatType, rng: Rng): Trajectory {
    const draws = drawRound(rng, type.reliability);
    const firing = this.cachedFiring(type, launch.from, launch.aim);
    const range_m = firing.geom.range_m;
    let elevation_rad: number;
    let azimuth_rad: number;
    let thrustScale = 1;
    if (firing.solution !== null) {
      const dAlong_m = draws.normalA * type.rangeErrorFraction * range_m;
      const dCross_m = draws.normalB * type.deflectionError_rad * range_m;
      [elevation_rad, azimuth_rad] = offsetShot(firing.solution, 0, dCross_m);
      thrustScale = Math.max(0.5, 1 + dAlong_m / firing.alongPerThrustScale_m);
    } else {
      const tooClose = firing.result.ok === false && firing.result.reason === 'below-min-range';
      elevation_rad = tooClose ? MIN_LAUNCHER_ELEVATION_rad : this.maxRangeElevation_rad(type);
      azimuth_rad = firing.geom.launchAzimuth_rad;
    }
    const failureTime_s = draws.failed
      ? draws.failureFraction * (type.burnTime_s + ROCKET_EARLY_FAILURE_s)
      : Number.POSITIVE_INFINITY;
    const plan = this.plan(
      type,
      launch.from,
      launch.launchTime_s,
      elevation_rad,
      azimuth_rad,
      launch.aim.h_m,
      failureTime_s,
      thrustScale,
    );
    return flyRound(
      this.engine,
      plan,
      launch,
      draws.failed ? failureTime_s : null,
      draws,
      type.failureBreakUpFraction,
      64,
    );
  }
}

/** The refusal of a range outside the type's stated limits (rounding allowed), or null inside them. */
function rangeLimitRefusal(type: RocketThreatType, range_m: number): AimRefusal | null {
  if (range_m > type.maxRange_m + RANGE_ROUNDING_m)
    return { ok: false, reason: 'out-of-range', range_m, maxRange_m: type.maxRange_m };
  if (range_m < type.minRange_m - RANGE_ROUNDING_m)
    return { ok: false, reason: 'below-min-range', range_m, minRange_m: type.minRange_m };
  return null;
}
