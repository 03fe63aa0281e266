/**
 * @module env/terrain
 * Terrain as plain, immutable data: a regular latitude/longitude grid of ground heights (a digital elevation model,
 * DEM) and pure functions over it. The grid rides inside the compiled `Scenario`, which is structured-cloned to
 * worker threads, so it holds no functions or classes, only numbers and one `Float32Array`. Heights are read by
 * bilinear interpolation between the four surrounding grid posts (Press et al., *Numerical Recipes* 3rd ed., §3.6.1).
 * Absent terrain is the smooth Earth: every caller treats `undefined` as "no terrain", which is the simulator's
 * behaviour before DEMs existed. Heights are in the same vertical datum as the scenario's `alt` values (the
 * simulator treats both as heights above the WGS84 ellipsoid; no geoid model is applied).
 */

/** A gridded digital elevation model on WGS84 latitude/longitude (post-centred samples). */
export interface Terrain {
  readonly kind: 'dem';
  /** Where the grid came from (file path or a generator's name), for messages and reports. */
  readonly source: string;
  /** Latitude of row 0 (the southernmost row of posts), rad. */
  readonly south_rad: number;
  /** Longitude of column 0 (the westernmost column of posts), rad. */
  readonly west_rad: number;
  /** Latitude step between rows (northward, > 0), rad. */
  readonly dLat_rad: number;
  /** Longitude step between columns (eastward, > 0), rad. */
  readonly dLon_rad: number;
  readonly rows: number;
  readonly cols: number;
  /**
   * Ground heights at the posts, m, row-major from the south-west post: `heights_m[row * cols + col]`. Treated as
   * read-only (a typed array cannot be frozen); never NaN (no-data posts are stored as `TERRAIN_FALLBACK_HEIGHT_m`).
   */
  readonly heights_m: Float32Array;
}

/** Ground height outside the grid and at no-data posts, m: the ellipsoid (the smooth-Earth default). */
export const TERRAIN_FALLBACK_HEIGHT_m = 0;

/** Slack on the grid edges, in post spacings, so that rounding of degrees → radians keeps edge posts inside. */
const EDGE_TOLERANCE = 1e-9;

/** Fields of a terrain grid before validation. */
export interface TerrainGridInput {
  readonly source: string;
  readonly south_rad: number;
  readonly west_rad: number;
  readonly dLat_rad: number;
  readonly dLon_rad: number;
  readonly rows: number;
  readonly cols: number;
  readonly heights_m: ArrayLike<number>;
}

/**
 * Builds a validated `Terrain` (copies the heights to a fresh `Float32Array`; NaN posts become the fallback).
 * @throws RangeError naming the field when the grid is degenerate (fewer than 2×2 posts, non-positive steps,
 *   heights length ≠ rows·cols, a corner outside ±90° latitude)
 * @example
 * ```ts
 * import { makeTerrain, terrainHeight_m } from 'aspis';
 * const terrain = makeTerrain({
 *   source: 'flat 100 m plateau', south_rad: 0.58, west_rad: 0.74, dLat_rad: 1e-3, dLon_rad: 1e-3,
 *   rows: 100, cols: 100, heights_m: new Float64Array(100 * 100).fill(100),
 * });
 * console.log(terrainHeight_m(terrain, 0.6, 0.76)); // 100
 * ```
 */
export function makeTerrain(input: TerrainGridInput): Terrain {
  const fail = (field: string, rule: string): never => {
    throw new RangeError(`terrain '${input.source}': ${field} ${rule}`);
  };
  if (!(Number.isInteger(input.rows) && input.rows >= 2))
    fail('rows', `must be an integer ≥ 2, got ${input.rows}`);
  if (!(Number.isInteger(input.cols) && input.cols >= 2))
    fail('cols', `must be an integer ≥ 2, got ${input.cols}`);
  if (!(input.dLat_rad > 0 && Number.isFinite(input.dLat_rad))) fail('dLat_rad', 'must be finite and > 0');
  if (!(input.dLon_rad > 0 && Number.isFinite(input.dLon_rad))) fail('dLon_rad', 'must be finite and > 0');
  if (!Number.isFinite(input.west_rad)) fail('west_rad', 'must be finite');
  const north_rad = input.south_rad + (input.rows - 1) * input.dLat_rad;
  if (!(input.south_rad >= -Math.PI / 2 && north_rad <= Math.PI / 2)) {
    fail('south_rad', 'grid must lie within ±90° latitude');
  }
  if (input.heights_m.length !== input.rows * input.cols) {
    fail(
      'heights_m',
      `must hold rows·cols = ${input.rows * input.cols} values, got ${input.heights_m.length}`,
    );
  }
  const heights_m = new Float32Array(input.rows * input.cols);
  for (let i = 0; i < heights_m.length; i++) {
    const h = input.heights_m[i];
    heights_m[i] = Number.isFinite(h) ? h : TERRAIN_FALLBACK_HEIGHT_m;
  }
  return {
    kind: 'dem',
    source: input.source,
    south_rad: input.south_rad,
    west_rad: input.west_rad,
    dLat_rad: input.dLat_rad,
    dLon_rad: input.dLon_rad,
    rows: input.rows,
    cols: input.cols,
    heights_m,
  };
}

/** Longitude difference east of the grid's west edge, wrapped to [−π, π), rad (grids may straddle ±180°). */
function eastOfWest_rad(terrain: Terrain, lon_rad: number): number {
  const d = (lon_rad - terrain.west_rad + Math.PI) % (2 * Math.PI);
  return (d < 0 ? d + 2 * Math.PI : d) - Math.PI;
}

/**
 * Ground height at a point, m, by bilinear interpolation between the four surrounding posts
 * (*Numerical Recipes* 3rd ed., eq. 3.6.5). Outside the grid (beyond the outermost posts), or with no terrain, the
 * smooth-Earth fallback `TERRAIN_FALLBACK_HEIGHT_m` (0 m, the ellipsoid).
 * @param terrain the grid, or undefined for the smooth Earth
 * @param lat_rad geodetic latitude, rad
 * @param lon_rad longitude, rad
 * @example
 * ```ts
 * import { makeTerrain, terrainHeight_m } from 'aspis';
 * const terrain = makeTerrain({
 *   source: 'flat 100 m plateau', south_rad: 0.58, west_rad: 0.74, dLat_rad: 1e-3, dLon_rad: 1e-3,
 *   rows: 100, cols: 100, heights_m: new Float64Array(100 * 100).fill(100),
 * });
 * console.log(terrainHeight_m(terrain, 0.6, 0.76)); // 100
 * ```
 */
export function terrainHeight_m(terrain: Terrain | undefined, lat_rad: number, lon_rad: number): number {
  if (terrain === undefined) return TERRAIN_FALLBACK_HEIGHT_m;
  const y = (lat_rad - terrain.south_rad) / terrain.dLat_rad;
  const x = eastOfWest_rad(terrain, lon_rad) / terrain.dLon_rad;
  const lastRow = terrain.rows - 1;
  const lastCol = terrain.cols - 1;
  const inside =
    y >= -EDGE_TOLERANCE &&
    y <= lastRow + EDGE_TOLERANCE &&
    x >= -EDGE_TOLERANCE &&
    x <= lastCol + EDGE_TOLERANCE;
  if (!inside) return TERRAIN_FALLBACK_HEIGHT_m;
  // the cell holding the point; the far edge belongs to the last cell
  const row = Math.min(Math.max(Math.floor(y), 0), lastRow - 1);
  const col = Math.min(Math.max(Math.floor(x), 0), lastCol - 1);
  const fy = y - row;
  const fx = x - col;
  const h = terrain.heights_m;
  const sw = h[row * terrain.cols + col];
  const se = h[row * terrain.cols + col + 1];
  const nw = h[(row + 1) * terrain.cols + col];
  const ne = h[(row + 1) * terrain.cols + col + 1];
  return (1 - fy) * ((1 - fx) * sw + fx * se) + fy * ((1 - fx) * nw + fx * ne);
}

/**
 * Smallest ground spacing between neighbouring posts, m (north-south or east-west at the grid's latitude nearest
 * the pole, on a sphere of the given radius). Line-of-sight sampling uses half of it.
 * @param radius_m sphere radius used for the arc lengths, m
 */
export function terrainSpacing_m(terrain: Terrain, radius_m: number): number {
  const north_rad = terrain.south_rad + (terrain.rows - 1) * terrain.dLat_rad;
  const poleward_rad = Math.max(Math.abs(terrain.south_rad), Math.abs(north_rad));
  const eastWest_m = terrain.dLon_rad * radius_m * Math.cos(poleward_rad);
  return Math.max(1, Math.min(terrain.dLat_rad * radius_m, eastWest_m));
}
