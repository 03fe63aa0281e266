/**
 * @module tracking/format/setup
 * The only facts of a measurement file a tracker may use: `mttSetupFromHeader` turns the header into the tracker's
 * `MttSetup` (a tracker never reads truth or detection origins).
 */
import type { MttSetup } from '../mttTracker.js';
import type { MeasurementFileHeader } from './measurementFile.js';

/**
 * Tracker setup from a measurement-file header: dimension, scan interval dt (s), NCV q (m²/s³), measurement σ (m),
 * detection probability and clutter density (per m^dim per scan). Source: formats/mtt.md §1 header fields.
 */
export function mttSetupFromHeader(header: MeasurementFileHeader): MttSetup {
  return {
    dim: header.dim,
    dt: header.dt,
    q: header.motion.q,
    sigma: header.sensor.sigma,
    pd: header.sensor.pd,
    clutterDensity: header.clutter.density,
  };
}
