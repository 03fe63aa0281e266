/**
 * @module tracking/mtt/associator/jpdaAssociator
 * Joint probabilistic data association (Fortmann, Bar-Shalom & Scheffe, IEEE J. Oceanic Eng. 8(3), 1983;
 * Bar-Shalom, Daum & Huang 2009 §"JPDAF"), clustered:
 * 1. tracks sharing a gated detection are joined by union–find into clusters, solved independently;
 * 2. a joint hypothesis assigns each track of a cluster either no detection or one of its gated detections, no
 *    detection to two tracks; its weight is Π_detected P_D·N(ν; 0, S) · Π_missed (1 − P_D)·λ (the classic weight
 *    multiplied by λ^T, λ = clutter density, so λ = 0 is allowed);
 * 3. β_tj = Σ weights of the hypotheses with t ← j / Σ all weights; β_t0 likewise for "t missed".
 * Exact enumeration (depth-first over tracks) is used while the hypothesis count bound Π_t (1 + gated_t) is at most
 * {@link JPDA_MAX_EXACT_HYPOTHESES}; larger clusters use Fitzgerald's "cheap JPDA" (R. J. Fitzgerald, "Development
 * of practical PDA logic for multitarget tracking by microprocessor", ACC 1986):
 * β_tj = w_tj / (w_t0 + Σ_j' w_tj' + Σ_t' w_t'j − w_tj), with the bias B taken as the track's own miss weight
 * w_t0 — which makes it exact for a cluster of one track (it is then the PDAF) — and β_t0 = 1 − Σ_j β_tj.
 * Weights of each track are scaled by their largest value before multiplying (every hypothesis holds exactly one
 * factor per track, so the marginals are unchanged and nothing underflows).
 */
import type { AssociationInput, AssociationOutput, Associator } from './index.js';

/** Largest hypothesis-count bound Π (1 + gated detections) solved exactly. */
export const JPDA_MAX_EXACT_HYPOTHESES = 20000;

/** One cluster's weights in local CSR form (tests and callers that build them directly). */
export interface JpdaCluster {
  /** Number of tracks T. */
  readonly nTracks: number;
  /** Track t's entries are [rowStart[t], rowStart[t+1]). */
  readonly rowStart: Int32Array;
  /** Detection id of each entry (any integers; equal ids are the same detection). */
  readonly colIdx: Int32Array;
  /** Weight of each (track, detection) entry, e.g. P_D·N(ν; 0, S). */
  readonly weight: Float64Array;
  /** Per track: weight of "missed", e.g. (1 − P_D)·λ. */
  readonly missWeight: Float64Array;
}

/**
 * Exact JPDA marginals of one cluster by enumerating all joint hypotheses: writes β_t0 into `beta0[t]` and β of
 * each entry into `beta[entry]`. Cost ∝ number of feasible hypotheses × T.
 */
export function jpdaMarginals(cluster: JpdaCluster, beta0: Float64Array, beta: Float64Array): void {
  const { nTracks, rowStart, colIdx, weight, missWeight } = cluster;
  const nEntries = rowStart[nTracks];
  const acc0 = new Float64Array(nTracks);
  const acc = new Float64Array(nEntries);
  const choice = new Int32Array(nTracks).fill(-1);
  const taken = new Set<number>();
  let total = 0;
  const visit = (t: number, w: number): void => {
    if (w === 0) return;
    if (t === nTracks) {
      total += w;
      for (let u = 0; u < nTracks; u++) {
        if (choice[u] < 0) acc0[u] += w;
        else acc[choice[u]] += w;
      }
      return;
    }
    choice[t] = -1;
    visit(t + 1, w * missWeight[t]);
    for (let e = rowStart[t]; e < rowStart[t + 1]; e++) {
      const j = colIdx[e];
      if (taken.has(j)) continue;
      taken.add(j);
      choice[t] = e;
      visit(t + 1, w * weight[e]);
      taken.delete(j);
    }
    choice[t] = -1;
  };
  visit(0, 1);
  for (let t = 0; t < nTracks; t++) beta0[t] = total > 0 ? acc0[t] / total : 1;
  for (let e = 0; e < nEntries; e++) beta[e] = total > 0 ? acc[e] / total : 0;
}

/** Fitzgerald's cheap JPDA marginals of one cluster (same arguments as {@link jpdaMarginals}). */
export function cheapJpdaMarginals(cluster: JpdaCluster, beta0: Float64Array, beta: Float64Array): void {
  const { nTracks, rowStart, colIdx, weight, missWeight } = cluster;
  const columnSum = new Map<number, number>();
  for (let e = 0; e < rowStart[nTracks]; e++)
    columnSum.set(colIdx[e], (columnSum.get(colIdx[e]) ?? 0) + weight[e]);
  for (let t = 0; t < nTracks; t++) {
    let rowSum = 0;
    for (let e = rowStart[t]; e < rowStart[t + 1]; e++) rowSum += weight[e];
    let sum = 0;
    for (let e = rowStart[t]; e < rowStart[t + 1]; e++) {
      const denom = missWeight[t] + rowSum + (columnSum.get(colIdx[e]) ?? 0) - weight[e];
      beta[e] = denom > 0 ? weight[e] / denom : 0;
      sum += beta[e];
    }
    if (sum > 1) {
      for (let e = rowStart[t]; e < rowStart[t + 1]; e++) beta[e] /= sum;
      sum = 1;
    }
    beta0[t] = 1 - sum;
  }
}

/** Union–find root with path halving. */
function root(parent: Int32Array, a: number): number {
  let x = a;
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/**
 * Clustered JPDA associator with detection probability `pd` and clutter density `clutterDensity` (per m^m per
 * scan). Exact below {@link JPDA_MAX_EXACT_HYPOTHESES}, cheap JPDA above.
 */
export function jpdaAssociator(pd: number, clutterDensity: number): Associator {
  const missW = (1 - pd) * clutterDensity;
  return {
    associate(input: AssociationInput, out: AssociationOutput) {
      const { nTracks, nDetections, rowStart, colIdx, d2, logNorm } = input;
      out.beta0.fill(1, 0, nTracks);
      // clusters: union–find over tracks via their detections
      const parent = new Int32Array(nTracks);
      for (let t = 0; t < nTracks; t++) parent[t] = t;
      const owner = new Int32Array(nDetections).fill(-1);
      for (let t = 0; t < nTracks; t++) {
        for (let e = rowStart[t]; e < rowStart[t + 1]; e++) {
          const j = colIdx[e];
          if (owner[j] < 0) owner[j] = t;
          else {
            const a = root(parent, owner[j]);
            const b = root(parent, t);
            if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
          }
        }
      }
      const members = new Map<number, number[]>();
      for (let t = 0; t < nTracks; t++) {
        if (rowStart[t + 1] === rowStart[t]) continue;
        const r = root(parent, t);
        const list = members.get(r);
        if (list === undefined) members.set(r, [t]);
        else list.push(t);
      }
      for (const tracks of members.values()) {
        // local CSR with per-track scaled weights
        const T = tracks.length;
        const rs = new Int32Array(T + 1);
        for (let i = 0; i < T; i++) rs[i + 1] = rs[i] + rowStart[tracks[i] + 1] - rowStart[tracks[i]];
        const ci = new Int32Array(rs[T]);
        const w = new Float64Array(rs[T]);
        const w0 = new Float64Array(T);
        let bound = 1;
        for (let i = 0; i < T; i++) {
          const t = tracks[i];
          const k0 = rowStart[t];
          const count = rowStart[t + 1] - k0;
          bound *= 1 + count;
          const logMiss = missW > 0 ? Math.log(missW) : Number.NEGATIVE_INFINITY;
          let top = logMiss;
          for (let k = 0; k < count; k++) top = Math.max(top, Math.log(pd) + logNorm[t] - 0.5 * d2[k0 + k]);
          w0[i] = Math.exp(logMiss - top);
          for (let k = 0; k < count; k++) {
            ci[rs[i] + k] = colIdx[k0 + k];
            w[rs[i] + k] = Math.exp(Math.log(pd) + logNorm[t] - 0.5 * d2[k0 + k] - top);
          }
        }
        const cluster: JpdaCluster = { nTracks: T, rowStart: rs, colIdx: ci, weight: w, missWeight: w0 };
        const b0 = new Float64Array(T);
        const b = new Float64Array(rs[T]);
        if (bound <= JPDA_MAX_EXACT_HYPOTHESES) jpdaMarginals(cluster, b0, b);
        else cheapJpdaMarginals(cluster, b0, b);
        for (let i = 0; i < T; i++) {
          const t = tracks[i];
          out.beta0[t] = b0[i];
          for (let k = 0; k < rs[i + 1] - rs[i]; k++) out.beta[rowStart[t] + k] = b[rs[i] + k];
        }
      }
    },
  };
}
