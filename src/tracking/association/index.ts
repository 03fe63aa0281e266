/**
 * @module tracking/association
 * Associator building blocks: optimal rectangular assignment (dense and sparse/gated). An `Associator` maps
 * predicted tracks and one scan's detections to at most one detection per track and one track per detection.
 */
export {
  type AssignmentOptions,
  type AssignmentResult,
  solveAssignment,
  solveSparseAssignment,
} from './assignment.js';

/** A data associator: given a gated cost structure, returns the detection index chosen for each track (−1 = missed). */
export interface Associator {
  /**
   * `rowStart`/`colIdx`/`cost`: CSR of gated (track, detection) costs (lower is better); `missedCost[i]`: cost of
   * leaving track i unassigned. Returns, per track, the detection index or −1.
   */
  associate(
    nTracks: number,
    nDetections: number,
    rowStart: Int32Array,
    colIdx: Int32Array,
    cost: Float64Array,
    missedCost: Float64Array,
  ): Int32Array;
}
