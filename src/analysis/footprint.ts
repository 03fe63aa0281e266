/**
 * @module analysis/footprint
 * GeoJSON (RFC 7946) output of coverage studies: the defended footprint as polygons, the coverage grid as cells,
 * and the ring helpers they share. Coordinates are [longitude, latitude] in degrees (the I/O edge), rings are closed
 * (first position repeated last), exterior rings run counter-clockwise and holes clockwise (RFC 7946 §3.1.6).
 *
 * The footprint is the *union of grid cells* whose kill probability reaches the threshold, traced exactly along the
 * cell edges (not marching squares): every polygon boundary is a cell boundary, so the footprint says precisely
 * which aim points of the grid were found defended, with no interpolation between them. Where two defended cells
 * touch only at a corner they become separate polygons (the tracer turns left at such saddles).
 */
import { WGS84_A_m, WGS84_E2 } from '../geo/wgs84.js';
import type { CoverageMap } from './coverage.js';

const DEG_PER_RAD = 180 / Math.PI;

/** A GeoJSON position: [longitude, latitude], degrees. */
export type Position = [number, number];
/** A closed linear ring (first position repeated last). */
export type LinearRing = Position[];

export interface PolygonGeometry {
  readonly type: 'Polygon';
  /** Exterior ring first (counter-clockwise), then holes (clockwise). */
  readonly coordinates: LinearRing[];
}

export interface PointGeometry {
  readonly type: 'Point';
  readonly coordinates: Position;
}

export interface Feature<G, P> {
  readonly type: 'Feature';
  readonly geometry: G;
  readonly properties: P;
}

export interface FeatureCollection<G, P> {
  readonly type: 'FeatureCollection';
  readonly features: Feature<G, P>[];
}

/** Properties of a footprint polygon. */
export interface FootprintProperties {
  readonly threatType: string;
  readonly pkThreshold: number;
  /** Area of the polygon (holes removed), km² (grid-cell approximation on the ellipsoid). */
  readonly area_km2: number;
  /** Number of grid cells (aim points) inside. */
  readonly cells: number;
}

/** Properties of one coverage cell. */
export interface CellProperties {
  readonly pk: number;
  readonly pkMin: number;
  readonly feasible: boolean;
  readonly feasibleFraction: number;
  /** Kill probability of each battery alone, by battery id. */
  readonly pkByBattery: Record<string, number>;
}

/** Twice the signed area of a ring in the (lon, lat) plane; positive when counter-clockwise. */
export function ringSignedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) sum += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return sum;
}

/** The ring closed and oriented: counter-clockwise when `ccw`, clockwise otherwise (a copy, repeats dropped). */
export function orientRing(ring: readonly Position[], ccw: boolean): LinearRing {
  // consecutive repeats (a ray that collapses onto the radar) carry no shape
  const closed: LinearRing = [];
  for (const p of ring) {
    const prev = closed[closed.length - 1];
    if (prev === undefined || prev[0] !== p[0] || prev[1] !== p[1]) closed.push([p[0], p[1]]);
  }
  const first = closed[0];
  const last = closed[closed.length - 1];
  if (first[0] !== last[0] || first[1] !== last[1]) closed.push([first[0], first[1]]);
  const isCcw = ringSignedArea2(closed) > 0;
  return isCcw === ccw ? closed : closed.reverse();
}

/** Even–odd point-in-ring test (ray to +lon). */
export function ringContains(ring: readonly Position[], point: Position): boolean {
  let inside = false;
  const [x, y] = point;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Area of one grid cell at a latitude, km² (radii of curvature of WGS84). */
function cellArea_km2(map: CoverageMap, lat_rad: number): number {
  const w2 = 1 - WGS84_E2 * Math.sin(lat_rad) ** 2;
  const meridional_m = (WGS84_A_m * (1 - WGS84_E2)) / w2 ** 1.5;
  const primeVertical_m = WGS84_A_m / Math.sqrt(w2);
  return (map.grid.dLat_rad * meridional_m * map.grid.dLon_rad * primeVertical_m * Math.cos(lat_rad)) / 1e6;
}

/** A directed boundary edge between grid corners (corner i = row line, j = column line). */
interface Edge {
  readonly i0: number;
  readonly j0: number;
  readonly i1: number;
  readonly j1: number;
}

/**
 * Boundary rings of the cell union `inside[row · cols + col]`, in corner indices, interior on the left of every edge
 * (so exterior rings are counter-clockwise, holes clockwise), collinear corners removed. With `wrapCols` the columns
 * close into a cylinder (column `cols − 1` borders column 0, as azimuth cells of an all-round radar do): corner
 * column `cols` is corner column 0, and corner columns come back in [0, cols). With `keepColumnCorners` the corners
 * where the boundary runs straight on along a row line are kept (a polar grid maps those lines to arcs).
 */
export function traceCellUnion(
  inside: readonly boolean[],
  rows: number,
  cols: number,
  wrapCols = false,
  keepColumnCorners = false,
): [number, number][][] {
  const column = (c: number) => (wrapCols ? ((c % cols) + cols) % cols : c);
  const at = (r: number, c: number) => {
    const cc = column(c);
    return r >= 0 && r < rows && cc >= 0 && cc < cols && inside[r * cols + cc];
  };
  const edges: Edge[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (!at(r, c)) continue;
      // corner (i, j): i = r is the cell's south line, j = c its west line; x = j (east), y = i (north)
      if (!at(r - 1, c)) edges.push({ i0: r, j0: c, i1: r, j1: c + 1 });
      if (!at(r, c + 1)) edges.push({ i0: r, j0: c + 1, i1: r + 1, j1: c + 1 });
      if (!at(r + 1, c)) edges.push({ i0: r + 1, j0: c + 1, i1: r + 1, j1: c });
      if (!at(r, c - 1)) edges.push({ i0: r + 1, j0: c, i1: r, j1: c });
    }
  }
  const key = (i: number, j: number) => i * (cols + 1) + column(j);
  const outgoing = new Map<number, number[]>();
  edges.forEach((e, k) => {
    const list = outgoing.get(key(e.i0, e.j0));
    if (list) list.push(k);
    else outgoing.set(key(e.i0, e.j0), [k]);
  });
  const used = new Uint8Array(edges.length);
  const rings: [number, number][][] = [];
  for (let start = 0; start < edges.length; start++) {
    if (used[start]) continue;
    const ring: [number, number][] = [];
    let k = start;
    while (!used[k]) {
      used[k] = 1;
      const e = edges[k];
      ring.push([e.i0, column(e.j0)]);
      const candidates = (outgoing.get(key(e.i1, e.j1)) ?? []).filter((n) => !used[n]);
      if (candidates.length === 0) break;
      // at a saddle (two ways on) take the left turn: cross(d_in, d_out) > 0 in (x = j, y = i)
      const dx = e.j1 - e.j0;
      const dy = e.i1 - e.i0;
      k =
        candidates.find((n) => {
          const f = edges[n];
          return dx * (f.i1 - f.i0) - dy * (f.j1 - f.j0) > 0;
        }) ?? candidates[0];
    }
    rings.push(simplifyCorners(ring, wrapCols ? cols : 0, keepColumnCorners));
  }
  return rings;
}

/** Column difference b − a, taken the short way round a cylinder of `period` columns (0: no wrap). */
function columnStep(a: number, b: number, period: number): number {
  const d = b - a;
  return period > 0 ? d - period * Math.round(d / period) : d;
}

/** Drops corners where the boundary goes straight on (open ring in, open ring out); along row lines only when
 * `keepColumnCorners` is false. */
function simplifyCorners(
  ring: [number, number][],
  period = 0,
  keepColumnCorners = false,
): [number, number][] {
  const n = ring.length;
  return ring.filter((p, k) => {
    const a = ring[(k + n - 1) % n];
    const b = ring[(k + 1) % n];
    if (keepColumnCorners && p[0] === a[0]) return true;
    return (
      (p[0] - a[0]) * columnStep(p[1], b[1], period) - columnStep(a[1], p[1], period) * (b[0] - p[0]) !== 0
    );
  });
}

/** A polygon assembled from traced cell-union rings: exterior counter-clockwise, holes clockwise. */
export interface AssembledPolygon {
  readonly exterior: LinearRing;
  readonly holes: LinearRing[];
}

/**
 * Maps traced rings (`traceCellUnion`, corner indices) to closed [lon, lat] rings through `toPosition` and groups
 * them into polygons: rings of positive signed area are exteriors, negative ones holes, each hole going to the
 * smallest exterior that contains a point a quarter cell inside it (left of its first edge, which is always an
 * inside cell). `toPosition` must accept fractional corners and preserve orientation. Consecutive repeated
 * positions are dropped and rings that collapse (fewer than 3 distinct positions or zero area, e.g. the corners at
 * the centre of a polar grid) are left out.
 * @param wrapCols the rings come from a cylinder of `wrapCols` columns (0: a plain grid)
 */
export function assembleCellPolygons(
  corners: readonly [number, number][][],
  toPosition: (i: number, j: number) => Position,
  wrapCols = 0,
): AssembledPolygon[] {
  const rings = corners.flatMap((ringCorners) => {
    const open: Position[] = [];
    for (const [i, j] of ringCorners) {
      const p = toPosition(i, j);
      const prev = open[open.length - 1];
      if (prev === undefined || prev[0] !== p[0] || prev[1] !== p[1]) open.push(p);
    }
    while (
      open.length > 1 &&
      open[0][0] === open[open.length - 1][0] &&
      open[0][1] === open[open.length - 1][1]
    )
      open.pop();
    if (open.length < 3) return [];
    const ring: LinearRing = [...open, open[0]];
    return ringSignedArea2(ring) === 0 ? [] : [{ ring, corners: ringCorners }];
  });
  const exteriors = rings.filter((r) => ringSignedArea2(r.ring) > 0);
  const holes = rings.filter((r) => ringSignedArea2(r.ring) < 0);
  const polygons = exteriors.map((e) => ({ exterior: e, holes: [] as LinearRing[] }));
  for (const hole of holes) {
    // a point a quarter cell to the left of the hole's first edge (left of (dx, dy) is (−dy, dx)) lies in an
    // inside cell of its polygon
    const [a, b] = [hole.corners[0], hole.corners[1 % hole.corners.length]];
    const di = Math.sign(b[0] - a[0]);
    const dj = Math.sign(columnStep(a[1], b[1], wrapCols));
    const probe = toPosition(a[0] + 0.5 * di + 0.25 * dj, a[1] + 0.5 * dj - 0.25 * di);
    let owner: (typeof polygons)[number] | null = null;
    for (const p of polygons) {
      if (!ringContains(p.exterior.ring, probe)) continue;
      if (
        owner === null ||
        Math.abs(ringSignedArea2(p.exterior.ring)) < Math.abs(ringSignedArea2(owner.exterior.ring))
      )
        owner = p;
    }
    owner?.holes.push(hole.ring);
  }
  return polygons.map((p) => ({ exterior: p.exterior.ring, holes: p.holes }));
}

/**
 * The defended footprint: the union of grid cells whose kill probability is at least `pkThreshold`, as one
 * GeoJSON Polygon feature per connected piece (exterior counter-clockwise, holes clockwise, closed rings,
 * [lon, lat] degrees).
 * @example
 * ```ts
 * import { coverageMap, defendedFootprint, loadScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const map = coverageMap(scenario, { grid_m: 2_000 });
 * const footprint = defendedFootprint(map, 0.5); // GeoJSON polygons where P(kill) ≥ 0.5
 * ```
 */
export function defendedFootprint(
  map: CoverageMap,
  pkThreshold = 0.5,
): FeatureCollection<PolygonGeometry, FootprintProperties> {
  const { rows, cols, south_rad, west_rad, dLat_rad, dLon_rad } = map.grid;
  const inside = map.cells.map((c) => c.reachable && c.pk >= pkThreshold);
  const toPosition = (i: number, j: number): Position => [
    (west_rad + (j - 0.5) * dLon_rad) * DEG_PER_RAD,
    (south_rad + (i - 0.5) * dLat_rad) * DEG_PER_RAD,
  ];
  const polygons = assembleCellPolygons(traceCellUnion(inside, rows, cols), toPosition);
  const features = polygons.map((p) => {
    const ringsOf: LinearRing[] = [p.exterior, ...p.holes];
    // cells inside: count grid cells whose centre is inside the exterior and outside every hole
    let count = 0;
    let area_km2 = 0;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (!inside[r * cols + c]) continue;
        const centre: Position = [
          (west_rad + c * dLon_rad) * DEG_PER_RAD,
          (south_rad + r * dLat_rad) * DEG_PER_RAD,
        ];
        if (!ringContains(p.exterior, centre) || p.holes.some((h) => ringContains(h, centre))) continue;
        count++;
        area_km2 += cellArea_km2(map, south_rad + r * dLat_rad);
      }
    }
    const feature: Feature<PolygonGeometry, FootprintProperties> = {
      type: 'Feature',
      geometry: { type: 'Polygon', coordinates: ringsOf },
      properties: { threatType: map.threatTypeId, pkThreshold, area_km2, cells: count },
    };
    return feature;
  });
  return { type: 'FeatureCollection', features };
}

/**
 * The coverage grid as GeoJSON: one square Polygon per cell the threat can reach with a kill probability above 0
 * (cells left out have pk 0), with the cell's numbers as properties.
 */
export function coverageCellsGeoJson(map: CoverageMap): FeatureCollection<PolygonGeometry, CellProperties> {
  const { cols, south_rad, west_rad, dLat_rad, dLon_rad } = map.grid;
  const features: Feature<PolygonGeometry, CellProperties>[] = [];
  map.cells.forEach((cell, index) => {
    if (!cell.reachable || !(cell.pk > 0)) return;
    const row = Math.floor(index / cols);
    const col = index % cols;
    const west = (west_rad + (col - 0.5) * dLon_rad) * DEG_PER_RAD;
    const east = (west_rad + (col + 0.5) * dLon_rad) * DEG_PER_RAD;
    const south = (south_rad + (row - 0.5) * dLat_rad) * DEG_PER_RAD;
    const north = (south_rad + (row + 0.5) * dLat_rad) * DEG_PER_RAD;
    const pkByBattery: Record<string, number> = {};
    map.batteryIds.forEach((id, b) => {
      pkByBattery[id] = cell.pkByBattery[b];
    });
    features.push({
      type: 'Feature',
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [west, south],
            [east, south],
            [east, north],
            [west, north],
            [west, south],
          ],
        ],
      },
      properties: {
        pk: cell.pk,
        pkMin: cell.pkMin,
        feasible: cell.feasible,
        feasibleFraction: cell.feasibleFraction,
        pkByBattery,
      },
    });
  });
  return { type: 'FeatureCollection', features };
}
