/**
 * @module tracking/mtt/fullCovTracker
 * The full-covariance multi-target tracker behind `createMttTracker` for `filter` ≠ 'kf' or `assoc` = 'jpda'
 * (wiring only; the roles live in the sibling folders). Per scan, as the native mode of `mttTracker.ts`:
 * 1. confirmed tracks: predict ({@link Predictor}), predict the measurement and gate ({@link Gater}, d < `gate`);
 * 2. associate ({@link Associator}: GNN with missed cost `gate`, or clustered JPDA with the scenario's P_D and
 *    clutter density) and correct ({@link Updater}: one detection, or the PDA combination of the gated ones).
 *    Under JPDA a track counts a hit when 1 − β₀ ≥ ½, and a detection is consumed (starts no new track and is not
 *    offered to tentative tracks) when its total probability of being some confirmed track's, Σ_t β_tj, is ≥ ½ —
 *    consuming every gated detection would starve closely spaced, not yet tracked targets;
 * 3. delete a confirmed track at `deleteMisses` consecutive misses or, with `deleteCovariance_m2`, once the trace of
 *    the position block of its (moment-matched) covariance exceeds it ({@link Deleter}; either rule deletes);
 * 4. tentative tracks: GNN against the detections left over, then M-of-N confirm/drop ({@link mOfNDecision});
 * 5. every detection still unused starts a tentative track ({@link Initiator}: position = z, velocity 0 with
 *    100 m/s std as in the reference);
 * 6. output the confirmed tracks: the moment-matched estimate reduced to [x, vx, y, vy(, z, vz)], its covariance,
 *    and for the IMM the mode probabilities.
 * With filter 'kf'/'ekf'/'ukf' (a single NCV model; for the linear position sensor all three are the Kalman filter)
 * and GNN it reproduces the native kf+gnn mode to rounding.
 */

import { AspisError } from '../../errors.js';
import { pushHit } from '../../math/hitWindow.js';
import type {
  MttScanOutput,
  MttSetup,
  MttTracker,
  MttTrackerConfig,
  MttTrackHistory,
} from '../mttTracker.js';
import { gnnAssociator } from './associator/gnnAssociator.js';
import type { AssociationInput, AssociationOutput, Associator } from './associator/index.js';
import { jpdaAssociator } from './associator/jpdaAssociator.js';
import { anyDeleter } from './deleter/anyDeleter.js';
import { consecutiveMissDeleter } from './deleter/consecutiveMissDeleter.js';
import { covarianceDeleter, positionCovarianceTrace } from './deleter/covarianceDeleter.js';
import type { Deleter } from './deleter/index.js';
import { FilterStateStore } from './filterState.js';
import { GateList } from './gater/index.js';
import { sweepGater } from './gater/sweepGater.js';
import { addHistorySlot, mttTrackId, trackHistories } from './history.js';
import { compileImm, defaultImmOptions } from './immOptions.js';
import { mOfNDecision } from './initiator/mOfN.js';
import { singlePointInitiator } from './initiator/singlePointInitiator.js';
import { extractPositionVelocity, type StateLayout, stateLayout } from './models/layout.js';
import { positionMeasurementModel } from './models/measurement.js';
import { constantVelocityModel } from './models/transition.js';
import { immPredictor } from './predictor/immPredictor.js';
import type { Predictor } from './predictor/index.js';
import { kalmanPredictor } from './predictor/kalmanPredictor.js';
import { unscentedPredictor } from './predictor/unscentedPredictor.js';
import { immUpdater } from './updater/immUpdater.js';
import { createMeasurementPrediction, type MeasurementPrediction, type Updater } from './updater/index.js';
import { kalmanUpdater } from './updater/kalmanUpdater.js';
import { unscentedUpdater } from './updater/unscentedUpdater.js';

/** Velocity standard deviation of a new tentative track, m/s (the reference prior; as `mttTracker.ts`). */
export const FULL_COV_INITIAL_VELOCITY_STD_mps = 100;

/** The roles a full-covariance tracker is wired from. */
interface Roles {
  layout: StateLayout;
  r: number;
  predictor: Predictor;
  updater: Updater;
  initialProbabilities: number[];
  accelerationStd_mps2: number;
  turnRateStd_radps: number;
}

function buildRoles(setup: MttSetup, config: MttTrackerConfig): Roles {
  if (config.filter === 'imm') {
    const imm = config.imm ?? defaultImmOptions();
    const c = compileImm(imm, setup.dim, setup.q);
    return {
      layout: c.layout,
      r: c.models.length,
      predictor: immPredictor(c.models, c.transition),
      updater: immUpdater(
        positionMeasurementModel(c.layout, setup.sigma),
        c.models.length,
        setup.pd,
        setup.clutterDensity,
      ),
      initialProbabilities: c.initialProbabilities,
      accelerationStd_mps2: imm.initialAccelerationStd_mps2 ?? 10,
      turnRateStd_radps: imm.initialTurnRateStd_radps ?? 0.1,
    };
  }
  const layout = stateLayout(setup.dim, 2, false);
  const motion = constantVelocityModel(layout, setup.q);
  const measurement = positionMeasurementModel(layout, setup.sigma);
  const ukf = config.filter === 'ukf';
  return {
    layout,
    r: 1,
    predictor: ukf ? unscentedPredictor(motion) : kalmanPredictor(motion),
    updater: ukf ? unscentedUpdater(measurement) : kalmanUpdater(measurement),
    initialProbabilities: [1],
    accelerationStd_mps2: 0,
    turnRateStd_radps: 0,
  };
}

/** Per-track bookkeeping (struct of arrays, slot = creation order). */
class TrackBook {
  t = new Float64Array(256);
  misses = new Int32Array(256);
  window = new Int32Array(256);
  windowCount = new Int32Array(256);
  histX: number[][] = [];
  histT: number[][] = [];
  histU: boolean[][] = [];
  everConfirmed: boolean[] = [];
  count = 0;

  add(): number {
    if (this.count === this.t.length) {
      const grow = <A extends Float64Array | Int32Array>(a: A, make: (n: number) => A): A => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.t = grow(this.t, (n) => new Float64Array(n));
      this.misses = grow(this.misses, (n) => new Int32Array(n));
      this.window = grow(this.window, (n) => new Int32Array(n));
      this.windowCount = grow(this.windowCount, (n) => new Int32Array(n));
    }
    addHistorySlot(this);
    return this.count++;
  }
}

/** Growable per-scan association problem (CSR over a track list). */
class Problem {
  rowStart = new Int32Array(257);
  gates = new GateList();
  logNorm = new Float64Array(256);
  beta0 = new Float64Array(256);
  beta = new Float64Array(256);

  reset(nTracks: number): void {
    if (this.rowStart.length < nTracks + 1) {
      this.rowStart = new Int32Array(2 * nTracks + 1);
      this.logNorm = new Float64Array(2 * nTracks);
      this.beta0 = new Float64Array(2 * nTracks);
    }
    this.gates.length = 0;
    this.rowStart[0] = 0;
  }

  finish(nTracks: number, nDetections: number): { input: AssociationInput; output: AssociationOutput } {
    const nEntries = this.gates.length;
    if (this.beta.length < nEntries) this.beta = new Float64Array(2 * nEntries);
    return {
      input: {
        nTracks,
        nDetections,
        rowStart: this.rowStart,
        colIdx: this.gates.idx,
        d2: this.gates.d2,
        logNorm: this.logNorm,
      },
      output: { beta0: this.beta0, beta: this.beta },
    };
  }
}

/** Mark as used every detection whose summed association probability over the tracks is ≥ ½. */
function consumeLikelyDetections(input: AssociationInput, output: AssociationOutput, used: Uint8Array): void {
  const total = new Float64Array(input.nDetections);
  const nEntries = input.rowStart[input.nTracks];
  for (let e = 0; e < nEntries; e++) total[input.colIdx[e]] += output.beta[e];
  for (let j = 0; j < input.nDetections; j++) if (total[j] >= 0.5) used[j] = 1;
}

/**
 * Create a full-covariance tracker (any filter, GNN or JPDA). Usually reached through `createMttTracker`; filter
 * 'kf' is accepted here too (it runs the same code as 'ekf'), which the tests use to check against the fast path.
 */
export function createFullCovTracker(setup: MttSetup, config: MttTrackerConfig): MttTracker {
  if (!(config.gate > 0) || config.confirmM < 1 || config.deleteMisses < 1) {
    throw new AspisError('E_USAGE', 'config', 'need gate > 0, confirmM ≥ 1 and deleteMisses ≥ 1');
  }
  if (!(config.confirmN >= config.confirmM && config.confirmN <= 30)) {
    throw new AspisError('E_USAGE', '--confirm', 'need confirmM ≤ confirmN ≤ 30');
  }
  const maxTrace = config.deleteCovariance_m2;
  if (maxTrace !== undefined && !(maxTrace > 0 && Number.isFinite(maxTrace))) {
    throw new AspisError(
      'E_USAGE',
      '--delete-covariance',
      `need a finite trace threshold > 0 m², got ${maxTrace}`,
    );
  }
  if (config.assoc === 'jpda' && !(setup.pd > 0 && setup.pd <= 1 && setup.clutterDensity >= 0)) {
    throw new AspisError('E_USAGE', 'pd', 'JPDA needs 0 < pd ≤ 1 and clutterDensity ≥ 0');
  }
  const roles = buildRoles(setup, config);
  const { layout, r, predictor, updater } = roles;
  const n = layout.n;
  const dim = setup.dim;
  const m = dim;
  const sd = 2 * dim;
  const store = new FilterStateStore(n, r);
  const book = new TrackBook();
  const gater = sweepGater(m, config.gate);
  const gnn = gnnAssociator(config.gate);
  const confirmedAssociator: Associator =
    config.assoc === 'jpda' ? jpdaAssociator(setup.pd, setup.clutterDensity) : gnn;
  const deleters: Deleter[] = [consecutiveMissDeleter(config.deleteMisses)];
  if (maxTrace !== undefined) deleters.push(covarianceDeleter(maxTrace));
  const deleter = anyDeleter(deleters);
  const initiator = singlePointInitiator(layout, {
    sigma_m: setup.sigma,
    velocityStd_mps: FULL_COV_INITIAL_VELOCITY_STD_mps,
    accelerationStd_mps2: roles.accelerationStd_mps2,
    turnRateStd_radps: roles.turnRateStd_radps,
    modeProbabilities: roles.initialProbabilities,
  });
  const pred: MeasurementPrediction = createMeasurementPrediction(m);
  const problem = new Problem();
  const xComb = new Float64Array(n);
  const pComb = new Float64Array(n * n);
  const outX = new Array<number>(sd);
  let confirmed: number[] = [];
  let tentative: number[] = [];
  const zIdx1 = new Int32Array(1);
  let zIdxMany = new Int32Array(16);
  let betaMany = new Float64Array(17);

  function record(s: number, isUpdate: boolean): void {
    store.combine(s, xComb);
    extractPositionVelocity(layout, xComb, 0, outX);
    const h = book.histX[s];
    for (let i = 0; i < sd; i++) h.push(outX[i]);
    book.histT[s].push(book.t[s]);
    book.histU[s].push(isUpdate);
  }

  /** Trace of the position block of the moment-matched covariance of `s`, m² (the covariance deleter's input). */
  function positionTrace(s: number): number {
    if (r === 1) return positionCovarianceTrace(layout, store.P, store.pOffset(s, 0));
    store.combine(s, xComb, pComb);
    return positionCovarianceTrace(layout, pComb, 0);
  }

  /** Predict `list` to t_s and gate them against unused detections into `problem`. */
  function predictAndGate(list: readonly number[], t_s: number, used: Uint8Array): void {
    problem.reset(list.length);
    for (let i = 0; i < list.length; i++) {
      const s = list[i];
      const dt = t_s - book.t[s];
      if (dt !== 0) {
        predictor.predict(store, s, dt);
        book.t[s] = t_s;
      }
      if (updater.predictMeasurement(store, s, pred)) {
        gater.gate(pred, used, problem.gates);
        problem.logNorm[i] = -0.5 * (m * Math.log(2 * Math.PI) + pred.logDetS);
      }
      problem.rowStart[i + 1] = problem.gates.length;
    }
  }

  /** Apply the association weights to track `s` (row i); returns whether it counts as a hit. */
  function correct(
    s: number,
    i: number,
    zFlat: Float64Array,
    input: AssociationInput,
    output: AssociationOutput,
    used: Uint8Array,
  ): boolean {
    const e0 = input.rowStart[i];
    const e1 = input.rowStart[i + 1];
    const beta0 = output.beta0[i];
    if (beta0 >= 1 || e1 === e0) return false;
    // a hard assignment (GNN): single detection, standard update
    for (let e = e0; e < e1; e++) {
      if (output.beta[e] === 1 && beta0 === 0) {
        zIdx1[0] = input.colIdx[e];
        used[zIdx1[0]] = 1;
        updater.update(store, s, zFlat, zIdx1, 1, null);
        return true;
      }
    }
    const count = e1 - e0;
    if (zIdxMany.length < count) {
      zIdxMany = new Int32Array(2 * count);
      betaMany = new Float64Array(2 * count + 1);
    }
    betaMany[0] = beta0;
    for (let k = 0; k < count; k++) {
      zIdxMany[k] = input.colIdx[e0 + k];
      betaMany[1 + k] = output.beta[e0 + k];
    }
    updater.update(store, s, zFlat, zIdxMany, count, betaMany);
    return 1 - beta0 >= 0.5;
  }

  function step(_k: number, t_s: number, z: readonly (readonly number[])[]): MttScanOutput {
    const nz = z.length;
    const zFlat = new Float64Array(nz * m);
    for (let j = 0; j < nz; j++) for (let a = 0; a < m; a++) zFlat[j * m + a] = z[j][a];
    gater.setDetections(zFlat, nz);
    const used = new Uint8Array(nz);

    // 1–3: confirmed tracks
    predictAndGate(confirmed, t_s, used);
    {
      const { input, output } = problem.finish(confirmed.length, nz);
      confirmedAssociator.associate(input, output);
      if (config.assoc === 'jpda') consumeLikelyDetections(input, output, used);
      const kept: number[] = [];
      for (let i = 0; i < confirmed.length; i++) {
        const s = confirmed[i];
        const hit = correct(s, i, zFlat, input, output, used);
        book.misses[s] = hit ? 0 : book.misses[s] + 1;
        record(s, hit);
        if (!deleter.shouldDelete(book.misses[s], maxTrace === undefined ? 0 : positionTrace(s)))
          kept.push(s);
      }
      confirmed = kept;
    }

    // 4: tentative tracks, GNN on the leftover detections
    predictAndGate(tentative, t_s, used);
    {
      const { input, output } = problem.finish(tentative.length, nz);
      gnn.associate(input, output);
      const kept: number[] = [];
      for (let i = 0; i < tentative.length; i++) {
        const s = tentative[i];
        const hit = correct(s, i, zFlat, input, output, used);
        book.misses[s] = hit ? 0 : book.misses[s] + 1;
        record(s, hit);
        book.window[s] = pushHit(book.window[s], hit, config.confirmN);
        book.windowCount[s] = Math.min(book.windowCount[s] + 1, config.confirmN);
        const decision = mOfNDecision(book.window[s], book.windowCount[s], config.confirmM, config.confirmN);
        if (decision === 'confirm') {
          book.everConfirmed[s] = true;
          confirmed.push(s);
        } else if (decision === 'drop') {
          book.histX[s] = [];
          book.histT[s] = [];
          book.histU[s] = [];
        } else {
          kept.push(s);
        }
      }
      tentative = kept;
    }

    // 5: new tentative tracks from the unused detections
    for (let j = 0; j < nz; j++) {
      if (used[j]) continue;
      const s = book.add();
      if (s >= store.capacity) store.grow(2 * store.capacity);
      initiator.initiate(store, s, zFlat, j * m);
      book.t[s] = t_s;
      book.misses[s] = 0;
      book.window[s] = 1;
      book.windowCount[s] = 1;
      record(s, true);
      if (config.confirmM <= 1) {
        book.everConfirmed[s] = true;
        confirmed.push(s);
      } else {
        tentative.push(s);
      }
    }

    // 6: output
    const ids: string[] = new Array(confirmed.length);
    const xs: number[][] = new Array(confirmed.length);
    const Ps: number[][] = new Array(confirmed.length);
    const modes: number[][] | undefined = config.filter === 'imm' ? new Array(confirmed.length) : undefined;
    for (let i = 0; i < confirmed.length; i++) {
      const s = confirmed[i];
      ids[i] = mttTrackId(s);
      store.combine(s, xComb, pComb);
      const xv = new Array<number>(sd);
      const pv = new Array<number>(sd * sd);
      extractPositionVelocity(layout, xComb, 0, xv, pComb, 0, pv);
      xs[i] = xv;
      Ps[i] = pv;
      if (modes !== undefined) modes[i] = Array.from(store.mu.subarray(s * r, (s + 1) * r));
    }
    return modes === undefined ? { ids, x: xs, P: Ps } : { ids, x: xs, P: Ps, modeProbabilities: modes };
  }

  function histories(): MttTrackHistory[] {
    return trackHistories(book, sd);
  }

  return { step, histories };
}
