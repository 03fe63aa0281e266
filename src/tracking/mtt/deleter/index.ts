/**
 * @module tracking/mtt/deleter
 * The Deleter role (Stone Soup `Deleter`): decides when a confirmed track is deleted. Rules: consecutive misses
 * (`consecutiveMissDeleter`), position covariance trace (`covarianceDeleter`) and their union (`anyDeleter`).
 */
export { anyDeleter } from './anyDeleter.js';
export { consecutiveMissDeleter } from './consecutiveMissDeleter.js';
export { covarianceDeleter, positionCovarianceTrace } from './covarianceDeleter.js';

/** Deletion rule for confirmed tracks, asked once per scan after the track's update (or miss). */
export interface Deleter {
  /**
   * True when a confirmed track is to be deleted now, given its `consecutiveMisses` (0 after a hit) and the trace of
   * the position block of its current covariance, `positionTrace_m2` (m²).
   */
  shouldDelete(consecutiveMisses: number, positionTrace_m2: number): boolean;
}
