/**
 * @module tracking/mtt/updater
 * The Updater role (Stone Soup `Updater`): predicts a track's measurement (ẑ, S) for gating and association, and
 * corrects the track's filter state in place with either one assigned detection (GNN) or a set of gated detections
 * weighted by association probabilities β (PDA/JPDA: β₀ = probability that none is the target's).
 * Implementations: the (extended) Kalman updater, the unscented updater and the IMM updater.
 */
import type { FilterStateStore } from '../filterState.js';
import type { MeasurementModel } from '../models/measurement.js';

export { immUpdater } from './immUpdater.js';
export {
  createEkfWork,
  type EkfWork,
  ekfCorrectAt,
  ekfInnovationAt,
  kalmanUpdater,
} from './kalmanUpdater.js';
export { pdaCorrect } from './pdaCorrect.js';
export { unscentedUpdater } from './unscentedUpdater.js';

/** Predicted measurement of a track: mean ẑ (m), innovation covariance S (m×m), S⁻¹ and log det S. */
export interface MeasurementPrediction {
  readonly z: Float64Array;
  readonly S: Float64Array;
  readonly Sinv: Float64Array;
  logDetS: number;
}

/** Allocate a {@link MeasurementPrediction} for measurement dimension m. */
export function createMeasurementPrediction(m: number): MeasurementPrediction {
  return {
    z: new Float64Array(m),
    S: new Float64Array(m * m),
    Sinv: new Float64Array(m * m),
    logDetS: 0,
  };
}

/** Measurement prediction and correction of a track's filter state. */
export interface Updater {
  readonly model: MeasurementModel;
  /** Write the (combined) predicted measurement of `slot` into `out`; false when S is not positive definite. */
  predictMeasurement(store: FilterStateStore, slot: number, out: MeasurementPrediction): boolean;
  /**
   * Correct `slot` with detections `zIdx[0..count)` of the flat scan array `z` (stride m). `beta` null: a single
   * detection taken as the target's (count must be 1); otherwise β₀ = beta[0] (none is the target's) and
   * β_i = beta[1 + i] for zIdx[i], summing to 1 (PDA, Bar-Shalom, Daum & Huang 2009, eqs. 27–33).
   */
  update(
    store: FilterStateStore,
    slot: number,
    z: Readonly<Float64Array>,
    zIdx: Readonly<Int32Array>,
    count: number,
    beta: Readonly<Float64Array> | null,
  ): void;
}
