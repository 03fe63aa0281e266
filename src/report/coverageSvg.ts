/**
 * @module report/coverageSvg
 * The coverage map as one self-contained SVG string: Mercator (d3-geo) fitted to the coverage grid, Natural Earth
 * land and borders from `world-atlas` (offline, via `report/map`'s basemap loader), the kill probability of each
 * grid cell as a coloured square, the defended footprint outlined, each battery's radar detection area at the
 * chosen altitude, batteries (triangles) and assets (circles at their true radius) with labels, a Pk colour bar
 * and a title. GeoJSON rings follow RFC 7946 (counter-clockwise exteriors); d3-geo reads spherical rings the other
 * way round, so they are reversed before drawing.
 */
import { type GeoPermissibleObjects, type GeoProjection, geoMercator, geoPath } from 'd3-geo';
import type { CoverageMap } from '../analysis/coverage.js';
import type { FeatureCollection, PolygonGeometry } from '../analysis/footprint.js';
import type { Scenario } from '../scenario/types.js';
import { loadBasemap, MAP_COLORS } from './map.js';

const DEG_PER_RAD = 180 / Math.PI;

/** Layers and size of the coverage map. */
export interface CoverageSvgInput {
  readonly scenario: Scenario;
  readonly map: CoverageMap;
  readonly footprint: FeatureCollection<PolygonGeometry, unknown>;
  /** Radar detection areas (optional layer). */
  readonly radar?: FeatureCollection<PolygonGeometry, unknown>;
  /** Footprint threshold shown in the legend. */
  readonly pkThreshold: number;
  /** Image width, px. */
  readonly width_px?: number;
  /** Title line; default names the threat type and the axis mode. */
  readonly title?: string;
}

/** Colour stops of the Pk scale (0 → 1): pale yellow to dark green. */
const PK_STOPS: readonly [number, number, number][] = [
  [255, 255, 204],
  [194, 230, 153],
  [120, 198, 121],
  [49, 163, 84],
  [0, 104, 55],
];

/** Colour of a kill probability on the map's scale. */
export function pkColor(pk: number): string {
  const x = Math.min(1, Math.max(0, pk)) * (PK_STOPS.length - 1);
  const i = Math.min(PK_STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const c = PK_STOPS[i].map((v, k) => Math.round(v + f * (PK_STOPS[i + 1][k] - v)));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : '0';
}

/** A GeoJSON polygon collection with every ring reversed (RFC 7946 → d3-geo winding). */
function forD3(collection: FeatureCollection<PolygonGeometry, unknown>): GeoPermissibleObjects {
  return {
    type: 'FeatureCollection',
    features: collection.features.map((f) => ({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: f.geometry.coordinates.map((ring) => [...ring].reverse()) },
    })),
  } as GeoPermissibleObjects;
}

/** Grid corner positions ([lon, lat] degrees) that the projection is fitted to. */
function gridCorners(map: CoverageMap): [number, number][] {
  const g = map.grid;
  const west = (g.west_rad - g.dLon_rad / 2) * DEG_PER_RAD;
  const east = (g.west_rad + (g.cols - 0.5) * g.dLon_rad) * DEG_PER_RAD;
  const south = (g.south_rad - g.dLat_rad / 2) * DEG_PER_RAD;
  const north = (g.south_rad + (g.rows - 0.5) * g.dLat_rad) * DEG_PER_RAD;
  return [
    [west, south],
    [east, south],
    [east, north],
    [west, north],
  ];
}

/** The cells as projected rectangles (Mercator keeps a lat/lon cell an axis-aligned rectangle). */
function cellRects(map: CoverageMap, projection: GeoProjection): string {
  const g = map.grid;
  const parts: string[] = [];
  map.cells.forEach((cell, index) => {
    if (!cell.reachable || !(cell.pk > 0)) return;
    const row = Math.floor(index / g.cols);
    const col = index % g.cols;
    const sw = projection([
      (g.west_rad + (col - 0.5) * g.dLon_rad) * DEG_PER_RAD,
      (g.south_rad + (row - 0.5) * g.dLat_rad) * DEG_PER_RAD,
    ]);
    const ne = projection([
      (g.west_rad + (col + 0.5) * g.dLon_rad) * DEG_PER_RAD,
      (g.south_rad + (row + 0.5) * g.dLat_rad) * DEG_PER_RAD,
    ]);
    if (!sw || !ne) return;
    const x = Math.min(sw[0], ne[0]);
    const y = Math.min(sw[1], ne[1]);
    // a hair of overlap hides anti-aliasing seams between neighbouring cells
    const w = Math.abs(ne[0] - sw[0]) + 0.3;
    const h = Math.abs(ne[1] - sw[1]) + 0.3;
    parts.push(
      `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(w)}" height="${fmt(h)}" fill="${pkColor(cell.pk)}"/>`,
    );
  });
  return parts.join('');
}

/** Colour bar with ticks 0, 0.5, 1 and the threshold marked. */
function legend(x: number, y: number, threshold: number): string {
  const width = 160;
  const stops = PK_STOPS.map(
    (_, i) =>
      `<stop offset="${(i / (PK_STOPS.length - 1)) * 100}%" stop-color="${pkColor(i / (PK_STOPS.length - 1))}"/>`,
  ).join('');
  const tx = x + threshold * width;
  return [
    `<defs><linearGradient id="pk-scale">${stops}</linearGradient></defs>`,
    `<rect x="${x - 6}" y="${y - 18}" width="${width + 12}" height="44" fill="white" fill-opacity="0.85" stroke="#999"/>`,
    `<text x="${x}" y="${y - 5}" font-size="11">P(kill) of one threat aimed at the cell</text>`,
    `<rect x="${x}" y="${y}" width="${width}" height="10" fill="url(#pk-scale)" stroke="#666" stroke-width="0.5"/>`,
    `<line x1="${fmt(tx)}" y1="${y - 2}" x2="${fmt(tx)}" y2="${y + 12}" stroke="black" stroke-width="1.5"/>`,
    `<text x="${x}" y="${y + 22}" font-size="10">0</text>`,
    `<text x="${x + width / 2 - 6}" y="${y + 22}" font-size="10">0.5</text>`,
    `<text x="${x + width - 6}" y="${y + 22}" font-size="10">1</text>`,
  ].join('');
}

/**
 * Renders the coverage map as a standalone SVG document (no external references).
 * @returns the SVG text, UTF-8, with an XML-safe title
 */
export function renderCoverageSvg(input: CoverageSvgInput): string {
  const width = input.width_px ?? 900;
  const corners = gridCorners(input.map);
  const extent: GeoPermissibleObjects = { type: 'MultiPoint', coordinates: corners };
  const probe = geoMercator().fitWidth(width - 20, extent);
  const [[, y0], [, y1]] = geoPath(probe).bounds(extent);
  const height = Math.ceil(y1 - y0 + 20);
  const projection = geoMercator().fitExtent(
    [
      [10, 10],
      [width - 10, height - 10],
    ],
    extent,
  );
  const path = geoPath(projection);
  const basemap = loadBasemap();
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif">`,
  );
  parts.push(
    `<defs><clipPath id="frame"><rect x="10" y="10" width="${width - 20}" height="${height - 20}"/></clipPath></defs>`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="${MAP_COLORS.sea}"/>`);
  parts.push('<g clip-path="url(#frame)">');
  parts.push(`<path d="${path(basemap.land as GeoPermissibleObjects) ?? ''}" fill="${MAP_COLORS.land}"/>`);
  parts.push(`<g opacity="0.85">${cellRects(input.map, projection)}</g>`);
  parts.push(
    `<path d="${path(basemap.borders as GeoPermissibleObjects) ?? ''}" fill="none" stroke="${MAP_COLORS.border}" stroke-width="0.8"/>`,
  );
  if (input.radar && input.radar.features.length > 0) {
    parts.push(
      `<path d="${path(forD3(input.radar)) ?? ''}" fill="${MAP_COLORS.sector}" fill-opacity="0.06" stroke="${MAP_COLORS.sector}" stroke-dasharray="4 3" stroke-width="1"/>`,
    );
  }
  if (input.footprint.features.length > 0)
    parts.push(
      `<path d="${path(forD3(input.footprint)) ?? ''}" fill="none" stroke="#003b1f" stroke-width="1.6"/>`,
    );
  // assets at their true radius (at least 3 px), with labels
  for (const asset of input.scenario.assets) {
    const lonLat: [number, number] = [
      asset.position.lon_rad * DEG_PER_RAD,
      asset.position.lat_rad * DEG_PER_RAD,
    ];
    const p = projection(lonLat);
    if (!p) continue;
    const edge = projection([lonLat[0], lonLat[1] + asset.radius_m / 111_132]);
    const r = Math.max(3, edge ? Math.abs(p[1] - edge[1]) : 3);
    parts.push(
      `<circle cx="${fmt(p[0])}" cy="${fmt(p[1])}" r="${fmt(r)}" fill="${MAP_COLORS.asset}" fill-opacity="0.35" stroke="${MAP_COLORS.asset}" stroke-width="1.2"/>`,
    );
    parts.push(
      `<text x="${fmt(p[0] + r + 3)}" y="${fmt(p[1] + 4)}" font-size="11" fill="${MAP_COLORS.asset}">${escapeXml(asset.name)}</text>`,
    );
  }
  // batteries as triangles with their id
  for (const unit of input.scenario.units) {
    if (!input.map.batteryIds.includes(unit.id)) continue;
    const p = projection([unit.position.lon_rad * DEG_PER_RAD, unit.position.lat_rad * DEG_PER_RAD]);
    if (!p) continue;
    parts.push(
      `<path d="M${fmt(p[0])},${fmt(p[1] - 7)}L${fmt(p[0] + 6)},${fmt(p[1] + 4)}L${fmt(p[0] - 6)},${fmt(p[1] + 4)}Z" fill="${MAP_COLORS.unit}" stroke="white" stroke-width="0.8"/>`,
    );
    parts.push(
      `<text x="${fmt(p[0] + 8)}" y="${fmt(p[1] - 6)}" font-size="10" fill="${MAP_COLORS.unit}">${escapeXml(unit.id)}</text>`,
    );
  }
  parts.push('</g>');
  const title =
    input.title ??
    `${input.scenario.name}: ${input.map.threatTypeId}, ${input.map.azimuths === 'all' ? 'all azimuths' : 'scenario threat axis'}, ${input.map.grid.spacing_m / 1000} km grid`;
  parts.push(`<rect x="10" y="10" width="${width - 20}" height="20" fill="white" fill-opacity="0.8"/>`);
  parts.push(`<text x="16" y="24" font-size="12">${escapeXml(title)}</text>`);
  parts.push(legend(24, height - 42, input.pkThreshold));
  parts.push('</svg>');
  return parts.join('\n');
}
