/**
 * @module weapons/airframe
 * Point-mass interceptor dynamics in the rotating ECEF frame, shared by the guided flight (`flyInterceptor`) and the
 * unguided flyout shots (`buildFlyoutTable`). State y = (x, y, z, vx, vy, vz, mass) in m, m/s, kg; time is seconds
 * since launch. Forces: constant thrust along the velocity while the motor burns (mass flow = propellant / burn
 * time) and the speed is below `maxSpeed_mps` (thrust cut-off above it, see `clampSpeed`), aerodynamic drag
 * ½ ρ |v| v C_d(M) A with ρ and the speed of sound from the U.S. Standard Atmosphere 1976 (the air co-rotates with
 * the Earth, so the ECEF velocity is the airspeed), J2 gravitation plus Coriolis and centrifugal terms
 * (`freeFallAccelEcef`), and a commanded lateral acceleration held constant over each step (zero-order hold, as a
 * flight computer running at the step rate). Integrated with classical RK4 (`dynamics/integrate`). The lateral
 * acceleration the airframe can pull is limited by the structure (`maxAccel_mps2`) and by the aerodynamic normal
 * force q S CN_max / m (`lateralAccelLimit_mps2`), so agility falls with altitude and speed.
 */
import { type CdCursor, cdAtMachFrom } from '../dynamics/aero.js';
import { createRk4Workspace, type DerivativeFn, type Rk4Workspace, rk4Step } from '../dynamics/integrate.js';
import { AIR_DENSITY, AIR_SOUND_SPEED, airAt, atmosphere1976 } from '../env/atmosphere.js';
import { freeFallAccelEcef } from '../env/gravity.js';
import { approxHeight_m } from '../geo/wgs84.js';
import { hypot3 } from '../math/hypot.js';
import type { InterceptorType } from '../scenario/types.js';

/** Length of the airframe state vector (position 3, velocity 3, mass 1). */
export const AIRFRAME_STATE_SIZE = 7;
/** Index of the mass in the state vector. */
export const MASS_INDEX = 6;

/** Which physics terms a flight includes (tests switch gravity and drag off to check guidance in isolation). */
export interface PhysicsSwitches {
  /** Include J2 gravitation, Coriolis and centrifugal acceleration. */
  readonly gravity: boolean;
  /** Include aerodynamic drag. */
  readonly drag: boolean;
}

/** A ready-to-step airframe: the model, its scratch and the command held over the current step. */
export interface Airframe {
  readonly type: InterceptorType;
  /** State (position ECEF m, velocity ECEF m/s, mass kg), advanced in place by `stepAirframe`. */
  readonly state: Float64Array;
  /** Commanded acceleration held over the next step, ECEF m/s² (zero for unguided flight). */
  readonly accelCommand_ecef: Float64Array;
  readonly deriv: DerivativeFn;
  readonly work: Rk4Workspace;
}

/** Builds an airframe for `type` with the given physics switches; the state starts zeroed with the launch mass. */
export function createAirframe(type: InterceptorType, physics: PhysicsSwitches): Airframe {
  const state = new Float64Array(AIRFRAME_STATE_SIZE);
  state[MASS_INDEX] = type.launchMass_kg;
  const accelCommand_ecef = new Float64Array(3);
  const pos = new Float64Array(3);
  const vel = new Float64Array(3);
  const freeFall = new Float64Array(3);
  const air = new Float64Array(2);
  const massFlow_kgps = type.burnTime_s > 0 ? type.propellantMass_kg / type.burnTime_s : 0;
  const refArea_m2 = referenceArea_m2(type);
  // the Mach number moves little between RK4 stages: start each Cd look-up from the last interval (same bits)
  const cdCursor: CdCursor = { lo: 0 };
  const deriv: DerivativeFn = (t_s, y, dydt) => {
    const vx = y[3];
    const vy = y[4];
    const vz = y[5];
    const mass_kg = y[MASS_INDEX];
    const speed_mps = hypot3(vx, vy, vz);
    const burning = t_s < type.burnTime_s;
    // axial specific force: thrust (until burnout or the speed cap) minus drag
    let axial_mps2 = burning && speed_mps < type.maxSpeed_mps ? type.thrust_N / mass_kg : 0;
    if (physics.drag && speed_mps > 0) {
      airAt(approxHeight_m(y[0], y[1], y[2]), air);
      const cd = cdAtMachFrom(type.cd, speed_mps / air[AIR_SOUND_SPEED], cdCursor);
      axial_mps2 -= (0.5 * air[AIR_DENSITY] * speed_mps * speed_mps * cd * refArea_m2) / mass_kg;
    }
    const inv = speed_mps > 0 ? axial_mps2 / speed_mps : 0;
    let gx = 0;
    let gy = 0;
    let gz = 0;
    if (physics.gravity) {
      pos[0] = y[0];
      pos[1] = y[1];
      pos[2] = y[2];
      vel[0] = vx;
      vel[1] = vy;
      vel[2] = vz;
      freeFallAccelEcef(pos, vel, freeFall);
      gx = freeFall[0];
      gy = freeFall[1];
      gz = freeFall[2];
    }
    dydt[0] = vx;
    dydt[1] = vy;
    dydt[2] = vz;
    dydt[3] = vx * inv + gx + accelCommand_ecef[0];
    dydt[4] = vy * inv + gy + accelCommand_ecef[1];
    dydt[5] = vz * inv + gz + accelCommand_ecef[2];
    dydt[MASS_INDEX] = burning ? -massFlow_kgps : 0;
  };
  return { type, state, accelCommand_ecef, deriv, work: createRk4Workspace(AIRFRAME_STATE_SIZE) };
}

/**
 * Advances the airframe one RK4 step from `t_s` (s since launch) by `h_s`, then enforces the airframe speed limit.
 * @returns the speed after the step, m/s
 */
export function stepAirframe(airframe: Airframe, t_s: number, h_s: number): number {
  rk4Step(airframe.deriv, t_s, airframe.state, h_s, airframe.work);
  return clampSpeed(airframe.state, airframe.type.maxSpeed_mps);
}

/**
 * Speed cap: above `maxSpeed_mps` the thrust is already cut (see the derivative); any remaining excess (a dive
 * under gravity, the last RK4 stage of a burn) is removed by scaling the velocity back to the cap, which stands
 * for the extra drag of an airframe flown at its structural/heating limit. Returns the resulting speed, m/s.
 */
export function clampSpeed(state: Float64Array, maxSpeed_mps: number): number {
  const speed_mps = hypot3(state[3], state[4], state[5]);
  if (speed_mps <= maxSpeed_mps) return speed_mps;
  const k = maxSpeed_mps / speed_mps;
  state[3] *= k;
  state[4] *= k;
  state[5] *= k;
  return maxSpeed_mps;
}

/** Altitude of the default CN_max calibration, m. */
export const CN_CALIBRATION_ALTITUDE_m = 10_000;
/** Mach number of the default CN_max calibration. */
export const CN_CALIBRATION_MACH = 4;

/**
 * Default largest normal-force coefficient (on the reference area π d²/4) of an interceptor type: the value at which
 * the aerodynamic limit q S CN_max / m equals `maxAccel_mps2` at 10 km and Mach 4 with the motor burnt out (m =
 * launch − propellant mass). Below that altitude (or faster) the structural limit `maxAccel_mps2` governs; above
 * it the thinner air lowers the limit (≈ ×0.22 at 20 km, ×0.09 at 25 km for the same speed). Notional: a body-fin
 * missile at its trim angle-of-attack limit has CN of a few; the calibration gives ≈ 2.4 (PAC-3 MSE-class) and
 * ≈ 2.6 (PAC-2 GEM-class).
 */
export function defaultMaxNormalForceCoefficient(type: InterceptorType): number {
  const air = atmosphere1976(CN_CALIBRATION_ALTITUDE_m);
  const speed_mps = CN_CALIBRATION_MACH * air.speedOfSound_mps;
  const q_Pa = 0.5 * air.density_kgpm3 * speed_mps * speed_mps;
  const burnoutMass_kg = Math.max(type.launchMass_kg - type.propellantMass_kg, 1e-9);
  return (type.maxAccel_mps2 * burnoutMass_kg) / (q_Pa * referenceArea_m2(type));
}

/** Reference area π d²/4 of a type, m². */
export function referenceArea_m2(type: InterceptorType): number {
  return (Math.PI * type.diameter_m * type.diameter_m) / 4;
}

/**
 * Lateral acceleration limit of the airframe in its current state, m/s²: min(maxAccel_mps2, q S CN_max / m) with q =
 * ½ ρ v² (U.S. 1976 density at the current height, ECEF speed as airspeed) and CN_max from the type or
 * `defaultMaxNormalForceCoefficient`. With aerodynamics switched off (`physics.drag` false) only `maxAccel_mps2`
 * applies (guidance tests in vacuum). `air` is a 2-element scratch for `airAt`.
 */
export function lateralAccelLimit_mps2(
  type: InterceptorType,
  cnMax: number,
  aero: boolean,
  state: Readonly<Float64Array>,
  air: Float64Array,
): number {
  // no aerodynamic limit unless the type states its CN_max (opt-in fidelity, see docs/model.md)
  if (!aero || !Number.isFinite(cnMax)) return type.maxAccel_mps2;
  airAt(approxHeight_m(state[0], state[1], state[2]), air);
  const speed2 = state[3] * state[3] + state[4] * state[4] + state[5] * state[5];
  const aeroLimit = (0.5 * air[AIR_DENSITY] * speed2 * referenceArea_m2(type) * cnMax) / state[MASS_INDEX];
  return Math.min(type.maxAccel_mps2, aeroLimit);
}
