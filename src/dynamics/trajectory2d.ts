/**
 * @module dynamics/trajectory2d
 * Planar point-mass trajectory over a flat, non-rotating Earth with constant gravity g₀ = 9.80665 m/s² and drag on
 * the U.S. Standard Atmosphere 1976 density with a constant drag coefficient (McCoy, *Modern Exterior Ballistics*,
 * §1.2 "vacuum" and ch. 5 "flat-fire point mass"):
 *   ẋ = vₓ,  ż = v_z,  v̇ₓ = −k ρ(z) |v| vₓ,  v̇_z = −g₀ − k ρ(z) |v| v_z,  k = C_d A / (2 m).
 * Integrated with classical RK4 in about 2000 steps per flight; the impact is located by cubic Hermite
 * interpolation of the last step (exact for the vacuum parabola) and the apex likewise. Valid for short-range
 * rockets, mortars and artillery after burnout (ranges of tens of km, where Earth curvature and rotation change the
 * range by well under 1 %); anything longer is flown in 3-DOF over the rotating WGS-84 Earth by the threat models
 * (`threats/flight`, the `FlightEngine`). Also: firing tables, the maximum-range elevation and the elevation that
 * reaches a given range.
 */
import { atmosphere1976 } from '../env/atmosphere.js';
import { createRk4Workspace, type DerivativeFn, rk4Step } from './integrate.js';

/** Standard gravity used by the flat-Earth model, m/s². */
export const STANDARD_GRAVITY_mps2 = 9.80665;

/** Launch conditions and body of a flat-Earth trajectory. */
export interface Trajectory2dParams {
  /** Mass (constant: after burnout), kg. */
  readonly mass_kg: number;
  /** Constant drag coefficient (dimensionless). */
  readonly dragCoefficient: number;
  /** Reference area, m² (0 for vacuum). */
  readonly area_m2: number;
  /** Launch speed, m/s. */
  readonly speed_mps: number;
  /** Launch elevation above the horizontal, rad. */
  readonly flightPathAngle_rad: number;
  /** Launch altitude above mean sea level, m (density is looked up on it). */
  readonly altitude_m: number;
  /** Altitude of the impact plane, m (default 0). The flight ends when it descends through this altitude. */
  readonly impactAltitude_m?: number;
}

/** Summary of one flat-Earth flight. */
export interface Trajectory2dResult {
  /** Time from launch to impact, s. */
  readonly timeOfFlight_s: number;
  /** Horizontal distance from launch to impact, m. */
  readonly range_m: number;
  /** Speed at impact, m/s. */
  readonly impactSpeed_mps: number;
  /** Highest altitude reached (launch altitude when the flight never climbs), m. */
  readonly apexAltitude_m: number;
  /** Largest drag deceleration seen at an integration node, m/s². */
  readonly maxDragDeceleration_mps2: number;
}

/** One row of a firing table. */
export interface FiringTableRow {
  readonly elevation_rad: number;
  readonly range_m: number;
  readonly timeOfFlight_s: number;
  readonly apexAltitude_m: number;
  readonly impactSpeed_mps: number;
}

/** Launch conditions of a firing table: everything except the elevation. */
export type FiringTableParams = Omit<Trajectory2dParams, 'flightPathAngle_rad'>;

/** Result of the elevation solve: a solution or the reason there is none. */
export type ElevationForRangeResult =
  | { readonly ok: true; readonly elevation_rad: number }
  | {
      readonly ok: false;
      readonly reason: 'out-of-range';
      readonly maxRange_m: number;
      readonly minRange_m: number;
    };

/** Sampled path of a flight (one entry per integration node, then the impact point). */
export interface Trajectory2dPath {
  readonly t_s: number[];
  readonly x_m: number[];
  readonly z_m: number[];
  readonly vx_mps: number[];
  readonly vz_mps: number[];
}

/** State slots of the flat-Earth state [x, z, vx, vz]. */
const X = 0;
const Z = 1;
const VX = 2;
const VZ = 3;
/** Integration steps aimed for over one flight. */
const STEPS_PER_FLIGHT = 2000;
/** Bounds on the step, s. */
const MIN_STEP_s = 1e-4;
const MAX_STEP_s = 0.05;
/** Hard cap on integration steps (a body under gravity always lands well before). */
const MAX_STEPS = 2_000_000;
/** Convergence tolerance of the elevation searches, rad. */
const ELEVATION_TOLERANCE_rad = 1e-9;
const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** Observer of integration nodes, used to record a path. */
type NodeObserver = (t_s: number, y: Readonly<Float64Array>) => void;

function validate(params: Trajectory2dParams): void {
  const fields: [string, number][] = [
    ['mass_kg', params.mass_kg],
    ['dragCoefficient', params.dragCoefficient],
    ['area_m2', params.area_m2],
    ['speed_mps', params.speed_mps],
  ];
  for (const [name, value] of fields) {
    if (!(value >= 0) || !Number.isFinite(value)) {
      throw new RangeError(`trajectory2d: ${name} must be a finite number ≥ 0, got ${value}`);
    }
  }
  if (!(params.mass_kg > 0)) throw new RangeError('trajectory2d: mass_kg must be > 0');
  if (!Number.isFinite(params.flightPathAngle_rad) || !Number.isFinite(params.altitude_m)) {
    throw new RangeError('trajectory2d: flightPathAngle_rad and altitude_m must be finite');
  }
}

/** Cubic Hermite interpolation at fraction s ∈ [0, 1] of a step of length h with end values p0, p1, slopes d0, d1. */
function hermite(p0: number, d0: number, p1: number, d1: number, h: number, s: number): number {
  const s2 = s * s;
  const s3 = s2 * s;
  return (
    (2 * s3 - 3 * s2 + 1) * p0 + (s3 - 2 * s2 + s) * h * d0 + (-2 * s3 + 3 * s2) * p1 + (s3 - s2) * h * d1
  );
}

/** Derivative with respect to time of the cubic Hermite interpolant (at fraction s). */
function hermiteSlope(p0: number, d0: number, p1: number, d1: number, h: number, s: number): number {
  const s2 = s * s;
  return (
    ((6 * s2 - 6 * s) * p0 +
      (3 * s2 - 4 * s + 1) * h * d0 +
      (-6 * s2 + 6 * s) * p1 +
      (3 * s2 - 2 * s) * h * d1) /
    h
  );
}

/** Flies one trajectory and returns its summary; `observe` sees every node and the impact state. */
function fly(params: Trajectory2dParams, observe?: NodeObserver): Trajectory2dResult {
  validate(params);
  const g = STANDARD_GRAVITY_mps2;
  const floor_m = params.impactAltitude_m ?? 0;
  const dragFactor_m2pkg = (params.dragCoefficient * params.area_m2) / (2 * params.mass_kg);
  const y = new Float64Array(4);
  y[X] = 0;
  y[Z] = params.altitude_m;
  y[VX] = params.speed_mps * Math.cos(params.flightPathAngle_rad);
  y[VZ] = params.speed_mps * Math.sin(params.flightPathAngle_rad);
  observe?.(0, y);
  // already on or below the impact plane and not climbing: the flight is over
  if (y[Z] < floor_m || (y[Z] === floor_m && y[VZ] <= 0)) {
    return {
      timeOfFlight_s: 0,
      range_m: 0,
      impactSpeed_mps: params.speed_mps,
      apexAltitude_m: params.altitude_m,
      maxDragDeceleration_mps2:
        dragFactor_m2pkg * atmosphere1976(params.altitude_m).density_kgpm3 * params.speed_mps ** 2,
    };
  }
  let maxDrag_mps2 = 0;
  const deriv: DerivativeFn = (_t, s, dsdt) => {
    const speed_mps = Math.hypot(s[VX], s[VZ]);
    const dragPerSpeed =
      dragFactor_m2pkg > 0 ? dragFactor_m2pkg * atmosphere1976(s[Z]).density_kgpm3 * speed_mps : 0;
    dsdt[X] = s[VX];
    dsdt[Z] = s[VZ];
    dsdt[VX] = -dragPerSpeed * s[VX];
    dsdt[VZ] = -g - dragPerSpeed * s[VZ];
  };
  // step from the vacuum time of flight
  const climb_mps = Math.max(y[VZ], 0);
  const vacuumTime_s = (climb_mps + Math.sqrt(climb_mps * climb_mps + 2 * g * (y[Z] - floor_m))) / g;
  const h_s = Math.min(MAX_STEP_s, Math.max(MIN_STEP_s, vacuumTime_s / STEPS_PER_FLIGHT));
  const work = createRk4Workspace(4);
  const start = new Float64Array(4);
  const slopeStart = new Float64Array(4);
  const slopeEnd = new Float64Array(4);
  let apex_m = y[Z];
  let t_s = 0;
  deriv(t_s, y, slopeStart);
  for (let step = 0; step < MAX_STEPS; step++) {
    maxDrag_mps2 = Math.max(maxDrag_mps2, Math.hypot(slopeStart[VX], slopeStart[VZ] + g));
    start.set(y);
    rk4Step(deriv, t_s, y, h_s, work);
    deriv(t_s + h_s, y, slopeEnd);
    // apex inside this step: vertical speed changes sign, refine on the Hermite cubic
    if (start[VZ] > 0 && y[VZ] <= 0) {
      const s = start[VZ] / (start[VZ] - y[VZ]);
      apex_m = Math.max(apex_m, hermite(start[Z], start[VZ], y[Z], y[VZ], h_s, s));
    }
    apex_m = Math.max(apex_m, y[Z]);
    if (y[Z] <= floor_m && y[VZ] < 0) {
      // impact inside this step: root of the Hermite cubic z(s) = floor by safeguarded Newton
      const s = impactFraction(start, y, slopeStart, slopeEnd, h_s, floor_m);
      const impact = new Float64Array(4);
      for (const i of [X, Z, VX, VZ]) {
        impact[i] = hermite(start[i], slopeStart[i], y[i], slopeEnd[i], h_s, s);
      }
      impact[Z] = floor_m;
      observe?.(t_s + s * h_s, impact);
      return {
        timeOfFlight_s: t_s + s * h_s,
        range_m: impact[X],
        impactSpeed_mps: Math.hypot(impact[VX], impact[VZ]),
        apexAltitude_m: apex_m,
        maxDragDeceleration_mps2: Math.max(maxDrag_mps2, Math.hypot(slopeEnd[VX], slopeEnd[VZ] + g)),
      };
    }
    t_s += h_s;
    observe?.(t_s, y);
    slopeStart.set(slopeEnd);
  }
  throw new RangeError(`trajectory2d: no impact after ${MAX_STEPS} steps; check the parameters`);
}

/** Fraction s ∈ [0, 1] of the step where the Hermite interpolant of z crosses `floor_m` (bisection + Newton). */
function impactFraction(
  start: Readonly<Float64Array>,
  end: Readonly<Float64Array>,
  slopeStart: Readonly<Float64Array>,
  slopeEnd: Readonly<Float64Array>,
  h_s: number,
  floor_m: number,
): number {
  const height = (s: number) => hermite(start[Z], slopeStart[Z], end[Z], slopeEnd[Z], h_s, s) - floor_m;
  let lo = 0;
  let hi = 1;
  let s = start[Z] - floor_m === end[Z] - floor_m ? 1 : (start[Z] - floor_m) / (start[Z] - end[Z]);
  for (let i = 0; i < 60; i++) {
    const f = height(s);
    if (f === 0) return s;
    if (f > 0) lo = s;
    else hi = s;
    const slope = hermiteSlope(start[Z], slopeStart[Z], end[Z], slopeEnd[Z], h_s, s) * h_s;
    let next = slope !== 0 ? s - f / slope : Number.NaN;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - s) < 1e-15) return next;
    s = next;
  }
  return s;
}

/**
 * Flat-Earth point-mass flight with drag on the 1976 density and constant g₀ (see the module note): time of flight
 * (s), range (m), impact speed (m/s), apex altitude (m) and the largest drag deceleration (m/s²). With `area_m2 = 0`
 * it reproduces the vacuum parabola R = v² sin 2θ / g, T = 2 v sin θ / g, apex = v² sin² θ / 2g to round-off.
 * @example
 * ```ts
 * import { trajectory2d } from 'aspis';
 * const shot = trajectory2d({ mass_kg: 18.8, dragCoefficient: 0.3, area_m2: 0.009, speed_mps: 375, flightPathAngle_rad: 0.7, altitude_m: 0 });
 * console.log(shot.range_m, shot.timeOfFlight_s, shot.apexAltitude_m);
 * ```
 */
export function trajectory2d(params: Trajectory2dParams): Trajectory2dResult {
  return fly(params);
}

/** The same flight as {@link trajectory2d}, sampled at every integration node and at impact (s, m, m/s). */
export function trajectory2dPath(params: Trajectory2dParams): Trajectory2dPath {
  const path: Trajectory2dPath = { t_s: [], x_m: [], z_m: [], vx_mps: [], vz_mps: [] };
  fly(params, (t_s, y) => {
    path.t_s.push(t_s);
    path.x_m.push(y[X]);
    path.z_m.push(y[Z]);
    path.vx_mps.push(y[VX]);
    path.vz_mps.push(y[VZ]);
  });
  return path;
}

/** Range (m) at an elevation (rad) for fixed launch conditions. */
function rangeAt(params: FiringTableParams, elevation_rad: number): number {
  return fly({ ...params, flightPathAngle_rad: elevation_rad }).range_m;
}

/**
 * Firing table: one flight per elevation (rad), in the given order.
 * @returns rows with elevation (rad), range (m), time of flight (s), apex altitude (m), impact speed (m/s)
 * @example
 * ```ts
 * import { firingTable } from 'aspis';
 * const rocket = { mass_kg: 18.8, dragCoefficient: 0.3, area_m2: 0.009, speed_mps: 375, altitude_m: 0 };
 * for (const row of firingTable(rocket, [0.2, 0.4, 0.6])) console.log(row.range_m, row.timeOfFlight_s);
 * ```
 */
export function firingTable(params: FiringTableParams, elevations_rad: readonly number[]): FiringTableRow[] {
  return elevations_rad.map((elevation_rad) => {
    const r = fly({ ...params, flightPathAngle_rad: elevation_rad });
    return {
      elevation_rad,
      range_m: r.range_m,
      timeOfFlight_s: r.timeOfFlight_s,
      apexAltitude_m: r.apexAltitude_m,
      impactSpeed_mps: r.impactSpeed_mps,
    };
  });
}

/**
 * Elevation of maximum range in (0, π/2) by golden-section search (range is unimodal in elevation for a drag
 * decelerated body), and that range. In vacuum from the impact plane it is π/4.
 * @example
 * ```ts
 * import { maxRangeElevation } from 'aspis';
 * const rocket = { mass_kg: 18.8, dragCoefficient: 0.3, area_m2: 0.009, speed_mps: 375, altitude_m: 0 };
 * const { elevation_rad, maxRange_m } = maxRangeElevation(rocket);
 * ```
 */
export function maxRangeElevation(params: FiringTableParams): { elevation_rad: number; maxRange_m: number } {
  let lo = 0;
  let hi = Math.PI / 2;
  let a = hi - GOLDEN * (hi - lo);
  let b = lo + GOLDEN * (hi - lo);
  let ra = rangeAt(params, a);
  let rb = rangeAt(params, b);
  while (hi - lo > 1e-7) {
    if (ra < rb) {
      lo = a;
      a = b;
      ra = rb;
      b = lo + GOLDEN * (hi - lo);
      rb = rangeAt(params, b);
    } else {
      hi = b;
      b = a;
      rb = ra;
      a = hi - GOLDEN * (hi - lo);
      ra = rangeAt(params, a);
    }
  }
  const elevation_rad = 0.5 * (lo + hi);
  return { elevation_rad, maxRange_m: rangeAt(params, elevation_rad) };
}

/**
 * Launch elevation (rad) that reaches `range_m` on the flat Earth: bisection on the monotone branch below the
 * maximum-range elevation (`lowAngle`, default) or above it (high-angle / plunging fire). A range the branch cannot
 * reach returns `{ ok: false, reason: 'out-of-range' }` with the branch's reachable interval.
 * @example
 * ```ts
 * import { elevationForRange } from 'aspis';
 * const rocket = { mass_kg: 18.8, dragCoefficient: 0.3, area_m2: 0.009, speed_mps: 375, altitude_m: 0 };
 * const aim = elevationForRange(rocket, 6_000); // low-angle solution for a 6 km shot
 * if (aim.ok) console.log((aim.elevation_rad * 180) / Math.PI);
 * ```
 */
export function elevationForRange(
  params: FiringTableParams,
  range_m: number,
  options: { lowAngle?: boolean } = {},
): ElevationForRangeResult {
  const lowAngle = options.lowAngle ?? true;
  const best = maxRangeElevation(params);
  // the branch: [0, best] rising, or [best, π/2] falling
  const edge_rad = lowAngle ? 0 : Math.PI / 2;
  const edgeRange_m = rangeAt(params, edge_rad);
  const minRange_m = Math.min(edgeRange_m, best.maxRange_m);
  if (!(range_m >= minRange_m && range_m <= best.maxRange_m)) {
    return { ok: false, reason: 'out-of-range', maxRange_m: best.maxRange_m, minRange_m };
  }
  // keep `near` on the short side of the target range and `far` on the long side
  let near = edge_rad;
  let far = best.elevation_rad;
  while (Math.abs(far - near) > ELEVATION_TOLERANCE_rad) {
    const mid = 0.5 * (near + far);
    if (rangeAt(params, mid) < range_m) near = mid;
    else far = mid;
  }
  return { ok: true, elevation_rad: 0.5 * (near + far) };
}
