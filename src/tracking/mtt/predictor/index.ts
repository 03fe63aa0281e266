/**
 * @module tracking/mtt/predictor
 * The Predictor role (Stone Soup `Predictor`): propagates a track's filter state forward in time, in place in a
 * {@link FilterStateStore}. Implementations: the (extended) Kalman predictor, the unscented predictor and the IMM
 * predictor (mixing + mode-matched prediction).
 */
import type { FilterStateStore } from '../filterState.js';

export { immPredictor } from './immPredictor.js';
export { ekfPredictAt, kalmanPredictor, type PredictWork } from './kalmanPredictor.js';
export { unscentedPredictor } from './unscentedPredictor.js';

/** Predicts the filter state of a track forward, in place. */
export interface Predictor {
  /** Predict every component of track `slot` by `dt_s` seconds (> 0). */
  predict(store: FilterStateStore, slot: number, dt_s: number): void;
}
