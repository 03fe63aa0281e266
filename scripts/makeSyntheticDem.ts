/**
 * @module scripts/makeSyntheticDem
 * Writes the small synthetic DEM shipped for tests and examples, scenarios/terrain/synthetic-ridge.tif: a Float32
 * GeoTIFF on EPSG:4326 (PixelIsArea) covering 31.0–31.2° N, 45.0–45.4° E at 0.002° posts (201 × 101), flat at 0 m
 * except for
 * - a north-south ridge: a 250 m plateau from 45.146° to 45.154° E with straight flanks down to 0 m at 45.130° and
 *   45.170° E (about 9.3° slopes), the same at every latitude, so line of sight across it can be computed by hand;
 * - a Gaussian hill of 120 m (σ = 0.01°) at 31.17° N 45.30° E, away from the ridge's test latitudes.
 * Entirely notional terrain. Run: `npx tsx scripts/makeSyntheticDem.ts [out.tif]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeArrayBuffer } from 'geotiff';

/** Post spacing, degrees. */
export const SYNTHETIC_POST_deg = 0.002;
export const SYNTHETIC_SOUTH_deg = 31.0;
export const SYNTHETIC_WEST_deg = 45.0;
export const SYNTHETIC_ROWS = 101;
export const SYNTHETIC_COLS = 201;
/** Ridge plateau height, m, and its edges and feet, degrees east. */
export const RIDGE_HEIGHT_m = 250;
export const RIDGE_WEST_FOOT_deg = 45.13;
export const RIDGE_WEST_EDGE_deg = 45.146;
export const RIDGE_EAST_EDGE_deg = 45.154;
export const RIDGE_EAST_FOOT_deg = 45.17;

/** Ridge height at a longitude, m (piecewise linear in longitude). */
export function ridgeHeight_m(lon_deg: number): number {
  if (lon_deg <= RIDGE_WEST_FOOT_deg || lon_deg >= RIDGE_EAST_FOOT_deg) return 0;
  if (lon_deg < RIDGE_WEST_EDGE_deg) {
    return (RIDGE_HEIGHT_m * (lon_deg - RIDGE_WEST_FOOT_deg)) / (RIDGE_WEST_EDGE_deg - RIDGE_WEST_FOOT_deg);
  }
  if (lon_deg > RIDGE_EAST_EDGE_deg) {
    return (RIDGE_HEIGHT_m * (RIDGE_EAST_FOOT_deg - lon_deg)) / (RIDGE_EAST_FOOT_deg - RIDGE_EAST_EDGE_deg);
  }
  return RIDGE_HEIGHT_m;
}

/** Synthetic terrain height at a post, m. */
export function syntheticHeight_m(lat_deg: number, lon_deg: number): number {
  const hill_m = 120 * Math.exp(-((lat_deg - 31.17) ** 2 + (lon_deg - 45.3) ** 2) / (2 * 0.01 ** 2));
  return ridgeHeight_m(lon_deg) + (hill_m > 0.5 ? hill_m : 0);
}

/** The GeoTIFF bytes (file order: north row first). */
export function syntheticDemGeoTiff(): ArrayBuffer {
  const values = new Float32Array(SYNTHETIC_ROWS * SYNTHETIC_COLS);
  for (let fileRow = 0; fileRow < SYNTHETIC_ROWS; fileRow++) {
    const lat_deg = SYNTHETIC_SOUTH_deg + (SYNTHETIC_ROWS - 1 - fileRow) * SYNTHETIC_POST_deg;
    for (let col = 0; col < SYNTHETIC_COLS; col++) {
      // round the longitude to the post grid so that the ridge's breakpoints fall exactly on posts
      const lon_deg = Math.round((SYNTHETIC_WEST_deg + col * SYNTHETIC_POST_deg) * 1e6) / 1e6;
      values[fileRow * SYNTHETIC_COLS + col] = syntheticHeight_m(lat_deg, lon_deg);
    }
  }
  const half = SYNTHETIC_POST_deg / 2;
  const north_deg = SYNTHETIC_SOUTH_deg + (SYNTHETIC_ROWS - 1) * SYNTHETIC_POST_deg;
  return writeArrayBuffer(values, {
    width: SYNTHETIC_COLS,
    height: SYNTHETIC_ROWS,
    BitsPerSample: [32],
    SampleFormat: [3],
    SamplesPerPixel: 1,
    ModelPixelScale: [SYNTHETIC_POST_deg, SYNTHETIC_POST_deg, 0],
    // PixelIsArea: the tiepoint is the upper-left corner of the north-west pixel, half a post outside its centre
    ModelTiepoint: [0, 0, 0, SYNTHETIC_WEST_deg - half, north_deg + half, 0],
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    GeographicTypeGeoKey: 4326,
  } as Parameters<typeof writeArrayBuffer>[1]);
}

const invokedDirectly = process.argv[1]?.endsWith('makeSyntheticDem.ts') ?? false;
if (invokedDirectly) {
  const out = process.argv[2] ?? 'scenarios/terrain/synthetic-ridge.tif';
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, new Uint8Array(syntheticDemGeoTiff()));
  process.stdout.write(`wrote ${out}\n`);
}
