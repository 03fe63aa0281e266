/**
 * @module tracking/mtt/associator/gnnAssociator
 * Global nearest neighbour (Stone Soup `GNNWith2DAssignment` + `DistanceHypothesiser`): cost d = √d² for each gated
 * pair and a private "missed" column costing `missedDistance` per track, minimum total cost by
 * `solveSparseAssignment` (Jonker–Volgenant/Crouse on connected components). Tracks without any gated detection are
 * missed without entering the problem.
 */
import { solveSparseAssignment } from '../../association/assignment.js';
import type { AssociationInput, AssociationOutput, Associator } from './index.js';

/** GNN associator with missed-track cost `missedDistance` (the gate, as in Stone Soup). */
export function gnnAssociator(missedDistance: number): Associator {
  return {
    associate(input: AssociationInput, out: AssociationOutput) {
      const { nTracks, nDetections, rowStart, colIdx, d2 } = input;
      out.beta0.fill(1, 0, nTracks);
      out.beta.fill(0, 0, rowStart[nTracks]);
      const rows: number[] = [];
      for (let t = 0; t < nTracks; t++) if (rowStart[t + 1] > rowStart[t]) rows.push(t);
      if (rows.length === 0) return;
      // CSR of the rows with a gated detection, plus each row's own missed column
      const nEntries = rowStart[nTracks] + rows.length;
      const rs = new Int32Array(rows.length + 1);
      const ci = new Int32Array(nEntries);
      const cost = new Float64Array(nEntries);
      let e = 0;
      for (let r = 0; r < rows.length; r++) {
        const t = rows[r];
        for (let k = rowStart[t]; k < rowStart[t + 1]; k++) {
          ci[e] = colIdx[k];
          cost[e] = Math.sqrt(d2[k]);
          e++;
        }
        ci[e] = nDetections + r;
        cost[e] = missedDistance;
        e++;
        rs[r + 1] = e;
      }
      const sol = solveSparseAssignment(rows.length, nDetections + rows.length, rs, ci, cost);
      for (let r = 0; r < rows.length; r++) {
        const j = sol.rowToCol[r];
        if (j < 0 || j >= nDetections) continue;
        const t = rows[r];
        for (let k = rowStart[t]; k < rowStart[t + 1]; k++) {
          if (colIdx[k] === j) {
            out.beta[k] = 1;
            out.beta0[t] = 0;
            break;
          }
        }
      }
    },
  };
}
