/**
 * @module tracking/mtt/associator
 * The Associator role (Stone Soup `DataAssociator`): from every track's gated detections (a CSR list with the
 * normalised innovations squared d² and each track's Gaussian normaliser), produce association weights: β₀ per
 * track (probability that none of its detections is the target's) and β per gated (track, detection) entry.
 * GNN gives hard 0/1 weights (one detection or a miss); JPDA gives the joint-association marginals.
 */
export { gnnAssociator } from './gnnAssociator.js';
export {
  cheapJpdaMarginals,
  JPDA_MAX_EXACT_HYPOTHESES,
  type JpdaCluster,
  jpdaAssociator,
  jpdaMarginals,
} from './jpdaAssociator.js';

/** Gated (track, detection) pairs of one association problem, CSR by track. */
export interface AssociationInput {
  /** Number of tracks. */
  readonly nTracks: number;
  /** Number of detections of the scan. */
  readonly nDetections: number;
  /** Track t's entries are [rowStart[t], rowStart[t+1]). */
  readonly rowStart: Int32Array;
  /** Detection index of each entry. */
  readonly colIdx: Int32Array;
  /** d² = νᵀS⁻¹ν of each entry. */
  readonly d2: Float64Array;
  /** Per track: log of the Gaussian normaliser, −½(m log 2π + log det S). */
  readonly logNorm: Float64Array;
}

/** Association weights, written by an {@link Associator}. */
export interface AssociationOutput {
  /** Per track: probability that no gated detection is the target's (1 = missed). */
  beta0: Float64Array;
  /** Per CSR entry: probability that this detection is the target's. */
  beta: Float64Array;
}

/** A data associator. */
export interface Associator {
  /** Fill `out` (arrays at least nTracks / number of entries long) for `input`. */
  associate(input: AssociationInput, out: AssociationOutput): void;
}
