/**
 * @module tracking/mtt/fullCovTracker
 * The full-covariance wiring of the tracking loop (`core/trackLoop.ts`) behind `createMttTracker` for `filter` ≠ 'kf'
 * or `assoc` = 'jpda'; the filter roles come from `filterRoles.ts`, the others from the sibling folders. Per scan, as
 * the native mode of `mtt/axisTracker.ts`:
 * 1. confirmed tracks: predict ({@link Predictor}), predict the measurement and gate ({@link Gater}, d < `gate`);
 * 2. associate ({@link Associator}: GNN with missed cost `gate`, or clustered JPDA with the measurement file's P_D
 *    and clutter density) and correct ({@link Updater}: one detection, or the PDA combination of the gated ones).
 *    Under JPDA a track counts a hit when 1 − β₀ ≥ ½, and a detection is consumed (starts no new track and is not
 *    offered to tentative tracks) when its total probability of being some confirmed track's, Σ_t β_tj, is ≥ ½ —
 *    consuming every gated detection would starve closely spaced, not yet tracked targets;
 * 3. delete a confirmed track at `deleteMisses` consecutive misses or, with `deleteCovariance_m2`, once the trace of
 *    the position block of its (moment-matched) covariance exceeds it ({@link Deleter}; either rule deletes);
 * 4. tentative tracks: GNN against the detections left over, then M-of-N confirm/drop (`core/confirmation.ts`);
 * 5. every detection still unused starts a tentative track ({@link Initiator}: position = z, velocity 0 with
 *    100 m/s std as in the reference);
 * 6. output the confirmed tracks: the moment-matched estimate reduced to [x, vx, y, vy(, z, vz)], its covariance,
 *    and for the IMM the mode probabilities.
 * With filter 'kf'/'ekf'/'ukf' (a single NCV model; for the linear position sensor all three are the Kalman filter)
 * and GNN it reproduces the native kf+gnn mode to rounding.
 */

import { firstHitWindow, type HitWindow, mOfNConfirm } from '../core/confirmation.js';
import {
  type ScanAssociator,
  type ScanPredictor,
  type ScanUpdater,
  type TrackerRoles,
  type TrackLists,
  trackScan,
} from '../core/trackLoop.js';
import type {
  MttScanOutput,
  MttSetup,
  MttTracker,
  MttTrackerConfig,
  MttTrackHistory,
} from '../mttTracker.js';
import type { AssociationInput, AssociationOutput, Associator } from './associator/index.js';
import { validateMttTrackerConfig } from './config.js';
import { anyDeleter } from './deleter/anyDeleter.js';
import { consecutiveMissDeleter } from './deleter/consecutiveMissDeleter.js';
import { covarianceDeleter, positionCovarianceTrace } from './deleter/covarianceDeleter.js';
import type { Deleter } from './deleter/index.js';
import { type AssociationRoles, associationRoles, type FilterRoles, filterRoles } from './filterRoles.js';
import { FilterStateStore } from './filterState.js';
import { GateList, type Gater } from './gater/index.js';
import { sweepGater } from './gater/sweepGater.js';
import { addHistorySlot, mttTrackId, trackHistories } from './history.js';
import type { Initiator } from './initiator/index.js';
import { singlePointInitiator } from './initiator/singlePointInitiator.js';
import { extractPositionVelocity } from './models/layout.js';
import type { Predictor } from './predictor/index.js';
import { createMeasurementPrediction, type MeasurementPrediction, type Updater } from './updater/index.js';

/** Velocity standard deviation of a new tentative track, m/s (the reference prior; as `mtt/axisTracker.ts`). */
export const FULL_COV_INITIAL_VELOCITY_STD_mps = 100;

/** Per-track bookkeeping (struct of arrays, slot = creation order). */
class TrackBook {
  t = new Float64Array(256);
  misses = new Int32Array(256);
  /** The M-of-N window of each track. */
  windows: HitWindow[] = [];
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
    }
    addHistorySlot(this);
    this.windows.push(firstHitWindow());
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

/** One scan as the full-covariance roles see it. */
interface FullCovScan {
  readonly t_s: number;
  readonly zFlat: Float64Array;
  readonly nz: number;
  readonly used: Uint8Array;
}

/** The association of one track list: the gated problem (CSR) and the associator's weights. */
interface Hypotheses {
  readonly input: AssociationInput;
  readonly output: AssociationOutput;
}

/** The filter state of every track, its bookkeeping, and the moment-matching scratch (shared by the roles). */
class FullCovState {
  readonly store: FilterStateStore;
  readonly book = new TrackBook();
  readonly xComb: Float64Array;
  readonly pComb: Float64Array;
  private readonly outX: number[];

  constructor(
    readonly filter: FilterRoles,
    readonly sd: number,
  ) {
    const n = filter.layout.n;
    this.store = new FilterStateStore(n, filter.r);
    this.xComb = new Float64Array(n);
    this.pComb = new Float64Array(n * n);
    this.outX = new Array<number>(sd);
  }

  /** Appends the moment-matched state of `s` to its history. */
  record(s: number, isUpdate: boolean): void {
    const book = this.book;
    this.store.combine(s, this.xComb);
    extractPositionVelocity(this.filter.layout, this.xComb, 0, this.outX);
    const h = book.histX[s];
    for (let i = 0; i < this.sd; i++) h.push(this.outX[i]);
    book.histT[s].push(book.t[s]);
    book.histU[s].push(isUpdate);
  }

  /** Trace of the position block of the moment-matched covariance of `s`, m² (the covariance deleter's input). */
  positionTrace(s: number): number {
    const layout = this.filter.layout;
    if (this.filter.r === 1) return positionCovarianceTrace(layout, this.store.P, this.store.pOffset(s, 0));
    this.store.combine(s, this.xComb, this.pComb);
    return positionCovarianceTrace(layout, this.pComb, 0);
  }
}

/** Predictor role: each track's filter prior at the scan time (no step for a zero interval). */
function fullCovPredictor(state: FullCovState, predictor: Predictor): ScanPredictor<number, FullCovScan> {
  return {
    predict(tracks, scan) {
      for (const s of tracks) {
        const dt = scan.t_s - state.book.t[s];
        if (dt === 0) continue;
        predictor.predict(state.store, s, dt);
        state.book.t[s] = scan.t_s;
      }
    },
  };
}

/**
 * Gater + associator role: each track's predicted measurement is gated against the unused detections into the
 * shared `problem`, which `associator` solves; with `consume` (JPDA) the likely detections are marked used.
 */
function fullCovAssociator(
  state: FullCovState,
  gater: Gater,
  problem: Problem,
  associator: Associator,
  consume: boolean,
): ScanAssociator<number, FullCovScan, Hypotheses> {
  const updater = state.filter.updater;
  const m = state.filter.layout.dim;
  const pred: MeasurementPrediction = createMeasurementPrediction(m);
  return {
    associate(list, scan) {
      problem.reset(list.length);
      for (let i = 0; i < list.length; i++) {
        if (updater.predictMeasurement(state.store, list[i], pred)) {
          gater.gate(pred, scan.used, problem.gates);
          problem.logNorm[i] = -0.5 * (m * Math.log(2 * Math.PI) + pred.logDetS);
        }
        problem.rowStart[i + 1] = problem.gates.length;
      }
      const hypotheses = problem.finish(list.length, scan.nz);
      associator.associate(hypotheses.input, hypotheses.output);
      if (consume) consumeLikelyDetections(hypotheses.input, hypotheses.output, scan.used);
      return hypotheses;
    },
  };
}

/**
 * Updater role: applies the association weights of row `i` to its track — a hard assignment (GNN) is the standard
 * update with one detection (marked used), soft weights (JPDA) the PDA combination; returns whether it is a hit.
 */
function fullCovUpdater(state: FullCovState, updater: Updater): ScanUpdater<number, FullCovScan, Hypotheses> {
  const zIdx1 = new Int32Array(1);
  let zIdxMany = new Int32Array(16);
  let betaMany = new Float64Array(17);
  return {
    update(s, i, { input, output }, scan) {
      const e0 = input.rowStart[i];
      const e1 = input.rowStart[i + 1];
      const beta0 = output.beta0[i];
      if (beta0 >= 1 || e1 === e0) return false;
      for (let e = e0; e < e1; e++) {
        if (output.beta[e] === 1 && beta0 === 0) {
          zIdx1[0] = input.colIdx[e];
          scan.used[zIdx1[0]] = 1;
          updater.update(state.store, s, scan.zFlat, zIdx1, 1, null);
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
      updater.update(state.store, s, scan.zFlat, zIdxMany, count, betaMany);
      return 1 - beta0 >= 0.5;
    },
  };
}

/** Initiation: a tentative track per unused detection, with the prior of `initiator`; records its first state. */
function fullCovInitiate(state: FullCovState, initiator: Initiator, scan: FullCovScan): number[] {
  const { store, book } = state;
  const m = state.filter.layout.dim;
  const born: number[] = [];
  for (let j = 0; j < scan.nz; j++) {
    if (scan.used[j]) continue;
    const s = book.add();
    if (s >= store.capacity) store.grow(2 * store.capacity);
    initiator.initiate(store, s, scan.zFlat, j * m);
    book.t[s] = scan.t_s;
    book.misses[s] = 0;
    state.record(s, true);
    born.push(s);
  }
  return born;
}

/** The deleter of `config`: consecutive misses, or'ed with the covariance trace rule when it is set. */
function fullCovDeleter(state: FullCovState, config: MttTrackerConfig): (s: number) => boolean {
  const maxTrace = config.deleteCovariance_m2;
  const deleters: Deleter[] = [consecutiveMissDeleter(config.deleteMisses)];
  if (maxTrace !== undefined) deleters.push(covarianceDeleter(maxTrace));
  const deleter = anyDeleter(deleters);
  return (s) =>
    deleter.shouldDelete(state.book.misses[s], maxTrace === undefined ? 0 : state.positionTrace(s));
}

/** The loop's roles for the full-covariance tracker (GNN or JPDA on the confirmed tracks, GNN on the tentative). */
function fullCovRoles(
  state: FullCovState,
  gater: Gater,
  association: AssociationRoles,
  setup: MttSetup,
  config: MttTrackerConfig,
): TrackerRoles<number, FullCovScan, Hypotheses> {
  const { filter, book } = state;
  const problem = new Problem();
  const initiator = singlePointInitiator(filter.layout, {
    sigma_m: setup.sigma,
    velocityStd_mps: FULL_COV_INITIAL_VELOCITY_STD_mps,
    accelerationStd_mps2: filter.accelerationStd_mps2,
    turnRateStd_radps: filter.turnRateStd_radps,
    modeProbabilities: filter.initialProbabilities,
  });
  const { confirmM, confirmN } = config;
  return {
    predictor: fullCovPredictor(state, filter.predictor),
    confirmedAssociator: fullCovAssociator(
      state,
      gater,
      problem,
      association.confirmed,
      association.consumeLikely,
    ),
    tentativeAssociator: fullCovAssociator(state, gater, problem, association.tentative, false),
    updater: fullCovUpdater(state, filter.updater),
    recorder: {
      record(s, hit) {
        book.misses[s] = hit ? 0 : book.misses[s] + 1;
        state.record(s, hit);
      },
    },
    deleter: { shouldDelete: fullCovDeleter(state, config) },
    initiator: {
      initiate: (scan) => fullCovInitiate(state, initiator, scan),
      decide: (s, hit) => mOfNConfirm(book.windows[s], hit, confirmM, confirmN),
      confirmsAtBirth: () => confirmM <= 1,
    },
    events: {
      confirmed(s) {
        book.everConfirmed[s] = true;
      },
      deleted() {},
      dropped(s) {
        book.histX[s] = [];
        book.histT[s] = [];
        book.histU[s] = [];
      },
    },
  };
}

/** The confirmed tracks as a scan output (moment-matched, reduced to position and velocity; IMM: μ too). */
function fullCovOutput(state: FullCovState, confirmed: readonly number[], withModes: boolean): MttScanOutput {
  const { store, xComb, pComb, sd } = state;
  const r = store.r;
  const ids: string[] = new Array(confirmed.length);
  const xs: number[][] = new Array(confirmed.length);
  const Ps: number[][] = new Array(confirmed.length);
  const modes: number[][] | undefined = withModes ? new Array(confirmed.length) : undefined;
  for (let i = 0; i < confirmed.length; i++) {
    const s = confirmed[i];
    ids[i] = mttTrackId(s);
    store.combine(s, xComb, pComb);
    const xv = new Array<number>(sd);
    const pv = new Array<number>(sd * sd);
    extractPositionVelocity(state.filter.layout, xComb, 0, xv, pComb, 0, pv);
    xs[i] = xv;
    Ps[i] = pv;
    if (modes !== undefined) modes[i] = Array.from(store.mu.subarray(s * r, (s + 1) * r));
  }
  return modes === undefined ? { ids, x: xs, P: Ps } : { ids, x: xs, P: Ps, modeProbabilities: modes };
}

/**
 * Create a full-covariance tracker (any filter, GNN or JPDA). Usually reached through `createMttTracker`; filter
 * 'kf' is accepted here too (it runs the same code as 'ekf'), which the tests use to check against the fast path.
 */
export function createFullCovTracker(setup: MttSetup, config: MttTrackerConfig): MttTracker {
  validateMttTrackerConfig(setup, { ...config, compat: null });
  const m = setup.dim;
  const state = new FullCovState(filterRoles(setup, config), 2 * setup.dim);
  const gater = sweepGater(m, config.gate);
  const roles = fullCovRoles(state, gater, associationRoles(setup, config), setup, config);
  const lists: TrackLists<number> = { confirmed: [], tentative: [] };
  return {
    step(_k: number, t_s: number, z: readonly (readonly number[])[]): MttScanOutput {
      const nz = z.length;
      const zFlat = new Float64Array(nz * m);
      for (let j = 0; j < nz; j++) for (let a = 0; a < m; a++) zFlat[j * m + a] = z[j][a];
      gater.setDetections(zFlat, nz);
      trackScan(roles, lists, { t_s, zFlat, nz, used: new Uint8Array(nz) });
      return fullCovOutput(state, lists.confirmed, config.filter === 'imm');
    },
    histories: (): MttTrackHistory[] => trackHistories(state.book, state.sd),
  };
}
