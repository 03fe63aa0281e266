/**
 * @module tracking/mttTracker
 * Multi-target tracker for `mtt-scenario` v1 files (`aspis track`, docs/formats/mtt.md). Wiring only: NCV Kalman
 * predictor/updater per axis, a sort-and-sweep pre-gate, GNN by `solveSparseAssignment` on connected components, and
 * a Stone Soup–style initiator/deleter.
 *
 * **Stone Soup compatible mode** (`compat: 'stonesoup'`) reproduces docs/formats/mtt.md §3 (Stone Soup's
 * `MultiTargetTracker` + `MultiMeasurementInitiator` + `GNNWith2DAssignment` + `DistanceHypothesiser`) exactly:
 * 1. confirmed tracks are predicted (F, Q of `ConstantVelocity(q)`) and gated on the Mahalanobis distance
 *    d = √(yᵀS⁻¹y) < `gate`;
 * 2. GNN over the confirmed tracks that have a gated detection: cost d, own missed column costing `gate`
 *    (Stone Soup's `missed_distance`), global minimum; update K = P Hᵀ S⁻¹, P⁺ = P − K S Kᵀ;
 * 3. a confirmed track is deleted at its `deleteMisses`-th consecutive miss (same scan); `deleteCovariance_m2` (the
 *    covariance deleter) is refused in this mode, since the reference does not use it;
 * 4. tentative tracks run the same GNN on the detections left over, then a tentative track with ≥ `confirmM`
 *    updates in total (first detection included) is confirmed (keeping its history), and otherwise dropped at
 *    {@link STONESOUP_HOLD_MISSES} consecutive misses;
 * 5. every detection still unused starts a tentative track x[pos] = z, x[vel] = 0, P = diag(σ², 100²) per axis;
 * 6. output: the confirmed set after 3 plus the tracks confirmed in 4. `confirmN` is not used in this mode.
 * With the defaults (gate 3, confirmM 3, deleteMisses 3) this is the reference configuration.
 *
 * **Native mode** (`compat: null`, `filter: 'kf'`, `assoc: 'gnn'`) is the same pipeline with a sliding-window
 * M-of-N confirmation (`confirmM` hits among the last `confirmN` scans of the track, its first detection counting),
 * a tentative track being dropped once M-of-N can no longer be met within its window, and the optional covariance
 * deleter: with `deleteCovariance_m2` set, a confirmed track is deleted at step 3 also when the trace of the position
 * block of its covariance, dim·p_pp, exceeds it (after that scan's update or prediction; either rule deletes).
 * Other filters (ekf, ukf, imm) and JPDA run in the full-covariance tracker of `mtt/fullCovTracker.ts`, which
 * `createMttTracker` selects when filter ≠ 'kf' or assoc = 'jpda'; compat mode accepts only kf + gnn.
 *
 * Implementation notes (speed: ≥ 150,000 measurements/s at N = 1,000): with F, Q block-diagonal and identical per
 * axis, R = σ²I and the initial covariance identical per axis, every track's covariance stays block-diagonal with
 * the *same* 2×2 block on each axis (Bar-Shalom et al. 2001 §6.3: the axes decouple), so a track stores its state
 * plus three numbers (p_pp, p_pv, p_vv). S = (p_pp + σ²) I, so the d < gate region is the Euclidean ball of radius
 * gate·√(p_pp + σ²): the pre-gate by sorted x (sort-and-sweep) is exact. All track data live in flat Float64Arrays.
 */

import { AspisError } from '../errors.js';
import { popcount32, pushHit } from '../math/hitWindow.js';
import { solveSparseAssignment } from './association/assignment.js';
import { createFullCovTracker } from './mtt/fullCovTracker.js';
import { addHistorySlot, mttTrackId, trackHistories } from './mtt/history.js';
import type { ImmOptions } from './mtt/immOptions.js';

/** Tracker configuration (JSON-serialisable; see {@link defaultMttTrackerConfig}). */
export interface MttTrackerConfig {
  /**
   * State estimator: 'kf' (linear Kalman, NCV; the fast path), 'ekf' / 'ukf' (extended / unscented Kalman, NCV; equal
   * to 'kf' on the linear position sensor) or 'imm' (interacting multiple models, see `imm`).
   */
  filter: 'kf' | 'ekf' | 'ukf' | 'imm';
  /** Data association: 'gnn' (global nearest neighbour) or 'jpda' (clustered joint probabilistic). */
  assoc: 'gnn' | 'jpda';
  /** Gate on the Mahalanobis distance d (not d²); also the cost of a missed track. */
  gate: number;
  /** Hits needed to confirm a tentative track. */
  confirmM: number;
  /** Window of the M-of-N confirmation, scans (native mode only). */
  confirmN: number;
  /** Consecutive misses that delete a confirmed track. */
  deleteMisses: number;
  /**
   * Covariance deletion (Stone Soup `CovarianceBasedDeleter` on the position block): a confirmed track is also
   * deleted once the trace of the position block of its covariance exceeds this, m² (dim·p_pp on the fast path).
   * Absent: off. Native and full-covariance modes only; compat mode refuses it.
   */
  deleteCovariance_m2?: number;
  /** 'stonesoup': reproduce the reference tracker of docs/formats/mtt.md §3 exactly (filter kf, assoc gnn only). */
  compat: 'stonesoup' | null;
  /** IMM model set (filter 'imm'); default `defaultImmOptions()` of `mtt/immOptions.ts`. */
  imm?: ImmOptions;
}

/** Scenario parameters a tracker needs, from the `mtt-scenario` header. */
export interface MttSetup {
  /** Spatial dimension. */
  dim: 2 | 3;
  /** Scan interval, s. */
  dt: number;
  /** NCV diffusion coefficient q, m²/s³. */
  q: number;
  /** Measurement noise σ per axis, m. */
  sigma: number;
  /** Probability of detection. */
  pd: number;
  /** Clutter density, per m^dim per scan. */
  clutterDensity: number;
}

/** Tracks reported after one scan. */
export interface MttScanOutput {
  /** Track ids. */
  ids: string[];
  /** Full states in the file's interleaved order [x, vx, y, vy(, z, vz)], m and m/s. */
  x: number[][];
  /** Row-major flattened covariances, same order. */
  P?: number[][];
  /** IMM only: per track, the mode probabilities (one per model of `config.imm`). */
  modeProbabilities?: number[][];
}

/** Whole history of one track (every state it ever had, tentative ones included). */
export interface MttTrackHistory {
  id: string;
  /** Times, s. */
  t: number[];
  /** States, interleaved order. */
  x: number[][];
  /** Whether each state is a measurement update (false: a prediction). */
  isUpdate: boolean[];
}

/** A multi-target tracker fed one scan at a time. */
export interface MttTracker {
  /** Process scan `k` at time `t_s` with detections `z` (each of length dim, m); returns the confirmed tracks. */
  step(k: number, t_s: number, z: readonly (readonly number[])[]): MttScanOutput;
  /** Histories of every track ever confirmed (deleted ones included), in creation order. */
  histories(): MttTrackHistory[];
}

/** Stone Soup reference: consecutive misses that drop a tentative ("holding") track. */
export const STONESOUP_HOLD_MISSES = 2;

/** Velocity standard deviation of a new tentative track, m/s (Stone Soup reference prior). */
export const INITIAL_VELOCITY_STD_mps = 100;

/**
 * Defaults: the Stone Soup reference values with the native M-of-N window 3/4.
 * @example
 * ```ts
 * import { createMttTracker, defaultMttTrackerConfig } from 'aspis';
 * const tracker = createMttTracker(
 *   { dim: 2, dt: 1, q: 1, sigma: 20, pd: 0.9, clutterDensity: 1e-9 },
 *   { ...defaultMttTrackerConfig(), filter: 'imm', assoc: 'jpda' },
 * );
 * const out = tracker.step(0, 0, [[1_000, 2_000], [5_000, -300]]); // scan 0 at t = 0 s
 * const histories = tracker.histories();
 * ```
 */
export function defaultMttTrackerConfig(): MttTrackerConfig {
  return { filter: 'kf', assoc: 'gnn', gate: 3, confirmM: 3, confirmN: 4, deleteMisses: 3, compat: null };
}

const STATUS_TENTATIVE = 0;
const STATUS_CONFIRMED = 1;
const STATUS_DEAD = 2;

/** Growable flat storage of all tracks ever created (struct of arrays, indexed by slot = creation order). */
class TrackStore {
  capacity = 0;
  count = 0;
  /** Positions and velocities per axis: x[slot·2·dim + 2a] = position, +1 = velocity. */
  x: Float64Array = new Float64Array(0);
  /** Shared per-axis covariance block. */
  pPP: Float64Array = new Float64Array(0);
  pPV: Float64Array = new Float64Array(0);
  pVV: Float64Array = new Float64Array(0);
  /** Time of the current state, s. */
  t: Float64Array = new Float64Array(0);
  status: Uint8Array = new Uint8Array(0);
  updates: Int32Array = new Int32Array(0);
  misses: Int32Array = new Int32Array(0);
  /** Native mode: hit/miss bits of the last confirmN scans, newest in bit 0, and their count. */
  window: Int32Array = new Int32Array(0);
  windowCount: Int32Array = new Int32Array(0);
  /** Histories (flat states), times and update flags. */
  histX: number[][] = [];
  histT: number[][] = [];
  histU: boolean[][] = [];
  everConfirmed: boolean[] = [];

  constructor(private readonly sd: number) {
    this.grow(1024);
  }

  grow(capacity: number): void {
    const sd = this.sd;
    const copyF = (a: Float64Array, n: number): Float64Array => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const copyI = (a: Int32Array, n: number): Int32Array => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.x = copyF(this.x, capacity * sd);
    this.pPP = copyF(this.pPP, capacity);
    this.pPV = copyF(this.pPV, capacity);
    this.pVV = copyF(this.pVV, capacity);
    this.t = copyF(this.t, capacity);
    const status = new Uint8Array(capacity);
    status.set(this.status);
    this.status = status;
    this.updates = copyI(this.updates, capacity);
    this.misses = copyI(this.misses, capacity);
    this.window = copyI(this.window, capacity);
    this.windowCount = copyI(this.windowCount, capacity);
    this.capacity = capacity;
  }

  add(): number {
    if (this.count === this.capacity) this.grow(this.capacity * 2);
    const slot = this.count++;
    addHistorySlot(this);
    return slot;
  }
}

/** Growable Int32/Float64 pair for CSR building. */
class CsrBuilder {
  colIdx: Int32Array = new Int32Array(4096);
  cost: Float64Array = new Float64Array(4096);
  length = 0;

  push(col: number, c: number): void {
    if (this.length === this.colIdx.length) {
      const ci = new Int32Array(this.length * 2);
      ci.set(this.colIdx);
      this.colIdx = ci;
      const co = new Float64Array(this.length * 2);
      co.set(this.cost);
      this.cost = co;
    }
    this.colIdx[this.length] = col;
    this.cost[this.length] = c;
    this.length++;
  }
}

/**
 * Create a tracker for a scenario `setup` (from the `mtt-scenario` header) with `config`. Deterministic: the same
 * input gives the same ids and states. Throws `AspisError('E_USAGE')` for an invalid configuration.
 * @example
 * ```ts
 * import { createMttTracker, defaultMttTrackerConfig } from 'aspis';
 * const tracker = createMttTracker(
 *   { dim: 2, dt: 1, q: 1, sigma: 20, pd: 0.9, clutterDensity: 1e-9 },
 *   { ...defaultMttTrackerConfig(), filter: 'imm', assoc: 'jpda' },
 * );
 * const out = tracker.step(0, 0, [[1_000, 2_000], [5_000, -300]]); // scan 0 at t = 0 s
 * const histories = tracker.histories();
 * ```
 */
export function createMttTracker(setup: MttSetup, config: MttTrackerConfig): MttTracker {
  if (config.compat === 'stonesoup' && (config.filter !== 'kf' || config.assoc !== 'gnn')) {
    throw new AspisError(
      'E_USAGE',
      '--compat',
      `the Stone Soup compatible mode is kf + gnn; got filter "${config.filter}" with assoc "${config.assoc}"`,
    );
  }
  if (config.compat === 'stonesoup' && config.deleteCovariance_m2 !== undefined) {
    throw new AspisError(
      'E_USAGE',
      '--delete-covariance',
      'the Stone Soup compatible mode deletes on misses only (the reference uses no covariance deleter)',
    );
  }
  if (config.filter !== 'kf' || config.assoc !== 'gnn') return createFullCovTracker(setup, config);
  if (!(config.gate > 0) || config.confirmM < 1 || config.deleteMisses < 1) {
    throw new AspisError('E_USAGE', 'config', 'need gate > 0, confirmM ≥ 1 and deleteMisses ≥ 1');
  }
  const compat = config.compat === 'stonesoup';
  if (!compat && !(config.confirmN >= config.confirmM && config.confirmN <= 30)) {
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
  // covariance deleter: tr(P_pos) = dim·p_pp (the same block on every axis); Infinity: off
  const maxPositionTrace = maxTrace ?? Number.POSITIVE_INFINITY;
  const dim = setup.dim;
  const sd = 2 * dim;
  const r2 = setup.sigma * setup.sigma;
  const q = setup.q;
  const gate = config.gate;
  const gate2 = gate * gate;
  const store = new TrackStore(sd);
  let confirmed: number[] = [];
  let tentative: number[] = [];
  const csr = new CsrBuilder();

  /** Predict track `s` to `t_s` (NCV per axis, Q of ConstantVelocity(q)). */
  function predict(s: number, t_s: number): void {
    const dt = t_s - store.t[s];
    if (dt === 0) return;
    const x = store.x;
    const base = s * sd;
    for (let a = 0; a < dim; a++) x[base + 2 * a] += dt * x[base + 2 * a + 1];
    const pp = store.pPP[s];
    const pv = store.pPV[s];
    const vv = store.pVV[s];
    store.pPP[s] = pp + 2 * dt * pv + dt * dt * vv + (q * dt * dt * dt) / 3;
    store.pPV[s] = pv + dt * vv + (q * dt * dt) / 2;
    store.pVV[s] = vv + q * dt;
    store.t[s] = t_s;
  }

  /** Kalman update of track `s` with detection `j` (K = P Hᵀ S⁻¹, P⁺ = P − K S Kᵀ). */
  function update(s: number, zFlat: Float64Array, j: number): void {
    const pp = store.pPP[s];
    const pv = store.pPV[s];
    const vv = store.pVV[s];
    const sInv = 1 / (pp + r2);
    const kp = pp * sInv;
    const kv = pv * sInv;
    const x = store.x;
    const base = s * sd;
    for (let a = 0; a < dim; a++) {
      const y = zFlat[j * dim + a] - x[base + 2 * a];
      x[base + 2 * a] += kp * y;
      x[base + 2 * a + 1] += kv * y;
    }
    const sVal = pp + r2;
    store.pPP[s] = pp - kp * sVal * kp;
    store.pPV[s] = pv - kp * sVal * kv;
    store.pVV[s] = vv - kv * sVal * kv;
  }

  /** Append the current state of `s` to its history. */
  function record(s: number, isUpdate: boolean): void {
    const h = store.histX[s];
    const base = s * sd;
    for (let i = 0; i < sd; i++) h.push(store.x[base + i]);
    store.histT[s].push(store.t[s]);
    store.histU[s].push(isUpdate);
  }

  /**
   * GNN of tracks `list` (already predicted) against unused detections; returns per list entry the detection
   * index or −1. Detections are sorted by first coordinate in `order`/`sortedX`.
   */
  function associate(
    list: readonly number[],
    zFlat: Float64Array,
    nz: number,
    order: Int32Array,
    sortedX: Float64Array,
    used: Uint8Array,
  ): Int32Array {
    const assigned = new Int32Array(list.length).fill(-1);
    if (list.length === 0 || nz === 0) return assigned;
    const rows: number[] = [];
    const rowStart: number[] = [0];
    csr.length = 0;
    for (let li = 0; li < list.length; li++) {
      const s = list[li];
      const sVal = store.pPP[s] + r2;
      const sInv = 1 / sVal;
      const radius2 = gate2 * sVal;
      const radius = Math.sqrt(radius2);
      const base = s * sd;
      const px = store.x[base];
      // first detection with x ≥ px − radius (binary search)
      let lo = 0;
      let hi = nz;
      const xMin = px - radius;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (sortedX[mid] < xMin) lo = mid + 1;
        else hi = mid;
      }
      const xMax = px + radius;
      const before = csr.length;
      for (let k = lo; k < nz && sortedX[k] <= xMax; k++) {
        const j = order[k];
        if (used[j]) continue;
        let e2 = 0;
        for (let a = 0; a < dim; a++) {
          const y = zFlat[j * dim + a] - store.x[base + 2 * a];
          e2 += y * y;
        }
        const d2 = e2 * sInv;
        if (d2 < gate2) csr.push(j, Math.sqrt(d2));
      }
      if (csr.length > before) {
        csr.push(nz + rows.length, gate);
        rows.push(li);
        rowStart.push(csr.length);
      }
    }
    if (rows.length === 0) return assigned;
    const sol = solveSparseAssignment(
      rows.length,
      nz + rows.length,
      Int32Array.from(rowStart),
      csr.colIdx.subarray(0, csr.length),
      csr.cost.subarray(0, csr.length),
    );
    for (let r = 0; r < rows.length; r++) {
      const j = sol.rowToCol[r];
      if (j >= 0 && j < nz) assigned[rows[r]] = j;
    }
    return assigned;
  }

  function pushWindow(s: number, hit: boolean): void {
    store.window[s] = pushHit(store.window[s], hit, config.confirmN);
    store.windowCount[s] = Math.min(store.windowCount[s] + 1, config.confirmN);
  }

  function step(_k: number, t_s: number, z: readonly (readonly number[])[]): MttScanOutput {
    const nz = z.length;
    const zFlat = new Float64Array(nz * dim);
    for (let j = 0; j < nz; j++) {
      const zj = z[j];
      for (let a = 0; a < dim; a++) zFlat[j * dim + a] = zj[a];
    }
    // sort-and-sweep index on the first coordinate
    const order = new Int32Array(nz);
    for (let j = 0; j < nz; j++) order[j] = j;
    order.sort((a, b) => zFlat[a * dim] - zFlat[b * dim]);
    const sortedX = new Float64Array(nz);
    for (let k = 0; k < nz; k++) sortedX[k] = zFlat[order[k] * dim];
    const used = new Uint8Array(nz);

    // 1–3: confirmed tracks
    for (const s of confirmed) predict(s, t_s);
    const confAssigned = associate(confirmed, zFlat, nz, order, sortedX, used);
    const keptConfirmed: number[] = [];
    for (let li = 0; li < confirmed.length; li++) {
      const s = confirmed[li];
      const j = confAssigned[li];
      if (j >= 0) {
        update(s, zFlat, j);
        used[j] = 1;
        store.updates[s]++;
        store.misses[s] = 0;
        record(s, true);
      } else {
        store.misses[s]++;
        record(s, false);
      }
      if (store.misses[s] >= config.deleteMisses || dim * store.pPP[s] > maxPositionTrace)
        store.status[s] = STATUS_DEAD;
      else keptConfirmed.push(s);
    }
    confirmed = keptConfirmed;

    // 4: tentative tracks on the leftover detections
    for (const s of tentative) predict(s, t_s);
    const tentAssigned = associate(tentative, zFlat, nz, order, sortedX, used);
    const keptTentative: number[] = [];
    for (let li = 0; li < tentative.length; li++) {
      const s = tentative[li];
      const j = tentAssigned[li];
      const hit = j >= 0;
      if (hit) {
        update(s, zFlat, j);
        used[j] = 1;
        store.updates[s]++;
        store.misses[s] = 0;
      } else {
        store.misses[s]++;
      }
      record(s, hit);
      let confirm: boolean;
      let drop: boolean;
      if (compat) {
        confirm = store.updates[s] >= config.confirmM;
        drop = !confirm && store.misses[s] >= STONESOUP_HOLD_MISSES;
      } else {
        pushWindow(s, hit);
        const hits = popcount32(store.window[s]);
        confirm = hits >= config.confirmM;
        const missesInWindow = store.windowCount[s] - hits;
        drop = !confirm && missesInWindow > config.confirmN - config.confirmM;
      }
      if (confirm) {
        store.status[s] = STATUS_CONFIRMED;
        store.misses[s] = hit ? 0 : store.misses[s];
        store.everConfirmed[s] = true;
        confirmed.push(s);
      } else if (drop) {
        store.status[s] = STATUS_DEAD;
        // a dropped tentative track's history is never reported
        store.histX[s] = [];
        store.histT[s] = [];
        store.histU[s] = [];
      } else {
        keptTentative.push(s);
      }
    }
    tentative = keptTentative;

    // 5: new tentative tracks from the unused detections
    const vel2 = INITIAL_VELOCITY_STD_mps * INITIAL_VELOCITY_STD_mps;
    for (let j = 0; j < nz; j++) {
      if (used[j]) continue;
      const s = store.add();
      const base = s * sd;
      for (let a = 0; a < dim; a++) {
        store.x[base + 2 * a] = zFlat[j * dim + a];
        store.x[base + 2 * a + 1] = 0;
      }
      store.pPP[s] = r2;
      store.pPV[s] = 0;
      store.pVV[s] = vel2;
      store.t[s] = t_s;
      store.status[s] = STATUS_TENTATIVE;
      store.updates[s] = 1;
      store.misses[s] = 0;
      store.window[s] = 1;
      store.windowCount[s] = 1;
      record(s, true);
      if (config.confirmM <= 1) {
        store.status[s] = STATUS_CONFIRMED;
        store.everConfirmed[s] = true;
        confirmed.push(s);
      } else {
        tentative.push(s);
      }
    }

    // 6: output
    const ids: string[] = new Array(confirmed.length);
    const xs: number[][] = new Array(confirmed.length);
    const Ps: number[][] = new Array(confirmed.length);
    for (let i = 0; i < confirmed.length; i++) {
      const s = confirmed[i];
      ids[i] = mttTrackId(s);
      const base = s * sd;
      const xv = new Array<number>(sd);
      for (let c = 0; c < sd; c++) xv[c] = store.x[base + c];
      xs[i] = xv;
      const P = new Array<number>(sd * sd).fill(0);
      for (let a = 0; a < dim; a++) {
        const p = 2 * a;
        P[p * sd + p] = store.pPP[s];
        P[p * sd + p + 1] = store.pPV[s];
        P[(p + 1) * sd + p] = store.pPV[s];
        P[(p + 1) * sd + p + 1] = store.pVV[s];
      }
      Ps[i] = P;
    }
    return { ids, x: xs, P: Ps };
  }

  function histories(): MttTrackHistory[] {
    return trackHistories(store, sd);
  }

  return { step, histories };
}
