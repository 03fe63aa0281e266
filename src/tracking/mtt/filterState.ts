/**
 * @module tracking/mtt/filterState
 * Flat storage of the filter state of many tracks (struct of arrays, slot = track index): each track holds `r`
 * Gaussian components (r = 1 for KF/EKF/UKF, r = number of modes for the IMM) with mean x (n) and full covariance
 * P (n×n, row-major), plus the component weights μ (the IMM mode probabilities; 1 for a single Gaussian).
 */
import { symmetrizeAt } from './smallMatrix.js';

/** Filter states of all tracks. */
export class FilterStateStore {
  /** State dimension. */
  readonly n: number;
  /** Components per track. */
  readonly r: number;
  capacity = 0;
  /** Means: component c of slot s at ((s·r + c)·n). */
  x: Float64Array = new Float64Array(0);
  /** Covariances: component c of slot s at ((s·r + c)·n²). */
  P: Float64Array = new Float64Array(0);
  /** Component weights (mode probabilities): slot s at s·r. */
  mu: Float64Array = new Float64Array(0);

  constructor(n: number, r: number, capacity = 256) {
    this.n = n;
    this.r = r;
    this.grow(capacity);
  }

  /** Ensure room for `capacity` slots (contents kept). */
  grow(capacity: number): void {
    if (capacity <= this.capacity) return;
    const copy = (a: Float64Array, len: number): Float64Array => {
      const b = new Float64Array(len);
      b.set(a);
      return b;
    };
    const { n, r } = this;
    this.x = copy(this.x, capacity * r * n);
    this.P = copy(this.P, capacity * r * n * n);
    this.mu = copy(this.mu, capacity * r);
    this.capacity = capacity;
  }

  /** Offset of the mean of component `c` of `slot`. */
  xOffset(slot: number, c: number): number {
    return (slot * this.r + c) * this.n;
  }

  /** Offset of the covariance of component `c` of `slot`. */
  pOffset(slot: number, c: number): number {
    return (slot * this.r + c) * this.n * this.n;
  }

  /**
   * Moment-matched single Gaussian of `slot` (Bar-Shalom et al. 2001 §11.6.6 eq. 11.6.6-20/21) into `xOut` (n) and,
   * if given, `pOut` (n×n). For r = 1 a copy.
   */
  combine(slot: number, xOut: Float64Array, pOut?: Float64Array): void {
    const { n, r, x, P, mu } = this;
    const nn = n * n;
    for (let f = 0; f < n; f++) xOut[f] = 0;
    for (let c = 0; c < r; c++) {
      const w = mu[slot * r + c];
      const xo = (slot * r + c) * n;
      for (let i = 0; i < n; i++) xOut[i] += w * x[xo + i];
    }
    if (pOut === undefined) return;
    for (let f = 0; f < nn; f++) pOut[f] = 0;
    for (let c = 0; c < r; c++) {
      const w = mu[slot * r + c];
      if (w === 0) continue;
      const xo = (slot * r + c) * n;
      const po = (slot * r + c) * nn;
      for (let i = 0; i < n; i++) {
        const di = x[xo + i] - xOut[i];
        for (let j = 0; j < n; j++) pOut[i * n + j] += w * (P[po + i * n + j] + di * (x[xo + j] - xOut[j]));
      }
    }
    symmetrizeAt(pOut, 0, n);
  }
}
