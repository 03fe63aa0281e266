/**
 * @module threats/ballistic
 * Boosted ballistic missiles (SRBM class). Each missile flies a fixed pitch program, as the Scud lineage does:
 * a vertical rise for `verticalRise_s`, a short pitch-over with the thrust tilted by the pitch-over angle towards
 * the launch azimuth, then a gravity turn (thrust along the velocity) until the motor is cut off. Range is set by the
 * thrust-cutoff time (Scud-style range control; for a solid motor read it as an equivalent energy-management
 * manoeuvre), so every shot flies close to its minimum-energy profile instead of a lofted or depressed one. The
 * pitch-over angle of a type is the one that maximises range at full burn (found once per type in a reference
 * geometry). After cutoff the re-entry body (`reentryMass_kg`) coasts and re-enters under drag and gravity.
 *
 * The aimpoint solver (`solveAim`) finds the cutoff time and launch azimuth that put the nominal impact on the
 * aimpoint (within 1 m; the azimuth absorbs the Coriolis cross-range) and caches the answer per (type, launch point,
 * aimpoint) for the life of the model, so a Monte Carlo run solves each geometry once. Dispersion (CEP) moves the
 * aimed impact by a circular-normal draw, σ = CEP / √(2 ln 2) = CEP / 1.1774, converted into cutoff and azimuth offsets
 * through the solver's Jacobian. An in-flight failure (probability 1 − reliability) happens at a time drawn
 * uniformly over boost plus the first 30 s of coast: the motor stops and the body tumbles (drag × 5). Its mode
 * (`threats/failure`) decides the rest: a `break-up` ends the body there (outcome `failed`, no warhead arrives; the
 * tumbling flight to the ground gives the debris footprint), a `guidance-failure` flies the tumbling body with its
 * warhead to the ground off-aim (outcome `impact`). The ground is the aimpoint's ellipsoid height everywhere (no
 * terrain).
 */

import { dcmEnuFromEcef } from '../geo/frames.js';
import { geodeticToEcef } from '../geo/wgs84.js';
import { goldenMax } from '../math/optimize.js';
import type { Rng } from '../math/rng.js';
import type { BallisticThreatType, Geodetic, ThreatLaunch } from '../scenario/types.js';
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

/** Duration of the pitch-over manoeuvre after the vertical rise, s. */
export const PITCH_OVER_s = 4;
/** Failures are drawn uniformly over boost plus this much of the coast, s. */
export const EARLY_COAST_FAILURE_s = 30;
/** Drag multiplier of a failed, tumbling missile. */
export const TUMBLE_DRAG_FACTOR = 5;
/** CEP → σ of a circular normal: CEP = σ √(2 ln 2). */
export const CEP_PER_SIGMA = Math.sqrt(2 * Math.LN2);
/** Earliest thrust cutoff after the end of the pitch-over, s. */
const MIN_POWERED_AFTER_PITCH_OVER_s = 1;

/** Numerical and physical switches of the model (plain data). */
export interface BallisticModelOptions {
  /** Aerodynamic drag on (false only for vacuum reference tests). */
  readonly drag: boolean;
  /** Gravity model (`central-inertial` only for reference tests). */
  readonly gravity: GravityModel;
  /** Integration steps and sampling, s. */
  readonly steps: FlightSteps;
  /** Aimpoint solver tolerance on the horizontal miss of the nominal impact, m. */
  readonly aimTolerance_m: number;
}

/**
 * Defaults: full physics, error-controlled Dormand–Prince 5(4) steps (`FlightSteps`: local error ≤ 5 mm per position
 * and 0.05 mm/s per velocity component, first step 0.2 s, at most 30 s), samples at least 0.5 s apart. The former fixed
 * RK4 steps (0.2 s boost, 0.25 s in the atmosphere, 2 s above 90 km) stay as `fixedStepBallisticModelOptions`, the
 * reference the adaptive flyouts are tested against (impact within 5 m for every catalog type).
 */
export function defaultBallisticModelOptions(): BallisticModelOptions {
  return {
    drag: true,
    gravity: 'j2-rotating',
    steps: {
      boost_s: 0.2,
      atmospheric_s: 0.25,
      exo_s: 2,
      record_s: 0.5,
      maxFlight_s: 3600,
      tolerance_m: FLYOUT_TOLERANCE_m,
      maxStep_s: FLYOUT_MAX_STEP_s,
    },
    aimTolerance_m: 1,
  };
}

/**
 * The fine fixed-step reference: classical RK4 at 0.2 s while burning, 0.25 s in the atmosphere, 2 s above 90 km
 * (the default before issue 12). For accuracy tests; several times slower than the default.
 * @example
 * ```ts
 * import { BallisticThreatModel, fixedStepBallisticModelOptions } from './ballistic.js';
 * const reference = new BallisticThreatModel(fixedStepBallisticModelOptions());
 * ```
 */
export function fixedStepBallisticModelOptions(): BallisticModelOptions {
  const options = defaultBallisticModelOptions();
  const { tolerance_m: _tol, maxStep_s: _max, ...fixed } = options.steps;
  return { ...options, steps: fixed };
}

/** A solved aim, or why the aimpoint cannot be reached. */
export type BallisticAimResult =
  | {
      readonly ok: true;
      /** Thrust tilt from the vertical during the pitch-over, rad (fixed per type). */
      readonly pitchOverAngle_rad: number;
      /** Flight time at thrust cutoff, s. */
      readonly cutoffTime_s: number;
      /** Launch azimuth, clockwise from north, rad (geodesic azimuth + Coriolis correction). */
      readonly azimuth_rad: number;
      /** Nominal launch-to-impact time, s. */
      readonly timeOfFlight_s: number;
      /** Nominal apex height above the ellipsoid, m. */
      readonly apexAltitude_m: number;
      /** Nominal speed at impact, m/s. */
      readonly impactSpeed_mps: number;
      /** Geodesic ground range, m. */
      readonly range_m: number;
      /** Horizontal miss of the nominal impact from the aimpoint, m. */
      readonly miss_m: number;
    }
  | AimRefusal;

interface CachedAim {
  readonly geom: ShotGeometry;
  readonly result: BallisticAimResult;
  /** Present when the aim was solved. */
  readonly solution: ShotSolution | null;
}

/** Overrides of one flyout: failure time and tumble; absent for a nominal flight. */
interface FailureSpec {
  readonly time_s: number;
}

const REFERENCE_AZIMUTH_rad = 0;

/**
 * `ThreatModel` for `kind: 'ballistic'`. Owns its flight engine and its caches (pitch-over angle per type, aim
 * per geometry); create one per scenario and share it across replications.
 */
export class BallisticThreatModel implements ThreatModel<BallisticThreatType> {
  readonly options: BallisticModelOptions;
  private readonly engine = new FlightEngine();
  private readonly aims = new Map<string, CachedAim>();
  private readonly pitchOvers = new Map<string, number>();
  private readonly scratch = new Float64Array(3);
  private readonly zero = new Float64Array(3);

  constructor(options: BallisticModelOptions = defaultBallisticModelOptions()) {
    this.options = options;
  }

  /** Flight plan of `type` from `from` with cutoff time and azimuth; `ground_m` ends the flight. */
  plan(
    type: BallisticThreatType,
    from: Geodetic,
    launchTime_s: number,
    cutoff_s: number,
    azimuth_rad: number,
    pitchOver_rad: number,
    ground_m: number,
    failure: FailureSpec | null,
  ): FlightPlan {
    const dcm = dcmEnuFromEcef(from.lat_rad, from.lon_rad);
    const massFlow_kgps = type.propellantMass_kg / type.burnTime_s;
    const nominalCutoff_s = Math.min(cutoff_s, type.burnTime_s);
    const failed = failure !== null && failure.time_s < nominalCutoff_s;
    const thrustEnd_s = failed ? failure.time_s : nominalCutoff_s;
    return {
      launchTime_s,
      launch_ecef: geodeticToEcef(from.lat_rad, from.lon_rad, from.h_m),
      launchVel_ecef: this.zero,
      launchMass_kg: type.launchMass_kg,
      massFlow_kgps,
      thrust_N: type.thrust_N,
      cutoff_s: thrustEnd_s,
      // a failed booster falls with whatever it still carries; a nominal cutoff leaves the re-entry body
      coastMass_kg: failed ? type.launchMass_kg - massFlow_kgps * thrustEnd_s : type.reentryMass_kg,
      dirA_ecef: directionEcef(dcm, 0, Math.PI / 2),
      dirAEnd_s: type.verticalRise_s,
      dirB_ecef: directionEcef(dcm, azimuth_rad, Math.PI / 2 - pitchOver_rad),
      dirBEnd_s: Number.POSITIVE_INFINITY,
      area_m2: (Math.PI * type.diameter_m * type.diameter_m) / 4,
      cd: type.cd,
      tumbleFrom_s: failure === null ? Number.POSITIVE_INFINITY : failure.time_s,
      tumbleDragFactor: TUMBLE_DRAG_FACTOR,
      groundHeight_m: ground_m,
      drag: this.options.drag,
      gravity: this.options.gravity,
      steps: this.options.steps,
    };
  }

  /** Earliest allowed cutoff of `type`, s. */
  private minCutoff_s(type: BallisticThreatType): number {
    return Math.min(type.burnTime_s, type.verticalRise_s + PITCH_OVER_s + MIN_POWERED_AFTER_PITCH_OVER_s);
  }

  /**
   * Pitch-over angle of `type`: the thrust tilt that maximises the full-burn range from the reference site
   * (equator, due north), rad. Golden-section search to 0.05 mrad; cached per type id.
   */
  pitchOverAngle_rad(type: BallisticThreatType): number {
    const cached = this.pitchOvers.get(type.id);
    if (cached !== undefined) return cached;
    const from = REFERENCE_LAUNCH;
    const range = (pitchOver_rad: number): number => {
      const plan = this.plan(
        type,
        from,
        0,
        type.burnTime_s,
        REFERENCE_AZIMUTH_rad,
        pitchOver_rad,
        from.h_m,
        null,
      );
      return flownRange_m(this.engine, plan, from);
    };
    const best = goldenMax(range, 0.05, 1.3, 5e-5);
    this.pitchOvers.set(type.id, best);
    return best;
  }

  /**
   * Cutoff time and azimuth that put the nominal impact of `type` launched at `from` on `aim` (cached per
   * geometry). Refuses shots beyond `type.maxRange_m` or beyond what the missile can physically fly there.
   */
  solveAim(type: BallisticThreatType, from: Geodetic, aim: Geodetic): BallisticAimResult {
    return this.cachedAim(type, from, aim).result;
  }

  private cachedAim(type: BallisticThreatType, from: Geodetic, aim: Geodetic): CachedAim {
    return memo(this.aims, aimCacheKey(type.id, from, aim), () => this.solveUncached(type, from, aim));
  }

  private solveUncached(type: BallisticThreatType, from: Geodetic, aim: Geodetic): CachedAim {
    const geom = shotGeometry(from, aim);
    const range_m = geom.range_m;
    if (range_m > type.maxRange_m + RANGE_ROUNDING_m) {
      return {
        geom,
        solution: null,
        result: { ok: false, reason: 'out-of-range', range_m, maxRange_m: type.maxRange_m },
      };
    }
    const pitchOver_rad = this.pitchOverAngle_rad(type);
    const shot = (cutoff_s: number, az_rad: number, miss: Float64Array): void => {
      const plan = this.plan(type, from, 0, cutoff_s, az_rad, pitchOver_rad, aim.h_m, null);
      missAlongCross(geom, this.engine.fly(plan, null).pos_ecef, this.scratch, miss);
    };
    const solved = solveShot(shot, {
      pLo: this.minCutoff_s(type),
      pHi: type.burnTime_s,
      az0_rad: geom.launchAzimuth_rad,
      range_m,
      dp: 0.01,
      tolerance_m: this.options.aimTolerance_m,
    });
    if (!solved.ok) {
      const result = shotRefusal(solved, range_m);
      return { geom, solution: null, result };
    }
    const s = solved.solution;
    // one more flyout of the solution for its summary numbers
    const end = this.engine.fly(this.plan(type, from, 0, s.p, s.az_rad, pitchOver_rad, aim.h_m, null), null);
    const v = end.vel_ecef;
    return {
      geom,
      solution: s,
      result: {
        ok: true,
        pitchOverAngle_rad: pitchOver_rad,
        cutoffTime_s: s.p,
        azimuth_rad: s.az_rad,
        timeOfFlight_s: end.flightTime_s,
        apexAltitude_m: end.apexHeight_m,
        impactSpeed_mps: Math.hypot(v[0], v[1], v[2]),
        range_m,
        miss_m: s.miss_m,
      },
    };
  }

  /**
   * Flies one launch: nominal aim from the cache, CEP dispersion, reliability and failure mode. Draws exactly five
   * numbers from `rng` in a fixed order (failure trial, failure time, two normals, failure mode), whatever the
   * outcome; the fifth comes last, so a nominal flight is the one it was before failure modes existed.
   * A launch the solver refuses still flies: beyond range at full burn along the geodesic azimuth (falls short),
   * too close with the earliest cutoff (overshoots).
   */
  fly(launch: ThreatLaunch, type: BallisticThreatType, rng: Rng): Trajectory {
    const draws = drawRound(rng, type.reliability);
    const sigma_m = type.cep_m / CEP_PER_SIGMA;
    const dEast_m = sigma_m * draws.normalA;
    const dNorth_m = sigma_m * draws.normalB;
    const aim = this.cachedAim(type, launch.from, launch.aim);
    const pitchOver_rad = this.pitchOverAngle_rad(type);
    let cutoff_s: number;
    let azimuth_rad: number;
    if (aim.solution !== null) {
      const sinAz = Math.sin(aim.geom.arrivalAzimuth_rad);
      const cosAz = Math.cos(aim.geom.arrivalAzimuth_rad);
      const dAlong_m = dEast_m * sinAz + dNorth_m * cosAz;
      const dCross_m = dEast_m * cosAz - dNorth_m * sinAz;
      [cutoff_s, azimuth_rad] = offsetShot(aim.solution, dAlong_m, dCross_m);
      cutoff_s = Math.min(type.burnTime_s, Math.max(this.minCutoff_s(type), cutoff_s));
    } else {
      cutoff_s =
        aim.result.ok === false && aim.result.reason === 'below-min-range'
          ? this.minCutoff_s(type)
          : type.burnTime_s;
      azimuth_rad = aim.geom.launchAzimuth_rad;
    }
    const failure: FailureSpec | null = draws.failed
      ? { time_s: draws.failureFraction * (cutoff_s + EARLY_COAST_FAILURE_s) }
      : null;
    const plan = this.plan(
      type,
      launch.from,
      launch.launchTime_s,
      cutoff_s,
      azimuth_rad,
      pitchOver_rad,
      launch.aim.h_m,
      failure,
    );
    return flyRound(
      this.engine,
      plan,
      launch,
      failure === null ? null : failure.time_s,
      draws,
      type.failureBreakUpFraction,
      // adaptive steps: 40–120 samples a flight (the recorder grows if a flight needs more)
      128,
    );
  }
}

/**
 * Stand-alone aimpoint solver: cutoff time, azimuth, time of flight and apex of `type` from `from` to `aim`, or
 * `out-of-range` / `below-min-range`. Builds a throw-away model; use `BallisticThreatModel.solveAim` for caching.
 */
export function solveBallisticAim(
  type: BallisticThreatType,
  from: Geodetic,
  aim: Geodetic,
  options?: BallisticModelOptions,
): BallisticAimResult {
  return new BallisticThreatModel(options).solveAim(type, from, aim);
}
