/**
 * @module tracking/engine/ecefModels
 * The engine tracker's IMM model set, as `TransitionModel`s of the full-covariance tracker (`tracking/mtt`), so the
 * engine reuses the mtt IMM predictor (mixing, mode-matched prediction) and `FilterStateStore.combine` (moment
 * match) instead of duplicating that math.
 *
 * State: the engine's 6-state [px, py, pz, vx, vy, vz] in ECEF (m, m/s), *block* ordered — not the interleaved
 * [x, vx, y, vy, z, vz] order of `mtt` layouts. The layout attached to these models is used by the mtt code only for
 * its size n = 6, which is all the IMM predictor and the EKF prediction need.
 *
 * Modes (Bar-Shalom, Li & Kirubarajan 2001, §6.2.2 and §11.6.6):
 * - `ballistic`: free fall in the rotating ECEF frame (J2 gravitation + Coriolis + centrifugal, `freeFallAccelEcef`),
 *   mean by RK4 (`predictMeanEcef`); white-acceleration noise q per axis on top (drag, lift, thrust residuals).
 * - `cv`: nearly constant velocity with the same white-acceleration noise q.
 *
 * Both use the NCV Jacobian F = [[I, Δt I], [0, I]] and Q = q [[Δt³/3 I, Δt²/2 I], [Δt²/2 I, Δt I]] for the
 * covariance (the gravity gradient is left out, see `ecefFilter.ts`). The modes differ only in gravity: the IMM
 * tells a free-falling body from an aerodynamically supported one by the ~g Δt²/2 drop per revisit, accumulated
 * through each mode's own filter memory.
 *
 * Mode switching is a continuous-time Markov chain with mean sojourn {@link ENGINE_MODE_SOJOURN_s} in each mode, so
 * that the transition matrix holds for any revisit interval Δt (several radars feed one tracker at irregular
 * times): p_stay = 1 − ((r − 1)/r)(1 − e^(−r Δt / τ)) and p_switch = (1/r)(1 − e^(−r Δt / τ)) to each other mode.
 */
import { stateLayout } from '../mtt/models/layout.js';
import type { TransitionModel } from '../mtt/models/transition.js';
import {
  createEcefFilterScratch,
  type EcefFilterScratch,
  type EngineMotionModel,
  predictCovarianceEcef,
  predictMeanEcef,
} from './ecefFilter.js';

/** The modes of the engine IMM, in the order of `EngineTrack.modeProbabilities`. */
export const ENGINE_MOTION_MODELS: readonly EngineMotionModel[] = Object.freeze(['ballistic', 'cv']);

/** Mean time the target stays in one motion mode, s (sets the IMM's Markov transition matrix). */
export const ENGINE_MODE_SOJOURN_s = 60;

/** Layout of the engine state as seen by the mtt IMM code (size only: the engine's order is [p, v]). */
const ENGINE_LAYOUT = stateLayout(3, 2, false);

/** A transition model of one engine IMM mode over the engine's [p, v] ECEF state. */
export function ecefTransitionModel(mode: EngineMotionModel, q_m2ps3: number): TransitionModel {
  const w: EcefFilterScratch = createEcefFilterScratch();
  const xIn = new Float64Array(6);
  return {
    layout: ENGINE_LAYOUT,
    // the mean of `ballistic` is nonlinear; F below is exact for `cv`
    linear: mode === 'cv',
    apply(out, x, xOff, dt_s) {
      for (let i = 0; i < 6; i++) xIn[i] = x[xOff + i];
      predictMeanEcef(out, xIn, dt_s, mode, w);
    },
    jacobian(out, _x, _xOff, dt_s) {
      out.fill(0);
      for (let i = 0; i < 6; i++) out[i * 6 + i] = 1;
      for (let k = 0; k < 3; k++) out[k * 6 + k + 3] = dt_s;
    },
    predictCovarianceAt(P, pOff, dt_s) {
      predictCovarianceEcef(P, dt_s, q_m2ps3, pOff);
    },
    processNoise(out, dt_s) {
      out.fill(0);
      const q3 = (q_m2ps3 * dt_s * dt_s * dt_s) / 3;
      const q2 = (q_m2ps3 * dt_s * dt_s) / 2;
      const q1 = q_m2ps3 * dt_s;
      for (let k = 0; k < 3; k++) {
        out[k * 6 + k] = q3;
        out[k * 6 + k + 3] = q2;
        out[(k + 3) * 6 + k] = q2;
        out[(k + 3) * 6 + k + 3] = q1;
      }
    },
  };
}

/**
 * Writes the r×r Markov matrix (row-major, p_ij = P(mode j after Δt | mode i now)) of the continuous-time chain
 * with mean sojourn `sojourn_s` in every mode, switching uniformly to the others (see the module header).
 */
export function modeTransitionInto(
  out: Float64Array,
  r: number,
  dt_s: number,
  sojourn_s: number,
): Float64Array {
  if (r === 1) {
    out[0] = 1;
    return out;
  }
  const pSwitch = (1 - Math.exp((-r * dt_s) / sojourn_s)) / r;
  const pStay = 1 - (r - 1) * pSwitch;
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) out[i * r + j] = i === j ? pStay : pSwitch;
  return out;
}
