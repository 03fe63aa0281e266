/**
 * @module tracking/mtt/initiator/singlePointInitiator
 * Single-point initiation (Bar-Shalom et al. 2001 §3.7; Stone Soup's reference prior): position = the detection with
 * covariance R (σ² per axis), velocity 0 with variance σ_v², acceleration 0 with σ_a², turn rate 0 with σ_ω², the
 * same for every IMM component, with the given initial mode probabilities.
 */
import type { FilterStateStore } from '../filterState.js';
import { posIndex, type StateLayout } from '../models/layout.js';
import type { Initiator } from './index.js';

/** Prior spreads of a new track (every field a standard deviation). */
export interface SinglePointPrior {
  /** Measurement noise per axis, m. */
  readonly sigma_m: number;
  /** Velocity per axis, m/s. */
  readonly velocityStd_mps: number;
  /** Acceleration per axis (layouts with accelerations), m/s². */
  readonly accelerationStd_mps2: number;
  /** Turn rate (layouts with ω), rad/s. */
  readonly turnRateStd_radps: number;
  /** Initial component weights (IMM mode probabilities), length r, summing to 1. */
  readonly modeProbabilities: readonly number[];
}

/** Initiator writing the {@link SinglePointPrior} for detections of the position sensor. */
export function singlePointInitiator(layout: StateLayout, prior: SinglePointPrior): Initiator {
  const n = layout.n;
  const diag = new Float64Array(n);
  for (let a = 0; a < layout.dim; a++) {
    const p = posIndex(layout, a);
    diag[p] = prior.sigma_m ** 2;
    diag[p + 1] = prior.velocityStd_mps ** 2;
    if (layout.perAxis === 3) diag[p + 2] = prior.accelerationStd_mps2 ** 2;
  }
  if (layout.omegaIndex >= 0) diag[layout.omegaIndex] = prior.turnRateStd_radps ** 2;
  return {
    initiate(store: FilterStateStore, slot: number, z: Readonly<Float64Array>, zOff: number) {
      for (let c = 0; c < store.r; c++) {
        const xo = store.xOffset(slot, c);
        const po = store.pOffset(slot, c);
        store.x.fill(0, xo, xo + n);
        store.P.fill(0, po, po + n * n);
        for (let a = 0; a < layout.dim; a++) store.x[xo + posIndex(layout, a)] = z[zOff + a];
        for (let i = 0; i < n; i++) store.P[po + i * n + i] = diag[i];
        store.mu[slot * store.r + c] = prior.modeProbabilities[c];
      }
    },
  };
}
