/**
 * @module tracking/fusion/sequentialUpdate
 * Multi-sensor centralised fusion of one track by sequential (extended) Kalman updates (Bar-Shalom, Willett & Tian,
 * *Tracking and Data Fusion*, 2011, §6.2: sequential processing of measurements of several sensors): measurements
 * are sorted by time (ties by sensorId, then arrival order), the track is predicted to each one with the transition
 * model and updated with that measurement's own model (each measurement carries its sensor's model, R included).
 *
 * Out-of-sequence measurements are handled by **buffering and replay** ({@link OutOfSequenceFuser}): the fuser keeps
 * the estimate at a checkpoint `maxLag_s` behind the newest measurement and the measurements since; a late
 * measurement is inserted in time order and the buffer is re-filtered from the checkpoint, so the result equals
 * in-order processing exactly (no retrodiction approximation). Measurements older than the checkpoint are refused.
 */
import { FilterStateStore } from '../mtt/filterState.js';
import type { MeasurementModel } from '../mtt/models/measurement.js';
import type { TransitionModel } from '../mtt/models/transition.js';
import { createPredictWork, ekfPredictAt } from '../mtt/predictor/kalmanPredictor.js';
import { createEkfWork, ekfCorrectAt, ekfInnovationAt } from '../mtt/updater/kalmanUpdater.js';

/** A Gaussian estimate at a time. */
export interface TimedGaussian {
  /** Time of the estimate, s. */
  readonly t_s: number;
  /** Mean, length n (the models' layout). */
  readonly x: Float64Array;
  /** Covariance, row-major n×n. */
  readonly P: Float64Array;
}

/** One sensor's measurement with the model that produced it. */
export interface SensorMeasurement {
  readonly sensorId: string;
  /** Measurement time, s. */
  readonly t_s: number;
  /** Measurement vector, length model.m, in the model's units. */
  readonly z: readonly number[] | Readonly<Float64Array>;
  readonly model: MeasurementModel;
}

/** Time order used for fusion: t, then sensorId, then input order. */
function sortedByTime(list: readonly SensorMeasurement[]): SensorMeasurement[] {
  return list
    .map((m, i) => ({ m, i }))
    .sort(
      (a, b) =>
        a.m.t_s - b.m.t_s ||
        (a.m.sensorId < b.m.sensorId ? -1 : a.m.sensorId > b.m.sensorId ? 1 : 0) ||
        a.i - b.i,
    )
    .map((e) => e.m);
}

/**
 * Predict and update `prior` with every measurement in time order (sorted here). Every measurement must be at or
 * after `prior.t_s` (RangeError otherwise; use {@link OutOfSequenceFuser} for late arrivals).
 */
export function sequentialUpdate(
  prior: TimedGaussian,
  measurements: readonly SensorMeasurement[],
  motion: TransitionModel,
): TimedGaussian {
  const n = motion.layout.n;
  const store = new FilterStateStore(n, 1, 1);
  store.x.set(prior.x);
  store.P.set(prior.P);
  store.mu[0] = 1;
  const predictWork = createPredictWork(motion);
  const works = new Map<MeasurementModel, ReturnType<typeof createEkfWork>>();
  const zIdx = Int32Array.of(0);
  let t = prior.t_s;
  for (const meas of sortedByTime(measurements)) {
    if (meas.t_s < prior.t_s) {
      throw new RangeError(
        `sequentialUpdate: measurement of ${meas.sensorId} at ${meas.t_s} s precedes the prior (${prior.t_s} s); use OutOfSequenceFuser`,
      );
    }
    if (meas.t_s > t) ekfPredictAt(predictWork, store.x, 0, store.P, 0, meas.t_s - t);
    t = meas.t_s;
    let work = works.get(meas.model);
    if (work === undefined) {
      work = createEkfWork(meas.model);
      works.set(meas.model, work);
    }
    if (!ekfInnovationAt(work, store.x, 0, store.P, 0)) continue;
    ekfCorrectAt(work, store.x, 0, store.P, 0, Float64Array.from(meas.z), zIdx, 1, null);
  }
  return {
    t_s: t,
    x: Float64Array.from(store.x.subarray(0, n)),
    P: Float64Array.from(store.P.subarray(0, n * n)),
  };
}

/** Result of {@link OutOfSequenceFuser.add}. */
export type FuserAddResult =
  | { readonly status: 'fused'; readonly late: boolean }
  | { readonly status: 'too-late' };

/** Buffer-and-replay fuser of one track's measurements from several sensors (see the module header). */
export class OutOfSequenceFuser {
  private base: TimedGaussian;
  private buffer: SensorMeasurement[] = [];
  private current: TimedGaussian;

  /**
   * @param prior estimate at the start, s.
   * @param motion transition model.
   * @param maxLag_s how far behind the newest measurement a late one is still accepted, s.
   */
  constructor(
    prior: TimedGaussian,
    private readonly motion: TransitionModel,
    private readonly maxLag_s: number,
  ) {
    this.base = prior;
    this.current = prior;
  }

  /** Add a measurement (any arrival order); late ones within `maxLag_s` trigger a replay. */
  add(meas: SensorMeasurement): FuserAddResult {
    if (meas.t_s < this.base.t_s) return { status: 'too-late' };
    const late = meas.t_s < this.current.t_s;
    this.buffer.push(meas);
    this.buffer = sortedByTime(this.buffer);
    // advance the checkpoint past measurements older than the lag window
    const newest = this.buffer[this.buffer.length - 1].t_s;
    const keepFrom = this.buffer.findIndex((m) => m.t_s >= newest - this.maxLag_s);
    if (keepFrom > 0) {
      this.base = sequentialUpdate(this.base, this.buffer.slice(0, keepFrom), this.motion);
      this.buffer = this.buffer.slice(keepFrom);
    }
    this.current = sequentialUpdate(this.base, this.buffer, this.motion);
    return { status: 'fused', late };
  }

  /** Current estimate (at the newest measurement's time). */
  estimate(): TimedGaussian {
    return this.current;
  }
}
