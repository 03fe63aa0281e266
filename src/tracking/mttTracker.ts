/**
 * @module tracking/mttTracker
 * Multi-target tracker of `aspis track` for measurement files (`mtt-scenario` v1, docs/formats/mtt.md): its types,
 * configuration and composition root.
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
 * Wiring: `createMttTracker` is the composition root — it validates the configuration and builds the roles of the one
 * tracking loop (`core/trackLoop.ts`): the per-axis fast path `mtt/axisTracker.ts` (kf + gnn, native and compat) or
 * the full-covariance roles of `mtt/fullCovTracker.ts` (docs/tracking.md, "The tracking loop").
 */

import { createAxisTracker } from './mtt/axisTracker.js';
import { usesAxisTracker, validateMttTrackerConfig } from './mtt/config.js';
import { createFullCovTracker } from './mtt/fullCovTracker.js';
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
  /**
   * Optional: the same as `step` with the detections as one row-major array (dim values a detection, m), as the
   * measurement-file reader keeps them; the fast path offers it so `aspis track` never builds one array per
   * detection. Gives exactly what `step` gives for the same detections.
   */
  stepFlat?(k: number, t_s: number, zFlat: Float64Array): MttScanOutput;
  /** Histories of every track ever confirmed (deleted ones included), in creation order. */
  histories(): MttTrackHistory[];
}

export { STONESOUP_HOLD_MISSES } from './core/confirmation.js';
export { INITIAL_VELOCITY_STD_mps } from './mtt/axisTracker.js';

export { defaultMttTrackerConfig } from './mtt/config.js';

/**
 * Create a tracker for a measurement file's `setup` with `config` — the composition root of `aspis track`: it checks
 * the configuration and turns its strings into a wiring of the tracking loop (`core/trackLoop.ts`): the per-axis
 * fast path (`mtt/axisTracker.ts`) for kf + gnn, the full-covariance roles (`mtt/fullCovTracker.ts`) otherwise.
 * Deterministic: the same input gives the same ids and states. Throws `AspisError('E_USAGE')` for an invalid
 * configuration.
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
  validateMttTrackerConfig(setup, config);
  if (!usesAxisTracker(config)) return createFullCovTracker(setup, config);
  return createAxisTracker(setup, config);
}
