/**
 * @module tracking/mtt/initiator
 * The Initiator role (Stone Soup `Initiator`): starts a tentative track from an unused detection, and decides when
 * a tentative track is confirmed or dropped (sliding-window M-of-N, Blackman & Popoli 1999 §6.3).
 */
import type { FilterStateStore } from '../filterState.js';

export { type MOfNDecision, mOfNDecision } from './mOfN.js';
export { type SinglePointPrior, singlePointInitiator } from './singlePointInitiator.js';

/** Writes the prior of a new track. */
export interface Initiator {
  /** Initialise every component of `slot` from detection z (flat, at zOff). */
  initiate(store: FilterStateStore, slot: number, z: Readonly<Float64Array>, zOff: number): void;
}
