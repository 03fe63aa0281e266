/**
 * @module tracking/mtt/predictor/kalmanPredictor
 * (Extended) Kalman prediction x⁻ = f(x), P⁻ = F P Fᵀ + Q with F = ∂f/∂x at the prior mean (Bar-Shalom et al.
 * 2001 §10.3.2; for a linear model this is the Kalman predictor, §5.2.3). F and Q of a linear model are cached per
 * dt, so the steady scan loop computes them once.
 */
import type { TransitionModel } from '../models/transition.js';
import { mulInto, mulTransInto, symmetrizeAt } from '../smallMatrix.js';
import type { Predictor } from './index.js';

/** Scratch of {@link ekfPredictAt} for one model. */
export interface PredictWork {
  readonly model: TransitionModel;
  readonly F: Float64Array;
  readonly Q: Float64Array;
  readonly xNew: Float64Array;
  readonly FP: Float64Array;
  readonly FPFt: Float64Array;
  /** dt of the cached F, Q (NaN: none). */
  cachedDt: number;
}

/** Allocate the scratch of {@link ekfPredictAt} for `model`. */
export function createPredictWork(model: TransitionModel): PredictWork {
  const n = model.layout.n;
  return {
    model,
    F: new Float64Array(n * n),
    Q: new Float64Array(n * n),
    xNew: new Float64Array(n),
    FP: new Float64Array(n * n),
    FPFt: new Float64Array(n * n),
    cachedDt: Number.NaN,
  };
}

/** EKF prediction of the Gaussian at (x[xOff], P[pOff]) by dt_s with `work.model`, in place. */
export function ekfPredictAt(
  work: PredictWork,
  x: Float64Array,
  xOff: number,
  P: Float64Array,
  pOff: number,
  dt_s: number,
): void {
  const { model, F, Q, xNew, FP, FPFt } = work;
  const n = model.layout.n;
  if (model.predictCovarianceAt !== undefined) {
    // structured fast path: the model computes F P Fᵀ + Q itself (F independent of x)
    model.apply(xNew, x, xOff, dt_s);
    model.predictCovarianceAt(P, pOff, dt_s);
    for (let i = 0; i < n; i++) x[xOff + i] = xNew[i];
    return;
  }
  if (!model.linear || work.cachedDt !== dt_s) {
    model.jacobian(F, x, xOff, dt_s);
    model.processNoise(Q, dt_s);
    work.cachedDt = model.linear ? dt_s : Number.NaN;
  }
  model.apply(xNew, x, xOff, dt_s);
  mulInto(FP, F, 0, P, pOff, n, n, n);
  mulTransInto(FPFt, FP, 0, F, 0, n, n, n);
  for (let i = 0; i < n * n; i++) P[pOff + i] = FPFt[i] + Q[i];
  symmetrizeAt(P, pOff, n);
  x.set(xNew, xOff);
}

/** Kalman / extended Kalman predictor for a single-component store. */
export function kalmanPredictor(model: TransitionModel): Predictor {
  const work = createPredictWork(model);
  return {
    predict(store, slot, dt_s) {
      for (let c = 0; c < store.r; c++) {
        ekfPredictAt(work, store.x, store.xOffset(slot, c), store.P, store.pOffset(slot, c), dt_s);
      }
    },
  };
}
