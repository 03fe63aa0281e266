/**
 * @module tracking/mtt
 * Full-covariance multi-target tracking (filters EKF/UKF/IMM, associators GNN/JPDA) behind `createMttTracker`,
 * organised by Stone Soup roles: `models/` (state layout, transition and measurement models), `predictor/`,
 * `updater/`, `gater/`, `associator/`, `initiator/`, `deleter/`. The tracking loop (`core/trackLoop.ts`) runs them:
 * `axisTracker.ts` wires the per-axis fast path, `fullCovTracker.ts` the full-covariance tracker, `filterRoles.ts`
 * turns the filter string into predictor and updater objects, `config.ts` checks a configuration.
 */
export {
  type AssociationInput,
  type AssociationOutput,
  type Associator,
  cheapJpdaMarginals,
  gnnAssociator,
  JPDA_MAX_EXACT_HYPOTHESES,
  type JpdaCluster,
  jpdaAssociator,
  jpdaMarginals,
} from './associator/index.js';
export { createAxisTracker } from './axisTracker.js';
export { validateMttTrackerConfig } from './config.js';
export {
  anyDeleter,
  consecutiveMissDeleter,
  covarianceDeleter,
  type Deleter,
  positionCovarianceTrace,
} from './deleter/index.js';
export { type AssociationRoles, associationRoles, type FilterRoles, filterRoles } from './filterRoles.js';
export { FilterStateStore } from './filterState.js';
export { createFullCovTracker, FULL_COV_INITIAL_VELOCITY_STD_mps } from './fullCovTracker.js';
export { GateList, type Gater, sweepGater } from './gater/index.js';
export {
  type CompiledImm,
  compileImm,
  DEFAULT_IMM_TURN_RATE_radps,
  defaultImmOptions,
  type ImmModelSpec,
  type ImmOptions,
} from './immOptions.js';
export {
  type Initiator,
  type MOfNDecision,
  mOfNDecision,
  type SinglePointPrior,
  singlePointInitiator,
} from './initiator/index.js';
export * from './models/index.js';
export { immPredictor, kalmanPredictor, type Predictor, unscentedPredictor } from './predictor/index.js';
export {
  createMeasurementPrediction,
  immUpdater,
  kalmanUpdater,
  type MeasurementPrediction,
  type Updater,
  unscentedUpdater,
} from './updater/index.js';
