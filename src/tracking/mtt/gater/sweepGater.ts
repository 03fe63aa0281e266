/**
 * @module tracking/mtt/gater/sweepGater
 * Exact ellipsoidal gating with a sort-and-sweep pre-gate on the first measurement coordinate: detections are sorted
 * by z₀ once per scan; a track's gate νᵀS⁻¹ν < g² implies |ν₀| < g·√S₀₀ (the support of the ellipsoid along axis 0),
 * so only the detections in that slab (found by binary search) are tested. Valid for measurements whose first
 * component is a Cartesian coordinate (the `mtt-scenario` position sensor); for other models it is still exact,
 * just no faster than testing all detections when S₀₀ is large.
 */
import { quadForm } from '../smallMatrix.js';
import type { MeasurementPrediction } from '../updater/index.js';
import type { GateList, Gater } from './index.js';

/** Sort-and-sweep gater for measurement dimension m and Mahalanobis gate `gate` (d < gate). */
export function sweepGater(m: number, gate: number): Gater {
  const gate2 = gate * gate;
  let z: Readonly<Float64Array> = new Float64Array(0);
  let nz = 0;
  let order = new Int32Array(0);
  let sorted = new Float64Array(0);
  const nu = new Float64Array(m);
  return {
    setDetections(zIn, count) {
      z = zIn;
      nz = count;
      if (order.length < nz) {
        order = new Int32Array(nz);
        sorted = new Float64Array(nz);
      }
      const o = order.subarray(0, nz);
      for (let j = 0; j < nz; j++) o[j] = j;
      o.sort((a, b) => z[a * m] - z[b * m] || a - b);
      for (let k = 0; k < nz; k++) sorted[k] = z[o[k] * m];
    },
    gate(pred: MeasurementPrediction, used: Readonly<Uint8Array>, out: GateList) {
      const half = gate * Math.sqrt(pred.S[0]);
      const lo0 = pred.z[0] - half;
      const hi0 = pred.z[0] + half;
      let lo = 0;
      let hi = nz;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sorted[mid] < lo0) lo = mid + 1;
        else hi = mid;
      }
      const start = out.length;
      for (let k = lo; k < nz && sorted[k] <= hi0; k++) {
        const j = order[k];
        if (used[j]) continue;
        for (let a = 0; a < m; a++) nu[a] = z[j * m + a] - pred.z[a];
        const d2 = quadForm(pred.Sinv, nu, 0, m);
        if (d2 < gate2) out.push(j, d2);
      }
      // keep detection order (deterministic, independent of the sort's ties)
      sortTail(out, start);
    },
  };
}

/** Insertion-sort the entries of `list` from `start` by detection index (gates hold a handful of entries). */
function sortTail(list: GateList, start: number): void {
  for (let i = start + 1; i < list.length; i++) {
    const j = list.idx[i];
    const d = list.d2[i];
    let k = i - 1;
    while (k >= start && list.idx[k] > j) {
      list.idx[k + 1] = list.idx[k];
      list.d2[k + 1] = list.d2[k];
      k--;
    }
    list.idx[k + 1] = j;
    list.d2[k + 1] = d;
  }
}
