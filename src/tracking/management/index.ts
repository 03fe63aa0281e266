/**
 * @module tracking/management
 * Initiator and Deleter building blocks shared by the trackers: the M-of-N hit window.
 */
export { popcount32, pushHit } from '../../math/hitWindow.js';
