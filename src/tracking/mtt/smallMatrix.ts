/**
 * @module tracking/mtt/smallMatrix
 * In-place row-major matrix kernels over Float64Array with explicit offsets, for the full-covariance tracker's hot
 * loops (state n ≤ 10, measurement m ≤ 3). Unlike `filters/denseMatrix.ts` nothing here allocates: every function
 * writes into `out`, which must not alias an input unless stated. The symmetric inverse of m ≤ 3 is closed-form
 * (adjugate / determinant); larger sizes use Gauss–Jordan elimination with partial pivoting.
 */
import { gaussJordanInverse } from '../filters/denseMatrix.js';

/** out (n×m) = A (n×k, at aOff) · B (k×m, at bOff). `out` must not alias A or B. */
export function mulInto(
  out: Float64Array,
  a: Readonly<Float64Array>,
  aOff: number,
  b: Readonly<Float64Array>,
  bOff: number,
  n: number,
  k: number,
  m: number,
): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[aOff + i * k + p] * b[bOff + p * m + j];
      out[i * m + j] = s;
    }
  }
  return out;
}

/** out (n×m) = A (n×k, at aOff) · Bᵀ where B is m×k (at bOff). `out` must not alias A or B. */
export function mulTransInto(
  out: Float64Array,
  a: Readonly<Float64Array>,
  aOff: number,
  b: Readonly<Float64Array>,
  bOff: number,
  n: number,
  k: number,
  m: number,
): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a[aOff + i * k + p] * b[bOff + j * k + p];
      out[i * m + j] = s;
    }
  }
  return out;
}

/**
 * Inverse of a symmetric positive-definite m×m matrix `s` into `out` (may alias `s`); returns log det s, or NaN
 * when s is not positive definite (out is then unspecified).
 */
export function invertSpdInto(out: Float64Array, s: Readonly<Float64Array>, m: number): number {
  if (m === 1) {
    const d = s[0];
    if (!(d > 0)) return Number.NaN;
    out[0] = 1 / d;
    return Math.log(d);
  }
  if (m === 2) {
    const a = s[0];
    const b = s[1];
    const d = s[3];
    const det = a * d - b * b;
    if (!(det > 0) || !(a > 0)) return Number.NaN;
    const inv = 1 / det;
    out[0] = d * inv;
    out[1] = -b * inv;
    out[2] = -b * inv;
    out[3] = a * inv;
    return Math.log(det);
  }
  if (m === 3) {
    const a = s[0];
    const b = s[1];
    const c = s[2];
    const e = s[4];
    const f = s[5];
    const i = s[8];
    const c00 = e * i - f * f;
    const c01 = c * f - b * i;
    const c02 = b * f - c * e;
    const det = a * c00 + b * c01 + c * c02;
    if (!(det > 0) || !(a > 0)) return Number.NaN;
    const inv = 1 / det;
    const c11 = a * i - c * c;
    const c12 = b * c - a * f;
    const c22 = a * e - b * b;
    out[0] = c00 * inv;
    out[1] = c01 * inv;
    out[2] = c02 * inv;
    out[3] = c01 * inv;
    out[4] = c11 * inv;
    out[5] = c12 * inv;
    out[6] = c02 * inv;
    out[7] = c12 * inv;
    out[8] = c22 * inv;
    return Math.log(det);
  }
  return invertGeneralInto(out, s, m);
}

/** Gauss–Jordan inverse with partial pivoting for m > 3; returns log|det|, NaN if singular or det ≤ 0. */
function invertGeneralInto(out: Float64Array, s: Readonly<Float64Array>, m: number): number {
  const result = gaussJordanInverse(s, m);
  if (result === null || result.sign < 0) return Number.NaN;
  out.set(result.inv);
  return result.logAbsDet;
}

/** Symmetrise the n×n block of `a` at `off` in place: (A + Aᵀ)/2. */
export function symmetrizeAt(a: Float64Array, off: number, n: number): void {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[off + i * n + j] + a[off + j * n + i]);
      a[off + i * n + j] = v;
      a[off + j * n + i] = v;
    }
  }
}

/** Quadratic form νᵀ A ν for A (m×m) and ν (length m at vOff). */
export function quadForm(
  a: Readonly<Float64Array>,
  v: Readonly<Float64Array>,
  vOff: number,
  m: number,
): number {
  let s = 0;
  for (let i = 0; i < m; i++) {
    let row = 0;
    for (let j = 0; j < m; j++) row += a[i * m + j] * v[vOff + j];
    s += v[vOff + i] * row;
  }
  return s;
}

/** log(2π). */
export const LOG_2PI = Math.log(2 * Math.PI);
