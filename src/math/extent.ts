/**
 * @module math/extent
 * Smallest and largest of a series in one loop. `Math.min(...values)` passes every value as an argument and throws
 * "Maximum call stack size exceeded" beyond about 10⁵ values (a 1,000-round salvo's paths); this never does
 * (docs/fuzz.md, issue 11).
 */

/** Smallest and largest value; `{ min: +∞, max: −∞ }` for an empty series (callers check the length first). */
export function extent(values: ArrayLike<number>): { min: number; max: number } {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
