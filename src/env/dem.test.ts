import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { AspisError } from '../errors.js';
import { demFromGeoTiff, readDem } from './dem.js';
import { terrainHeight_m } from './terrain.js';

const RAD = Math.PI / 180;
const dir = mkdtempSync(join(tmpdir(), 'aspis-dem-'));

/** A 4×3 grid (file order: north row first) with distinct heights. */
const WIDTH = 4;
const HEIGHT = 3;
const FILE_HEIGHTS = [10, 20, 30, 40, 50, 60, 70, 80, -90, 100, 110, 1234.5];

type Meta = Parameters<typeof writeArrayBuffer>[1];

function geoMeta(extra: Partial<Meta> = {}): Meta {
  return {
    width: WIDTH,
    height: HEIGHT,
    ModelPixelScale: [0.01, 0.02, 0],
    // upper-left corner of pixel (0,0) at 44°E 33.5°N
    ModelTiepoint: [0, 0, 0, 44, 33.5, 0],
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    GeographicTypeGeoKey: 4326,
    SamplesPerPixel: 1,
    ...extra,
  } as Meta;
}

function write(name: string, buffer: ArrayBuffer): string {
  const path = join(dir, name);
  writeFileSync(path, new Uint8Array(buffer));
  return path;
}

function codeOf(run: () => unknown): { code: string; path: string; message: string } {
  try {
    run();
  } catch (err) {
    if (err instanceof AspisError) return { code: err.code, path: err.path, message: err.message };
    throw err;
  }
  throw new Error('expected an AspisError');
}

describe('readDem', () => {
  it('reads a Float32 PixelIsArea GeoTIFF written by geotiff.js with identical heights and georeference', () => {
    const path = write(
      'f32.tif',
      writeArrayBuffer(new Float32Array(FILE_HEIGHTS), geoMeta({ BitsPerSample: [32], SampleFormat: [3] })),
    );
    const dem = readDem(path);
    expect(dem.rows).toBe(HEIGHT);
    expect(dem.cols).toBe(WIDTH);
    expect(dem.source).toBe(path);
    // posts at pixel centres: west 44 + 0.005°, north 33.5 − 0.01°, south two rows further
    expect(dem.west_rad).toBeCloseTo(44.005 * RAD, 14);
    expect(dem.south_rad).toBeCloseTo((33.49 - 2 * 0.02) * RAD, 14);
    expect(dem.dLon_rad).toBeCloseTo(0.01 * RAD, 15);
    expect(dem.dLat_rad).toBeCloseTo(0.02 * RAD, 15);
    // row 0 is the south (last file) row
    expect(Array.from(dem.heights_m)).toEqual([-90, 100, 110, 1234.5, 50, 60, 70, 80, 10, 20, 30, 40]);
    // a post read back through the interpolator: north-east post (file row 0, col 3)
    expect(terrainHeight_m(dem, 33.49 * RAD, 44.035 * RAD)).toBeCloseTo(40, 3);
  });

  it('reads Int16 samples as signed heights (negative below the ellipsoid)', () => {
    const signed = new Int16Array(FILE_HEIGHTS.map((h) => Math.round(h)));
    // geotiff.js writes 16-bit words from a Uint16Array; SampleFormat 2 declares them signed
    const words = new Uint16Array(signed.buffer);
    const path = write(
      'i16.tif',
      writeArrayBuffer(words, geoMeta({ BitsPerSample: [16], SampleFormat: [2] })),
    );
    const dem = readDem(path);
    expect(dem.heights_m[0]).toBe(-90);
    expect(dem.heights_m[3]).toBe(1235);
  });

  it('puts PixelIsPoint posts at the tiepoint itself', () => {
    const path = write(
      'point.tif',
      writeArrayBuffer(
        new Float32Array(FILE_HEIGHTS),
        geoMeta({ BitsPerSample: [32], SampleFormat: [3], GTRasterTypeGeoKey: 2 }),
      ),
    );
    const dem = readDem(path);
    expect(dem.west_rad).toBeCloseTo(44 * RAD, 14);
    expect(dem.south_rad).toBeCloseTo((33.5 - 2 * 0.02) * RAD, 14);
  });

  it('stores GDAL no-data posts as the 0 m fallback', () => {
    const withHole = [...FILE_HEIGHTS];
    withHole[5] = -32768;
    const path = write(
      'nodata.tif',
      writeArrayBuffer(
        new Float32Array(withHole),
        geoMeta({ BitsPerSample: [32], SampleFormat: [3], GDAL_NODATA: '-32768' }),
      ),
    );
    const dem = readDem(path);
    // file row 1, col 1 → terrain row 1, col 1
    expect(dem.heights_m[1 * WIDTH + 1]).toBe(0);
  });

  it('refuses a projected (non-geographic) GeoTIFF with E_TERRAIN_FILE', () => {
    const path = write(
      'utm.tif',
      writeArrayBuffer(
        new Float32Array(FILE_HEIGHTS),
        geoMeta({
          BitsPerSample: [32],
          SampleFormat: [3],
          GTModelTypeGeoKey: 1,
          GeographicTypeGeoKey: undefined,
          ProjectedCSTypeGeoKey: 32638,
        }),
      ),
    );
    const error = codeOf(() => readDem(path));
    expect(error.code).toBe('E_TERRAIN_FILE');
    expect(error.path).toBe(path);
    expect(error.message).toMatch(/GTModelTypeGeoKey is 1; expected 2/);
  });

  it('refuses a truncated file, a non-TIFF and a missing file with E_TERRAIN_FILE, never a stack trace', () => {
    const full = new Uint8Array(
      writeArrayBuffer(new Float32Array(FILE_HEIGHTS), geoMeta({ BitsPerSample: [32], SampleFormat: [3] })),
    );
    const cut = write('cut.tif', full.slice(0, full.length - 20).buffer);
    expect(codeOf(() => readDem(cut)).code).toBe('E_TERRAIN_FILE');
    const text = join(dir, 'text.tif');
    writeFileSync(text, 'this is not a tiff');
    expect(codeOf(() => readDem(text)).message).toMatch(/not a readable TIFF/);
    const missing = codeOf(() => readDem(join(dir, 'nope.tif'), { field: 'terrain.dem' }));
    expect(missing).toMatchObject({ code: 'E_TERRAIN_FILE', path: 'terrain.dem' });
    expect(missing.message).toMatch(/nope\.tif.*file not found/);
  });

  it('refuses a multi-band raster and an 8-bit raster', () => {
    const rgb = writeArrayBuffer(
      [
        [
          [1, 2],
          [3, 4],
        ],
        [
          [1, 2],
          [3, 4],
        ],
      ],
      geoMeta({ width: 2, height: 2, BitsPerSample: [8, 8], SampleFormat: [1, 1], SamplesPerPixel: 2 }),
    );
    expect(codeOf(() => demFromGeoTiff(new Uint8Array(rgb), 'rgb.tif')).code).toBe('E_TERRAIN_FILE');
    const bytes = writeArrayBuffer(new Uint8Array(12), geoMeta({ BitsPerSample: [8], SampleFormat: [1] }));
    expect(codeOf(() => demFromGeoTiff(new Uint8Array(bytes), 'u8.tif')).message).toMatch(/Int16 or Float32/);
  });
});
