/**
 * @module tracking/mtt/gater
 * The Gater role (Stone Soup `Gater`/`DistanceGater`): selects, for one track's predicted measurement, the
 * detections inside its validation gate d² = νᵀ S⁻¹ ν < g² (g the gate on the Mahalanobis distance d, not d²).
 */
import type { MeasurementPrediction } from '../updater/index.js';

export { sweepGater } from './sweepGater.js';

/** Growable list of gated detections of one track: indices and their d². */
export class GateList {
  idx: Int32Array = new Int32Array(64);
  d2: Float64Array = new Float64Array(64);
  length = 0;

  /** Append detection `j` with normalised innovation squared `d2`. */
  push(j: number, d2: number): void {
    if (this.length === this.idx.length) {
      const idx = new Int32Array(this.length * 2);
      idx.set(this.idx);
      this.idx = idx;
      const d = new Float64Array(this.length * 2);
      d.set(this.d2);
      this.d2 = d;
    }
    this.idx[this.length] = j;
    this.d2[this.length] = d2;
    this.length++;
  }
}

/** Validation gating of one scan's detections. */
export interface Gater {
  /** Index the scan's detections `z` (flat, stride m, `nz` of them). */
  setDetections(z: Readonly<Float64Array>, nz: number): void;
  /** Append to `out` every detection j with used[j] = 0 inside the gate of `pred`, in increasing order of j. */
  gate(pred: MeasurementPrediction, used: Readonly<Uint8Array>, out: GateList): void;
}
