/**
 * @module env/dem
 * Reading a digital elevation model from a GeoTIFF, synchronously (scenario loading is synchronous). The TIFF is
 * decoded by the `tiff` package; the georeference comes from the GeoTIFF tags (OGC GeoTIFF 1.1, OGC 19-008r4):
 * ModelPixelScale (33550), ModelTiepoint (33922) and the GeoKeyDirectory (34735), whose keys must say a geographic
 * model (GTModelTypeGeoKey 1024 = 2) on WGS84 (GeographicTypeGeoKey 2048 = 4326). PixelIsArea rasters (GTRasterType
 * 1025 = 1, the default) have their posts at pixel centres, PixelIsPoint rasters (= 2) at the tiepoint itself
 * (GeoTIFF 1.1 §B.2). GDAL's no-data tag (42113) marks posts that read as the smooth-Earth fallback. Supported:
 * one band of Int16 or Float32, uncompressed, LZW or Deflate (what `tiff` decodes). Everything else — projected
 * grids, rotated ModelTransformation rasters, several bands, other sample types, truncated files — is refused with an
 * `E_TERRAIN_FILE` error that names the file and what is wrong.
 */
import { readFileSync, statSync } from 'node:fs';
import { decode, type TiffIfd } from 'tiff';
import { AspisError } from '../errors.js';
import { makeTerrain, TERRAIN_FALLBACK_HEIGHT_m, type Terrain } from './terrain.js';

/** Largest DEM file read, bytes (a regional 1″ tile is ~25 MB; this bounds memory on a wrong path). */
const MAX_DEM_BYTES = 256 * 1024 * 1024;
const RAD_PER_DEG = Math.PI / 180;

/** GeoTIFF tag and key numbers (OGC 19-008r4 Annex A/B). */
const TAG_MODEL_PIXEL_SCALE = 33550;
const TAG_MODEL_TIEPOINT = 33922;
const TAG_MODEL_TRANSFORMATION = 34264;
const TAG_GEO_KEY_DIRECTORY = 34735;
const TAG_GDAL_NODATA = 42113;
const KEY_MODEL_TYPE = 1024;
const KEY_RASTER_TYPE = 1025;
const KEY_GEOGRAPHIC_TYPE = 2048;
const MODEL_TYPE_GEOGRAPHIC = 2;
const RASTER_PIXEL_IS_POINT = 2;
const EPSG_WGS84 = 4326;
/** TIFF SampleFormat values (TIFF 6.0 §19). */
const SAMPLE_FORMAT_INT = 2;
const SAMPLE_FORMAT_FLOAT = 3;

/** Options of `readDem`. */
export interface ReadDemOptions {
  /**
   * Field path reported in errors (e.g. `terrain.dem` when the file is named by a scenario); default: the file
   * path itself.
   */
  readonly field?: string;
}

/** GeoKey directory (a flat list of SHORTs: header of 4, then 4 per key) → key id → SHORT value. */
function geoKeys(directory: ArrayLike<number>): Map<number, number> {
  const keys = new Map<number, number>();
  const count = directory[3] ?? 0;
  for (let k = 0; k < count; k++) {
    const at = 4 + 4 * k;
    const id = directory[at];
    const location = directory[at + 1];
    // location 0: the value is stored in the entry itself (SHORT keys); other locations point to double/ascii tags
    if (id !== undefined && location === 0) keys.set(id, directory[at + 3] ?? Number.NaN);
  }
  return keys;
}

/** The band as numbers, Int16 reinterpreted from the decoder's Uint16 words. */
function heightsOf(ifd: TiffIfd, fail: (what: string) => never): ArrayLike<number> {
  if (ifd.samplesPerPixel !== 1) fail(`expected one band, found ${ifd.samplesPerPixel}`);
  const data = ifd.data;
  if (ifd.bitsPerSample === 16 && ifd.sampleFormat === SAMPLE_FORMAT_INT && data instanceof Uint16Array) {
    return new Int16Array(data.buffer, data.byteOffset, data.length);
  }
  if (ifd.bitsPerSample === 32 && ifd.sampleFormat === SAMPLE_FORMAT_FLOAT && data instanceof Float32Array) {
    return data;
  }
  return fail(
    `unsupported sample type (${ifd.bitsPerSample}-bit, SampleFormat ${ifd.sampleFormat}); expected Int16 or Float32`,
  );
}

/** GDAL_NODATA (an ASCII number) → number, or NaN when absent or unreadable. */
function noDataOf(ifd: TiffIfd): number {
  const raw: unknown = ifd.get(TAG_GDAL_NODATA);
  if (typeof raw !== 'string') return Number.NaN;
  const value = Number(raw.replace(/\0/g, '').trim());
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Throws the coded `E_TERRAIN_FILE` error of one DEM. */
type DemFail = (what: string, cause?: unknown) => never;

/** The first image of a TIFF, decoded. */
function firstImage(bytes: Uint8Array, fail: DemFail): TiffIfd {
  // the decoder reads the whole underlying ArrayBuffer: hand it an exact-size copy (Node's pooled Buffers are views
  // into a larger one, and a truncated file would otherwise read the pool's neighbouring bytes)
  const exact =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
  let ifd: TiffIfd | undefined;
  try {
    ifd = decode(exact, { pages: [0] })[0];
  } catch (err) {
    fail(`not a readable TIFF (${err instanceof Error ? err.message : String(err)})`, err);
  }
  if (ifd === undefined) return fail('the TIFF holds no image');
  return ifd;
}

/** The grid of a DEM in degrees: its south-west post and its post spacing. */
interface DemGrid {
  readonly south_deg: number;
  readonly west_deg: number;
  readonly scaleLat_deg: number;
  readonly scaleLon_deg: number;
}

/**
 * The georeference: a geographic WGS84 grid with a pixel scale and one tiepoint (rotated or projected rasters are
 * refused), posts at pixel centres (PixelIsArea) or corners (PixelIsPoint).
 */
function geoGrid(ifd: TiffIfd, fail: DemFail): DemGrid {
  const directory: unknown = ifd.get(TAG_GEO_KEY_DIRECTORY);
  if (directory === undefined) fail('no GeoKeyDirectory tag (34735): not a GeoTIFF');
  const keys = geoKeys(directory as ArrayLike<number>);
  if (keys.get(KEY_MODEL_TYPE) !== MODEL_TYPE_GEOGRAPHIC) {
    fail(`GTModelTypeGeoKey is ${keys.get(KEY_MODEL_TYPE) ?? 'absent'}; expected 2 (geographic lat/lon)`);
  }
  if (keys.get(KEY_GEOGRAPHIC_TYPE) !== EPSG_WGS84) {
    fail(`GeographicTypeGeoKey is ${keys.get(KEY_GEOGRAPHIC_TYPE) ?? 'absent'}; expected 4326 (WGS84)`);
  }
  const scale = ifd.get(TAG_MODEL_PIXEL_SCALE) as ArrayLike<number> | undefined;
  const tiepoint = ifd.get(TAG_MODEL_TIEPOINT) as ArrayLike<number> | undefined;
  if (scale === undefined || tiepoint === undefined || tiepoint.length < 6) {
    const rotated = ifd.get(TAG_MODEL_TRANSFORMATION) !== undefined;
    fail(
      rotated
        ? 'georeferenced by ModelTransformation; only ModelPixelScale + ModelTiepoint grids are supported'
        : 'missing ModelPixelScale (33550) or ModelTiepoint (33922)',
    );
  }
  const scaleLon_deg = Number(scale?.[0]);
  const scaleLat_deg = Number(scale?.[1]);
  if (
    !(scaleLon_deg > 0 && scaleLat_deg > 0 && Number.isFinite(scaleLon_deg) && Number.isFinite(scaleLat_deg))
  ) {
    fail(`ModelPixelScale must be positive, got [${scaleLon_deg}, ${scaleLat_deg}]`);
  }
  const [tieI, tieJ, , tieLon_deg, tieLat_deg] = Array.from(tiepoint as ArrayLike<number>);
  // raster coordinate of a post: pixel centre (PixelIsArea) or pixel corner (PixelIsPoint)
  const postOffset = keys.get(KEY_RASTER_TYPE) === RASTER_PIXEL_IS_POINT ? 0 : 0.5;
  const west_deg = tieLon_deg + (postOffset - tieI) * scaleLon_deg;
  const north_deg = tieLat_deg - (postOffset - tieJ) * scaleLat_deg;
  const south_deg = north_deg - (ifd.height - 1) * scaleLat_deg;
  if (!(Number.isFinite(west_deg) && south_deg >= -90 && north_deg <= 90)) {
    fail(`georeference outside ±90° latitude (south ${south_deg}°, north ${north_deg}°)`);
  }
  return { south_deg, west_deg, scaleLat_deg, scaleLon_deg };
}

/** Heights with rows south → north (the file's run north → south), no-data posts at the fallback height. */
function southUpHeights(
  values: ArrayLike<number>,
  width: number,
  height: number,
  noData: number,
): Float32Array {
  const heights_m = new Float32Array(width * height);
  for (let fileRow = 0; fileRow < height; fileRow++) {
    const row = height - 1 - fileRow;
    for (let col = 0; col < width; col++) {
      const value = values[fileRow * width + col];
      heights_m[row * width + col] = value === noData ? TERRAIN_FALLBACK_HEIGHT_m : value;
    }
  }
  return heights_m;
}

/**
 * Decodes a GeoTIFF DEM held in memory into a `Terrain` (rows flipped so that row 0 is the south edge).
 * @param bytes the file content
 * @param source file path or name, stored in `Terrain.source` and used in errors
 * @throws AspisError `E_TERRAIN_FILE` when the content is not a supported geographic single-band DEM
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { demFromGeoTiff } from 'aspis';
 * const terrain = demFromGeoTiff(readFileSync('dem.tif'), 'dem.tif');
 * ```
 */
export function demFromGeoTiff(bytes: Uint8Array, source: string, options: ReadDemOptions = {}): Terrain {
  const where = options.field ?? source;
  const fail: DemFail = (what, cause) => {
    throw new AspisError('E_TERRAIN_FILE', where, `DEM '${source}': ${what}`, { cause });
  };
  const ifd = firstImage(bytes, fail);
  const width = ifd.width;
  const height = ifd.height;
  const values = heightsOf(ifd, fail);
  if (values.length !== width * height) {
    fail(`truncated raster: ${values.length} samples for ${width}×${height} pixels`);
  }
  const grid = geoGrid(ifd, fail);
  const heights_m = southUpHeights(values, width, height, noDataOf(ifd));
  try {
    return makeTerrain({
      source,
      south_rad: grid.south_deg * RAD_PER_DEG,
      west_rad: grid.west_deg * RAD_PER_DEG,
      dLat_rad: grid.scaleLat_deg * RAD_PER_DEG,
      dLon_rad: grid.scaleLon_deg * RAD_PER_DEG,
      rows: height,
      cols: width,
      heights_m,
    });
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err), err);
  }
}

/**
 * Reads a GeoTIFF DEM file synchronously (single band Int16/Float32 on EPSG:4326; see the module notes).
 * @param path file path
 * @throws AspisError `E_TERRAIN_FILE` (at `options.field`, else at the path) when the file is missing, unreadable,
 *   larger than 256 MiB or not a supported DEM
 * @example
 * ```ts
 * import { readDem, terrainHeight_m } from 'aspis';
 * const terrain = readDem('dem.tif'); // single-band GeoTIFF, WGS-84 geographic
 * console.log(terrainHeight_m(terrain, 0.5847, 0.7556));
 * ```
 */
export function readDem(path: string, options: ReadDemOptions = {}): Terrain {
  let bytes: Uint8Array;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw new Error('not a regular file');
    if (stat.size > MAX_DEM_BYTES) throw new Error(`larger than ${MAX_DEM_BYTES} bytes`);
    bytes = readFileSync(path);
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : String((err as Error).message);
    throw new AspisError('E_TERRAIN_FILE', options.field ?? path, `cannot read DEM '${path}': ${reason}`, {
      cause: err,
    });
  }
  return demFromGeoTiff(bytes, path, options);
}
