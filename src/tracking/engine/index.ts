/**
 * @module tracking/engine
 * The engine's ECEF multi-radar tracker, used by each C2 node of the simulation. Interface: `EngineTracker`
 * (`update` per radar dwell(s), `confirmedTracks`, `predict`), built by `createEngineTracker(settings, idPrefix)`,
 * the composition root of the one tracking loop (`core/trackLoop.ts`). Roles: `engineFilter.ts` (predictor and
 * updater: single Gaussian, then the IMM {ballistic, cv} of `ecefModels.ts` run by the `tracking/mtt` IMM predictor,
 * with the ECEF prediction and Joseph update of `ecefFilter.ts`), `engineRoles.ts` (GNN gater + associator over
 * `solveSparseAssignment`, per-sensor bookkeeping, per-sensor M-of-N confirmation of `core/confirmation.ts`, deleter,
 * initiator).
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
export type { EngineDetection } from './engineDetection.js';
export {
  createEngineTracker,
  ENGINE_INITIAL_MODE_PROBABILITIES,
  type EngineTrack,
  type EngineTracker,
  type EngineTrackerOptions,
  INITIAL_VELOCITY_STD_mps,
  type TrackerScanResult,
} from './engineTracker.js';
