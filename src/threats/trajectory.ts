/**
 * @module threats/trajectory
 * A flown threat stored as samples of truth (time, ECEF position, ECEF velocity) and read back by cubic Hermite
 * interpolation: position is the Hermite cubic through the two bracketing samples and their velocities, velocity
 * is that cubic's derivative, so both agree with the samples exactly at the nodes. `TrajectoryRecorder` collects the
 * samples while a model integrates the flight (growable Float64Arrays, trimmed once at the end).
 */

import { hermiteState } from '../math/hermite.js';
import type { Geodetic } from '../scenario/types.js';
import type { ThreatFailureMode } from './failure.js';
import type { Trajectory } from './index.js';

/** Everything a `SampledTrajectory` is made of. Arrays are owned by the trajectory afterwards (not copied). */
export interface SampledTrajectoryInit {
  readonly launchTime_s: number;
  readonly outcome: 'impact' | 'failed';
  /** In-flight failure mode (`threats/failure`); absent or null for a nominal flight. */
  readonly failure?: ThreatFailureMode | null;
  readonly endPoint: Geodetic;
  readonly apexAltitude_m: number;
  /** Strictly ascending sample times, s (at least two). */
  readonly times_s: Float64Array;
  /** ECEF positions, m, 3 per sample. */
  readonly pos_ecef: Float64Array;
  /** ECEF velocities, m/s, 3 per sample. */
  readonly vel_ecef: Float64Array;
}

/**
 * `Trajectory` over recorded samples. `stateAt` costs one binary search and one Hermite evaluation and allocates
 * nothing. Cubic Hermite basis: de Boor, *A Practical Guide to Splines*, ch. IV.
 */
export class SampledTrajectory implements Trajectory {
  readonly launchTime_s: number;
  readonly endTime_s: number;
  readonly outcome: 'impact' | 'failed';
  readonly failure: ThreatFailureMode | null;
  readonly endPoint: Geodetic;
  readonly apexAltitude_m: number;
  readonly times_s: Float64Array;
  readonly pos_ecef: Float64Array;
  readonly vel_ecef: Float64Array;

  constructor(init: SampledTrajectoryInit) {
    const n = init.times_s.length;
    if (n < 2) throw new RangeError(`a trajectory needs at least two samples, got ${n}`);
    if (init.pos_ecef.length !== 3 * n || init.vel_ecef.length !== 3 * n) {
      throw new RangeError('pos_ecef and vel_ecef must hold 3 values per sample');
    }
    this.launchTime_s = init.launchTime_s;
    this.endTime_s = init.times_s[n - 1];
    this.outcome = init.outcome;
    this.failure = init.failure ?? null;
    this.endPoint = init.endPoint;
    this.apexAltitude_m = init.apexAltitude_m;
    this.times_s = init.times_s;
    this.pos_ecef = init.pos_ecef;
    this.vel_ecef = init.vel_ecef;
  }

  /** Index i of the interval [t_i, t_{i+1}] holding t (t inside the sampled span). */
  private intervalOf(t_s: number): number {
    const times = this.times_s;
    let lo = 0;
    let hi = times.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (times[mid] <= t_s) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  stateAt(t_s: number, pos_out: Float64Array, vel_out: Float64Array): boolean {
    const times = this.times_s;
    if (!(t_s >= times[0] && t_s <= this.endTime_s)) return false;
    const i = this.intervalOf(t_s);
    const h_s = times[i + 1] - times[i];
    const a = 3 * i;
    const p = this.pos_ecef;
    const v = this.vel_ecef;
    hermiteState((t_s - times[i]) / h_s, h_s, p, v, a, p, v, a + 3, pos_out, vel_out);
    return true;
  }
}

/** Collects samples during integration; `finish` trims the arrays into a `SampledTrajectory`. */
export class TrajectoryRecorder {
  private times: Float64Array;
  private pos: Float64Array;
  private vel: Float64Array;
  private count = 0;

  /** @param capacityHint expected number of samples (the arrays grow by doubling beyond it) */
  constructor(capacityHint = 256) {
    const capacity = Math.max(4, capacityHint);
    this.times = new Float64Array(capacity);
    this.pos = new Float64Array(3 * capacity);
    this.vel = new Float64Array(3 * capacity);
  }

  /** Samples recorded so far. */
  get length(): number {
    return this.count;
  }

  /** Forgets all samples, keeping the buffers (reuse across flights). */
  clear(): void {
    this.count = 0;
  }

  /** Time of the last sample, s (−∞ when empty). */
  get lastTime_s(): number {
    return this.count > 0 ? this.times[this.count - 1] : Number.NEGATIVE_INFINITY;
  }

  /** Appends one sample; a time not after the last sample's replaces that sample (events landing on a step). */
  push(t_s: number, pos_ecef: Readonly<Float64Array>, vel_ecef: Readonly<Float64Array>): void {
    let i = this.count;
    if (i > 0 && t_s <= this.times[i - 1]) i -= 1;
    else if (i === this.times.length) this.grow();
    this.times[i] = t_s;
    this.pos[3 * i] = pos_ecef[0];
    this.pos[3 * i + 1] = pos_ecef[1];
    this.pos[3 * i + 2] = pos_ecef[2];
    this.vel[3 * i] = vel_ecef[0];
    this.vel[3 * i + 1] = vel_ecef[1];
    this.vel[3 * i + 2] = vel_ecef[2];
    this.count = i + 1;
  }

  private grow(): void {
    const capacity = 2 * this.times.length;
    const times = new Float64Array(capacity);
    const pos = new Float64Array(3 * capacity);
    const vel = new Float64Array(3 * capacity);
    times.set(this.times);
    pos.set(this.pos);
    vel.set(this.vel);
    this.times = times;
    this.pos = pos;
    this.vel = vel;
  }

  /**
   * The recorded flight as a trajectory over views of the recorder's buffers (no copy, same samples as `finish`).
   * Valid only until the next `push` or `clear`: for a caller that reads it at once and keeps nothing of it (the
   * C2's impact-point path, re-predicted every cycle).
   */
  view(meta: Omit<SampledTrajectoryInit, 'times_s' | 'pos_ecef' | 'vel_ecef'>): SampledTrajectory {
    const n = this.count;
    return new SampledTrajectory({
      ...meta,
      times_s: this.times.subarray(0, n),
      pos_ecef: this.pos.subarray(0, 3 * n),
      vel_ecef: this.vel.subarray(0, 3 * n),
    });
  }

  /** The recorded flight as a trajectory (copies the used part of the buffers). */
  finish(meta: Omit<SampledTrajectoryInit, 'times_s' | 'pos_ecef' | 'vel_ecef'>): SampledTrajectory {
    const n = this.count;
    return new SampledTrajectory({
      ...meta,
      times_s: this.times.slice(0, n),
      pos_ecef: this.pos.slice(0, 3 * n),
      vel_ecef: this.vel.slice(0, 3 * n),
    });
  }
}
