/**
 * @module tracking/mtt/updater/kalmanUpdater
 * (Extended) Kalman update (Bar-Shalom et al. 2001 §5.2.3, §10.3.2): ẑ = h(x⁻), H = ∂h/∂x at x⁻,
 * S = H P⁻ Hᵀ + R, K = P⁻ Hᵀ S⁻¹, then the (PDA) correction of `pdaCorrect.ts`. For a linear h this is the Kalman
 * updater, so on the `mtt-scenario` position sensor the EKF and the KF coincide.
 */
import type { FilterStateStore } from '../filterState.js';
import type { MeasurementModel } from '../models/measurement.js';
import { invertSpdInto, mulInto, mulTransInto, quadForm } from '../smallMatrix.js';
import type { MeasurementPrediction, Updater } from './index.js';
import { createPdaWork, type PdaWork, pdaCorrect } from './pdaCorrect.js';

/** Scratch of the EKF innovation and correction for one measurement model. */
export interface EkfWork {
  readonly model: MeasurementModel;
  readonly zPred: Float64Array;
  readonly H: Float64Array;
  readonly PHt: Float64Array;
  readonly S: Float64Array;
  readonly Sinv: Float64Array;
  readonly K: Float64Array;
  /** Innovations of the last correction (stride m); grows. */
  nu: Float64Array;
  /** Normalised innovations squared of the last correction; grows. */
  d2: Float64Array;
  logDetS: number;
  readonly pda: PdaWork;
}

/** Allocate {@link EkfWork} for `model`. */
export function createEkfWork(model: MeasurementModel): EkfWork {
  const n = model.layout.n;
  const m = model.m;
  return {
    model,
    zPred: new Float64Array(m),
    H: new Float64Array(m * n),
    PHt: new Float64Array(n * m),
    S: new Float64Array(m * m),
    Sinv: new Float64Array(m * m),
    K: new Float64Array(n * m),
    nu: new Float64Array(8 * m),
    d2: new Float64Array(8),
    logDetS: 0,
    pda: createPdaWork(n, m),
  };
}

/** ẑ, H, P Hᵀ, S, S⁻¹ and log det S of the Gaussian at (x[xOff], P[pOff]) into `work`; false if S is not PD. */
export function ekfInnovationAt(
  work: EkfWork,
  x: Readonly<Float64Array>,
  xOff: number,
  P: Readonly<Float64Array>,
  pOff: number,
): boolean {
  const { model, zPred, H, PHt, S, Sinv } = work;
  const n = model.layout.n;
  const m = model.m;
  model.apply(zPred, x, xOff);
  model.jacobian(H, x, xOff);
  mulTransInto(PHt, P, pOff, H, 0, n, n, m);
  mulInto(S, H, 0, PHt, 0, m, n, m);
  for (let i = 0; i < m * m; i++) S[i] += model.R[i];
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const v = 0.5 * (S[i * m + j] + S[j * m + i]);
      S[i * m + j] = v;
      S[j * m + i] = v;
    }
  }
  work.logDetS = invertSpdInto(Sinv, S, m);
  return !Number.isNaN(work.logDetS);
}

/**
 * Correct the Gaussian at (x[xOff], P[pOff]) in place after {@link ekfInnovationAt}: innovations of the chosen
 * detections and their d² into `work.nu`, `work.d2`, gain K = P Hᵀ S⁻¹, then {@link pdaCorrect}.
 */
export function ekfCorrectAt(
  work: EkfWork,
  x: Float64Array,
  xOff: number,
  P: Float64Array,
  pOff: number,
  z: Readonly<Float64Array>,
  zIdx: Readonly<Int32Array>,
  count: number,
  beta: Readonly<Float64Array> | null,
): void {
  const { model, zPred, PHt, Sinv, K, S } = work;
  const n = model.layout.n;
  const m = model.m;
  if (work.d2.length < count) {
    work.d2 = new Float64Array(2 * count);
    work.nu = new Float64Array(2 * count * m);
  }
  for (let i = 0; i < count; i++) {
    model.residual(work.nu, i * m, z, zIdx[i] * m, zPred);
    work.d2[i] = quadForm(Sinv, work.nu, i * m, m);
  }
  mulInto(K, PHt, 0, Sinv, 0, n, m, m);
  pdaCorrect(work.pda, x, xOff, P, pOff, n, m, K, S, work.nu, count, beta);
}

/** Kalman / extended Kalman updater for a single-component store. */
export function kalmanUpdater(model: MeasurementModel): Updater {
  const work = createEkfWork(model);
  const m = model.m;
  return {
    model,
    predictMeasurement(store: FilterStateStore, slot: number, out: MeasurementPrediction) {
      const ok = ekfInnovationAt(work, store.x, store.xOffset(slot, 0), store.P, store.pOffset(slot, 0));
      out.z.set(work.zPred);
      out.S.set(work.S);
      out.Sinv.set(work.Sinv.subarray(0, m * m));
      out.logDetS = work.logDetS;
      return ok;
    },
    update(store, slot, z, zIdx, count, beta) {
      const xo = store.xOffset(slot, 0);
      const po = store.pOffset(slot, 0);
      if (!ekfInnovationAt(work, store.x, xo, store.P, po)) return;
      ekfCorrectAt(work, store.x, xo, store.P, po, z, zIdx, count, beta);
    },
  };
}
