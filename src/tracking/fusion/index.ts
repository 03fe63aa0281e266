/**
 * @module tracking/fusion
 * Multi-radar fusion helpers: sequential centralised updates with out-of-sequence handling by buffer-and-replay,
 * and track-to-track fusion by covariance intersection.
 */
export {
  type CovarianceIntersectionOptions,
  type CovarianceIntersectionResult,
  covarianceIntersection,
} from './covarianceIntersection.js';
export {
  type FuserAddResult,
  OutOfSequenceFuser,
  type SensorMeasurement,
  sequentialUpdate,
  type TimedGaussian,
} from './sequentialUpdate.js';
