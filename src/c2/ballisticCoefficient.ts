/**
 * @module c2/ballisticCoefficient
 * Learns a ballistic track's ballistic coefficient β = m / (Cd·A) (kg/m², the convention of docs/impact-prediction.md §1: larger β
 * = less drag) from the track itself, so that the impact-point predictor stops assuming one β per kinematic class.
 *
 * Estimator (docs/impact-prediction.md §2): a scalar Kalman filter on the *inverse* ballistic coefficient k = 1/β, the form in which
 * drag is linear — the drag deceleration along the velocity is D = k·q with q = ½ ρ(h) |v|², so the update is exact
 * (Zarchan, *Tactical and Strategic Missile Guidance*, estimates β with an EKF on a β-augmented state; Farina, Ristic
 * & Benvenuti, IEEE TAES 38(3), 2002, assume β known a priori — the assumption removed here). Each measurement is
 * a finite difference of the tracker's *filtered* velocity between two updates at least
 * {@link BallisticCoefficientOptions.baseline_s} apart: the observed acceleration minus the free-fall acceleration
 * (J2, Coriolis, centrifugal) at the midpoint, projected on −v̂, is D; its noise variance is 2 σᵥ² / Δt², σᵥ the
 * filtered velocity's standard deviation along v̂ (the two differenced estimates treated as independent, which
 * over-states the noise of positively correlated filter errors: the estimate is conservative). The prior is the
 * class-assumed β of the impact predictor with a relative standard deviation; k follows a random walk so that β may
 * drift as Cd changes with Mach. High in the atmosphere q ≈ 0 and the estimate stays at the prior: β is only
 * observable where drag is (below ~25 km for an SRBM re-entry, the last ~20 s).
 *
 * Layering: it reads the track's state and covariance and the atmosphere, and writes only its own per-track state;
 * the C2 node keeps one estimate per track id (`c2/node`).
 */
import { AIR_DENSITY, airAt } from '../env/atmosphere.js';
import { freeFallAccelEcef } from '../env/gravity.js';
import { approxHeightOf_m } from '../geo/wgs84.js';
import { hypot3 } from '../math/hypot.js';

/** Options of the ballistic-coefficient estimator (docs/impact-prediction.md §2). */
export interface BallisticCoefficientOptions {
  /** Relative 1σ of the prior on k = 1/β (0.5: the prior β is trusted to within a factor ~2), dimensionless. */
  readonly priorRelativeStd: number;
  /** Shortest time between the two filtered velocities differenced into one deceleration sample, s. */
  readonly baseline_s: number;
  /** Random-walk rate of k, relative to the prior k, per √s (β drifts as Cd changes with Mach), 1/√s. */
  readonly relativeDrift_per_sqrt_s: number;
  /** Smallest β the estimate may report (a tumbling, broken-up body), kg/m². */
  readonly minBeta_kgpm2: number;
  /** Largest β the estimate may report (k ≥ 1/this; a dense re-entry vehicle), kg/m². */
  readonly maxBeta_kgpm2: number;
}

/**
 * Defaults [N]: the prior β within a factor of ~2 at 1σ (the catalog's SRBMs span 12,000–28,000 kg/m² about the
 * predictor's 20,000), 2 s baseline (two to four radar revisits), 2 %/√s drift (Cd of the catalog re-entry bodies
 * changes by ~30 % over the last 20 s as Mach falls from 6 to 4), β kept within 300–300,000 kg/m².
 */
export function defaultBallisticCoefficientOptions(): BallisticCoefficientOptions {
  return {
    priorRelativeStd: 0.5,
    baseline_s: 2,
    relativeDrift_per_sqrt_s: 0.02,
    minBeta_kgpm2: 300,
    maxBeta_kgpm2: 300_000,
  };
}

/** Per-track state of the estimator. */
export interface BallisticCoefficientEstimate {
  /** Estimate of k = 1/β = Cd·A/m, m²/kg. */
  invBeta_m2pkg: number;
  /** Variance of k, (m²/kg)². */
  variance_m4pkg2: number;
  /** Prior k (the random walk's scale), m²/kg. */
  readonly priorInvBeta_m2pkg: number;
  /** Time of the anchor sample (the older end of the next difference), s. */
  anchorTime_s: number;
  readonly anchorPos_ecef: Float64Array;
  readonly anchorVel_ecef: Float64Array;
  /** Deceleration samples fused so far. */
  samples: number;
}

/** Starts an estimate at a prior β from the track's filtered state `x` = [p, v] (ECEF) at `t_s`. */
export function createBallisticCoefficientEstimate(
  priorBeta_kgpm2: number,
  x: Readonly<Float64Array>,
  t_s: number,
  options: BallisticCoefficientOptions,
): BallisticCoefficientEstimate {
  const k0 = 1 / priorBeta_kgpm2;
  return {
    invBeta_m2pkg: k0,
    variance_m4pkg2: (options.priorRelativeStd * k0) ** 2,
    priorInvBeta_m2pkg: k0,
    anchorTime_s: t_s,
    anchorPos_ecef: Float64Array.of(x[0], x[1], x[2]),
    anchorVel_ecef: Float64Array.of(x[3], x[4], x[5]),
    samples: 0,
  };
}

/** Scratch of one estimator (per C2 node, never shared module state). */
export interface BallisticCoefficientScratch {
  readonly pos: Float64Array;
  readonly vel: Float64Array;
  readonly g: Float64Array;
  readonly air: Float64Array;
}

export function createBallisticCoefficientScratch(): BallisticCoefficientScratch {
  return {
    pos: new Float64Array(3),
    vel: new Float64Array(3),
    g: new Float64Array(3),
    air: new Float64Array(2),
  };
}

/**
 * Fuses the track's newest filtered state into the estimate (module note) when it is at least `baseline_s` after
 * the anchor; otherwise leaves the estimate unchanged. Returns whether a sample was fused.
 * @param x filtered state [px, py, pz, vx, vy, vz] at `t_s`, ECEF m and m/s (a posterior, not a coasted prediction)
 * @param P its covariance, row-major 6×6
 */
export function updateBallisticCoefficient(
  est: BallisticCoefficientEstimate,
  x: Readonly<Float64Array>,
  P: Readonly<Float64Array>,
  t_s: number,
  options: BallisticCoefficientOptions,
  scratch: BallisticCoefficientScratch,
): boolean {
  const dt_s = t_s - est.anchorTime_s;
  if (!(dt_s >= options.baseline_s)) return false;
  const { pos, vel, g, air } = scratch;
  for (let i = 0; i < 3; i++) {
    pos[i] = 0.5 * (est.anchorPos_ecef[i] + x[i]);
    vel[i] = 0.5 * (est.anchorVel_ecef[i] + x[3 + i]);
  }
  const speed_mps = hypot3(vel[0], vel[1], vel[2]);
  freeFallAccelEcef(pos, vel, g);
  // deceleration along the velocity not explained by free fall, D = −(Δv/Δt − g)·v̂, and the filtered velocity's
  // variance along v̂
  let decel_mps2 = 0;
  let sigmaV2 = 0;
  for (let i = 0; i < 3; i++) {
    const u = vel[i] / speed_mps;
    decel_mps2 -= ((x[3 + i] - est.anchorVel_ecef[i]) / dt_s - g[i]) * u;
    for (let j = 0; j < 3; j++) sigmaV2 += u * P[(3 + i) * 6 + 3 + j] * (vel[j] / speed_mps);
  }
  // the newer state becomes the next anchor whatever this sample is worth
  est.anchorTime_s = t_s;
  for (let i = 0; i < 3; i++) {
    est.anchorPos_ecef[i] = x[i];
    est.anchorVel_ecef[i] = x[3 + i];
  }
  if (!(speed_mps > 0) || !Number.isFinite(decel_mps2)) return false;
  const rho_kgpm3 = airAt(approxHeightOf_m(pos), air)[AIR_DENSITY];
  const q_Pa = 0.5 * rho_kgpm3 * speed_mps * speed_mps;
  const r = (2 * Math.max(sigmaV2, 0)) / (dt_s * dt_s);
  // random walk of k over the interval, then the scalar Kalman update on D = k q
  est.variance_m4pkg2 += (options.relativeDrift_per_sqrt_s * est.priorInvBeta_m2pkg) ** 2 * dt_s;
  const s = q_Pa * q_Pa * est.variance_m4pkg2 + r;
  if (!(s > 0)) return false;
  const gain = (est.variance_m4pkg2 * q_Pa) / s;
  est.invBeta_m2pkg += gain * (decel_mps2 - q_Pa * est.invBeta_m2pkg);
  est.variance_m4pkg2 *= 1 - gain * q_Pa;
  est.invBeta_m2pkg = Math.min(
    1 / options.minBeta_kgpm2,
    Math.max(1 / options.maxBeta_kgpm2, est.invBeta_m2pkg),
  );
  est.samples++;
  return true;
}

/** The estimate's β, kg/m². */
export function ballisticCoefficientOf_kgpm2(est: BallisticCoefficientEstimate): number {
  return 1 / est.invBeta_m2pkg;
}
