/**
 * @module tracking/mtt/deleter/covarianceDeleter
 * Delete a confirmed track once its position uncertainty is too large: Stone Soup's `CovarianceBasedDeleter`
 * (`covar_trace_thresh`, `mapping`) with the mapping fixed to the position components, i.e. the rule fires when
 * tr(P_pos) > `maxPositionTrace_m2` (strictly greater, as Stone Soup), where P_pos is the dim×dim position block of
 * the track's covariance (for the IMM, of the moment-matched covariance). With R = σ²I and NCV per axis the
 * position block of a coasting track grows as p_pp(T) = p_pp + 2T·p_pv + T²·p_vv + qT³/3 on every axis, so the
 * trace is dim·p_pp(T).
 */
import type { StateLayout } from '../models/layout.js';
import type { Deleter } from './index.js';

/** Deleter firing when the trace of the position covariance block exceeds `maxPositionTrace_m2` (> 0), m². */
export function covarianceDeleter(maxPositionTrace_m2: number): Deleter {
  return { shouldDelete: (_consecutiveMisses, positionTrace_m2) => positionTrace_m2 > maxPositionTrace_m2 };
}

/** Trace of the position block of the n×n covariance at `P[pOff…]` laid out by `layout`, m². */
export function positionCovarianceTrace(
  layout: StateLayout,
  P: Readonly<Float64Array>,
  pOff: number,
): number {
  const n = layout.n;
  let trace = 0;
  for (let a = 0; a < layout.dim; a++) {
    const i = a * layout.perAxis;
    trace += P[pOff + i * n + i];
  }
  return trace;
}
