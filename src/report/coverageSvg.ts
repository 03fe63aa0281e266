/**
 * @module report/coverageSvg
 * The coverage map as one self-contained SVG string: Mercator (d3-geo) fitted to the coverage grid, Natural Earth
 * land and borders from `world-atlas` (offline, via `report/map`'s basemap loader), the kill probability of each
 * grid cell as a coloured square, the defended footprint outlined, each battery's radar detection area at the
 * chosen altitude, batteries (triangles) and assets (circles at their true radius) with labels, and the map's
 * furniture: a graticule labelled in the margins, a scale bar in km, a north arrow, a legend of discrete P(kill)
 * classes (ColorBrewer YlGn, a sequential lightness ramp that reads the same with colour-vision deficiencies and in
 * grey scale; discrete so a reader can tell 0.6 from 0.8) with the footprint threshold marked, and a note when the
 * coloured area runs on past the map edge. GeoJSON rings follow RFC 7946 (counter-clockwise exteriors); d3-geo reads
 * spherical rings the other way round, so they are reversed before drawing.
 */
import { type GeoPermissibleObjects, type GeoProjection, geoMercator, geoPath } from 'd3-geo';
import type { CoverageMap } from '../analysis/coverage.js';
import type { FeatureCollection, PolygonGeometry } from '../analysis/footprint.js';
import type { Scenario } from '../scenario/types.js';
import { loadBasemap, MAP_COLORS } from './map.js';
import { type FrameBox, graticuleSvg, northArrowSvg, scaleBarSvg } from './mapFurniture.js';

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

/** Upper edges of the P(kill) classes (the first class starts above 0; cells with P(kill) 0 are not drawn). */
export const PK_CLASS_EDGES: readonly number[] = [0.1, 0.3, 0.5, 0.7, 0.9, 1];
/** Class colours, ColorBrewer YlGn 6 (light = low P(kill)). */
export const PK_CLASS_COLORS: readonly string[] = [
  '#ffffcc',
  '#d9f0a3',
  '#addd8e',
  '#78c679',
  '#31a354',
  '#006837',
];

/**
 * Colour of a kill probability: the colour of its class (classes are closed above: 0.5 falls in (0.3, 0.5]).
 * @example
 * ```ts
 * pkColor(0.95); // '#006837'
 * ```
 */
export function pkColor(pk: number): string {
  const i = PK_CLASS_EDGES.findIndex((edge) => pk <= edge);
  return PK_CLASS_COLORS[i < 0 ? PK_CLASS_COLORS.length - 1 : i];
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

/** Legend: one swatch per P(kill) class with its edges, the threshold marked, then the map's line symbols. */
function legend(x: number, y: number, threshold: number, withRadar: boolean): string {
  const swatch = 30;
  const width = swatch * PK_CLASS_COLORS.length;
  const edges = [0, ...PK_CLASS_EDGES];
  const tx =
    x +
    ((): number => {
      // the threshold's position on the class bar (classes are equally wide, their P(kill) spans are not)
      const i = PK_CLASS_EDGES.findIndex((edge) => threshold <= edge);
      const k = Math.max(0, i);
      const lo = edges[k];
      const hi = edges[k + 1];
      return (k + (hi > lo ? (threshold - lo) / (hi - lo) : 0)) * swatch;
    })();
  const parts = [
    '<g id="legend">',
    `<rect x="${x - 8}" y="${y - 18}" width="${width + 16}" height="${withRadar ? 96 : 82}" rx="3" fill="white" fill-opacity="0.9" stroke="#999"/>`,
    `<text x="${x}" y="${y - 5}" font-size="11">P(kill) of one threat aimed at the cell</text>`,
  ];
  PK_CLASS_COLORS.forEach((color, i) => {
    parts.push(
      `<rect class="pk-class" data-pk-max="${PK_CLASS_EDGES[i]}" x="${x + i * swatch}" y="${y}" width="${swatch}" height="12" fill="${color}" stroke="#666" stroke-width="0.5"/>`,
    );
  });
  edges.forEach((edge, i) => {
    parts.push(`<text x="${x + i * swatch}" y="${y + 23}" font-size="9" text-anchor="middle">${edge}</text>`);
  });
  parts.push(
    `<line x1="${fmt(tx)}" y1="${y - 3}" x2="${fmt(tx)}" y2="${y + 15}" stroke="black" stroke-width="2"/>`,
    `<path d="M${x},${y + 38}h22" stroke="white" stroke-width="4"/><path d="M${x},${y + 38}h22" stroke="${FOOTPRINT_COLOR}" stroke-width="1.6"/>`,
    `<text x="${x + 28}" y="${y + 41}" font-size="10">footprint: P(kill) ≥ ${threshold}</text>`,
    `<path d="M${x + 3},${y + 56}l5,-9l5,9Z" fill="${MAP_COLORS.unit}"/><text x="${x + 16}" y="${y + 56}" font-size="10">battery</text>`,
    `<circle cx="${x + 78}" cy="${y + 52}" r="4" fill="${MAP_COLORS.asset}" fill-opacity="0.35" stroke="${MAP_COLORS.asset}"/><text x="${x + 86}" y="${y + 56}" font-size="10">asset</text>`,
  );
  if (withRadar)
    parts.push(
      `<path d="M${x},${y + 68}h22" stroke="${MAP_COLORS.sector}" stroke-dasharray="4 3"/><text x="${x + 28}" y="${y + 71}" font-size="10">radar detection area</text>`,
    );
  parts.push('</g>');
  return parts.join('');
}

/** Outline colour of the footprint (drawn over a white halo so it reads on every class colour). */
const FOOTPRINT_COLOR = '#000000';

/** A note at the top of the frame, under the title, when cells with P(kill) > 0 touch the map edge. */
function edgeNote(map: CoverageMap, frame: FrameBox): string {
  if (map.edgeCut.length === 0) return '';
  const text = `P(kill) > 0 reaches the map edge (${map.edgeCut.join(', ')}): the coverage goes on beyond; widen --extent`;
  const y = frame.y + TITLE_PX + 14; // under the title band: the legend and the scale bar hold the bottom corners
  return `<g id="edge-note"><text x="${fmt(frame.x + frame.width / 2)}" y="${fmt(y)}" text-anchor="middle" font-size="10" fill="#7f2704" stroke="white" stroke-width="3" paint-order="stroke">${escapeXml(text)}</text></g>`;
}

/** Margins around the map frame, px: graticule labels go left (latitudes) and below (longitudes). */
const MARGIN = { left: 50, right: 10, top: 10, bottom: 22 } as const;
/** Height of the title band at the top of the frame, px. */
const TITLE_PX = 20;

/** The frame and Mercator projection fitted to the grid's corners at `width` px. */
function fitFrame(
  map: CoverageMap,
  width: number,
): { frame: FrameBox; height: number; projection: GeoProjection } {
  const extent: GeoPermissibleObjects = { type: 'MultiPoint', coordinates: gridCorners(map) };
  const frameWidth = width - MARGIN.left - MARGIN.right;
  const probe = geoMercator().fitWidth(frameWidth, extent);
  const [[, y0], [, y1]] = geoPath(probe).bounds(extent);
  const frame: FrameBox = { x: MARGIN.left, y: MARGIN.top, width: frameWidth, height: Math.ceil(y1 - y0) };
  const projection = geoMercator().fitExtent(
    [
      [frame.x, frame.y],
      [frame.x + frame.width, frame.y + frame.height],
    ],
    extent,
  );
  // clipped to the frame: the world's land and borders shrink to the few hundred vertices in view (not megabytes)
  projection.clipExtent([
    [frame.x, frame.y],
    [frame.x + frame.width, frame.y + frame.height],
  ]);
  return { frame, height: frame.y + frame.height + MARGIN.bottom, projection };
}

/** Assets at their true radius (at least 3 px), labelled to the right, and batteries as triangles labelled to the
 * upper left (a battery usually sits at its asset: the two labels must not overprint). */
function markers(input: CoverageSvgInput, projection: GeoProjection): string[] {
  const parts: string[] = [];
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
      `<text x="${fmt(p[0] + r + 3)}" y="${fmt(p[1] + 4)}" font-size="11" fill="${MAP_COLORS.asset}" stroke="white" stroke-width="3" paint-order="stroke">${escapeXml(asset.name)}</text>`,
    );
  }
  for (const unit of input.scenario.units) {
    if (!input.map.batteryIds.includes(unit.id)) continue;
    const p = projection([unit.position.lon_rad * DEG_PER_RAD, unit.position.lat_rad * DEG_PER_RAD]);
    if (!p) continue;
    parts.push(
      `<path d="M${fmt(p[0])},${fmt(p[1] - 7)}L${fmt(p[0] + 6)},${fmt(p[1] + 4)}L${fmt(p[0] - 6)},${fmt(p[1] + 4)}Z" fill="${MAP_COLORS.unit}" stroke="white" stroke-width="0.8"/>`,
      `<text x="${fmt(p[0] - 8)}" y="${fmt(p[1] - 6)}" text-anchor="end" font-size="10" fill="${MAP_COLORS.unit}" stroke="white" stroke-width="3" paint-order="stroke">${escapeXml(unit.id)}</text>`,
    );
  }
  return parts;
}

/** Land, P(kill) cells, borders, radar areas and the footprint outline (drawn inside the frame's clip). */
function layers(input: CoverageSvgInput, projection: GeoProjection): string[] {
  const path = geoPath(projection).digits(1);
  const basemap = loadBasemap();
  const parts = [
    `<path d="${path(basemap.land as GeoPermissibleObjects) ?? ''}" fill="${MAP_COLORS.land}"/>`,
    `<g id="pk-cells" opacity="0.85">${cellRects(input.map, projection)}</g>`,
    `<path d="${path(basemap.borders as GeoPermissibleObjects) ?? ''}" fill="none" stroke="${MAP_COLORS.border}" stroke-width="0.8"/>`,
  ];
  if (input.radar && input.radar.features.length > 0)
    parts.push(
      `<path d="${path(forD3(input.radar)) ?? ''}" fill="${MAP_COLORS.sector}" fill-opacity="0.06" stroke="${MAP_COLORS.sector}" stroke-dasharray="4 3" stroke-width="1"/>`,
    );
  if (input.footprint.features.length > 0) {
    const d = path(forD3(input.footprint)) ?? '';
    parts.push(
      `<g id="footprint"><path d="${d}" fill="none" stroke="white" stroke-width="3.5"/><path d="${d}" fill="none" stroke="${FOOTPRINT_COLOR}" stroke-width="1.6"/></g>`,
    );
  }
  return parts;
}

/**
 * Renders the coverage map as a standalone SVG document (no external references).
 * @returns the SVG text, UTF-8, with an XML-safe title
 * @example
 * ```ts
 * const svg = renderCoverageSvg({ scenario, map, footprint: defendedFootprint(map, 0.5), pkThreshold: 0.5 });
 * ```
 */
export function renderCoverageSvg(input: CoverageSvgInput): string {
  const width = input.width_px ?? 900;
  const { frame, height, projection } = fitFrame(input.map, width);
  const title =
    input.title ??
    `${input.scenario.name}: ${input.map.threatTypeId}, ${input.map.azimuths === 'all' ? 'all azimuths' : 'scenario threat axis'}, ${input.map.grid.spacing_m / 1000} km grid`;
  const withRadar = input.radar !== undefined && input.radar.features.length > 0;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" role="img">`,
    `<title>${escapeXml(`Coverage map — ${title}`)}</title>`,
    `<defs><clipPath id="frame"><rect x="${frame.x}" y="${frame.y}" width="${frame.width}" height="${frame.height}"/></clipPath></defs>`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<rect x="${frame.x}" y="${frame.y}" width="${frame.width}" height="${frame.height}" fill="${MAP_COLORS.sea}"/>`,
    '<g clip-path="url(#frame)">',
    ...layers(input, projection),
    '</g>',
    // the graticule's lines stay inside the frame by construction; its labels sit in the margins, outside the clip
    graticuleSvg(projection, frame),
    '<g clip-path="url(#frame)">',
    ...markers(input, projection),
    '</g>',
    `<rect x="${frame.x}" y="${frame.y}" width="${frame.width}" height="${frame.height}" fill="none" stroke="#555" stroke-width="0.8"/>`,
    `<rect x="${frame.x}" y="${frame.y}" width="${frame.width}" height="${TITLE_PX}" fill="white" fill-opacity="0.85"/>`,
    `<text x="${frame.x + 6}" y="${frame.y + 14}" font-size="12">${escapeXml(title)}</text>`,
    northArrowSvg(frame, TITLE_PX),
    scaleBarSvg(projection, frame),
    legend(frame.x + 14, frame.y + frame.height - 86, input.pkThreshold, withRadar),
    edgeNote(input.map, frame),
    '</svg>',
  ].join('\n');
}
