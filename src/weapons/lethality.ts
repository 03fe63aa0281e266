/**
 * @module weapons/lethality
 * Notional kill probability of an interceptor given its true miss distance: a Gaussian (Carleton-type) damage
 * function P(kill | d) = pkMax · exp(−½ (d / σ_L)²), the common closed-form "cookie-cutter with soft edge" of
 * analytic air-defense models (Przemieniecki, *Mathematical Methods in Defense Analyses*, §4 damage functions).
 * pkMax bundles fuzing and warhead reliability; σ_L is ~1–2 m for hit-to-kill and ~10–20 m for blast-fragmentation.
 * Both numbers are notional [N] catalog values.
 */
import type { InterceptorType } from '../scenario/types.js';

/**
 * Kill probability for a miss distance `miss_m` (m, ≥ 0): pkMax · exp(−½ (miss / lethalSigma_m)²), in [0, pkMax],
 * monotone non-increasing in the miss distance. A negative or NaN miss is a caller error and gives 0.
 */
export function killProbability(
  type: Pick<InterceptorType, 'pkMax' | 'lethalSigma_m'>,
  miss_m: number,
): number {
  if (!(miss_m >= 0) || !(type.lethalSigma_m > 0)) return 0;
  const z = miss_m / type.lethalSigma_m;
  return type.pkMax * Math.exp(-0.5 * z * z);
}
