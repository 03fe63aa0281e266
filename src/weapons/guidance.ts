/**
 * @module weapons/guidance
 * Homing guidance laws as pure functions over Float64Array. Both laws are *true* proportional navigation (Zarchan,
 * *Tactical and Strategic Missile Guidance*, 6th ed., ch. 2): the command is N' · V_c · λ̇ perpendicular to the line
 * of sight, with V_c = −Ṙ the closing speed and λ̇ the LOS rotation rate. Using Ω = (r × v)/|r|² and the LOS unit
 * û = r/|r|, Ω × û = (v − û (û · v)) / |r|, so the command is N' V_c v⊥ / |r| with v⊥ the relative velocity normal to
 * the LOS (no cross products needed). Augmented PN (Zarchan ch. 8) adds N'/2 times the target's acceleration normal
 * to the LOS. An aerodynamic/ACM-controlled interceptor can only turn, so the command is then projected normal to
 * the interceptor velocity and its magnitude limited to `maxAccel_mps2`. All vectors share one Cartesian frame
 * (ECEF in aspis); relative quantities are target minus interceptor.
 */
import { hypot3 } from '../math/hypot.js';
import type { ReadonlyVec3 } from '../math/vec3.js';

/** Inputs of a homing law at one instant. Vectors in one Cartesian frame (ECEF), SI units. */
export interface GuidanceInputs {
  /** Interceptor position, m. */
  readonly interceptorPos: ReadonlyVec3;
  /** Interceptor velocity, m/s. */
  readonly interceptorVel: ReadonlyVec3;
  /** Position the seeker homes on, m. */
  readonly targetPos: ReadonlyVec3;
  /** Velocity of that point, m/s. */
  readonly targetVel: ReadonlyVec3;
  /**
   * Target acceleration relative to the interceptor's own unpowered acceleration, m/s² (for a target and an
   * interceptor both falling freely this is ~0; only augmented PN reads it).
   */
  readonly targetAccel: ReadonlyVec3;
  /** Effective navigation ratio N' (dimensionless, typically 3–5). */
  readonly navigationConstant: number;
  /** Lateral acceleration limit, m/s². */
  readonly maxAccel_mps2: number;
}

/**
 * A homing law: writes the commanded acceleration (m/s², same frame as the inputs) into `out`, normal to the
 * interceptor velocity and no larger than `maxAccel_mps2`, and returns `out`.
 */
export type Guidance = (out: Float64Array, inputs: GuidanceInputs) => Float64Array;

/**
 * True proportional navigation: a = N' V_c λ̇ (normal to the LOS), then made normal to the interceptor velocity
 * and limited to `maxAccel_mps2`. Returns zero when the range is zero. V_c is used signed (an opening geometry
 * reverses the command, as in the textbook law). A non-finite command (degenerate inputs) is replaced by zero.
 */
export const proportionalNavigation: Guidance = (out, inputs) => pnCommand(out, inputs, 0);

/**
 * Augmented proportional navigation: true PN plus (N'/2) · a_T⊥, the target acceleration normal to the LOS, then
 * projected normal to the interceptor velocity and limited like `proportionalNavigation`.
 */
export const augmentedPN: Guidance = (out, inputs) => pnCommand(out, inputs, 0.5 * inputs.navigationConstant);

/** Below this range (m) the LOS is undefined and the command is zero. */
const MIN_RANGE_m = 1e-6;

/** Shared body of PN and APN; `accelGain` multiplies the target acceleration normal to the LOS. */
function pnCommand(out: Float64Array, g: GuidanceInputs, accelGain: number): Float64Array {
  const rx = g.targetPos[0] - g.interceptorPos[0];
  const ry = g.targetPos[1] - g.interceptorPos[1];
  const rz = g.targetPos[2] - g.interceptorPos[2];
  const range_m = hypot3(rx, ry, rz);
  if (!(range_m > MIN_RANGE_m)) {
    out[0] = 0;
    out[1] = 0;
    out[2] = 0;
    return out;
  }
  const ux = rx / range_m;
  const uy = ry / range_m;
  const uz = rz / range_m;
  const vx = g.targetVel[0] - g.interceptorVel[0];
  const vy = g.targetVel[1] - g.interceptorVel[1];
  const vz = g.targetVel[2] - g.interceptorVel[2];
  // closing speed and relative velocity normal to the LOS
  const vAlong = ux * vx + uy * vy + uz * vz;
  const closing_mps = -vAlong;
  const k = (g.navigationConstant * closing_mps) / range_m;
  let ax = k * (vx - ux * vAlong);
  let ay = k * (vy - uy * vAlong);
  let az = k * (vz - uz * vAlong);
  // augmentation: target acceleration normal to the LOS
  if (accelGain !== 0) {
    const tx = g.targetAccel[0];
    const ty = g.targetAccel[1];
    const tz = g.targetAccel[2];
    const tAlong = ux * tx + uy * ty + uz * tz;
    ax += accelGain * (tx - ux * tAlong);
    ay += accelGain * (ty - uy * tAlong);
    az += accelGain * (tz - uz * tAlong);
  }
  out[0] = ax;
  out[1] = ay;
  out[2] = az;
  return limitLateral(out, g.interceptorVel, g.maxAccel_mps2);
}

/**
 * Removes from `accel` (in place) its component along `vel`, then scales it down to at most `maxAccel_mps2`.
 * With a zero velocity only the magnitude limit applies. A non-finite result becomes zero. Returns `accel`.
 */
export function limitLateral(accel: Float64Array, vel: ReadonlyVec3, maxAccel_mps2: number): Float64Array {
  // twice: a command nearly along the velocity leaves a rounding residue ε·|a| after the first pass
  removeAlong(accel, vel);
  removeAlong(accel, vel);
  const mag = hypot3(accel[0], accel[1], accel[2]);
  if (!Number.isFinite(mag)) {
    // NaN guard: an undefined command becomes no command
    accel.fill(0);
  } else if (mag > maxAccel_mps2) {
    const s = maxAccel_mps2 > 0 ? maxAccel_mps2 / mag : 0;
    accel[0] *= s;
    accel[1] *= s;
    accel[2] *= s;
  }
  return accel;
}

/** accel ← accel − vel (accel · vel)/|vel|² (nothing when vel is zero). */
function removeAlong(accel: Float64Array, vel: ReadonlyVec3): void {
  const speed2 = vel[0] * vel[0] + vel[1] * vel[1] + vel[2] * vel[2];
  if (!(speed2 > 0)) return;
  const along = (accel[0] * vel[0] + accel[1] * vel[1] + accel[2] * vel[2]) / speed2;
  accel[0] -= along * vel[0];
  accel[1] -= along * vel[1];
  accel[2] -= along * vel[2];
}
