/**
 * @module tracking/engine
 * The engine's ECEF multi-radar tracker, used by each C2 node of the simulation. Interface: `EngineTracker`
 * (`update` per radar dwell(s), `confirmedTracks`, `predict`), built by `createEngineTracker(settings, idPrefix)`.
 * Roles inside: predictor and updater in `ecefFilter.ts` (gravity-aware prediction, Joseph position update), the
 * IMM model set {ballistic, cv} in `ecefModels.ts` (run by the `tracking/mtt` IMM predictor), associator = GNN over `solveSparseAssignment`, M-of-N initiator/deleter in `engineTracker.ts` (wiring).
 */
export {
  BALLISTIC_MAX_SUBSTEP_s,
  type EngineMotionModel,
  mahalanobis2PositionEcef,
  predictCovarianceEcef,
  predictMeanEcef,
  updatePositionEcef,
  updatePositionEcefLogLikelihood,
} from './ecefFilter.js';
export {
  ENGINE_MODE_SOJOURN_s,
  ENGINE_MOTION_MODELS,
  ecefTransitionModel,
  modeTransitionInto,
} from './ecefModels.js';
export {
  createEngineTracker,
  ENGINE_INITIAL_MODE_PROBABILITIES,
  type EngineTrack,
  type EngineTracker,
  type EngineTrackerOptions,
  INITIAL_VELOCITY_STD_mps,
  type TrackerScanResult,
} from './engineTracker.js';
