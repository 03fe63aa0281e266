/**
 * @module tracking/mtt/axisTracker
 * The fast path of `aspis track` (filter 'kf', assoc 'gnn', native and Stone Soup compat modes): the roles of the
 * tracking loop (`core/trackLoop.ts`) for the per-axis NCV Kalman filter, wired by {@link createAxisTracker}.
 *
 * With F, Q block-diagonal and identical per axis, R = σ²I and the initial covariance identical per axis, every
 * track's covariance stays block-diagonal with the *same* 2×2 block on each axis (Bar-Shalom et al. 2001 §6.3: the
 * axes decouple), so a track stores its state plus three numbers (p_pp, p_pv, p_vv). S = (p_pp + σ²) I, so the
 * d < gate region is the Euclidean ball of radius gate·√(p_pp + σ²): the pre-gate by sorted x (sort-and-sweep) is
 * exact. All track data live in flat Float64Arrays (speed: ≥ 150,000 measurements/s at N = 1,000).
 */

import { AssignmentWorkspace, solveSparseAssignment } from '../association/assignment.js';
import { firstHitWindow, type HitWindow, mOfNConfirm, stoneSoupDecision } from '../core/confirmation.js';
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
import { HistoryLog, mttTrackId } from './history.js';

/** Velocity standard deviation of a new tentative track, m/s (Stone Soup reference prior). */
export const INITIAL_VELOCITY_STD_mps = 100;

/** Growable flat storage of all tracks ever created (struct of arrays, indexed by slot = creation order). */
class AxisTrackStore {
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
  updates: Int32Array = new Int32Array(0);
  misses: Int32Array = new Int32Array(0);
  /** Native mode: the M-of-N window of each track (compat mode counts updates and misses instead). */
  windows: HitWindow[] = [];
  /** Every state each track had (its history). */
  readonly log: HistoryLog;
  /** Track id of each slot once it was reported (scan outputs reuse the string instead of formatting it again). */
  private ids: string[] = [];

  constructor(
    private readonly sd: number,
    private readonly withWindows: boolean,
  ) {
    this.log = new HistoryLog(sd);
    this.grow(1024);
  }

  /** `T000001`-style id of slot `s`. */
  idOf(s: number): string {
    let id = this.ids[s];
    if (id === undefined) {
      id = mttTrackId(s);
      this.ids[s] = id;
    }
    return id;
  }

  grow(capacity: number): void {
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
    this.x = copyF(this.x, capacity * this.sd);
    this.pPP = copyF(this.pPP, capacity);
    this.pPV = copyF(this.pPV, capacity);
    this.pVV = copyF(this.pVV, capacity);
    this.t = copyF(this.t, capacity);
    this.updates = copyI(this.updates, capacity);
    this.misses = copyI(this.misses, capacity);
    this.capacity = capacity;
  }

  add(): number {
    if (this.count === this.capacity) this.grow(this.capacity * 2);
    const slot = this.count++;
    this.log.addSlot();
    if (this.withWindows) this.windows.push(firstHitWindow());
    return slot;
  }

  /** Appends the current state of `s` to its history. */
  record(s: number, isUpdate: boolean): void {
    this.log.record(s, this.t[s], this.x, s * this.sd, isUpdate);
  }
}

/** One scan as the fast path's roles see it: detections flat, sorted by first coordinate, and their use flags. */
interface AxisScan {
  readonly t_s: number;
  readonly zFlat: Float64Array;
  readonly nz: number;
  /** Detection indices sorted by first coordinate, and those coordinates. */
  readonly order: Int32Array;
  readonly sortedX: Float64Array;
  readonly used: Uint8Array;
}

/** Builds the {@link AxisScan} of detections `z` (dim each) at `t_s`. */
function axisScan(t_s: number, z: readonly (readonly number[])[], dim: number): AxisScan {
  const nz = z.length;
  const zFlat = new Float64Array(nz * dim);
  for (let j = 0; j < nz; j++) {
    const zj = z[j];
    for (let a = 0; a < dim; a++) zFlat[j * dim + a] = zj[a];
  }
  return axisScanFlat(t_s, zFlat, dim);
}

/** Builds the {@link AxisScan} of the row-major detections `zFlat` (dim each, read only) at `t_s`. */
function axisScanFlat(t_s: number, zFlat: Float64Array, dim: number): AxisScan {
  const nz = zFlat.length / dim;
  // sort-and-sweep index on the first coordinate
  const sortedX = new Float64Array(nz);
  for (let j = 0; j < nz; j++) sortedX[j] = zFlat[j * dim];
  const order = stableArgsort(sortedX);
  for (let k = 0; k < nz; k++) sortedX[k] = zFlat[order[k] * dim];
  return { t_s, zFlat, nz, order, sortedX, used: new Uint8Array(nz) };
}

/**
 * Indices of `keys` in ascending order, equal keys in index order: the order `Int32Array.sort` with the comparator
 * `keys[a] − keys[b]` gives (a stable sort), by a bottom-up merge sort without a comparator callback per step, which
 * was a tenth of the tracker loop at N = 1,000. A NaN key (no order) falls back to that sort itself.
 */
function stableArgsort(keys: Float64Array): Int32Array {
  const n = keys.length;
  let a = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    if (Number.isNaN(keys[j])) {
      for (let i = 0; i < n; i++) a[i] = i;
      return a.sort((p, q) => keys[p] - keys[q]);
    }
    a[j] = j;
  }
  // runs of 8 by insertion sort, then merges of doubling width
  const RUN = 8;
  for (let lo = 0; lo < n; lo += RUN) {
    const hi = Math.min(lo + RUN, n);
    for (let i = lo + 1; i < hi; i++) {
      const v = a[i];
      const kv = keys[v];
      let j = i - 1;
      while (j >= lo && keys[a[j]] > kv) {
        a[j + 1] = a[j];
        j--;
      }
      a[j + 1] = v;
    }
  }
  let b = new Int32Array(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        // ties take the left run first: stable
        if (keys[a[j]] < keys[a[i]]) b[k++] = a[j++];
        else b[k++] = a[i++];
      }
      while (i < mid) b[k++] = a[i++];
      while (j < hi) b[k++] = a[j++];
    }
    const swap = a;
    a = b;
    b = swap;
  }
  return a;
}

/** Predictor: NCV per axis to the scan time, Q of Stone Soup's `ConstantVelocity(q)`. */
function axisPredictor(store: AxisTrackStore, dim: number, q: number): ScanPredictor<number, AxisScan> {
  const sd = 2 * dim;
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
  return {
    predict(tracks, scan) {
      for (const s of tracks) predict(s, scan.t_s);
    },
  };
}

/** Updater: Kalman update with the assigned detection (K = P Hᵀ S⁻¹, P⁺ = P − K S Kᵀ); marks it used. */
function axisUpdater(
  store: AxisTrackStore,
  dim: number,
  r2: number,
): ScanUpdater<number, AxisScan, Int32Array> {
  const sd = 2 * dim;
  return {
    update(s, row, assigned, scan) {
      const j = assigned[row];
      if (j < 0) return false;
      const pp = store.pPP[s];
      const pv = store.pPV[s];
      const vv = store.pVV[s];
      const sInv = 1 / (pp + r2);
      const kp = pp * sInv;
      const kv = pv * sInv;
      const x = store.x;
      const base = s * sd;
      for (let a = 0; a < dim; a++) {
        const y = scan.zFlat[j * dim + a] - x[base + 2 * a];
        x[base + 2 * a] += kp * y;
        x[base + 2 * a + 1] += kv * y;
      }
      const sVal = pp + r2;
      store.pPP[s] = pp - kp * sVal * kp;
      store.pPV[s] = pv - kp * sVal * kv;
      store.pVV[s] = vv - kv * sVal * kv;
      scan.used[j] = 1;
      return true;
    },
  };
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
 * Gater + GNN associator: per track, the unused detections with d < gate found by a binary search and sweep on the
 * sorted first coordinate (cost d), plus the track's own missed column (cost `gate`, Stone Soup's
 * `missed_distance`); global minimum by `solveSparseAssignment`. Hypotheses: per row the detection, or −1.
 */
function axisGnnAssociator(
  store: AxisTrackStore,
  dim: number,
  r2: number,
  gate: number,
): ScanAssociator<number, AxisScan, Int32Array> {
  const sd = 2 * dim;
  const gate2 = gate * gate;
  const csr = new CsrBuilder();
  // one solver workspace for every scan (a fresh one per call grew some twenty typed arrays from 8 entries each time)
  const workspace = new AssignmentWorkspace();
  /** Appends the gated unused detections of track `s` to `csr`. */
  function gateTrack(s: number, scan: AxisScan): void {
    const { zFlat, nz, order, sortedX, used } = scan;
    const sVal = store.pPP[s] + r2;
    const sInv = 1 / sVal;
    const radius = Math.sqrt(gate2 * sVal);
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
  }
  return {
    associate(list, scan) {
      const nz = scan.nz;
      const assigned = new Int32Array(list.length).fill(-1);
      if (list.length === 0 || nz === 0) return assigned;
      const rows: number[] = [];
      const rowStart: number[] = [0];
      csr.length = 0;
      for (let li = 0; li < list.length; li++) {
        const before = csr.length;
        gateTrack(list[li], scan);
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
        workspace,
      );
      for (let r = 0; r < rows.length; r++) {
        const j = sol.rowToCol[r];
        if (j >= 0 && j < nz) assigned[rows[r]] = j;
      }
      return assigned;
    },
  };
}

/** Single-point initiator: x[pos] = z, x[vel] = 0, P = diag(σ², 100²) per axis; records the first state. */
function axisInitiate(store: AxisTrackStore, dim: number, r2: number, scan: AxisScan): number[] {
  const vel2 = INITIAL_VELOCITY_STD_mps * INITIAL_VELOCITY_STD_mps;
  const born: number[] = [];
  for (let j = 0; j < scan.nz; j++) {
    if (scan.used[j]) continue;
    const s = store.add();
    const base = s * 2 * dim;
    for (let a = 0; a < dim; a++) {
      store.x[base + 2 * a] = scan.zFlat[j * dim + a];
      store.x[base + 2 * a + 1] = 0;
    }
    store.pPP[s] = r2;
    store.pPV[s] = 0;
    store.pVV[s] = vel2;
    store.t[s] = scan.t_s;
    store.updates[s] = 1;
    store.misses[s] = 0;
    store.record(s, true);
    born.push(s);
  }
  return born;
}

/**
 * The fast path's roles (composition of the units above). Deletion: at `deleteMisses` consecutive misses, or when
 * the covariance deleter is on, once tr(P_pos) = dim·p_pp exceeds `deleteCovariance_m2`. Confirmation: the Stone
 * Soup rule in compat mode, M-of-N otherwise.
 */
function axisRoles(
  store: AxisTrackStore,
  setup: MttSetup,
  config: MttTrackerConfig,
): TrackerRoles<number, AxisScan, Int32Array> {
  const dim = setup.dim;
  const r2 = setup.sigma * setup.sigma;
  const gnn = axisGnnAssociator(store, dim, r2, config.gate);
  const maxPositionTrace = config.deleteCovariance_m2 ?? Number.POSITIVE_INFINITY;
  const { confirmM, confirmN } = config;
  // the confirmation rule, chosen once: the Stone Soup rule in compat mode, M-of-N otherwise
  const decide =
    config.compat === 'stonesoup'
      ? (s: number) => stoneSoupDecision(store.updates[s], store.misses[s], confirmM)
      : (s: number, hit: boolean) => mOfNConfirm(store.windows[s], hit, confirmM, confirmN);
  return {
    predictor: axisPredictor(store, dim, setup.q),
    confirmedAssociator: gnn,
    tentativeAssociator: gnn,
    updater: axisUpdater(store, dim, r2),
    recorder: {
      record(s, hit) {
        if (hit) {
          store.updates[s]++;
          store.misses[s] = 0;
        } else store.misses[s]++;
        store.record(s, hit);
      },
    },
    deleter: {
      shouldDelete: (s) => store.misses[s] >= config.deleteMisses || dim * store.pPP[s] > maxPositionTrace,
    },
    initiator: {
      initiate: (scan) => axisInitiate(store, dim, r2, scan),
      decide,
      confirmsAtBirth: () => confirmM <= 1,
    },
    events: {
      confirmed(s) {
        store.log.confirm(s);
      },
      deleted() {},
      dropped(s) {
        // a dropped tentative track's history is never reported
        store.log.forget(s);
      },
    },
  };
}

/**
 * The confirmed tracks of `lists` as a scan output. The covariances are copied now (three numbers per track, the
 * per-axis block) but expanded to full row-major matrices only when `P` is read: `aspis track` without
 * `--covariance` never reads them, and at N = 1,000 the expanded matrices were most of what a run kept in memory.
 */
function axisOutput(store: AxisTrackStore, dim: number, confirmed: readonly number[]): MttScanOutput {
  const sd = 2 * dim;
  const n = confirmed.length;
  const ids: string[] = new Array(n);
  const xs: number[][] = new Array(n);
  const blocks = new Float64Array(3 * n);
  for (let i = 0; i < n; i++) {
    const s = confirmed[i];
    ids[i] = store.idOf(s);
    const base = s * sd;
    // built by push: a packed array, which JSON.stringify writes faster than a holey one
    const xv: number[] = [];
    for (let c = 0; c < sd; c++) xv.push(store.x[base + c]);
    xs[i] = xv;
    blocks[3 * i] = store.pPP[s];
    blocks[3 * i + 1] = store.pPV[s];
    blocks[3 * i + 2] = store.pVV[s];
  }
  let Ps: number[][] | undefined;
  return {
    ids,
    x: xs,
    get P(): number[][] {
      if (Ps === undefined) Ps = expandBlocks(blocks, n, dim);
      return Ps;
    },
  };
}

/** Full row-major covariances (2·dim)² from the per-axis blocks (p_pp, p_pv, p_vv) of `n` tracks. */
function expandBlocks(blocks: Float64Array, n: number, dim: number): number[][] {
  const sd = 2 * dim;
  const Ps: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const P = new Array<number>(sd * sd).fill(0);
    for (let a = 0; a < dim; a++) {
      const p = 2 * a;
      P[p * sd + p] = blocks[3 * i];
      P[p * sd + p + 1] = blocks[3 * i + 1];
      P[(p + 1) * sd + p] = blocks[3 * i + 1];
      P[(p + 1) * sd + p + 1] = blocks[3 * i + 2];
    }
    Ps[i] = P;
  }
  return Ps;
}

/**
 * The fast-path tracker (kf + gnn; `config` already validated by `createMttTracker`): the tracking loop over
 * {@link axisRoles}.
 */
export function createAxisTracker(setup: MttSetup, config: MttTrackerConfig): MttTracker {
  const dim = setup.dim;
  const store = new AxisTrackStore(2 * dim, config.compat !== 'stonesoup');
  const roles = axisRoles(store, setup, config);
  const lists: TrackLists<number> = { confirmed: [], tentative: [] };
  return {
    step(_k: number, t_s: number, z: readonly (readonly number[])[]): MttScanOutput {
      trackScan(roles, lists, axisScan(t_s, z, dim));
      return axisOutput(store, dim, lists.confirmed);
    },
    stepFlat(_k: number, t_s: number, zFlat: Float64Array): MttScanOutput {
      trackScan(roles, lists, axisScanFlat(t_s, zFlat, dim));
      return axisOutput(store, dim, lists.confirmed);
    },
    histories: (): MttTrackHistory[] => store.log.histories(),
  };
}
