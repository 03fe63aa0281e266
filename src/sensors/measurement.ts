/**
 * @module sensors/measurement
 * The converted-measurement model of a polar radar: a (range, azimuth, elevation) measurement with independent
 * Gaussian errors is mapped to a Cartesian position and its covariance is carried through the Jacobian of the
 * spherical-to-ENU map, then rotated into ECEF (Bar-Shalom, Li & Kirubarajan, *Estimation with Applications to
 * Tracking and Navigation*, §10.4.3 "linearised conversion"). Trackers then filter in ECEF with no sensor lookup.
 */
import type { Aer } from '../geo/frames.js';

/** 1σ errors of a polar measurement. */
export interface PolarSigmas {
  /** Slant-range error, m. */
  readonly range_m: number;
  /** Azimuth error, rad. */
  readonly azimuth_rad: number;
  /** Elevation error, rad. */
  readonly elevation_rad: number;
}

/**
 * Covariance of the ENU position converted from a polar measurement, row-major 3×3 (m²):
 *
 *   P_enu = J · diag(σr², σa², σe²) · Jᵀ,  J = ∂(e, n, u) / ∂(r, az, el)
 *
 * with e = r cos el sin az, n = r cos el cos az, u = r sin el (azimuth clockwise from north), the Jacobian evaluated
 * at `aer` (the measurement, as a tracker sees it). Linearised conversion: Bar-Shalom, Li & Kirubarajan, §10.4.3.
 * @param aer measured azimuth (rad, clockwise from north), elevation (rad) and slant range (m)
 * @param sigmas 1σ polar errors
 * @param out optional Float64Array(9) to write into
 * @returns `out`, m², ENU frame of the radar
 */
export function polarCovarianceEnu(aer: Aer, sigmas: PolarSigmas, out?: Float64Array): Float64Array {
  const o = out ?? new Float64Array(9);
  const sinAz = Math.sin(aer.azimuth_rad);
  const cosAz = Math.cos(aer.azimuth_rad);
  const sinEl = Math.sin(aer.elevation_rad);
  const cosEl = Math.cos(aer.elevation_rad);
  const r = aer.range_m;
  // Jacobian columns scaled by the 1σ errors: J·diag(σ) so that P = (Jσ)(Jσ)ᵀ; scalars, not arrays (one conversion
  // per detection), each entry the same three products summed in the same order
  const r0 = cosEl * sinAz * sigmas.range_m;
  const r1 = cosEl * cosAz * sigmas.range_m;
  const r2 = sinEl * sigmas.range_m;
  const a0 = r * cosEl * cosAz * sigmas.azimuth_rad;
  const a1 = -r * cosEl * sinAz * sigmas.azimuth_rad;
  const a2 = 0;
  const e0 = -r * sinEl * sinAz * sigmas.elevation_rad;
  const e1 = -r * sinEl * cosAz * sigmas.elevation_rad;
  const e2 = r * cosEl * sigmas.elevation_rad;
  o[0] = r0 * r0 + a0 * a0 + e0 * e0;
  o[1] = r0 * r1 + a0 * a1 + e0 * e1;
  o[2] = r0 * r2 + a0 * a2 + e0 * e2;
  o[3] = r1 * r0 + a1 * a0 + e1 * e0;
  o[4] = r1 * r1 + a1 * a1 + e1 * e1;
  o[5] = r1 * r2 + a1 * a2 + e1 * e2;
  o[6] = r2 * r0 + a2 * a0 + e2 * e0;
  o[7] = r2 * r1 + a2 * a1 + e2 * e1;
  o[8] = r2 * r2 + a2 * a2 + e2 * e2;
  return o;
}

/**
 * Rotates an ENU covariance into ECEF: P_ecef = Cᵀ · P_enu · C with C = `dcmEnuFromEcef` (since v_ecef = Cᵀ v_enu).
 * Row-major 3×3, m².
 * @param dcmEnuFromEcef row-major rotation ECEF → ENU of the radar site
 * @param cov_enu covariance in ENU, m²
 * @param out optional Float64Array(9) to write into (may alias `cov_enu`)
 * @returns `out`, m², ECEF
 */
export function rotateCovarianceEnuToEcef(
  dcmEnuFromEcef: Readonly<Float64Array>,
  cov_enu: Readonly<Float64Array>,
  out?: Float64Array,
): Float64Array {
  const o = out ?? new Float64Array(9);
  // temp = P_enu · C, in scalars (no scratch array per call; `out` may alias `cov_enu`)
  const t0 = cov_enu[0] * dcmEnuFromEcef[0] + cov_enu[1] * dcmEnuFromEcef[3] + cov_enu[2] * dcmEnuFromEcef[6];
  const t1 = cov_enu[0] * dcmEnuFromEcef[1] + cov_enu[1] * dcmEnuFromEcef[4] + cov_enu[2] * dcmEnuFromEcef[7];
  const t2 = cov_enu[0] * dcmEnuFromEcef[2] + cov_enu[1] * dcmEnuFromEcef[5] + cov_enu[2] * dcmEnuFromEcef[8];
  const t3 = cov_enu[3] * dcmEnuFromEcef[0] + cov_enu[4] * dcmEnuFromEcef[3] + cov_enu[5] * dcmEnuFromEcef[6];
  const t4 = cov_enu[3] * dcmEnuFromEcef[1] + cov_enu[4] * dcmEnuFromEcef[4] + cov_enu[5] * dcmEnuFromEcef[7];
  const t5 = cov_enu[3] * dcmEnuFromEcef[2] + cov_enu[4] * dcmEnuFromEcef[5] + cov_enu[5] * dcmEnuFromEcef[8];
  const t6 = cov_enu[6] * dcmEnuFromEcef[0] + cov_enu[7] * dcmEnuFromEcef[3] + cov_enu[8] * dcmEnuFromEcef[6];
  const t7 = cov_enu[6] * dcmEnuFromEcef[1] + cov_enu[7] * dcmEnuFromEcef[4] + cov_enu[8] * dcmEnuFromEcef[7];
  const t8 = cov_enu[6] * dcmEnuFromEcef[2] + cov_enu[7] * dcmEnuFromEcef[5] + cov_enu[8] * dcmEnuFromEcef[8];
  // out = Cᵀ · temp
  o[0] = dcmEnuFromEcef[0] * t0 + dcmEnuFromEcef[3] * t3 + dcmEnuFromEcef[6] * t6;
  o[1] = dcmEnuFromEcef[0] * t1 + dcmEnuFromEcef[3] * t4 + dcmEnuFromEcef[6] * t7;
  o[2] = dcmEnuFromEcef[0] * t2 + dcmEnuFromEcef[3] * t5 + dcmEnuFromEcef[6] * t8;
  o[3] = dcmEnuFromEcef[1] * t0 + dcmEnuFromEcef[4] * t3 + dcmEnuFromEcef[7] * t6;
  o[4] = dcmEnuFromEcef[1] * t1 + dcmEnuFromEcef[4] * t4 + dcmEnuFromEcef[7] * t7;
  o[5] = dcmEnuFromEcef[1] * t2 + dcmEnuFromEcef[4] * t5 + dcmEnuFromEcef[7] * t8;
  o[6] = dcmEnuFromEcef[2] * t0 + dcmEnuFromEcef[5] * t3 + dcmEnuFromEcef[8] * t6;
  o[7] = dcmEnuFromEcef[2] * t1 + dcmEnuFromEcef[5] * t4 + dcmEnuFromEcef[8] * t7;
  o[8] = dcmEnuFromEcef[2] * t2 + dcmEnuFromEcef[5] * t5 + dcmEnuFromEcef[8] * t8;
  return o;
}
