/**
 * @module tracking/filters/denseMatrix
 * Small dense row-major matrix helpers over Float64Array for the generic filters (Kalman, RTS, unscented). Sizes are
 * passed explicitly; every function writes to a fresh array (these filters are not on the hot path — the MTT and
 * engine trackers use closed-form 2×2/3×3 code). Inverse and determinant by LU with partial pivoting
 * (Golub & Van Loan, *Matrix Computations*, 4th ed., Alg. 3.4.1).
 */

/** Accepted matrix input: nested rows, or a row-major Float64Array of the expected size. */
export type MatrixInput = readonly (readonly number[])[] | Readonly<Float64Array>;

/** Accepted vector input. */
export type VectorInput = readonly number[] | Readonly<Float64Array>;

/** Copy a matrix input into a row-major Float64Array of `rows × cols`; throws RangeError on a size mismatch. */
export function toFlat(m: MatrixInput, rows: number, cols: number, name: string): Float64Array {
  const out = new Float64Array(rows * cols);
  if (m instanceof Float64Array) {
    if (m.length !== rows * cols)
      throw new RangeError(`${name}: expected ${rows}×${cols} entries, got ${m.length}`);
    out.set(m);
    return out;
  }
  const nested = m as readonly (readonly number[])[];
  if (nested.length !== rows) throw new RangeError(`${name}: expected ${rows} rows, got ${nested.length}`);
  for (let r = 0; r < rows; r++) {
    if (nested[r].length !== cols)
      throw new RangeError(`${name}: row ${r} has ${nested[r].length}, expected ${cols}`);
    for (let c = 0; c < cols; c++) out[r * cols + c] = nested[r][c];
  }
  return out;
}

/** Copy a vector input into a Float64Array. */
export function toVec(v: VectorInput): Float64Array {
  return Float64Array.from(v);
}

/** C = A B with A (n×k), B (k×m). */
export function matMul(
  a: Readonly<Float64Array>,
  b: Readonly<Float64Array>,
  n: number,
  k: number,
  m: number,
): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < k; p++) {
      const aip = a[i * k + p];
      if (aip === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j] += aip * b[p * m + j];
    }
  }
  return out;
}

/** Aᵀ for A (n×m). */
export function transpose(a: Readonly<Float64Array>, n: number, m: number): Float64Array {
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out[j * n + i] = a[i * m + j];
  return out;
}

/** y = A x with A (n×m). */
export function matVec(
  a: Readonly<Float64Array>,
  x: Readonly<Float64Array>,
  n: number,
  m: number,
): Float64Array {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < m; j++) s += a[i * m + j] * x[j];
    out[i] = s;
  }
  return out;
}

/** A + s·B elementwise. */
export function addScaled(a: Readonly<Float64Array>, b: Readonly<Float64Array>, s: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + s * b[i];
  return out;
}

/** A B Aᵀ with A (n×m), B (m×m). */
export function sandwich(
  a: Readonly<Float64Array>,
  b: Readonly<Float64Array>,
  n: number,
  m: number,
): Float64Array {
  return matMul(matMul(a, b, n, m, m), transpose(a, n, m), n, m, n);
}

/** Symmetrise a square n×n matrix in place: (A + Aᵀ)/2. */
export function symmetrize(a: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

/**
 * Gauss–Jordan inverse of a square n×n matrix with partial pivoting, with log|det| and the determinant's sign;
 * null when the matrix is singular (a zero or non-finite pivot). The one elimination the dense (number[][]) and
 * small (Float64Array) matrix helpers share.
 */
export function gaussJordanInverse(
  a: Readonly<Float64Array>,
  n: number,
): { inv: Float64Array; logAbsDet: number; sign: 1 | -1 } | null {
  const w = Float64Array.from(a.subarray(0, n * n));
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let logAbsDet = 0;
  let sign: 1 | -1 = 1;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(w[r * n + c]) > Math.abs(w[piv * n + c])) piv = r;
    const p = w[piv * n + c];
    if (p === 0 || !Number.isFinite(p)) return null;
    if (piv !== c) {
      sign = sign === 1 ? -1 : 1;
      for (let k = 0; k < n; k++) {
        let t = w[c * n + k];
        w[c * n + k] = w[piv * n + k];
        w[piv * n + k] = t;
        t = inv[c * n + k];
        inv[c * n + k] = inv[piv * n + k];
        inv[piv * n + k] = t;
      }
    }
    if (p < 0) sign = sign === 1 ? -1 : 1;
    logAbsDet += Math.log(Math.abs(p));
    const invP = 1 / p;
    for (let k = 0; k < n; k++) {
      w[c * n + k] *= invP;
      inv[c * n + k] *= invP;
    }
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = w[r * n + c];
      if (f === 0) continue;
      for (let k = 0; k < n; k++) {
        w[r * n + k] -= f * w[c * n + k];
        inv[r * n + k] -= f * inv[c * n + k];
      }
    }
  }
  return { inv, logAbsDet, sign };
}

/** Inverse and log|det| of a square n×n matrix by LU with partial pivoting; throws RangeError if singular. */
export function invertWithLogDet(
  a: Readonly<Float64Array>,
  n: number,
): { inv: Float64Array; logAbsDet: number } {
  const result = gaussJordanInverse(a, n);
  if (result === null) throw new RangeError('invertWithLogDet: matrix is singular');
  return { inv: result.inv, logAbsDet: result.logAbsDet };
}

/**
 * Lower Cholesky factor L (n×n, row-major) with A = L Lᵀ of a symmetric positive-definite A
 * (Golub & Van Loan, Alg. 4.2.1). Throws RangeError if A is not positive definite.
 */
export function cholesky(a: Readonly<Float64Array>, n: number): Float64Array {
  return choleskyInto(new Float64Array(n * n), a, 0, n, 1);
}

/**
 * `cholesky` of `scale · A`, A read in place at `a[aOff…aOff + n²)`, written into `l` (n×n, upper triangle zeroed
 * so that a reused buffer holds exactly L). Allocation-free (the UKF kernels call it per sigma-point set).
 * Throws RangeError if scale · A is not positive definite.
 */
export function choleskyInto(
  l: Float64Array,
  a: Readonly<Float64Array>,
  aOff: number,
  n: number,
  scale: number,
): Float64Array {
  for (let j = 0; j < n; j++) {
    let d = scale * a[aOff + j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0)) throw new RangeError('cholesky: matrix is not positive definite');
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = scale * a[aOff + i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
    for (let i = 0; i < j; i++) l[i * n + j] = 0;
  }
  return l;
}
