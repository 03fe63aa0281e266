/**
 * @module threats
 * `ThreatModel`: turns one `ThreatLaunch` into a truth `Trajectory` (ECEF, rotating Earth). Threat flight does not
 * depend on the defense, so each trajectory is flown once at launch and sampled afterwards; a kill simply ends it.
 */
import type { Rng } from '../math/rng.js';
import type { Geodetic, ThreatLaunch, ThreatType } from '../scenario/types.js';
import type { ThreatFailureMode } from './failure.js';

/** A flown threat: dense samples of truth, interpolated (cubic Hermite) between them. */
export interface Trajectory {
  /** Launch time after scenario start, s. */
  readonly launchTime_s: number;
  /** Time the flight ends (ground impact, or the failure point), s. */
  readonly endTime_s: number;
  /**
   * `impact`: the warhead reaches the ground (a nominal flight, or a `guidance-failure` off-aim); `failed`: no warhead
   * arrives (a `break-up`, or a failure of a type without failure modes).
   */
  readonly outcome: 'impact' | 'failed';
  /** In-flight failure mode (`threats/failure`); absent or null for a nominal flight. */
  readonly failure?: ThreatFailureMode | null;
  /**
   * Where it ends on the ground: the impact point; for a `break-up` (which ends at the break-up, in the air) the
   * centre of the debris footprint; for another failure where the body falls.
   */
  readonly endPoint: Geodetic;
  /** Highest ellipsoid height reached, m. */
  readonly apexAltitude_m: number;
  /** Sample times, s (ascending, first = launchTime_s, last = endTime_s). */
  readonly times_s: Float64Array;
  /** Positions, ECEF m, 3 per sample. */
  readonly pos_ecef: Float64Array;
  /** Velocities, ECEF m/s, 3 per sample. */
  readonly vel_ecef: Float64Array;
  /**
   * Interpolated state at `t_s`. Writes into `pos_out`/`vel_out` and returns true when the threat is airborne at
   * t (launchTime_s ≤ t ≤ endTime_s), false otherwise (outputs untouched).
   */
  stateAt(t_s: number, pos_out: Float64Array, vel_out: Float64Array): boolean;
}

/** A threat model flies one launch of its type. All randomness (reliability, dispersion) comes from `rng`. */
export interface ThreatModel<T extends ThreatType = ThreatType> {
  fly(launch: ThreatLaunch, type: T, rng: Rng): Trajectory;
}
