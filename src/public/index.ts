/**
 * @module public
 * The package's public API: everything `import … from 'aspis'` offers, and nothing else.
 */

export { type AtmosphereState, atmosphere1976 } from '../env/atmosphere.js';
export { freeFallAccelEcef, gravitationEcef } from '../env/gravity.js';
export { AspisError, type AspisErrorCode } from '../errors.js';
export { type Aer, dcmEnuFromEcef, ecefToAer, ecefToEnu, enuToEcef } from '../geo/frames.js';
export { ecefToGeodetic, geodeticToEcef } from '../geo/wgs84.js';
export { createRng, type Rng } from '../math/rng.js';
export type * from '../scenario/types.js';
