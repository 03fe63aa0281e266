/**
 * @module tracking/mtt/updater/immUpdater
 * IMM update (Bar-Shalom et al. 2001 §11.6.6 steps 3–5) with (extended) Kalman mode filters:
 * each mode j is corrected with its own ẑ_j, S_j; its likelihood Λ_j is N(ν_j; 0, S_j) for an assigned detection
 * (GNN), or, under PDA/JPDA weights, the IMM-PDAF likelihood Λ_j = (1 − P_D) λ + P_D Σ_i N(ν_ij; 0, S_j) over the
 * track's gated detections (Bar-Shalom, Willett & Tian, *Tracking and Data Fusion*, 2011, §3.4.3), with λ the clutter
 * density. Then μ_j ∝ c̄_j Λ_j (μ holds c̄ after the IMM predictor). The measurement prediction for gating is the
 * moment match of the mode predictions: ẑ = Σ c̄_j ẑ_j, S = Σ c̄_j (S_j + (ẑ_j − ẑ)(ẑ_j − ẑ)ᵀ).
 */
import type { FilterStateStore } from '../filterState.js';
import type { MeasurementModel } from '../models/measurement.js';
import { invertSpdInto, LOG_2PI } from '../smallMatrix.js';
import type { MeasurementPrediction, Updater } from './index.js';
import { createEkfWork, ekfCorrectAt, ekfInnovationAt } from './kalmanUpdater.js';

/** IMM updater for an r-component store; `pd` and `clutterDensity` (per m^m) enter only the PDA likelihood. */
export function immUpdater(model: MeasurementModel, r: number, pd: number, clutterDensity: number): Updater {
  const m = model.m;
  const work = createEkfWork(model);
  const zModes = new Float64Array(r * m);
  const sModes = new Float64Array(r * m * m);
  const logLik = new Float64Array(r);
  const logMiss =
    pd < 1 && clutterDensity > 0 ? Math.log((1 - pd) * clutterDensity) : Number.NEGATIVE_INFINITY;
  const logPd = Math.log(pd);
  return {
    model,
    predictMeasurement(store: FilterStateStore, slot: number, out: MeasurementPrediction) {
      const mu = store.mu;
      out.z.fill(0);
      out.S.fill(0);
      for (let j = 0; j < r; j++) {
        if (!ekfInnovationAt(work, store.x, store.xOffset(slot, j), store.P, store.pOffset(slot, j)))
          return false;
        zModes.set(work.zPred, j * m);
        sModes.set(work.S, j * m * m);
        for (let a = 0; a < m; a++) out.z[a] += mu[slot * r + j] * work.zPred[a];
      }
      for (let j = 0; j < r; j++) {
        const w = mu[slot * r + j];
        for (let a = 0; a < m; a++) {
          const da = zModes[j * m + a] - out.z[a];
          for (let b = 0; b < m; b++) {
            out.S[a * m + b] += w * (sModes[j * m * m + a * m + b] + da * (zModes[j * m + b] - out.z[b]));
          }
        }
      }
      out.logDetS = invertSpdInto(out.Sinv, out.S, m);
      return !Number.isNaN(out.logDetS);
    },
    update(store, slot, z, zIdx, count, beta) {
      const mu = store.mu;
      let maxLog = Number.NEGATIVE_INFINITY;
      for (let j = 0; j < r; j++) {
        const xo = store.xOffset(slot, j);
        const po = store.pOffset(slot, j);
        if (!ekfInnovationAt(work, store.x, xo, store.P, po)) {
          logLik[j] = Number.NEGATIVE_INFINITY;
          continue;
        }
        ekfCorrectAt(work, store.x, xo, store.P, po, z, zIdx, count, beta);
        const norm = -0.5 * (m * LOG_2PI + work.logDetS);
        if (beta === null) {
          logLik[j] = norm - 0.5 * work.d2[0];
        } else {
          // log((1 − Pd) λ + Pd Σ_i N_i) by log-sum-exp
          let top = logMiss;
          for (let i = 0; i < count; i++) top = Math.max(top, logPd + norm - 0.5 * work.d2[i]);
          let s = Number.isFinite(logMiss) ? Math.exp(logMiss - top) : 0;
          for (let i = 0; i < count; i++) s += Math.exp(logPd + norm - 0.5 * work.d2[i] - top);
          logLik[j] = top + Math.log(s);
        }
        if (mu[slot * r + j] > 0) maxLog = Math.max(maxLog, logLik[j]);
      }
      if (maxLog === Number.NEGATIVE_INFINITY) return;
      let total = 0;
      for (let j = 0; j < r; j++) {
        const p = mu[slot * r + j] > 0 ? mu[slot * r + j] * Math.exp(logLik[j] - maxLog) : 0;
        mu[slot * r + j] = p;
        total += p;
      }
      for (let j = 0; j < r; j++) mu[slot * r + j] /= total;
    },
  };
}
