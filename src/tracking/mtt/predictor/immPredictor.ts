/**
 * @module tracking/mtt/predictor/immPredictor
 * IMM prediction (Blom & Bar-Shalom 1988; Bar-Shalom et al. 2001 §11.6.6 steps 1–2): predicted mode probabilities
 * c̄_j = Σ_i p_ij μ_i, mixing weights μ_i|j = p_ij μ_i / c̄_j, mixed initial conditions (moment match), then each
 * mode's (extended) Kalman prediction with its own transition model. Afterwards μ holds c̄ (the predicted mode
 * probabilities), which is also the IMM's answer when the track is missed.
 */
import type { FilterStateStore } from '../filterState.js';
import type { TransitionModel } from '../models/transition.js';
import type { Predictor } from './index.js';
import { createPredictWork, ekfPredictAt } from './kalmanPredictor.js';

/**
 * IMM predictor over `models` (all on one layout) with Markov matrix `transition` (row-major r×r,
 * p_ij = P(mode j at k+1 | mode i at k), rows summing to 1). The transition matrix is per scan, not per second.
 */
export function immPredictor(
  models: readonly TransitionModel[],
  transition: Readonly<Float64Array>,
): Predictor {
  const r = models.length;
  const n = models[0].layout.n;
  const works = models.map(createPredictWork);
  const cBar = new Float64Array(r);
  const mixX = new Float64Array(r * n);
  const mixP = new Float64Array(r * n * n);
  return {
    predict(store: FilterStateStore, slot: number, dt_s: number) {
      const mu = store.mu;
      const m0 = slot * r;
      // predicted mode probabilities
      for (let j = 0; j < r; j++) {
        let s = 0;
        for (let i = 0; i < r; i++) s += transition[i * r + j] * mu[m0 + i];
        cBar[j] = s;
      }
      // mixing (moment match of the mode-conditioned estimates)
      mixX.fill(0);
      mixP.fill(0);
      for (let j = 0; j < r; j++) {
        if (!(cBar[j] > 0)) {
          // unreachable mode: keep its own estimate
          mixX.set(store.x.subarray(store.xOffset(slot, j), store.xOffset(slot, j) + n), j * n);
          mixP.set(store.P.subarray(store.pOffset(slot, j), store.pOffset(slot, j) + n * n), j * n * n);
          continue;
        }
        for (let i = 0; i < r; i++) {
          const w = (transition[i * r + j] * mu[m0 + i]) / cBar[j];
          if (w === 0) continue;
          const xo = store.xOffset(slot, i);
          for (let a = 0; a < n; a++) mixX[j * n + a] += w * store.x[xo + a];
        }
        for (let i = 0; i < r; i++) {
          const w = (transition[i * r + j] * mu[m0 + i]) / cBar[j];
          if (w === 0) continue;
          const xo = store.xOffset(slot, i);
          const po = store.pOffset(slot, i);
          for (let a = 0; a < n; a++) {
            const da = store.x[xo + a] - mixX[j * n + a];
            for (let b = 0; b < n; b++) {
              const db = store.x[xo + b] - mixX[j * n + b];
              mixP[j * n * n + a * n + b] += w * (store.P[po + a * n + b] + da * db);
            }
          }
        }
      }
      // mode-matched prediction
      for (let j = 0; j < r; j++) {
        const xo = store.xOffset(slot, j);
        const po = store.pOffset(slot, j);
        store.x.set(mixX.subarray(j * n, (j + 1) * n), xo);
        store.P.set(mixP.subarray(j * n * n, (j + 1) * n * n), po);
        ekfPredictAt(works[j], store.x, xo, store.P, po, dt_s);
        mu[m0 + j] = cBar[j];
      }
    },
  };
}
