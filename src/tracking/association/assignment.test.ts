import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AssignmentWorkspace, solveAssignment, solveSparseAssignment } from './assignment.js';

/** Exhaustive optimum: most assigned pairs, then least cost (greatest when maximising). */
function bruteForce(cost: number[][], maximize: boolean): { count: number; total: number } {
  const nr = cost.length;
  const nc = nr === 0 ? 0 : cost[0].length;
  const used = new Array<boolean>(nc).fill(false);
  let best = { count: -1, total: 0 };
  const forbidden = maximize ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  const better = (count: number, total: number): boolean =>
    count > best.count ||
    (count === best.count && (maximize ? total > best.total + 1e-9 : total < best.total - 1e-9));
  const rec = (i: number, count: number, total: number): void => {
    if (i === nr) {
      if (better(count, total)) best = { count, total };
      return;
    }
    rec(i + 1, count, total);
    for (let j = 0; j < nc; j++) {
      if (used[j] || cost[i][j] === forbidden) continue;
      used[j] = true;
      rec(i + 1, count + 1, total + cost[i][j]);
      used[j] = false;
    }
  };
  rec(0, 0, 0);
  return best;
}

function checkValid(
  cost: number[][],
  rowToCol: Int32Array,
  maximize: boolean,
): { count: number; total: number } {
  const seen = new Set<number>();
  let count = 0;
  let total = 0;
  const forbidden = maximize ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  rowToCol.forEach((j, i) => {
    if (j < 0) return;
    expect(seen.has(j)).toBe(false);
    seen.add(j);
    expect(cost[i][j]).not.toBe(forbidden);
    count++;
    total += cost[i][j];
  });
  return { count, total };
}

const matrixArb = (maximize: boolean) =>
  fc
    .record({ nr: fc.integer({ min: 0, max: 6 }), nc: fc.integer({ min: 0, max: 6 }) })
    .chain(({ nr, nc }) =>
      fc.array(
        fc.array(
          fc.oneof(
            { weight: 5, arbitrary: fc.integer({ min: -20, max: 50 }) },
            { weight: 3, arbitrary: fc.double({ min: -100, max: 100, noNaN: true }) },
            {
              weight: 2,
              arbitrary: fc.constant(maximize ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY),
            },
          ),
          { minLength: nc, maxLength: nc },
        ),
        { minLength: nr, maxLength: nr },
      ),
    )
    .filter((m) => m.length === 0 || m[0].length > 0 || true);

describe('solveAssignment', () => {
  it('matches exhaustive search on random rectangular matrices with forbidden and negative entries', () => {
    fc.assert(
      fc.property(matrixArb(false), (cost) => {
        const res = solveAssignment(cost);
        const got = checkValid(cost, res.rowToCol, false);
        const want = bruteForce(cost, false);
        expect(got.count).toBe(Math.max(want.count, 0));
        expect(res.totalCost).toBeCloseTo(want.total, 6);
        expect(got.total).toBeCloseTo(want.total, 6);
        const nr = cost.length;
        const nc = nr === 0 ? 0 : cost[0].length;
        expect(res.feasible).toBe(want.count === Math.min(nr, nc));
      }),
      { numRuns: 400, seed: 42 },
    );
  });

  it('maximise mode matches exhaustive search', () => {
    fc.assert(
      fc.property(matrixArb(true), (cost) => {
        const res = solveAssignment(cost, { maximize: true });
        const got = checkValid(cost, res.rowToCol, true);
        const want = bruteForce(cost, true);
        expect(got.count).toBe(Math.max(want.count, 0));
        expect(res.totalCost).toBeCloseTo(want.total, 6);
      }),
      { numRuns: 300, seed: 7 },
    );
  });

  it('solves a textbook 3×3 example', () => {
    // the SciPy documentation example: optimum 5 with rows → [1, 0, 2]
    const res = solveAssignment([
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ]);
    expect(Array.from(res.rowToCol)).toEqual([1, 0, 2]);
    expect(res.totalCost).toBe(5);
    expect(res.feasible).toBe(true);
  });

  it('flags an infeasible problem and keeps the cheapest largest partial assignment', () => {
    const inf = Number.POSITIVE_INFINITY;
    // rows 0 and 1 both only reach column 0; row 1 is cheaper there
    const res = solveAssignment([
      [10, inf, inf],
      [1, inf, inf],
      [inf, 4, inf],
    ]);
    expect(res.feasible).toBe(false);
    expect(Array.from(res.rowToCol)).toEqual([-1, 0, 1]);
    expect(res.totalCost).toBe(5);
  });

  it('breaks ties like SciPy (unassigned column first, low index first)', () => {
    const res = solveAssignment([
      [1, 1],
      [1, 1],
    ]);
    expect(Array.from(res.rowToCol)).toEqual([0, 1]);
  });

  it('handles more rows than columns', () => {
    const res = solveAssignment([[5], [1], [3]]);
    expect(Array.from(res.rowToCol)).toEqual([-1, 0, -1]);
    expect(res.feasible).toBe(true);
    expect(res.totalCost).toBe(1);
  });

  it('rejects NaN', () => {
    expect(() => solveAssignment([[Number.NaN]])).toThrow(RangeError);
  });
});

/** CSR form of a dense matrix, dropping +∞ entries. */
function toCsr(cost: number[][]): { rowStart: Int32Array; colIdx: Int32Array; vals: Float64Array } {
  const rs: number[] = [0];
  const ci: number[] = [];
  const vs: number[] = [];
  for (const row of cost) {
    row.forEach((c, j) => {
      if (c !== Number.POSITIVE_INFINITY) {
        ci.push(j);
        vs.push(c);
      }
    });
    rs.push(ci.length);
  }
  return { rowStart: Int32Array.from(rs), colIdx: Int32Array.from(ci), vals: Float64Array.from(vs) };
}

describe('solveSparseAssignment', () => {
  it('matches exhaustive search on random sparse matrices', () => {
    fc.assert(
      fc.property(matrixArb(false), (cost) => {
        const nr = cost.length;
        const nc = nr === 0 ? 0 : cost[0].length;
        const { rowStart, colIdx, vals } = toCsr(cost);
        const res = solveSparseAssignment(nr, nc, rowStart, colIdx, vals);
        const got = checkValid(cost, res.rowToCol, false);
        const want = bruteForce(cost, false);
        expect(got.count).toBe(Math.max(want.count, 0));
        expect(res.totalCost).toBeCloseTo(want.total, 6);
        expect(res.feasible).toBe(got.count === nr);
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it('gives the same result with one workspace reused across problems as with a fresh one each', () => {
    // the problems differ in shape and feasibility, so a reused workspace holds larger, stale arrays
    const workspace = new AssignmentWorkspace();
    fc.assert(
      fc.property(matrixArb(false), (cost) => {
        const nr = cost.length;
        const nc = nr === 0 ? 0 : cost[0].length;
        const { rowStart, colIdx, vals } = toCsr(cost);
        const fresh = solveSparseAssignment(nr, nc, rowStart, colIdx, vals);
        const reused = solveSparseAssignment(nr, nc, rowStart, colIdx, vals, workspace);
        expect(reused.rowToCol).toEqual(fresh.rowToCol);
        expect(Object.is(reused.totalCost, fresh.totalCost)).toBe(true);
        expect(reused.feasible).toBe(fresh.feasible);
      }),
      { numRuns: 400, seed: 5 },
    );
  });

  it('solves a 2,000 × 5,000 gated problem quickly and agrees with the dense solver on it', () => {
    // clustered geometry: rows and columns on a line, gated within a short distance
    let s = 12345;
    const rand = (): number => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    const nr = 2000;
    const nc = 5000;
    const rowPos = Array.from({ length: nr }, () => rand() * 1e5);
    const colPos = Array.from({ length: nc }, () => rand() * 1e5);
    const order = colPos.map((p, j) => [p, j] as const).sort((a, b) => a[0] - b[0]);
    const rs: number[] = [0];
    const ci: number[] = [];
    const vs: number[] = [];
    for (let i = 0; i < nr; i++) {
      for (const [p, j] of order) {
        const d = Math.abs(p - rowPos[i]);
        if (d < 30) {
          ci.push(j);
          vs.push(d);
        }
      }
      rs.push(ci.length);
    }
    const res = solveSparseAssignment(
      nr,
      nc,
      Int32Array.from(rs),
      Int32Array.from(ci),
      Float64Array.from(vs),
    );
    // dense check on the same problem restricted to rows with candidates, with an unassigned column per row
    const dense: number[][] = [];
    for (let i = 0; i < nr; i++) {
      const row = new Array<number>(nc).fill(Number.POSITIVE_INFINITY);
      for (let e = rs[i]; e < rs[i + 1]; e++) row[ci[e]] = vs[e];
      dense.push(row);
    }
    const ref = solveAssignment(dense);
    let count = 0;
    for (const j of res.rowToCol) if (j >= 0) count++;
    let refCount = 0;
    for (const j of ref.rowToCol) if (j >= 0) refCount++;
    expect(count).toBe(refCount);
    expect(res.totalCost).toBeCloseTo(ref.totalCost, 6);
  });
});
