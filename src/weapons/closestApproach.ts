/**
 * @module weapons/closestApproach
 * True closest approach inside one integration step. The relative position over the step is the cubic Hermite
 * interpolant of the positions and velocities at the two step ends (exact for motion with constant relative
 * acceleration, hence for linear motion), and the minimum of its squared length is found by Newton's method on
 * d/dτ |p|²/2 = p · p′ started from each of nine samples, so neither a fast fly-by between two samples nor a
 * second local minimum is missed.
 */
import type { ReadonlyVec3 } from '../math/vec3.js';

/** Closest approach inside one step. */
export interface ClosestApproach {
  /** Time of closest approach after the start of the step, s, in [0, dt]. */
  readonly tau_s: number;
  /** Distance at closest approach, m. */
  readonly miss_m: number;
}

/** Samples used to seed the Newton search (including both ends). */
const SEED_SAMPLES = 8;
/** Newton converges only linearly (ratio ≈ 2/3) at a double root of p · p′ (a grazing pass): allow enough steps. */
const NEWTON_ITERATIONS = 64;

/**
 * Closest approach of a relative motion over one step of length `dt_s` from the relative position/velocity at its
 * start (`relPos0`, m; `relVel0`, m/s) and end (`relPos1`, `relVel1`). Any Cartesian frame; relative = target −
 * interceptor (either sign convention works). With `dt_s <= 0` the start is returned.
 * @example
 * ```ts
 * import { closestApproach } from 'aspis';
 * // relative position and velocity at the start and end of a 0.1 s step
 * const ca = closestApproach(
 *   new Float64Array([100, 0, 0]), new Float64Array([-1_500, 0, 0]),
 *   new Float64Array([-50, 0, 2]), new Float64Array([-1_500, 0, 0]),
 *   0.1,
 * );
 * ```
 */
export function closestApproach(
  relPos0: ReadonlyVec3,
  relVel0: ReadonlyVec3,
  relPos1: ReadonlyVec3,
  relVel1: ReadonlyVec3,
  dt_s: number,
): ClosestApproach {
  if (!(dt_s > 0)) return { tau_s: 0, miss_m: Math.hypot(relPos0[0], relPos0[1], relPos0[2]) };
  const c = hermiteCoefficients(relPos0, relVel0, relPos1, relVel1, dt_s);
  // |p(τ)|² is a sextic with up to three local minima in a step: run Newton from every one of evenly spaced
  // seeds (ends included) and keep the best point seen, so the global minimum is never left for a local one
  let bestTau = 0;
  let bestF = squaredLength(c, 0);
  for (let i = 0; i <= SEED_SAMPLES; i++) {
    let tau = (i * dt_s) / SEED_SAMPLES;
    for (let it = 0; it <= NEWTON_ITERATIONS; it++) {
      const f = squaredLength(c, tau);
      if (f < bestF) {
        bestF = f;
        bestTau = tau;
      }
      if (it === NEWTON_ITERATIONS) break;
      const { g, dg } = stationarity(c, tau);
      if (!(dg > 0)) break;
      const next = Math.min(dt_s, Math.max(0, tau - g / dg));
      if (next === tau) break;
      tau = next;
    }
  }
  return { tau_s: bestTau, miss_m: Math.sqrt(bestF) };
}

/**
 * Power-form coefficients of the cubic Hermite interpolant p(τ) = a + bτ + cτ² + dτ³ per axis, laid out as
 * [a0 a1 a2 b0 b1 b2 c0 c1 c2 d0 d1 d2].
 */
function hermiteCoefficients(
  p0: ReadonlyVec3,
  v0: ReadonlyVec3,
  p1: ReadonlyVec3,
  v1: ReadonlyVec3,
  h: number,
): Float64Array {
  const out = new Float64Array(12);
  for (let k = 0; k < 3; k++) {
    const dp = p1[k] - p0[k];
    out[k] = p0[k];
    out[3 + k] = v0[k];
    out[6 + k] = ((3 * dp) / h - 2 * v0[k] - v1[k]) / h;
    out[9 + k] = ((-2 * dp) / h + v0[k] + v1[k]) / (h * h);
  }
  return out;
}

function squaredLength(c: Float64Array, t: number): number {
  let s = 0;
  for (let k = 0; k < 3; k++) {
    const p = c[k] + t * (c[3 + k] + t * (c[6 + k] + t * c[9 + k]));
    s += p * p;
  }
  return s;
}

/** g = p · p′ and its derivative p′ · p′ + p · p″ at τ = t. */
function stationarity(c: Float64Array, t: number): { g: number; dg: number } {
  let g = 0;
  let dg = 0;
  for (let k = 0; k < 3; k++) {
    const p = c[k] + t * (c[3 + k] + t * (c[6 + k] + t * c[9 + k]));
    const dp = c[3 + k] + t * (2 * c[6 + k] + 3 * t * c[9 + k]);
    const ddp = 2 * c[6 + k] + 6 * t * c[9 + k];
    g += p * dp;
    dg += dp * dp + p * ddp;
  }
  return { g, dg };
}
