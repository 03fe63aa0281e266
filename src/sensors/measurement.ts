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
  // Jacobian columns scaled by the 1σ errors: J·diag(σ) so that P = (Jσ)(Jσ)ᵀ
  const rangeColumn = [
    cosEl * sinAz * sigmas.range_m,
    cosEl * cosAz * sigmas.range_m,
    sinEl * sigmas.range_m,
  ];
  const azimuthColumn = [r * cosEl * cosAz * sigmas.azimuth_rad, -r * cosEl * sinAz * sigmas.azimuth_rad, 0];
  const elevationColumn = [
    -r * sinEl * sinAz * sigmas.elevation_rad,
    -r * sinEl * cosAz * sigmas.elevation_rad,
    r * cosEl * sigmas.elevation_rad,
  ];
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      o[3 * i + j] =
        rangeColumn[i] * rangeColumn[j] +
        azimuthColumn[i] * azimuthColumn[j] +
        elevationColumn[i] * elevationColumn[j];
    }
  }
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
  // temp = P_enu · C
  const temp = new Float64Array(9);
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      temp[3 * i + j] =
        cov_enu[3 * i] * dcmEnuFromEcef[j] +
        cov_enu[3 * i + 1] * dcmEnuFromEcef[3 + j] +
        cov_enu[3 * i + 2] * dcmEnuFromEcef[6 + j];
    }
  }
  // out = Cᵀ · temp
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < 3; j++) {
      o[3 * i + j] =
        dcmEnuFromEcef[i] * temp[j] +
        dcmEnuFromEcef[3 + i] * temp[3 + j] +
        dcmEnuFromEcef[6 + i] * temp[6 + j];
    }
  }
  return o;
}
