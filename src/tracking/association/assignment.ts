/**
 * @module tracking/association/assignment
 * Rectangular linear assignment (minimum- or maximum-cost matching of rows to columns) by the shortest augmenting
 * path method: Jonker & Volgenant (1987), in the rectangular form of D. F. Crouse, "On implementing 2D rectangular
 * assignment algorithms", IEEE Trans. AES 52(4), 2016, Alg. 1–2 (the same algorithm as SciPy's
 * `linear_sum_assignment`, including its tie-break: among equally short paths an unassigned column wins).
 *
 * `Infinity` marks a forbidden pair. When not every row (or, with more rows than columns, not every column) can be
 * assigned, the solver returns `feasible: false` together with the best *partial* assignment: first the largest
 * possible number of assigned pairs, then the least total cost among those (lexicographic). It gets it by giving
 * every row a private "unassigned" column with a cost larger than any possible difference of real totals.
 *
 * `solveSparseAssignment` takes a gated (CSR) cost matrix, splits it into connected components with a union–find
 * and solves each component densely, so a 2,000 × 5,000 gated problem with small clusters takes milliseconds.
 */

/** Result of an assignment. */
export interface AssignmentResult {
  /** True when every row (rows ≤ cols) or every column (rows > cols) could be assigned. */
  readonly feasible: boolean;
  /** Column assigned to each row, −1 for an unassigned row. */
  readonly rowToCol: Int32Array;
  /** Sum of the costs of the assigned pairs (original costs, not negated in maximise mode). */
  readonly totalCost: number;
}

/** Options of {@link solveAssignment}. */
export interface AssignmentOptions {
  /** Maximise the total instead of minimising it (`-Infinity` is then the forbidden value). Default false. */
  readonly maximize?: boolean;
}

/** Work arrays of one shortest-augmenting-path solve (allocated once per solve). */
interface LsapWork {
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly shortestPathCosts: Float64Array;
  readonly path: Int32Array;
  readonly col4row: Int32Array;
  readonly row4col: Int32Array;
  readonly scannedRow: Uint8Array;
  readonly scannedCol: Uint8Array;
  readonly remaining: Int32Array;
}

function createWork(nr: number, nc: number): LsapWork {
  return {
    u: new Float64Array(nr),
    v: new Float64Array(nc),
    shortestPathCosts: new Float64Array(nc),
    path: new Int32Array(nc).fill(-1),
    col4row: new Int32Array(nr).fill(-1),
    row4col: new Int32Array(nc).fill(-1),
    scannedRow: new Uint8Array(nr),
    scannedCol: new Uint8Array(nc),
    remaining: new Int32Array(nc),
  };
}

/**
 * One Dijkstra search from free row `startRow` over reduced costs (Crouse 2016, Alg. 2). Returns the sink column,
 * or −1 when no augmenting path exists; the path length is left in `minValOut[0]`.
 */
function augmentingPath(
  nc: number,
  cost: Float64Array,
  w: LsapWork,
  startRow: number,
  minValOut: Float64Array,
): number {
  const { u, v, shortestPathCosts, path, row4col, scannedRow, scannedCol, remaining } = w;
  let minVal = 0;
  let numRemaining = nc;
  // columns still to scan, in reverse order so ties prefer low indices as SciPy does
  for (let it = 0; it < nc; it++) remaining[it] = nc - it - 1;
  scannedRow.fill(0);
  scannedCol.fill(0);
  shortestPathCosts.fill(Number.POSITIVE_INFINITY);
  let i = startRow;
  let sink = -1;
  while (sink === -1) {
    let index = -1;
    let lowest = Number.POSITIVE_INFINITY;
    scannedRow[i] = 1;
    const rowBase = i * nc;
    const ui = u[i];
    for (let it = 0; it < numRemaining; it++) {
      const j = remaining[it];
      const r = minVal + cost[rowBase + j] - ui - v[j];
      if (r < shortestPathCosts[j]) {
        path[j] = i;
        shortestPathCosts[j] = r;
      }
      const sp = shortestPathCosts[j];
      if (sp < lowest || (sp === lowest && row4col[j] === -1)) {
        lowest = sp;
        index = it;
      }
    }
    minVal = lowest;
    if (minVal === Number.POSITIVE_INFINITY) return -1;
    const j = remaining[index];
    if (row4col[j] === -1) sink = j;
    else i = row4col[j];
    scannedCol[j] = 1;
    numRemaining--;
    remaining[index] = remaining[numRemaining];
  }
  minValOut[0] = minVal;
  return sink;
}

/**
 * Core solver for nr ≤ nc on a row-major Float64Array of non-negative-or-infinite costs (minimisation).
 * Returns col4row, or null when some row has no augmenting path (infeasible).
 */
function lsapDense(nr: number, nc: number, cost: Float64Array): Int32Array | null {
  const w = createWork(nr, nc);
  const { u, v, shortestPathCosts, path, col4row, row4col, scannedRow, scannedCol } = w;
  const minValBox = new Float64Array(1);
  for (let curRow = 0; curRow < nr; curRow++) {
    const sink = augmentingPath(nc, cost, w, curRow, minValBox);
    if (sink < 0) return null;
    const minVal = minValBox[0];
    // update the dual variables
    u[curRow] += minVal;
    for (let i = 0; i < nr; i++) {
      if (scannedRow[i] && i !== curRow) u[i] += minVal - shortestPathCosts[col4row[i]];
    }
    for (let j = 0; j < nc; j++) {
      if (scannedCol[j]) v[j] -= minVal - shortestPathCosts[j];
    }
    // augment the previous solution along the path
    let j = sink;
    for (;;) {
      const i = path[j];
      row4col[j] = i;
      const prev = col4row[i];
      col4row[i] = j;
      j = prev;
      if (i === curRow) break;
    }
  }
  return col4row;
}

/**
 * Solve a minimisation on a row-major `cost` (nr × nc, nr ≤ nc, entries finite or +∞, may be negative).
 * Returns the row→column map with −1 for rows left out when infeasible, and whether it was feasible.
 */
function solveMinRowsLeCols(
  nr: number,
  nc: number,
  cost: Float64Array,
): { feasible: boolean; col4row: Int32Array } {
  if (nr === 0) return { feasible: true, col4row: new Int32Array(0) };
  // shift so every finite cost is ≥ 0 (Dijkstra needs non-negative reduced costs at the start); a constant
  // shift does not change which complete assignment is optimal
  let minFinite = Number.POSITIVE_INFINITY;
  let maxFinite = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < cost.length; k++) {
    const c = cost[k];
    if (c !== Number.POSITIVE_INFINITY) {
      if (c < minFinite) minFinite = c;
      if (c > maxFinite) maxFinite = c;
    }
  }
  if (minFinite === Number.POSITIVE_INFINITY)
    return { feasible: false, col4row: new Int32Array(nr).fill(-1) };
  let shifted = cost;
  if (minFinite < 0) {
    shifted = new Float64Array(cost.length);
    for (let k = 0; k < cost.length; k++) shifted[k] = cost[k] - minFinite;
  }
  const direct = lsapDense(nr, nc, shifted);
  if (direct) return { feasible: true, col4row: direct };
  // infeasible: one private "unassigned" column per row, costing more than any real total can differ
  const span = maxFinite - Math.min(minFinite, 0);
  const unassignedCost = (span + 1) * (nr + 1);
  const ncAug = nc + nr;
  const aug = new Float64Array(nr * ncAug).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < nr; i++) {
    for (let j = 0; j < nc; j++) aug[i * ncAug + j] = shifted[i * nc + j];
    aug[i * ncAug + nc + i] = unassignedCost;
  }
  const col4rowAug = lsapDense(nr, ncAug, aug);
  const col4row = new Int32Array(nr);
  for (let i = 0; i < nr; i++) {
    const j = col4rowAug ? col4rowAug[i] : -1;
    col4row[i] = j >= 0 && j < nc ? j : -1;
  }
  return { feasible: false, col4row };
}

/**
 * Solve a dense row-major problem of nRows × nCols (either shape) as a minimisation; returns row→column.
 * Internal entry point shared by the dense and sparse APIs.
 */
function solveDenseFlat(
  nRows: number,
  nCols: number,
  costMin: Float64Array,
): { feasible: boolean; rowToCol: Int32Array } {
  if (nRows <= nCols) {
    const { feasible, col4row } = solveMinRowsLeCols(nRows, nCols, costMin);
    return { feasible, rowToCol: col4row };
  }
  // more rows than columns: solve the transpose and invert the map
  const t = new Float64Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) t[j * nRows + i] = costMin[i * nCols + j];
  }
  const { feasible, col4row } = solveMinRowsLeCols(nCols, nRows, t);
  const rowToCol = new Int32Array(nRows).fill(-1);
  for (let j = 0; j < nCols; j++) {
    if (col4row[j] >= 0) rowToCol[col4row[j]] = j;
  }
  return { feasible, rowToCol };
}

/**
 * Optimal rectangular assignment of rows to columns (Crouse 2016, shortest augmenting path).
 *
 * - `cost[i][j]` is the cost of assigning row i to column j; `Infinity` (or `-Infinity` when maximising) forbids
 *   the pair. Negative costs are allowed. `NaN` is rejected with a `RangeError`.
 * - With rows ≤ columns every row is assigned when possible; with rows > columns every column is.
 * - When that is impossible, `feasible` is false and the result is the best partial assignment: the greatest
 *   number of assigned pairs, then the least total cost (greatest when maximising) among those.
 * - Ties are broken as SciPy's `linear_sum_assignment` does (rows in order, unassigned columns first).
 *
 * The input is copied into a Float64Array and never mutated. O(n²·m) worst case.
 */
export function solveAssignment(
  cost: readonly (readonly number[])[],
  options: AssignmentOptions = {},
): AssignmentResult {
  const maximize = options.maximize === true;
  const nRows = cost.length;
  const nCols = nRows === 0 ? 0 : cost[0].length;
  const flat = new Float64Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    const row = cost[i];
    if (row.length !== nCols) {
      throw new RangeError(
        `solveAssignment: row ${i} has ${row.length} entries, expected ${nCols} (ragged matrix)`,
      );
    }
    for (let j = 0; j < nCols; j++) {
      const c = row[j];
      if (Number.isNaN(c))
        throw new RangeError(`solveAssignment: cost[${i}][${j}] is NaN; use Infinity to forbid`);
      if (maximize ? c === Number.POSITIVE_INFINITY : c === Number.NEGATIVE_INFINITY) {
        throw new RangeError(`solveAssignment: cost[${i}][${j}] is unbounded in the optimising direction`);
      }
      flat[i * nCols + j] = maximize ? -c : c;
    }
  }
  const { feasible, rowToCol } = solveDenseFlat(nRows, nCols, flat);
  let totalCost = 0;
  for (let i = 0; i < nRows; i++) {
    if (rowToCol[i] >= 0) totalCost += cost[i][rowToCol[i]];
  }
  return { feasible, rowToCol, totalCost };
}

/** Union–find root with path halving. */
function findRoot(parent: Int32Array, a: number): number {
  let x = a;
  while (parent[x] !== x) {
    parent[x] = parent[parent[x]];
    x = parent[x];
  }
  return x;
}

/**
 * Minimum-cost assignment on a sparse (gated) cost matrix in CSR form: row i's allowed columns are
 * `colIdx[rowStart[i] .. rowStart[i+1])` with costs `cost[...]` at the same positions; every absent pair is
 * forbidden. The problem is split into connected components of the row–column graph (union–find), each solved
 * densely with {@link solveAssignment}'s algorithm, so the total is the sum of component optima.
 *
 * `feasible` is true when every row is assigned. Otherwise the result is, per component and so overall, the rule of
 * {@link solveAssignment}: the most assigned pairs, then the least total cost. A row with no allowed column stays −1.
 * Duplicate (row, column) entries keep the cheaper cost.
 */
export function solveSparseAssignment(
  nRows: number,
  nCols: number,
  rowStart: Int32Array,
  colIdx: Int32Array,
  cost: Float64Array,
): AssignmentResult {
  const rowToCol = new Int32Array(nRows).fill(-1);
  // union–find over nodes: rows 0..nRows−1, columns nRows..nRows+nCols−1
  const parent = new Int32Array(nRows + nCols);
  for (let k = 0; k < parent.length; k++) parent[k] = k;
  for (let i = 0; i < nRows; i++) {
    for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
      const c = cost[e];
      if (Number.isNaN(c) || c === Number.NEGATIVE_INFINITY) {
        throw new RangeError(`solveSparseAssignment: entry ${e} (row ${i}) has cost ${c}`);
      }
      if (c === Number.POSITIVE_INFINITY) continue;
      const ra = findRoot(parent, i);
      const rb = findRoot(parent, nRows + colIdx[e]);
      if (ra !== rb) parent[ra] = rb;
    }
  }
  // group rows by component root; give each component's columns local indices
  const compOfRoot = new Int32Array(nRows + nCols).fill(-1);
  const compRows: number[][] = [];
  for (let i = 0; i < nRows; i++) {
    if (rowStart[i + 1] === rowStart[i]) continue;
    const root = findRoot(parent, i);
    let comp = compOfRoot[root];
    if (comp < 0) {
      comp = compRows.length;
      compOfRoot[root] = comp;
      compRows.push([]);
    }
    compRows[comp].push(i);
  }
  const localCol = new Int32Array(nCols).fill(-1);
  let totalCost = 0;
  for (const rows of compRows) {
    // collect this component's columns in order of first appearance
    const cols: number[] = [];
    for (const i of rows) {
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const j = colIdx[e];
        if (cost[e] !== Number.POSITIVE_INFINITY && localCol[j] < 0) {
          localCol[j] = cols.length;
          cols.push(j);
        }
      }
    }
    const nr = rows.length;
    const nc = cols.length;
    if (nc === 0) continue;
    const dense = new Float64Array(nr * nc).fill(Number.POSITIVE_INFINITY);
    for (let a = 0; a < nr; a++) {
      const i = rows[a];
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const c = cost[e];
        if (c === Number.POSITIVE_INFINITY) continue;
        const idx = a * nc + localCol[colIdx[e]];
        // duplicate entries: keep the cheaper
        if (c < dense[idx]) dense[idx] = c;
      }
    }
    const sol = solveDenseFlat(nr, nc, dense);
    for (let a = 0; a < nr; a++) {
      const lj = sol.rowToCol[a];
      if (lj >= 0) {
        rowToCol[rows[a]] = cols[lj];
        totalCost += dense[a * nc + lj];
      }
    }
    for (const j of cols) localCol[j] = -1;
  }
  let feasible = true;
  for (let i = 0; i < nRows; i++) if (rowToCol[i] < 0) feasible = false;
  return { feasible, rowToCol, totalCost };
}
