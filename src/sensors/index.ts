/**
 * @module sensors
 * `Sensor`: samples truth at a dwell and returns detections (noisy, possibly false alarms). The engine hands it a
 * typed `SensorInputs`; it never reads threat or interceptor objects.
 */
import type { Rng } from '../math/rng.js';
import type { RcsAspectTable } from '../scenario/types.js';

/** What a sensor may see at one dwell: truth positions and velocities with their RCS. */
export interface SensorTarget {
  /** Truth id (used only to label detections for scoring; trackers never read it). */
  readonly id: string;
  /** Truth position, ECEF, m. */
  readonly pos_ecef: Readonly<Float64Array>;
  /** Truth velocity, ECEF, m/s (for the aspect angle; absent: no aspect dependence). */
  readonly vel_ecef?: Readonly<Float64Array>;
  /** Mean radar cross-section, m² (used as is when there is no aspect table or no velocity). */
  readonly rcs_m2: number;
  /** RCS versus aspect angle (`sensors/aspectRcs`); absent: `rcs_m2` at every aspect. */
  readonly rcsAspect?: RcsAspectTable;
}

/**
 * The part of a sector a budgeted radar searches in one frame (`sensors/budget`): sector fractions measured clockwise
 * from the sector's counter-clockwise edge, the slice [start, start + fraction) taken cyclically.
 */
export interface SearchSlice {
  /** Slice start, fraction of the sector in [0, 1). */
  readonly start: number;
  /** Slice width, fraction of the sector in [0, 1]. */
  readonly fraction: number;
}

export interface SensorInputs {
  readonly t_s: number;
  readonly targets: readonly SensorTarget[];
  /**
   * Search slice of this dwell (budgeted multifunction radars): false alarms are drawn only there, their mean count
   * scaled by `fraction`. Absent: the whole sector, as before.
   */
  readonly searchSlice?: SearchSlice;
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
