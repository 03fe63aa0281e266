/**
 * @module tracking/engine/engineFilter
 * The engine tracker's filter (predictor and updater roles of the tracking loop): per track either one Gaussian (a
 * single-point track, predicted with `cv`) or, from its second detection on, the IMM over the modes of
 * `ecefModels.ts` run by the `tracking/mtt` IMM predictor; the public `EngineTrack.x`, `P` are the moment-matched
 * estimate. See `engineTracker.ts`'s module header for the rules.
 */

import { FilterStateStore } from '../mtt/filterState.js';
import { immPredictor } from '../mtt/predictor/immPredictor.js';
import type { Predictor } from '../mtt/predictor/index.js';
import {
  createEcefFilterScratch,
  type EcefFilterScratch,
  type EngineMotionModel,
  predictCovarianceEcef,
  predictMeanEcef,
  updatePositionEcef,
  updatePositionEcefLogLikelihood,
} from './ecefFilter.js';
import { ENGINE_MOTION_MODELS, ecefTransitionModel, modeTransitionInto } from './ecefModels.js';
import type { EngineDetection } from './engineDetection.js';
import type { EngineTrack } from './engineTracker.js';

/** Mode probabilities of a new track, in {@link ENGINE_MOTION_MODELS} order. */
export const ENGINE_INITIAL_MODE_PROBABILITIES: readonly number[] = Object.freeze([0.5, 0.5]);

/** The mode filters of one track: a one-slot store (one component per mode, and μ) and views of each mode. */
export interface ModeFilters {
  readonly store: FilterStateStore;
  /** Mean and covariance of each mode: views of `store`. */
  readonly modeX: readonly Float64Array[];
  readonly modeP: readonly Float64Array[];
}

/** What the filter keeps of a track beside the public track. */
export interface FilteredTrack {
  readonly track: EngineTrack;
  /**
   * The IMM mode filters, from the track's second detection on; null for a single-point track, whose one Gaussian
   * is `track.x`, `track.P`.
   */
  filters: ModeFilters | null;
}

/** The engine's IMM (or single-model) filter over the modes `modes`, with white-acceleration density q. */
export class EngineFilter {
  readonly r: number;
  /** Index of each of this filter's modes in {@link ENGINE_MOTION_MODELS}. */
  readonly publicIndex: readonly number[];
  readonly initialMu: readonly number[];
  /** Model of a single-point track (cv in the IMM; the one model otherwise). */
  readonly singlePointModel: EngineMotionModel;
  readonly scratch: EcefFilterScratch = createEcefFilterScratch();
  private readonly transition: Float64Array;
  private transitionDt_s = Number.NaN;
  private readonly predictor: Predictor;
  private readonly logLik: Float64Array;
  /** Mode filters of dropped tracks, reused by new ones (every field is overwritten on reuse). */
  private readonly freeFilters: ModeFilters[] = [];

  constructor(
    readonly modes: readonly EngineMotionModel[],
    private readonly processNoise_m2ps3: number,
    private readonly sojourn_s: number,
  ) {
    const r = modes.length;
    this.r = r;
    this.publicIndex = modes.map((m) => ENGINE_MOTION_MODELS.indexOf(m));
    this.initialMu = modes.map((m) =>
      r === 1 ? 1 : ENGINE_INITIAL_MODE_PROBABILITIES[ENGINE_MOTION_MODELS.indexOf(m)],
    );
    this.transition = new Float64Array(r * r);
    this.predictor = immPredictor(
      modes.map((m) => ecefTransitionModel(m, processNoise_m2ps3)),
      this.transition,
    );
    this.logLik = new Float64Array(r);
    this.singlePointModel = r === 1 ? modes[0] : 'cv';
  }

  /** Writes the combined estimate, the public mode probabilities and the most probable mode of `rec`. */
  publish(rec: FilteredTrack, filters: ModeFilters): void {
    const track = rec.track;
    const store = filters.store;
    store.combine(0, track.x, track.P);
    const mu = track.modeProbabilities!;
    let best = 0;
    for (let j = 0; j < this.r; j++) {
      mu[this.publicIndex[j]] = store.mu[j];
      if (store.mu[j] > store.mu[best]) best = j;
    }
    // ties (e.g. a new track) go to cv, the model without gravity
    track.model = this.r > 1 && store.mu[0] === store.mu[1] ? 'cv' : this.modes[best];
  }

  /** The filter prior of `rec` at `t_s` (no step unless t_s is later than the track). */
  predictTo(rec: FilteredTrack, t_s: number): void {
    const track = rec.track;
    const dt_s = t_s - track.t_s;
    if (!(dt_s > 0)) return;
    if (dt_s !== this.transitionDt_s) {
      modeTransitionInto(this.transition, this.r, dt_s, this.sojourn_s);
      this.transitionDt_s = dt_s;
    }
    const filters = rec.filters;
    if (filters === null) {
      // single-point track: one Gaussian (see engineTracker.ts's header note on the IMM start)
      predictMeanEcef(track.x, track.x, dt_s, this.singlePointModel, this.scratch);
      predictCovarianceEcef(track.P, dt_s, this.processNoise_m2ps3);
    } else {
      this.predictor.predict(filters.store, 0, dt_s);
      this.publish(rec, filters);
    }
    track.t_s = t_s;
  }

  /** IMM update of `rec` with one detection; false (track unchanged) if no mode could be updated. */
  update(rec: FilteredTrack, det: EngineDetection): boolean {
    const filters = rec.filters;
    if (filters === null) return this.startImm(rec, det);
    const { r, logLik, scratch } = this;
    const mu = filters.store.mu;
    let maxLog = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < r; j++) {
      const ll = updatePositionEcefLogLikelihood(
        filters.modeX[j],
        filters.modeP[j],
        det.pos_ecef,
        det.cov_ecef,
        scratch,
      );
      logLik[j] = Number.isNaN(ll) ? Number.NEGATIVE_INFINITY : ll;
      if (mu[j] > 0 && logLik[j] > maxLog) maxLog = logLik[j];
    }
    if (maxLog === Number.NEGATIVE_INFINITY) return false;
    let total = 0;
    for (let j = 0; j < r; j++) {
      mu[j] = mu[j] > 0 ? mu[j] * Math.exp(logLik[j] - maxLog) : 0;
      total += mu[j];
    }
    for (let j = 0; j < r; j++) mu[j] /= total;
    this.publish(rec, filters);
    return true;
  }

  /** Second detection: update the single Gaussian, then start the IMM from it. */
  private startImm(rec: FilteredTrack, det: EngineDetection): boolean {
    const track = rec.track;
    if (!updatePositionEcef(track.x, track.P, det.pos_ecef, det.cov_ecef, this.scratch)) return false;
    const started = this.freeFilters.pop() ?? this.newFilters();
    for (let j = 0; j < this.r; j++) {
      started.modeX[j].set(track.x);
      started.modeP[j].set(track.P);
      started.store.mu[j] = this.initialMu[j];
    }
    rec.filters = started;
    return true;
  }

  /** Returns the mode filters of a track that is gone to the pool. */
  release(rec: FilteredTrack): void {
    if (rec.filters !== null) this.freeFilters.push(rec.filters);
  }

  private newFilters(): ModeFilters {
    const store = new FilterStateStore(6, this.r, 1);
    const modeX: Float64Array[] = [];
    const modeP: Float64Array[] = [];
    for (let j = 0; j < this.r; j++) {
      const xo = store.xOffset(0, j);
      const po = store.pOffset(0, j);
      modeX.push(store.x.subarray(xo, xo + 6));
      modeP.push(store.P.subarray(po, po + 36));
    }
    return { store, modeX, modeP };
  }
}
