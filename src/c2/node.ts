/**
 * @module c2/node
 * What every fire unit's C2 node has, whatever its weapons: its tracker (the unit's air picture), the defended
 * assets' frames, an impact-point predictor and its own site in ECEF.
 */
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Geodetic } from '../scenario/types.js';
import type { EngineTracker } from '../tracking/engine/index.js';
import { defaultIppOptions, ImpactPredictor } from './ipp.js';
import type { AssetFrame } from './threatEval.js';

export interface C2Node {
  readonly tracker: EngineTracker;
  readonly predictor: ImpactPredictor;
  readonly frames: readonly AssetFrame[];
  readonly site_ecef: Float64Array;
}

/** Builds the common part of a C2 node at `site` (predictions stop at the site's height). */
export function createC2Node(site: Geodetic, tracker: EngineTracker, frames: readonly AssetFrame[]): C2Node {
  return {
    tracker,
    frames,
    predictor: new ImpactPredictor(defaultIppOptions(site.h_m)),
    site_ecef: geodeticToEcef(site.lat_rad, site.lon_rad, site.h_m),
  };
}
