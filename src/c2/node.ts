/**
 * @module c2/node
 * What every fire unit's C2 node has, whatever its weapons: its tracker (the unit's air picture), the defended
 * assets' frames, an impact-point predictor and its own site in ECEF — and the one assessment step every node runs on
 * each confirmed track at each cycle (`assessTrackNow`).
 */
import { geodeticToEcef } from '../geo/wgs84.js';
import type { Geodetic } from '../scenario/types.js';
import type { EngineTrack, EngineTracker } from '../tracking/engine/index.js';
import { isLevelFlyer } from './classify.js';
import { defaultIppOptions, ImpactPredictor } from './ipp.js';
import { type Assessment, type AssetFrame, assessTrack } from './threatEval.js';

/** A track predicted to the cycle time (scratch of `assessTrackNow`, overwritten by each call). */
export interface TrackNow {
  /** Predicted position, ECEF m. */
  readonly pos_ecef: Float64Array;
  /** Predicted velocity, ECEF m/s. */
  readonly vel_ecef: Float64Array;
  /** Both stacked, [px, py, pz, vx, vy, vz] (the impact predictor's input). */
  readonly state: Float64Array;
}

export interface C2Node {
  readonly tracker: EngineTracker;
  readonly predictor: ImpactPredictor;
  readonly frames: readonly AssetFrame[];
  readonly site_ecef: Float64Array;
  /** The last track `assessTrackNow` predicted. */
  readonly now: TrackNow;
}

/**
 * Predicts `track` to `t_s` (into `node.now`, valid until the next call) and assesses it against the node's assets;
 * the kinematic class comes from the track (`c2/classify`: a level flyer gets the level-flight impact prediction).
 * @param margin_m the scenario's margin around each asset radius, m
 */
export function assessTrackNow(node: C2Node, track: EngineTrack, t_s: number, margin_m: number): Assessment {
  const { pos_ecef, vel_ecef, state } = node.now;
  node.tracker.predict(track, t_s, pos_ecef, vel_ecef);
  state.set(pos_ecef, 0);
  state.set(vel_ecef, 3);
  const kinematics = isLevelFlyer(track, pos_ecef, vel_ecef) ? 'level' : 'auto';
  return assessTrack(state, t_s, node.predictor, node.frames, margin_m, kinematics);
}

/** Builds the common part of a C2 node at `site` (predictions stop at the site's height). */
export function createC2Node(site: Geodetic, tracker: EngineTracker, frames: readonly AssetFrame[]): C2Node {
  return {
    tracker,
    frames,
    predictor: new ImpactPredictor(defaultIppOptions(site.h_m)),
    site_ecef: geodeticToEcef(site.lat_rad, site.lon_rad, site.h_m),
    now: { pos_ecef: new Float64Array(3), vel_ecef: new Float64Array(3), state: new Float64Array(6) },
  };
}
