/**
 * @module math/hypot
 * Allocation-free Euclidean norms for the simulator's hot loops. V8 implements `Math.hypot` as a variadic builtin
 * that copies its arguments into a fresh heap array on every call (it is not inlined by the optimizing compiler),
 * which made it the largest single allocation source of a Monte Carlo replication. `hypot2` and `hypot3` run the
 * same algorithm on fixed arity — V8's `MathHypot` builtin (src/builtins/math.tq): NaN/∞ screening, scaling by the
 * largest magnitude, a Kahan-compensated sum of the squared ratios (Kahan, "Further remarks on reducing truncation
 * errors", CACM 8(1), 1965), then `sqrt(sum) · max` — so they return exactly the bits `Math.hypot` returns on
 * Node's V8 and swapping one for the other cannot move a seeded result. Use them only where a profile shows
 * `Math.hypot` matters; elsewhere `Math.hypot` is clearer.
 */

/**
 * √(x² + y²), bit-identical to V8's `Math.hypot(x, y)`: +∞ if either argument is ±∞ (even with a NaN), NaN if
 * either is NaN, otherwise the scaled, compensated sum (see the module note). Any unit; the result has the
 * arguments' unit.
 */
export function hypot2(x: number, y: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  // NaN fails every comparison, so it never becomes the max; ∞ then beats NaN, as in the builtin
  let max = 0;
  if (ax > max) max = ax;
  if (ay > max) max = ay;
  if (max === Number.POSITIVE_INFINITY) return max;
  if (Number.isNaN(ax) || Number.isNaN(ay)) return Number.NaN;
  if (max === 0) return 0;
  // kahan summation of the squares of the arguments scaled by the largest (no overflow or underflow)
  let sum = 0;
  let compensation = 0;
  let n = ax / max;
  let summand = n * n - compensation;
  let preliminary = sum + summand;
  compensation = preliminary - sum - summand;
  sum = preliminary;
  n = ay / max;
  summand = n * n - compensation;
  preliminary = sum + summand;
  sum = preliminary;
  return Math.sqrt(sum) * max;
}

/**
 * √(x² + y² + z²), bit-identical to V8's `Math.hypot(x, y, z)`: +∞ if any argument is ±∞ (even with a NaN), NaN
 * if any is NaN, otherwise the scaled, compensated sum (see the module note). Any unit; the result has the
 * arguments' unit.
 */
export function hypot3(x: number, y: number, z: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const az = Math.abs(z);
  // NaN fails every comparison, so it never becomes the max; ∞ then beats NaN, as in the builtin
  let max = 0;
  if (ax > max) max = ax;
  if (ay > max) max = ay;
  if (az > max) max = az;
  if (max === Number.POSITIVE_INFINITY) return max;
  if (Number.isNaN(ax) || Number.isNaN(ay) || Number.isNaN(az)) return Number.NaN;
  if (max === 0) return 0;
  // kahan summation of the squares of the arguments scaled by the largest (no overflow or underflow)
  let sum = 0;
  let compensation = 0;
  let n = ax / max;
  let summand = n * n - compensation;
  let preliminary = sum + summand;
  compensation = preliminary - sum - summand;
  sum = preliminary;
  n = ay / max;
  summand = n * n - compensation;
  preliminary = sum + summand;
  compensation = preliminary - sum - summand;
  sum = preliminary;
  n = az / max;
  summand = n * n - compensation;
  preliminary = sum + summand;
  sum = preliminary;
  return Math.sqrt(sum) * max;
}
