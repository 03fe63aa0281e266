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
  const dev = new Float64Array(n);
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
      const sx = store.x;
      const sP = store.P;
      const nn = n * n;
      // loops, not TypedArray fill: a builtin call per array costs more than these few stores
      for (let a = 0; a < mixX.length; a++) mixX[a] = 0;
      for (let a = 0; a < mixP.length; a++) mixP[a] = 0;
      for (let j = 0; j < r; j++) {
        const jx = j * n;
        const jp = j * nn;
        if (!(cBar[j] > 0)) {
          // unreachable mode: keep its own estimate
          const xo = store.xOffset(slot, j);
          const po = store.pOffset(slot, j);
          for (let a = 0; a < n; a++) mixX[jx + a] = sx[xo + a];
          for (let a = 0; a < nn; a++) mixP[jp + a] = sP[po + a];
          continue;
        }
        for (let i = 0; i < r; i++) {
          const w = (transition[i * r + j] * mu[m0 + i]) / cBar[j];
          if (w === 0) continue;
          const xo = store.xOffset(slot, i);
          for (let a = 0; a < n; a++) mixX[jx + a] += w * sx[xo + a];
        }
        for (let i = 0; i < r; i++) {
          const w = (transition[i * r + j] * mu[m0 + i]) / cBar[j];
          if (w === 0) continue;
          const xo = store.xOffset(slot, i);
          const po = store.pOffset(slot, i);
          for (let a = 0; a < n; a++) dev[a] = sx[xo + a] - mixX[jx + a];
          for (let a = 0; a < n; a++) {
            const da = dev[a];
            const row = jp + a * n;
            const prow = po + a * n;
            for (let b = 0; b < n; b++) mixP[row + b] += w * (sP[prow + b] + da * dev[b]);
          }
        }
      }
      // mode-matched prediction
      for (let j = 0; j < r; j++) {
        const xo = store.xOffset(slot, j);
        const po = store.pOffset(slot, j);
        for (let a = 0; a < n; a++) sx[xo + a] = mixX[j * n + a];
        for (let a = 0; a < nn; a++) sP[po + a] = mixP[j * nn + a];
        ekfPredictAt(works[j], sx, xo, sP, po, dt_s);
        mu[m0 + j] = cBar[j];
      }
    },
  };
}
