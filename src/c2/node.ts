/**
 * @module c2/node
 * What every fire unit's C2 node has, whatever its weapons: its tracker (the unit's air picture), the defended
 * assets' frames, an impact-point predictor and its own site in ECEF — and the one assessment step every node runs on
 * each confirmed track at each cycle (`assessTrackNow`).
 */
import { geodeticToEcef } from '../geo/wgs84.js';
import { hypot3 } from '../math/hypot.js';
import type { Geodetic } from '../scenario/types.js';
import type { EngineTrack, EngineTracker } from '../tracking/engine/index.js';
import {
  type BallisticCoefficientEstimate,
  type BallisticCoefficientOptions,
  type BallisticCoefficientScratch,
  ballisticCoefficientOf_kgpm2,
  createBallisticCoefficientEstimate,
  createBallisticCoefficientScratch,
  defaultBallisticCoefficientOptions,
  updateBallisticCoefficient,
} from './ballisticCoefficient.js';
import { isLevelFlyer } from './classify.js';
import { assumedBallisticCoefficient_kgpm2, defaultIppOptions, ImpactPredictor } from './impactPrediction.js';
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
  /** Each track's learned ballistic coefficient (`c2/ballisticCoefficient`), by track id. */
  readonly betaEstimates: Map<string, BallisticCoefficientEstimate>;
  readonly betaOptions: BallisticCoefficientOptions;
  readonly betaScratch: BallisticCoefficientScratch;
}

/**
 * The track's ballistic coefficient as the node has learned it so far, kg/m²: fuses the track's newest filtered
 * state into its estimate (`c2/ballisticCoefficient`; a state the tracker only coasted is not a measurement) and
 * returns the estimate. The first call starts the estimate at the predictor's class-assumed β for the track's speed.
 * Idempotent for an unchanged track, so the assessment and the uplink may both ask in one cycle.
 */
export function learnedBallisticCoefficient_kgpm2(node: C2Node, track: EngineTrack): number {
  const x = track.x;
  const fresh = track.lastUpdate_s === track.t_s;
  let est = node.betaEstimates.get(track.id);
  if (est === undefined) {
    const prior_kgpm2 = assumedBallisticCoefficient_kgpm2(node.predictor.options, hypot3(x[3], x[4], x[5]));
    if (!fresh) return prior_kgpm2;
    est = createBallisticCoefficientEstimate(prior_kgpm2, x, track.t_s, node.betaOptions);
    node.betaEstimates.set(track.id, est);
  } else if (fresh) {
    updateBallisticCoefficient(est, x, track.P, track.t_s, node.betaOptions, node.betaScratch);
  }
  return ballisticCoefficientOf_kgpm2(est);
}

/**
 * Predicts `track` to `t_s` (into `node.now`, valid until the next call) and assesses it against the node's assets;
 * the kinematic class comes from the track (`c2/classify`: a level flyer gets the level-flight impact prediction),
 * a ballistic prediction flies on the track's learned β ({@link learnedBallisticCoefficient_kgpm2}).
 * @param margin_m the scenario's margin around each asset radius, m
 * @param previous the track's last decision (threat evaluation's hysteresis, `c2/threatEval`), null if none yet
 */
export function assessTrackNow(
  node: C2Node,
  track: EngineTrack,
  t_s: number,
  margin_m: number,
  previous: 'threat' | 'ignore' | null = null,
): Assessment {
  const { pos_ecef, vel_ecef, state } = node.now;
  node.tracker.predict(track, t_s, pos_ecef, vel_ecef);
  state.set(pos_ecef, 0);
  state.set(vel_ecef, 3);
  const kinematics = isLevelFlyer(track, pos_ecef, vel_ecef) ? 'level' : 'auto';
  return assessTrack(state, t_s, node.predictor, node.frames, margin_m, kinematics, {
    ballisticCoefficient_kgpm2: learnedBallisticCoefficient_kgpm2(node, track),
    previous,
    covariance: track.P,
  });
}

/** Builds the common part of a C2 node at `site` (predictions stop at the site's height). */
export function createC2Node(site: Geodetic, tracker: EngineTracker, frames: readonly AssetFrame[]): C2Node {
  return {
    tracker,
    frames,
    predictor: new ImpactPredictor(defaultIppOptions(site.h_m)),
    site_ecef: geodeticToEcef(site.lat_rad, site.lon_rad, site.h_m),
    now: { pos_ecef: new Float64Array(3), vel_ecef: new Float64Array(3), state: new Float64Array(6) },
    betaEstimates: new Map(),
    betaOptions: defaultBallisticCoefficientOptions(),
    betaScratch: createBallisticCoefficientScratch(),
  };
}
