/**
 * @module tracking/mtt/deleter
 * The Deleter role (Stone Soup `Deleter`): decides when a confirmed track is deleted.
 */
export { consecutiveMissDeleter } from './consecutiveMissDeleter.js';

/** Deletion rule for confirmed tracks. */
export interface Deleter {
  /** True when a confirmed track with `consecutiveMisses` misses in a row is to be deleted now. */
  shouldDelete(consecutiveMisses: number): boolean;
}
