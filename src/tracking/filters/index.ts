/**
 * @module tracking/filters
 * Predictor and Updater roles for the generic (dense, any-dimension) filters: the batch linear Kalman filter with
 * RTS smoothing (`kalman.ts`), the IMM with linear modes (`imm.ts`) and the scaled unscented transform
 * (`unscented.ts`). The hot-path trackers keep their
 * own closed-form 2×2/3×3 code (`engine/ecefFilter.ts`, `mttTracker.ts`).
 */
import type { GaussianEstimate } from './kalman.js';

export {
  combineGaussians,
  coordinatedTurnTransition,
  type ImmMode,
  type ImmState,
  type ImmStepResult,
  immStep,
  ncvProcessNoise,
  ncvTransition,
} from './imm.js';
export {
  type GaussianEstimate,
  type KalmanResult,
  type KalmanStep,
  kalmanFilter,
  type LinearGaussianModel,
  rtsSmoother,
} from './kalman.js';
export { type UnscentedOptions, type UnscentedResult, unscentedTransform } from './unscented.js';

/** Predicts a Gaussian estimate forward by `dt_s` seconds. */
export interface Predictor {
  predict(prior: GaussianEstimate, dt_s: number): GaussianEstimate;
}

/** Updates a predicted Gaussian estimate with measurement `z` of covariance `R` (row-major). */
export interface Updater {
  update(predicted: GaussianEstimate, z: Readonly<Float64Array>, R: Readonly<Float64Array>): GaussianEstimate;
}
