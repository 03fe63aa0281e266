/**
 * @module public
 * The package's public API: everything `import … from 'aspis'` offers, and nothing else.
 */
export { AspisError, type AspisErrorCode } from '../errors.js';
export { type Rng, createRng } from '../math/rng.js';
export { atmosphere1976, type AtmosphereState } from '../env/atmosphere.js';
export { gravitationEcef, freeFallAccelEcef } from '../env/gravity.js';
export { geodeticToEcef, ecefToGeodetic } from '../geo/wgs84.js';
export { ecefToEnu, ecefToAer, enuToEcef, dcmEnuFromEcef, type Aer } from '../geo/frames.js';
export type * from '../scenario/types.js';
