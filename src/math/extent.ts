/**
 * @module math/extent
 * Minimum and maximum of a numeric array by a plain loop. Spreading an array into `Math.min` passes every element as
 * a call argument and overflows the stack ("Maximum call stack size exceeded") somewhere above ~10⁵ elements, which a 1,000-round
 * salvo's flight paths or a 200,000-scan tracker file reach; these loops run in O(n) time and O(1) stack for any n.
 * Semantics match `Math.min`/`Math.max`: an empty input gives +∞ / −∞, and any NaN gives NaN.
 */

/** Smallest element of `values`; +∞ when empty, NaN when any element is NaN (as `Math.min`). */
export function minOf(values: ArrayLike<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) return Number.NaN;
    if (v < min) min = v;
  }
  return min;
}

/** Largest element of `values`; −∞ when empty, NaN when any element is NaN (as `Math.max`). */
export function maxOf(values: ArrayLike<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) return Number.NaN;
    if (v > max) max = v;
  }
  return max;
}

/** `[min, max]` of `values` in one pass (`[+∞, −∞]` when empty, `[NaN, NaN]` when any element is NaN). */
export function extentOf(values: ArrayLike<number>): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (Number.isNaN(v)) return [Number.NaN, Number.NaN];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return [min, max];
}
