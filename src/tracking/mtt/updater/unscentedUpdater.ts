/**
 * @module tracking/mtt/updater/unscentedUpdater
 * Unscented Kalman update (Wan & van der Merwe 2000, eqs. 15–18, via the allocation-free `unscentedKernel.ts`): ẑ and P_zz from the
 * sigma points of N(x⁻, P⁻) through h, S = P_zz + R, K = P_xz S⁻¹, then the (PDA) correction of `pdaCorrect.ts`
 * (which, with one detection, is x⁺ = x⁻ + K ν, P⁺ = P⁻ − K S Kᵀ). The predicted measurement's mean is a plain
 * weighted mean, so an azimuth near ±π should be measured from a sensor that does not see the target across the cut.
 */
import type { UnscentedOptions } from '../../filters/unscented.js';
import type { FilterStateStore } from '../filterState.js';
import type { MeasurementModel } from '../models/measurement.js';
import { invertSpdInto, mulInto } from '../smallMatrix.js';
import { createUnscentedWork, unscentedTransformAt } from '../unscentedKernel.js';
import type { MeasurementPrediction, Updater } from './index.js';
import { createPdaWork, pdaCorrect } from './pdaCorrect.js';

/** Unscented updater for a single-component store. */
export function unscentedUpdater(model: MeasurementModel, options: UnscentedOptions = {}): Updater {
  const n = model.layout.n;
  const m = model.m;
  const S = new Float64Array(m * m);
  const Sinv = new Float64Array(m * m);
  const K = new Float64Array(n * m);
  let nu = new Float64Array(8 * m);
  const pda = createPdaWork(n, m);
  const work = createUnscentedWork(n, m, options);
  const h = (out: Float64Array, sigma: Readonly<Float64Array>, off: number): void => {
    model.apply(out, sigma, off);
  };

  /** Unscented measurement prediction of component 0 of `slot` into `work`, S and S⁻¹; returns log det S. */
  function innovation(store: FilterStateStore, slot: number): number {
    unscentedTransformAt(work, store.x, store.xOffset(slot, 0), store.P, store.pOffset(slot, 0), h);
    for (let i = 0; i < m * m; i++) S[i] = work.cov[i] + model.R[i];
    return invertSpdInto(Sinv, S, m);
  }

  return {
    model,
    predictMeasurement(store, slot, out: MeasurementPrediction) {
      const logDet = innovation(store, slot);
      out.z.set(work.mean);
      out.S.set(S);
      out.Sinv.set(Sinv);
      out.logDetS = logDet;
      return !Number.isNaN(logDet);
    },
    update(store, slot, z, zIdx, count, beta) {
      const logDet = innovation(store, slot);
      if (Number.isNaN(logDet)) return;
      if (nu.length < count * m) nu = new Float64Array(2 * count * m);
      for (let i = 0; i < count; i++) model.residual(nu, i * m, z, zIdx[i] * m, work.mean);
      mulInto(K, work.crossCov, 0, Sinv, 0, n, m, m);
      pdaCorrect(
        pda,
        store.x,
        store.xOffset(slot, 0),
        store.P,
        store.pOffset(slot, 0),
        n,
        m,
        K,
        S,
        nu,
        count,
        beta,
      );
    },
  };
}
