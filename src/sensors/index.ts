/**
 * @module sensors
 * `Sensor`: samples truth at a dwell and returns detections (noisy, possibly false alarms). The engine hands it a
 * typed `SensorInputs`; it never reads threat or interceptor objects.
 */
import type { Rng } from '../math/rng.js';

/** What a sensor may see at one dwell: truth positions with their RCS. */
export interface SensorTarget {
  /** Truth id (used only to label detections for scoring; trackers never read it). */
  readonly id: string;
  readonly pos_ecef: Readonly<Float64Array>;
  readonly rcs_m2: number;
}

export interface SensorInputs {
  readonly t_s: number;
  readonly targets: readonly SensorTarget[];
}

/** One detection: the raw polar measurement plus its conversion to ECEF with a covariance. */
export interface Detection {
  readonly sensorId: string;
  readonly t_s: number;
  readonly range_m: number;
  readonly azimuth_rad: number;
  readonly elevation_rad: number;
  /** Measured position converted to ECEF, m. */
  readonly pos_ecef: Float64Array;
  /** Covariance of `pos_ecef`, row-major 3×3, m² (converted-measurement, linearised). */
  readonly cov_ecef: Float64Array;
  /** Truth id or null for a false alarm. Scoring and event logs only. */
  readonly truthId: string | null;
  /** Signal-to-noise ratio of the detection, dB (NaN for false alarms). */
  readonly snr_dB: number;
}

/** A sensor with a revisit interval. */
export interface Sensor {
  readonly id: string;
  readonly scanInterval_s: number;
  scan(inputs: SensorInputs, rng: Rng): Detection[];
}
