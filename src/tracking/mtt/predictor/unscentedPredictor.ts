/**
 * @module tracking/mtt/predictor/unscentedPredictor
 * Unscented Kalman prediction (Wan & van der Merwe 2000, eqs. 15–18): the prior N(x, P) is pushed through f with
 * the scaled unscented transform (allocation-free `unscentedKernel.ts`, same arithmetic as `filters/unscented.ts`),
 * then P⁻ = P_f + Q. Exact (to rounding) for a linear f.
 */
import type { UnscentedOptions } from '../../filters/unscented.js';
import type { FilterStateStore } from '../filterState.js';
import type { TransitionModel } from '../models/transition.js';
import { symmetrizeAt } from '../smallMatrix.js';
import { createUnscentedWork, unscentedTransformAt } from '../unscentedKernel.js';
import type { Predictor } from './index.js';

/** Unscented predictor for a single-component store (α, β, κ as Stone Soup's defaults unless given). */
export function unscentedPredictor(model: TransitionModel, options: UnscentedOptions = {}): Predictor {
  const n = model.layout.n;
  const Q = new Float64Array(n * n);
  const work = createUnscentedWork(n, n, options);
  let cachedDt = Number.NaN;
  let dt = 0;
  const f = (out: Float64Array, sigma: Readonly<Float64Array>, off: number): void => {
    model.apply(out, sigma, off, dt);
  };
  return {
    predict(store: FilterStateStore, slot: number, dt_s: number) {
      if (cachedDt !== dt_s) {
        model.processNoise(Q, dt_s);
        cachedDt = dt_s;
      }
      dt = dt_s;
      for (let c = 0; c < store.r; c++) {
        const xo = store.xOffset(slot, c);
        const po = store.pOffset(slot, c);
        unscentedTransformAt(work, store.x, xo, store.P, po, f);
        store.x.set(work.mean, xo);
        for (let i = 0; i < n * n; i++) store.P[po + i] = work.cov[i] + Q[i];
        symmetrizeAt(store.P, po, n);
      }
    },
  };
}
