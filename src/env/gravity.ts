/**
 * @module env/gravity
 * Gravitational acceleration of the Earth, central term plus J2 (oblateness), in ECEF, and the apparent
 * acceleration of the rotating frame (Coriolis + centrifugal). Vallado, *Fundamentals of Astrodynamics and
 * Applications* 4th ed., eq. 8-31 (J2 acceleration) and §3.7 (rotating-frame kinematics). Higher harmonics (J3, J4,
 * tesserals; ≲ 3e−6 g) are neglected. On the ellipsoid the resulting effective gravity matches WGS84 normal gravity
 * (Somigliana: 9.7803 m/s² at the equator, 9.8322 m/s² at the poles) to better than 0.01 %.
 */
import { WGS84_A_m, WGS84_GM_m3ps2, WGS84_J2, WGS84_OMEGA_radps } from '../geo/wgs84.js';

/**
 * Gravitational (not gravity: no centrifugal term) acceleration at `pos_ecef` (m), ECEF m/s², central + J2:
 * a = −μ r / r³ · [1 + 3/2 J2 (a/r)² (1 − 5 z²/r²)] for x and y, and [1 + 3/2 J2 (a/r)² (3 − 5 z²/r²)] for z
 * (Vallado eq. 8-31). `out` may alias `pos_ecef`. Undefined at the centre of the Earth.
 * @example
 * ```ts
 * import { geodeticToEcef, gravitationEcef } from 'aspis';
 * const g_ecef = gravitationEcef(geodeticToEcef(0.58, 0.74, 0), new Float64Array(3)); // J2, m/s²
 * ```
 */
export function gravitationEcef(pos_ecef: Readonly<Float64Array>, out: Float64Array): Float64Array {
  const x = pos_ecef[0];
  const y = pos_ecef[1];
  const z = pos_ecef[2];
  const r2 = x * x + y * y + z * z;
  const r = Math.sqrt(r2);
  const mu_r3 = WGS84_GM_m3ps2 / (r2 * r);
  const k = (1.5 * WGS84_J2 * (WGS84_A_m * WGS84_A_m)) / r2;
  const zr2 = (5 * z * z) / r2;
  out[0] = -mu_r3 * x * (1 + k * (1 - zr2));
  out[1] = -mu_r3 * y * (1 + k * (1 - zr2));
  out[2] = -mu_r3 * z * (1 + k * (3 - zr2));
  return out;
}

/**
 * Acceleration of a free-falling body relative to the rotating ECEF frame, ECEF m/s²:
 * gravitation(J2) − 2 ω × v − ω × (ω × r), with ω = (0, 0, Ω) (Vallado §3.7). Position in ECEF m, velocity relative
 * to ECEF in m/s. `out` may alias either input.
 * @example
 * ```ts
 * import { freeFallAccelEcef, geodeticToEcef } from 'aspis';
 * const pos_ecef = geodeticToEcef(0.58, 0.74, 10_000);
 * const accel_ecef = freeFallAccelEcef(pos_ecef, new Float64Array([0, 0, 0]), new Float64Array(3));
 * ```
 */
export function freeFallAccelEcef(
  pos_ecef: Readonly<Float64Array>,
  vel_ecef: Readonly<Float64Array>,
  out: Float64Array,
): Float64Array {
  // read inputs first so that `out` may alias them
  const x = pos_ecef[0];
  const y = pos_ecef[1];
  const vx = vel_ecef[0];
  const vy = vel_ecef[1];
  gravitationEcef(pos_ecef, out);
  const w = WGS84_OMEGA_radps;
  // −2 ω × v = (2Ω v_y, −2Ω v_x, 0); −ω × (ω × r) = (Ω² x, Ω² y, 0)
  out[0] += 2 * w * vy + w * w * x;
  out[1] += -2 * w * vx + w * w * y;
  return out;
}
