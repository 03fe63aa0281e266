/**
 * @module io/mtt
 * One import for the tracker file formats: the `mtt-scenario` v1 reader (io/mttScenario), the `mtt-tracks` v1
 * reader and writer (io/mttTracks), and `mttSetupFromHeader`, which turns a scenario header into the tracker's
 * `MttSetup` (the only scenario facts a tracker may use: it never reads truth or detection origins).
 */
import type { MttSetup } from '../tracking/mttTracker.js';
import type { MttScenarioHeader } from './mttScenario.js';

export * from './mttScenario.js';
export * from './mttTracks.js';

/**
 * Tracker setup from a scenario header: dimension, scan interval dt (s), NCV q (m²/s³), measurement σ (m),
 * detection probability and clutter density (per m^dim per scan). Source: docs/formats/mtt.md §1 header fields.
 */
export function mttSetupFromHeader(header: MttScenarioHeader): MttSetup {
  return {
    dim: header.dim,
    dt: header.dt,
    q: header.motion.q,
    sigma: header.sensor.sigma,
    pd: header.sensor.pd,
    clutterDensity: header.clutter.density,
  };
}
