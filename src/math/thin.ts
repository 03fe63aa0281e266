/**
 * @module math/thin
 * One thinning rule for sampled paths drawn or sent somewhere smaller than the data (the browser replay, the
 * report's profile chart): keep every k-th sample from the first, k = ⌈(n − 1)/(maxPoints − 1)⌉, plus always the
 * last, so a path's start and end (launch, kill, impact) stay exact and at most `maxPoints` samples remain.
 * @example
 * ```ts
 * thinnedIndices(10, 4); // [0, 3, 6, 9]
 * ```
 */

/** Indices of the samples of an `n`-sample path to keep (all of them when `n ≤ maxPoints` or `maxPoints < 2`). */
export function thinnedIndices(n: number, maxPoints: number): number[] {
  if (n <= maxPoints || maxPoints < 2) return Array.from({ length: n }, (_, i) => i);
  const stride = Math.ceil((n - 1) / (maxPoints - 1));
  const out: number[] = [];
  for (let i = 0; i < n - 1; i += stride) out.push(i);
  out.push(n - 1);
  return out;
}
