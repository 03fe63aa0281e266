/**
 * @module env/gravity
 * Gravitational acceleration of the Earth, central term plus J2 (oblateness), in ECEF, and the apparent
 * acceleration of the rotating frame (Coriolis + centrifugal). Vallado, *Fundamentals of Astrodynamics*, §8.6.1.
 */
import { WGS84_A_m, WGS84_GM_m3ps2, WGS84_J2, WGS84_OMEGA_radps } from '../geo/wgs84.js';

/** Gravitational (not gravity: no centrifugal) acceleration at `pos_ecef`, m/s², central + J2. */
export function gravitationEcef(pos_ecef: Readonly<Float64Array>, out: Float64Array): Float64Array {
  const x = pos_ecef[0];
  const y = pos_ecef[1];
  const z = pos_ecef[2];
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const mu_r3 = WGS84_GM_m3ps2 / (r2 * r);
  const k = 1.5 * WGS84_J2 * (WGS84_A_m * WGS84_A_m) / r2;
  const zr2 = (5 * z * z) / r2;
  out[0] = -mu_r3 * x * (1 + k * (1 - zr2));
  out[1] = -mu_r3 * y * (1 + k * (1 - zr2));
  out[2] = -mu_r3 * z * (1 + k * (3 - zr2));
  return out;
}

/**
 * Total kinematic acceleration felt by a free body in the rotating ECEF frame, m/s²:
 * gravitation(J2) − 2 ω × v − ω × (ω × r), with ω = (0, 0, Ω).
 */
export function freeFallAccelEcef(
  pos_ecef: Readonly<Float64Array>,
  vel_ecef: Readonly<Float64Array>,
  out: Float64Array,
): Float64Array {
  gravitationEcef(pos_ecef, out);
  const w = WGS84_OMEGA_radps;
  // −2 ω × v = (2Ω v_y, −2Ω v_x, 0); −ω × (ω × r) = (Ω² x, Ω² y, 0)
  out[0] += 2 * w * vel_ecef[1] + w * w * pos_ecef[0];
  out[1] += -2 * w * vel_ecef[0] + w * w * pos_ecef[1];
  return out;
}
