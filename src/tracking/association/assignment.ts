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

/** `a` if it holds at least `n` entries, else a new, larger array (contents are not preserved). */
function grownF64(a: Float64Array, n: number): Float64Array {
  return a.length >= n ? a : new Float64Array(Math.max(n, 2 * a.length));
}

/** `a` if it holds at least `n` entries, else a new, larger array (contents are not preserved). */
function grownI32(a: Int32Array, n: number): Int32Array {
  return a.length >= n ? a : new Int32Array(Math.max(n, 2 * a.length));
}

/** `a` if it holds at least `n` entries, else a new, larger array (contents are not preserved). */
function grownU8(a: Uint8Array, n: number): Uint8Array {
  return a.length >= n ? a : new Uint8Array(Math.max(n, 2 * a.length));
}

/**
 * Work arrays of the shortest-augmenting-path solver and of the sparse splitter, grown on demand and reused: one
 * workspace serves every component of a sparse problem, and a caller that solves every scan (a tracker) can keep
 * one for all its solves. Only the leading entries a solve needs take part, and the solve initialises them itself,
 * so results never depend on what an earlier solve left behind. Not for two solves at once.
 */
export class AssignmentWorkspace {
  // dense solver (Crouse 2016, Alg. 1–2): duals, Dijkstra distances and predecessors, the matching, scan marks
  /** @internal */ u: Float64Array = new Float64Array(8);
  /** @internal */ v: Float64Array = new Float64Array(8);
  /** @internal */ shortestPathCosts: Float64Array = new Float64Array(8);
  /** @internal */ path: Int32Array = new Int32Array(8);
  /** @internal */ col4row: Int32Array = new Int32Array(8);
  /** @internal */ row4col: Int32Array = new Int32Array(8);
  /** @internal */ scannedRow: Uint8Array = new Uint8Array(8);
  /** @internal */ scannedCol: Uint8Array = new Uint8Array(8);
  /** @internal */ remaining: Int32Array = new Int32Array(8);
  /** @internal length of the last augmenting path found */ pathLength = 0;
  // sparse splitter: union–find, components and their rows, local column numbers, one component dense
  /** @internal */ parent: Int32Array = new Int32Array(16);
  /** @internal */ compOfRoot: Int32Array = new Int32Array(16);
  /** @internal */ compOfRow: Int32Array = new Int32Array(8);
  /** @internal */ compStart: Int32Array = new Int32Array(8);
  /** @internal */ compFill: Int32Array = new Int32Array(8);
  /** @internal */ rowsByComp: Int32Array = new Int32Array(8);
  /** @internal */ localCol: Int32Array = new Int32Array(8);
  /** @internal */ cols: Int32Array = new Int32Array(8);
  /** @internal */ dense: Float64Array = new Float64Array(16);
  /** @internal */ componentRowToCol: Int32Array = new Int32Array(8);

  /** @internal Grows the dense solver's arrays to nr rows and nc columns. */
  reserveSolver(nr: number, nc: number): void {
    this.u = grownF64(this.u, nr);
    this.col4row = grownI32(this.col4row, nr);
    this.scannedRow = grownU8(this.scannedRow, nr);
    this.v = grownF64(this.v, nc);
    this.shortestPathCosts = grownF64(this.shortestPathCosts, nc);
    this.path = grownI32(this.path, nc);
    this.row4col = grownI32(this.row4col, nc);
    this.scannedCol = grownU8(this.scannedCol, nc);
    this.remaining = grownI32(this.remaining, nc);
  }

  /** @internal Grows the sparse splitter's arrays to nRows rows and nCols columns. */
  reserveSparse(nRows: number, nCols: number): void {
    this.parent = grownI32(this.parent, nRows + nCols);
    this.compOfRoot = grownI32(this.compOfRoot, nRows + nCols);
    this.compOfRow = grownI32(this.compOfRow, nRows);
    this.compStart = grownI32(this.compStart, nRows + 1);
    this.compFill = grownI32(this.compFill, nRows);
    this.rowsByComp = grownI32(this.rowsByComp, nRows);
    this.componentRowToCol = grownI32(this.componentRowToCol, nRows);
    this.localCol = grownI32(this.localCol, nCols);
    this.cols = grownI32(this.cols, nCols);
  }
}

/**
 * One Dijkstra search from free row `startRow` over reduced costs (Crouse 2016, Alg. 2). Returns the sink column,
 * or −1 when no augmenting path exists; the path length is left in `w.pathLength`.
 */
function augmentingPath(
  nr: number,
  nc: number,
  cost: Float64Array,
  w: AssignmentWorkspace,
  startRow: number,
): number {
  const { u, v, shortestPathCosts, path, row4col, scannedRow, scannedCol, remaining } = w;
  let minVal = 0;
  let numRemaining = nc;
  // columns still to scan, in reverse order so ties prefer low indices as SciPy does
  for (let it = 0; it < nc; it++) remaining[it] = nc - it - 1;
  for (let f = 0; f < nr; f++) scannedRow[f] = 0;
  for (let f = 0; f < nc; f++) scannedCol[f] = 0;
  for (let f = 0; f < nc; f++) shortestPathCosts[f] = Number.POSITIVE_INFINITY;
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
  w.pathLength = minVal;
  return sink;
}

/**
 * Core solver for nr ≤ nc on a row-major matrix (first nr·nc entries of `cost`) of non-negative-or-infinite costs
 * (minimisation). Leaves the assignment in `w.col4row[0..nr)` and returns true, or returns false when some row has
 * no augmenting path (infeasible).
 */
function lsapDense(nr: number, nc: number, cost: Float64Array, w: AssignmentWorkspace): boolean {
  w.reserveSolver(nr, nc);
  const { u, v, shortestPathCosts, path, col4row, row4col, scannedRow, scannedCol } = w;
  for (let f = 0; f < nr; f++) u[f] = 0;
  for (let f = 0; f < nc; f++) v[f] = 0;
  for (let f = 0; f < nc; f++) path[f] = -1;
  for (let f = 0; f < nr; f++) col4row[f] = -1;
  for (let f = 0; f < nc; f++) row4col[f] = -1;
  for (let curRow = 0; curRow < nr; curRow++) {
    const sink = augmentingPath(nr, nc, cost, w, curRow);
    if (sink < 0) return false;
    const minVal = w.pathLength;
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
  return true;
}

/**
 * Solve a minimisation on a row-major `cost` (first nr·nc entries: nr × nc, nr ≤ nc, entries finite or +∞, may be
 * negative). Writes the row→column map to `col4rowOut[0..nr)`, with −1 for rows left out when infeasible, and
 * returns whether it was feasible.
 */
function solveMinRowsLeCols(
  nr: number,
  nc: number,
  cost: Float64Array,
  w: AssignmentWorkspace,
  col4rowOut: Int32Array,
): boolean {
  if (nr === 0) return true;
  const size = nr * nc;
  // shift so every finite cost is ≥ 0 (Dijkstra needs non-negative reduced costs at the start); a constant
  // shift does not change which complete assignment is optimal
  let minFinite = Number.POSITIVE_INFINITY;
  let maxFinite = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < size; k++) {
    const c = cost[k];
    if (c !== Number.POSITIVE_INFINITY) {
      if (c < minFinite) minFinite = c;
      if (c > maxFinite) maxFinite = c;
    }
  }
  if (minFinite === Number.POSITIVE_INFINITY) {
    for (let f = 0; f < nr; f++) col4rowOut[f] = -1;
    return false;
  }
  let shifted = cost;
  if (minFinite < 0) {
    shifted = new Float64Array(size);
    for (let k = 0; k < size; k++) shifted[k] = cost[k] - minFinite;
  }
  if (lsapDense(nr, nc, shifted, w)) {
    for (let i = 0; i < nr; i++) col4rowOut[i] = w.col4row[i];
    return true;
  }
  // infeasible: one private "unassigned" column per row, costing more than any real total can differ
  const span = maxFinite - Math.min(minFinite, 0);
  const unassignedCost = (span + 1) * (nr + 1);
  const ncAug = nc + nr;
  const aug = new Float64Array(nr * ncAug).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < nr; i++) {
    for (let j = 0; j < nc; j++) aug[i * ncAug + j] = shifted[i * nc + j];
    aug[i * ncAug + nc + i] = unassignedCost;
  }
  const augOk = lsapDense(nr, ncAug, aug, w);
  for (let i = 0; i < nr; i++) {
    const j = augOk ? w.col4row[i] : -1;
    col4rowOut[i] = j >= 0 && j < nc ? j : -1;
  }
  return false;
}

/**
 * Solve a dense row-major problem of nRows × nCols (either shape; first nRows·nCols entries of `costMin`) as a
 * minimisation; writes row→column to `rowToColOut[0..nRows)` and returns whether it was feasible. Internal entry
 * point shared by the dense and sparse APIs.
 */
function solveDenseFlat(
  nRows: number,
  nCols: number,
  costMin: Float64Array,
  w: AssignmentWorkspace,
  rowToColOut: Int32Array,
): boolean {
  if (nRows <= nCols) return solveMinRowsLeCols(nRows, nCols, costMin, w, rowToColOut);
  // more rows than columns: solve the transpose and invert the map
  const t = new Float64Array(nRows * nCols);
  for (let i = 0; i < nRows; i++) {
    for (let j = 0; j < nCols; j++) t[j * nRows + i] = costMin[i * nCols + j];
  }
  const col4row = new Int32Array(nCols);
  const feasible = solveMinRowsLeCols(nCols, nRows, t, w, col4row);
  for (let f = 0; f < nRows; f++) rowToColOut[f] = -1;
  for (let j = 0; j < nCols; j++) {
    if (col4row[j] >= 0) rowToColOut[col4row[j]] = j;
  }
  return feasible;
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
 * @example
 * ```ts
 * import { solveAssignment } from 'aspis';
 * const { rowToCol, totalCost } = solveAssignment([
 *   [4, 1, 3],
 *   [2, 0, 5],
 * ]); // rows → columns at least cost (Jonker–Volgenant)
 * ```
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
  const rowToCol = new Int32Array(nRows);
  const feasible = solveDenseFlat(nRows, nCols, flat, new AssignmentWorkspace(), rowToCol);
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
 * @param workspace reusable work arrays (default: a fresh one); a caller solving every scan keeps one to allocate
 *   nothing per component — the result does not depend on it
 *
 * Length (about 90 lines): one algorithm in three phases (union–find, component gathering, per-component dense
 * solve) sharing a dozen typed-array locals; split into functions, each phase would take most of them as arguments.
 * @example
 * ```ts
 * import { solveSparseAssignment } from 'aspis';
 * // CSR: row 0 may take columns 0 or 1, row 1 only column 1
 * const r = solveSparseAssignment(2, 2, new Int32Array([0, 2, 3]), new Int32Array([0, 1, 1]), new Float64Array([1, 2, 1]));
 * console.log(r.feasible, r.rowToCol);
 * ```
 */
export function solveSparseAssignment(
  nRows: number,
  nCols: number,
  rowStart: Int32Array,
  colIdx: Int32Array,
  cost: Float64Array,
  workspace: AssignmentWorkspace = new AssignmentWorkspace(),
): AssignmentResult {
  const w = workspace;
  w.reserveSparse(nRows, nCols);
  const { parent, compOfRoot, compOfRow, compStart, compFill, rowsByComp, localCol, cols } = w;
  const rowToCol = new Int32Array(nRows).fill(-1);
  // union–find over nodes: rows 0..nRows−1, columns nRows..nRows+nCols−1
  const nodes = nRows + nCols;
  for (let k = 0; k < nodes; k++) parent[k] = k;
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
  // number the components in order of their first row; a row without entries belongs to none (−1)
  for (let f = 0; f < nodes; f++) compOfRoot[f] = -1;
  let nComp = 0;
  for (let i = 0; i < nRows; i++) {
    if (rowStart[i + 1] === rowStart[i]) {
      compOfRow[i] = -1;
      continue;
    }
    const root = findRoot(parent, i);
    if (compOfRoot[root] < 0) compOfRoot[root] = nComp++;
    compOfRow[i] = compOfRoot[root];
  }
  // each component's rows, ascending and contiguous (counting sort on the component number)
  for (let f = 0; f < nComp + 1; f++) compStart[f] = 0;
  for (let i = 0; i < nRows; i++) if (compOfRow[i] >= 0) compStart[compOfRow[i] + 1]++;
  for (let c = 0; c < nComp; c++) compStart[c + 1] += compStart[c];
  for (let c = 0; c < nComp; c++) compFill[c] = compStart[c];
  for (let i = 0; i < nRows; i++) if (compOfRow[i] >= 0) rowsByComp[compFill[compOfRow[i]]++] = i;
  for (let f = 0; f < nCols; f++) localCol[f] = -1;
  let totalCost = 0;
  for (let comp = 0; comp < nComp; comp++) {
    const first = compStart[comp];
    const nr = compStart[comp + 1] - first;
    // collect this component's columns in order of first appearance
    let nc = 0;
    for (let a = 0; a < nr; a++) {
      const i = rowsByComp[first + a];
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const j = colIdx[e];
        if (cost[e] !== Number.POSITIVE_INFINITY && localCol[j] < 0) {
          localCol[j] = nc;
          cols[nc++] = j;
        }
      }
    }
    if (nc === 0) continue;
    w.dense = grownF64(w.dense, nr * nc);
    const dense = w.dense;
    for (let f = 0; f < nr * nc; f++) dense[f] = Number.POSITIVE_INFINITY;
    for (let a = 0; a < nr; a++) {
      const i = rowsByComp[first + a];
      for (let e = rowStart[i]; e < rowStart[i + 1]; e++) {
        const c = cost[e];
        if (c === Number.POSITIVE_INFINITY) continue;
        const idx = a * nc + localCol[colIdx[e]];
        // duplicate entries: keep the cheaper
        if (c < dense[idx]) dense[idx] = c;
      }
    }
    const local = w.componentRowToCol;
    solveDenseFlat(nr, nc, dense, w, local);
    for (let a = 0; a < nr; a++) {
      const lj = local[a];
      if (lj >= 0) {
        rowToCol[rowsByComp[first + a]] = cols[lj];
        totalCost += dense[a * nc + lj];
      }
    }
    for (let k = 0; k < nc; k++) localCol[cols[k]] = -1;
  }
  let feasible = true;
  for (let i = 0; i < nRows; i++) if (rowToCol[i] < 0) feasible = false;
  return { feasible, rowToCol, totalCost };
}
