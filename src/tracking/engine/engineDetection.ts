/**
 * @module tracking/engine/engineDetection
 * What the engine tracker reads of a detection. It is a structural subset of `sensors`' `Detection`, which every
 * radar produces and which the tracker accepts as is. The type is restated here because tracking may not import
 * sensors: they are sibling layers (math → geo → env → dynamics → scenario → threats|sensors|weapons|tracking).
 */

/** A position detection in ECEF from one sensor. */
export interface EngineDetection {
  readonly sensorId: string;
  /** Time of the detection, s. */
  readonly t_s: number;
  /** Measured position in ECEF, m. */
  readonly pos_ecef: Float64Array;
  /** Covariance of `pos_ecef`, row-major 3×3, m². */
  readonly cov_ecef: Float64Array;
  /** Truth id or null for a false alarm; scoring and event logs only (the tracker's decisions ignore it). */
  readonly truthId: string | null;
}
