/**
 * @module dynamics/pointMass
 * Three-degree-of-freedom equations of motion of a point mass in the rotating ECEF frame (Zipfel, *Modeling and
 * Simulation of Aerospace Vehicle Dynamics* 2nd ed., §10.1; Vallado §3.7):
 *   ṙ = v,   v̇ = g_J2(r) − 2 ω × v − ω × (ω × r) + (T û + D) / m,   ṁ = −ṁ_prop while burning,
 * with the drag D = −½ ρ |v| v C_d(M) A acting against the velocity relative to the air, the air being at rest in
 * ECEF (no wind), ρ and the speed of sound from the U.S. Standard Atmosphere 1976 at the geodetic height, and
 * M = |v| / a. The state is a Float64Array [x, y, z, vx, vy, vz, m] in ECEF m, m/s and kg; index constants name the
 * slots. Lift, attitude dynamics and thrust misalignment are not modelled.
 */
import { atmosphere1976 } from '../env/atmosphere.js';
import { freeFallAccelEcef } from '../env/gravity.js';
import { ecefToGeodetic } from '../geo/wgs84.js';
import { type CdTable, cdAtMach } from './aero.js';

/** Index of x (ECEF m) in the point-mass state. */
export const PM_X = 0;
/** Index of y (ECEF m). */
export const PM_Y = 1;
/** Index of z (ECEF m). */
export const PM_Z = 2;
/** Index of vx (ECEF m/s, relative to the rotating Earth). */
export const PM_VX = 3;
/** Index of vy (ECEF m/s). */
export const PM_VY = 4;
/** Index of vz (ECEF m/s). */
export const PM_VZ = 5;
/** Index of the mass (kg). */
export const PM_MASS = 6;
/** Length of the point-mass state. */
export const PM_STATE_LENGTH = 7;

/**
 * Writes the unit thrust direction (ECEF, dimensionless) for time `t_s` and state `y` into `out_ecef`. It must not
 * keep `y` or `out_ecef`.
 */
export type ThrustDirectionFn = (t_s: number, y: Readonly<Float64Array>, out_ecef: Float64Array) => void;

/** Parameters of the point-mass model (SI). */
export interface PointMassParams {
  /** Thrust magnitude while burning, N (0 for an unpowered body). */
  readonly thrust_N: number;
  /** Propellant mass flow while burning, kg/s (≥ 0). */
  readonly massFlow_kgps: number;
  /** Time at which thrust and mass flow stop, s (same clock as `t_s`); omit for "burns for ever". */
  readonly burnout_s?: number;
  /** Aerodynamic reference area, m² (0 for vacuum). */
  readonly area_m2: number;
  /** Drag coefficient: a Cd(Mach) table or a function of Mach (dimensionless). */
  readonly cd: CdTable | ((mach: number) => number);
  /** Unit thrust direction in ECEF; when omitted, thrust acts along the velocity (radially outward at rest). */
  readonly thrustDirection?: ThrustDirectionFn;
}

/** Drag coefficient for a Mach number from either form of `PointMassParams.cd`. */
function dragCoefficient(cd: PointMassParams['cd'], mach: number): number {
  return typeof cd === 'function' ? cd(mach) : cdAtMach(cd, mach);
}

/**
 * Time derivative of the point-mass state (see the module note for the equations). It allocates only the geodetic
 * record used to look up the atmosphere and, while burning, a view for the thrust direction; `dydt` must not alias
 * `y`.
 * @param params model parameters
 * @param t_s time, s
 * @param y state [x, y, z, vx, vy, vz, m] (ECEF m, m/s; kg)
 * @param dydt receives [vx, vy, vz, ax, ay, az, ṁ] (m/s, m/s², kg/s)
 */
export function pointMassDerivative(
  params: PointMassParams,
  t_s: number,
  y: Readonly<Float64Array>,
  dydt: Float64Array,
): void {
  const vx = y[PM_VX];
  const vy = y[PM_VY];
  const vz = y[PM_VZ];
  const mass_kg = y[PM_MASS];
  // gravity + Coriolis + centrifugal, computed in dydt[0..2] (position read from y[0..2], velocity from dydt[0..2])
  dydt[0] = vx;
  dydt[1] = vy;
  dydt[2] = vz;
  freeFallAccelEcef(y, dydt, dydt);
  let ax = dydt[0];
  let ay = dydt[1];
  let az = dydt[2];
  const speed_mps = Math.hypot(vx, vy, vz);
  // drag against the velocity relative to the air (air at rest in ECEF)
  if (params.area_m2 > 0 && speed_mps > 0) {
    const air = atmosphere1976(ecefToGeodetic(y).h_m);
    const cd = dragCoefficient(params.cd, speed_mps / air.speedOfSound_mps);
    const dragPerSpeed = (0.5 * air.density_kgpm3 * speed_mps * cd * params.area_m2) / mass_kg;
    ax -= dragPerSpeed * vx;
    ay -= dragPerSpeed * vy;
    az -= dragPerSpeed * vz;
  }
  // thrust and mass flow while burning
  const burning = params.thrust_N > 0 && (params.burnout_s === undefined || t_s < params.burnout_s);
  let massRate_kgps = 0;
  if (burning) {
    // the thrust direction is written into dydt[3..5] as scratch, then consumed
    const direction = dydt.subarray(3, 6);
    if (params.thrustDirection) {
      params.thrustDirection(t_s, y, direction);
    } else if (speed_mps > 0) {
      direction[0] = vx / speed_mps;
      direction[1] = vy / speed_mps;
      direction[2] = vz / speed_mps;
    } else {
      const r_m = Math.hypot(y[PM_X], y[PM_Y], y[PM_Z]);
      direction[0] = y[PM_X] / r_m;
      direction[1] = y[PM_Y] / r_m;
      direction[2] = y[PM_Z] / r_m;
    }
    const thrustAccel = params.thrust_N / mass_kg;
    ax += thrustAccel * direction[0];
    ay += thrustAccel * direction[1];
    az += thrustAccel * direction[2];
    massRate_kgps = -params.massFlow_kgps;
  }
  dydt[PM_X] = vx;
  dydt[PM_Y] = vy;
  dydt[PM_Z] = vz;
  dydt[PM_VX] = ax;
  dydt[PM_VY] = ay;
  dydt[PM_VZ] = az;
  dydt[PM_MASS] = massRate_kgps;
}
