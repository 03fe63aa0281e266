/**
 * @module tracking/mtt/models
 * State layouts, transition (motion) models and measurement models of the full-covariance tracker.
 */
export { extractPositionVelocity, posIndex, type StateLayout, stateLayout } from './layout.js';
export {
  AZIMUTH_INDEX,
  type MeasurementModel,
  positionMeasurementModel,
  RANGE_INDEX,
  rangeAzimuthMeasurementModel,
  wrapAngle_rad,
} from './measurement.js';
export {
  constantAccelerationModel,
  constantVelocityModel,
  coordinatedTurnEstimatedModel,
  coordinatedTurnModel,
  DEFAULT_OMEGA_NOISE_rad2ps3,
  type TransitionModel,
  TURN_RATE_EPS_radps,
} from './transition.js';
