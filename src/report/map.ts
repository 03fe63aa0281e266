/**
 * @module report/map
 * The report's map as a static SVG string, drawn with d3-geo (Mercator fitted to what matters) over an offline
 * basemap: Natural Earth land and country borders from the `world-atlas` 1:50m TopoJSON shipped with the package.
 * Layers, bottom to top: sea and land, borders and country names, optional coverage footprints, radar sectors and
 * engagement rings, defended assets (true radius), threat ground tracks coloured by fate, interceptor tracks,
 * intercept (×) and impact (●) points, launch areas and unit markers, then a scale bar. This is a map, not a chart:
 * the SVG is hand-written glue around d3-geo's projection and path generator.
 *
 * Two views: `theatre` fits every asset, unit, launch point and path; `defended` fits the assets, units, intercepts
 * and impacts near them (the engagement area), with a minimum span so a single asset does not fill the frame.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type GeoPath, type GeoProjection, geoMercator, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { geodesicDirect } from '../geo/geodesic.js';
import { extentOf, maxOf, minOf } from '../math/extent.js';
import type { DefenseUnit, Geodetic, Scenario } from '../scenario/types.js';
import type { LogPoint } from '../world/events.js';
import { groundDistance_m, type RunView, type ThreatView } from './htmlData.js';
import { escapeHtml } from './htmlEscape.js';

const DEG_TO_RAD = Math.PI / 180;
const RAD_TO_DEG = 180 / Math.PI;
const TWO_PI = 2 * Math.PI;
/** Arc points of sectors and circles are at most this far apart in azimuth, rad. */
const ARC_STEP_rad = 2 * DEG_TO_RAD;
/** Impacts and intercepts farther than this from every asset and unit stay out of the `defended` frame, m. */
const DEFENDED_NEIGHBOURHOOD_m = 60_000;
/** Maps are at most this tall, px. */
const MAX_HEIGHT_px = 640;
/** Every frame spans at least this much, m. */
const MIN_SPAN_m = 9_000;

/** Map colours, shared with the HTML legend. */
export const MAP_COLORS = {
  sea: '#dbe7f1',
  land: '#f4f1ea',
  border: '#9c9483',
  countryLabel: '#8f8778',
  asset: '#1f4e79',
  unit: '#6a3d9a',
  sector: '#6a3d9a',
  killed: '#2e8b57',
  impacted: '#d62728',
  failed: '#8c8c8c',
  airborne: '#ff7f0e',
  interceptor: '#1f77b4',
  miss: '#5d7290',
  launch: '#7f2704',
  coverage: '#17becf',
} as const;

/** Colour of a threat's fate. */
export function fateColor(fate: ThreatView['fate']): string {
  switch (fate) {
    case 'killed':
      return MAP_COLORS.killed;
    case 'impacted':
      return MAP_COLORS.impacted;
    case 'failed':
      return MAP_COLORS.failed;
    default:
      return MAP_COLORS.airborne;
  }
}

/** A coverage footprint layer (e.g. from a coverage analysis): GeoJSON polygons in lon/lat degrees. */
export interface CoverageLayer {
  /** Legend text, e.g. "P(kill) ≥ 0.5 footprint". */
  readonly label: string;
  readonly footprints: FeatureCollection<Polygon | MultiPolygon>;
}

/** What to draw. */
export interface MapInput {
  readonly scenario: Scenario;
  readonly view: RunView;
  readonly coverage?: CoverageLayer | null;
}

/** How to draw it. */
export interface MapOptions {
  /** `theatre`: everything; `defended`: the engagement area around assets and units. */
  readonly frame: 'theatre' | 'defended';
  readonly width_px: number;
  /** Prefix of SVG ids (clip paths), unique per map in one HTML page. */
  readonly idPrefix: string;
}

interface Basemap {
  readonly land: Feature | FeatureCollection;
  readonly borders: ReturnType<typeof mesh>;
  readonly countries: FeatureCollection;
}

/** Reads the Natural Earth 1:50m land and countries shipped in `world-atlas` (no network). */
export function loadBasemap(): Basemap {
  const require = createRequire(import.meta.url);
  const read = (name: string) => JSON.parse(readFileSync(require.resolve(`world-atlas/${name}`), 'utf8'));
  const landTopo = read('land-50m.json') as Topology<{ land: GeometryCollection }>;
  const countriesTopo = read('countries-50m.json') as Topology<{ countries: GeometryCollection }>;
  return {
    land: feature(landTopo, landTopo.objects.land),
    borders: mesh(countriesTopo, countriesTopo.objects.countries, (a, b) => a !== b),
    countries: feature(countriesTopo, countriesTopo.objects.countries) as FeatureCollection,
  };
}

function lonLat(p: { lat_deg: number; lon_deg: number }): [number, number] {
  return [p.lon_deg, p.lat_deg];
}

function geodeticLonLat(g: Geodetic): [number, number] {
  return [g.lon_rad * RAD_TO_DEG, g.lat_rad * RAD_TO_DEG];
}

/** The point `distance_m` from `centre` along `azimuthFromNorthCw_rad`, as [lon, lat] degrees. */
function destination(centre: Geodetic, azimuthFromNorthCw_rad: number, distance_m: number): [number, number] {
  const d = geodesicDirect(centre.lat_rad, centre.lon_rad, azimuthFromNorthCw_rad, distance_m);
  return [d.lon_rad * RAD_TO_DEG, d.lat_rad * RAD_TO_DEG];
}

/** A closed ring at `radius_m` around `centre` (geodesic circle). */
function circleRing(centre: Geodetic, radius_m: number): [number, number][] {
  const n = Math.ceil(TWO_PI / ARC_STEP_rad);
  const ring: [number, number][] = [];
  for (let i = 0; i < n; i++) ring.push(destination(centre, (i / n) * TWO_PI, radius_m));
  return ring;
}

/** A radar sector: centre → arc from centre−width/2 to centre+width/2 at max range → centre; a circle when all-round. */
function sectorRing(unit: DefenseUnit): [number, number][] {
  const radar = unit.radar;
  const width_rad = radar.type.sectorWidth_rad;
  if (isAllRound(unit)) return circleRing(radar.position, radar.type.maxRange_m);
  const n = Math.max(2, Math.ceil(width_rad / ARC_STEP_rad));
  const ring: [number, number][] = [geodeticLonLat(radar.position)];
  for (let i = 0; i <= n; i++) {
    const az_rad = radar.sectorCenter_rad - width_rad / 2 + (i / n) * width_rad;
    ring.push(destination(radar.position, az_rad, radar.type.maxRange_m));
  }
  return ring;
}

function isAllRound(unit: DefenseUnit): boolean {
  return unit.radar.type.sectorWidth_rad >= TWO_PI - 1e-6;
}

/** Radius of a unit's engagement envelope: largest interceptor ground range, or the gun's engagement radius, m. */
function engagementRadius_m(unit: DefenseUnit): number {
  if (unit.kind === 'c-ram') return unit.gun.engagementRadius_m;
  return Math.max(0, maxOf(unit.launchers.map((g) => g.interceptor.maxInterceptRange_m)));
}

function near(p: LogPoint, anchors: readonly { lat_deg: number; lon_deg: number }[]): boolean {
  return anchors.some((a) => groundDistance_m(a, p) <= DEFENDED_NEIGHBOURHOOD_m);
}

/** Points (lon, lat) the frame must contain. */
function framePoints(input: MapInput, frame: MapOptions['frame']): [number, number][] {
  const { scenario, view } = input;
  const points: [number, number][] = [];
  for (const a of scenario.assets)
    for (const p of circleRing(a.position, a.radius_m).filter((_, i) => i % 45 === 0)) points.push(p);
  for (const u of scenario.units) points.push(geodeticLonLat(u.position));
  if (frame === 'theatre') {
    // radar sectors stay out of the fit (clipped at the frame): all-round radars would dwarf short-range raids
    for (const th of view.threats)
      for (let i = 0; i < th.track.t_s.length; i++) points.push([th.track.lon_deg[i], th.track.lat_deg[i]]);
    return withMinimumSpan(points);
  }
  const anchors = [
    ...scenario.assets.map((a) => ({
      lat_deg: a.position.lat_rad * RAD_TO_DEG,
      lon_deg: a.position.lon_rad * RAD_TO_DEG,
    })),
    ...scenario.units.map((u) => ({
      lat_deg: u.position.lat_rad * RAD_TO_DEG,
      lon_deg: u.position.lon_rad * RAD_TO_DEG,
    })),
  ];
  for (const th of view.threats)
    if (th.endPoint && near(th.endPoint, anchors)) points.push(lonLat(th.endPoint));
  for (const i of view.interceptors)
    if (i.endPoint && near(i.endPoint, anchors)) points.push(lonLat(i.endPoint));
  // no asset or unit to anchor the engagement area: frame the theatre instead
  if (points.length === 0) return framePoints(input, 'theatre');
  return withMinimumSpan(points);
}

/** Adds four points `MIN_SPAN_m` apart around the centroid, so a frame never zooms in too far. */
function withMinimumSpan(points: [number, number][]): [number, number][] {
  // nothing to frame (no asset, unit or threat): centre on 0°, 0° rather than on NaN
  const n = Math.max(1, points.length);
  const lon0 = points.reduce((s, p) => s + p[0], 0) / n;
  const lat0 = points.reduce((s, p) => s + p[1], 0) / n;
  const centre: Geodetic = { lat_rad: lat0 * DEG_TO_RAD, lon_rad: lon0 * DEG_TO_RAD, h_m: 0 };
  for (let k = 0; k < 4; k++) points.push(destination(centre, (k * Math.PI) / 2, MIN_SPAN_m / 2));
  return points;
}

/** Span of the framed points, m (diagonal of their lon/lat bounding box). */
export function frameSpan_m(input: MapInput, frame: MapOptions['frame']): number {
  const points = framePoints(input, frame);
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  return groundDistance_m(
    { lat_deg: minOf(lats), lon_deg: minOf(lons) },
    { lat_deg: maxOf(lats), lon_deg: maxOf(lons) },
  );
}

function fmt(x: number): string {
  return x.toFixed(1);
}

/** An SVG path through projected points (open or closed), skipping points closer than half a pixel. */
function polyline(projection: GeoProjection, coords: readonly [number, number][], closed: boolean): string {
  let d = '';
  let lastX = Number.NaN;
  let lastY = Number.NaN;
  for (const c of coords) {
    const p = projection(c);
    if (!p) continue;
    if (d !== '' && Math.abs(p[0] - lastX) < 0.5 && Math.abs(p[1] - lastY) < 0.5) continue;
    d += `${d === '' ? 'M' : 'L'}${fmt(p[0])},${fmt(p[1])}`;
    lastX = p[0];
    lastY = p[1];
  }
  return closed && d !== '' ? `${d}Z` : d;
}

function trackCoords(track: { lat_deg: readonly number[]; lon_deg: readonly number[] }): [number, number][] {
  return track.lat_deg.map((lat, i) => [track.lon_deg[i], lat]);
}

/** Planar rings of a GeoJSON polygon layer (the winding of outside data is not trusted to d3's spherical rules). */
function coverageRings(layer: CoverageLayer): Position[][] {
  const rings: Position[][] = [];
  for (const f of layer.footprints.features) {
    if (!f.geometry) continue;
    if (f.geometry.type === 'Polygon') for (const ring of f.geometry.coordinates) rings.push(ring);
    else for (const poly of f.geometry.coordinates) for (const ring of poly) rings.push(ring);
  }
  return rings;
}

/** A round scale-bar length near `target_m` (1, 2 or 5 × 10ⁿ m). */
function niceLength_m(target_m: number): number {
  const exp = 10 ** Math.floor(Math.log10(target_m));
  for (const f of [5, 2, 1]) if (f * exp <= target_m) return f * exp;
  return exp;
}

function scaleBar(projection: GeoProjection, width_px: number, height_px: number): string {
  const x0 = 16;
  const y0 = height_px - 18;
  const origin = projection.invert?.([x0, y0]);
  if (!origin) return '';
  const centre: Geodetic = { lat_rad: origin[1] * DEG_TO_RAD, lon_rad: origin[0] * DEG_TO_RAD, h_m: 0 };
  const probe_m = 10_000;
  const probe = projection(destination(centre, Math.PI / 2, probe_m));
  if (!probe) return '';
  const pxPerM = (probe[0] - x0) / probe_m;
  const length_m = niceLength_m((width_px * 0.16) / pxPerM);
  const len_px = length_m * pxPerM;
  const label = length_m >= 1000 ? `${length_m / 1000} km` : `${length_m} m`;
  return [
    `<g class="scale" font-size="11" fill="#333">`,
    `<rect x="${x0 - 6}" y="${y0 - 18}" width="${fmt(len_px + 12 + 8 * label.length)}" height="28" rx="3" fill="#ffffff" fill-opacity="0.8"/>`,
    `<path d="M${x0},${y0 - 4}V${y0}H${fmt(x0 + len_px)}V${y0 - 4}" fill="none" stroke="#333" stroke-width="1.5"/>`,
    `<text x="${fmt(x0 + len_px + 6)}" y="${y0}">${label}</text>`,
    `<text x="${x0}" y="${y0 - 7}" font-size="10" fill="#555">0</text>`,
    '</g>',
    `<g class="north" transform="translate(${width_px - 24},${28})"><path d="M0,-14L6,4L0,0L-6,4Z" fill="#333"/><text y="16" text-anchor="middle" font-size="11" fill="#333">N</text></g>`,
  ].join('');
}

function cross(x: number, y: number, r: number, color: string, width: number): string {
  return `<path d="M${fmt(x - r)},${fmt(y - r)}L${fmt(x + r)},${fmt(y + r)}M${fmt(x - r)},${fmt(y + r)}L${fmt(x + r)},${fmt(y - r)}" stroke="${color}" stroke-width="${width}" fill="none"/>`;
}

/** Launch areas: one ▲ per distinct launch point (rounded to ~1 km), labelled with its raids. */
function launchAreas(threats: readonly ThreatView[]): { at: [number, number]; raids: string[] }[] {
  const areas = new Map<string, { at: [number, number]; raids: string[] }>();
  for (const th of threats) {
    const key = `${th.launchPoint.lat_deg.toFixed(2)},${th.launchPoint.lon_deg.toFixed(2)}`;
    const area = areas.get(key) ?? { at: lonLat(th.launchPoint), raids: [] };
    if (!area.raids.includes(th.raid)) area.raids.push(th.raid);
    areas.set(key, area);
  }
  return [...areas.values()];
}

/** Height of the map for a width, from the framed points' aspect (clamped to a readable range), px. */
function mapHeight_px(points: readonly [number, number][], width_px: number): number {
  const unit = geoMercator().scale(1).translate([0, 0]);
  const xy = points.map((p) => unit(p)).filter((p): p is [number, number] => p !== null);
  const [x0, x1] = extentOf(xy.map((p) => p[0]));
  const [y0, y1] = extentOf(xy.map((p) => p[1]));
  const w = x1 - x0;
  const h = y1 - y0;
  const aspect = w > 0 ? h / w : 1;
  return Math.round(Math.min(Math.max(width_px * aspect, width_px * 0.5), width_px * 0.8, MAX_HEIGHT_px));
}

/** What every layer draws with: the fitted projection, its path generator and the canvas size. */
interface MapCanvas {
  readonly projection: GeoProjection;
  readonly path: GeoPath;
  readonly width_px: number;
  readonly height_px: number;
}

/** The Mercator projection fitted to the frame's points inside the margins, clipped to the canvas. */
function fitCanvas(points: [number, number][], width_px: number): MapCanvas {
  const height_px = mapHeight_px(points, width_px);
  const margin_px = Math.round(width_px * 0.08);
  const projection = geoMercator()
    .fitExtent(
      [
        [margin_px, margin_px],
        [width_px - margin_px, height_px - margin_px],
      ],
      { type: 'MultiPoint', coordinates: points },
    )
    .clipExtent([
      [0, 0],
      [width_px, height_px],
    ]);
  return { projection, path: geoPath(projection).digits(1), width_px, height_px };
}

/**
 * Renders the map as a standalone SVG string. Text is escaped; the only URL inside is the SVG namespace.
 * @returns `<svg>` markup, `width_px` wide, height from the frame's aspect
 */
export function renderMapSvg(input: MapInput, options: MapOptions, basemap: Basemap = loadBasemap()): string {
  const { scenario, view } = input;
  const canvas = fitCanvas(framePoints(input, options.frame), options.width_px);
  const { width_px, height_px } = canvas;
  const clipId = `${options.idPrefix}-clip`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="map" viewBox="0 0 ${width_px} ${height_px}" width="${width_px}" height="${height_px}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" role="img" aria-label="${escapeHtml(`Map of ${scenario.name}`)}">`,
    `<defs><clipPath id="${clipId}"><rect width="${width_px}" height="${height_px}"/></clipPath></defs>`,
    `<rect width="${width_px}" height="${height_px}" fill="${MAP_COLORS.sea}"/>`,
    `<g clip-path="url(#${clipId})">`,
  );
  drawBasemap(out, canvas, basemap);
  if (input.coverage) drawCoverage(out, canvas, input.coverage);
  drawUnitAndAssetAreas(out, canvas, scenario);
  drawTracks(out, canvas, view);
  drawEndPoints(out, canvas, view);
  drawLaunchAreas(out, canvas, view.threats);
  drawUnitMarkers(out, canvas, scenario.units);
  drawAssetLabels(out, canvas, scenario.assets);
  out.push('</g>', scaleBar(canvas.projection, width_px, height_px), '</svg>');
  return out.join('\n');
}

/** Land, borders and the country names whose centroid falls well inside the canvas. */
function drawBasemap(out: string[], { path, width_px, height_px }: MapCanvas, basemap: Basemap): void {
  out.push(
    `<path class="land" d="${path(basemap.land) ?? ''}" fill="${MAP_COLORS.land}" stroke="#b9b2a3" stroke-width="0.6"/>`,
    `<path class="borders" d="${path(basemap.borders) ?? ''}" fill="none" stroke="${MAP_COLORS.border}" stroke-width="1" stroke-dasharray="5 3"/>`,
  );
  out.push(
    `<g class="countries" font-size="12" fill="${MAP_COLORS.countryLabel}" text-anchor="middle" letter-spacing="2">`,
  );
  for (const c of basemap.countries.features) {
    const [x, y] = path.centroid(c);
    const name = String(c.properties?.name ?? '');
    if (!Number.isFinite(x) || x < 40 || x > width_px - 40 || y < 20 || y > height_px - 20 || name === '')
      continue;
    out.push(`<text x="${fmt(x)}" y="${fmt(y)}">${escapeHtml(name.toUpperCase())}</text>`);
  }
  out.push('</g>');
}

/** The sensors' coverage footprints as one even-odd path. */
function drawCoverage(out: string[], { projection }: MapCanvas, coverage: CoverageLayer): void {
  const d = coverageRings(coverage)
    .map((ring) => polyline(projection, ring as [number, number][], true))
    .join('');
  out.push(
    `<path class="coverage" d="${d}" fill="${MAP_COLORS.coverage}" fill-opacity="0.22" fill-rule="evenodd" stroke="${MAP_COLORS.coverage}" stroke-width="1"/>`,
  );
}

/** Radar sectors and engagement rings of the units, then the defended assets at their true radius. */
function drawUnitAndAssetAreas(out: string[], { projection }: MapCanvas, scenario: Scenario): void {
  for (const u of scenario.units) {
    out.push(
      `<path class="sector" d="${polyline(projection, sectorRing(u), true)}" fill="${MAP_COLORS.sector}" fill-opacity="${isAllRound(u) ? 0 : 0.05}" stroke="${MAP_COLORS.sector}" stroke-opacity="0.55" stroke-width="1"/>`,
      `<path class="envelope" d="${polyline(projection, circleRing(u.position, engagementRadius_m(u)), true)}" fill="none" stroke="${MAP_COLORS.unit}" stroke-opacity="0.6" stroke-width="1" stroke-dasharray="2 3"/>`,
    );
  }
  for (const a of scenario.assets)
    out.push(
      `<path class="asset" d="${polyline(projection, circleRing(a.position, a.radius_m), true)}" fill="${MAP_COLORS.asset}" fill-opacity="0.16" stroke="${MAP_COLORS.asset}" stroke-width="1.5"/>`,
    );
}

/** Threat ground tracks coloured by fate, then interceptor tracks. */
function drawTracks(out: string[], { projection }: MapCanvas, view: RunView): void {
  out.push('<g class="threat-tracks" fill="none" stroke-width="1.6" stroke-opacity="0.85">');
  for (const th of view.threats)
    out.push(
      `<path class="threat-track" data-threat="${escapeHtml(th.id)}" d="${polyline(projection, trackCoords(th.track), false)}" stroke="${fateColor(th.fate)}"/>`,
    );
  out.push('</g>');
  out.push(
    `<g class="interceptor-tracks" fill="none" stroke="${MAP_COLORS.interceptor}" stroke-width="0.9">`,
  );
  for (const i of view.interceptors)
    if (i.track) out.push(`<path d="${polyline(projection, trackCoords(i.track), false)}"/>`);
  out.push('</g>');
}

/** Intercept points (×, a gun kill too) and impact or failure points (●). */
function drawEndPoints(out: string[], { projection }: MapCanvas, view: RunView): void {
  out.push('<g class="points">');
  for (const i of view.interceptors) {
    const p = i.endPoint ? projection(lonLat(i.endPoint)) : null;
    if (!p) continue;
    if (i.result === 'kill') out.push(cross(p[0], p[1], 5, MAP_COLORS.killed, 2.4));
    else if (i.result === 'miss') out.push(cross(p[0], p[1], 3.5, MAP_COLORS.miss, 1.4));
  }
  for (const th of view.threats) {
    const p = th.endPoint ? projection(lonLat(th.endPoint)) : null;
    if (!p) continue;
    if (th.fate === 'killed') {
      if (th.gunRounds > 0 && th.interceptorsFired === 0)
        out.push(cross(p[0], p[1], 5, MAP_COLORS.killed, 2.4));
      continue;
    }
    const color = fateColor(th.fate);
    const onAsset = th.fate === 'impacted' && th.impactAssetId !== null;
    out.push(
      `<circle cx="${fmt(p[0])}" cy="${fmt(p[1])}" r="4" fill="${onAsset || th.fate !== 'impacted' ? color : '#ffffff'}" stroke="${th.fate === 'impacted' ? '#7a0c0c' : '#555'}" stroke-width="1.2"/>`,
    );
  }
  out.push('</g>');
}

/** A triangle and a label per launch area (labels flip left near the right edge). */
function drawLaunchAreas(
  out: string[],
  { projection, width_px }: MapCanvas,
  threats: readonly ThreatView[],
): void {
  for (const area of launchAreas(threats)) {
    const p = projection(area.at);
    if (!p) continue;
    out.push(
      `<path d="M${fmt(p[0])},${fmt(p[1] - 8)}L${fmt(p[0] + 7)},${fmt(p[1] + 5)}L${fmt(p[0] - 7)},${fmt(p[1] + 5)}Z" fill="${MAP_COLORS.launch}" stroke="#fff" stroke-width="1"/>`,
      label(
        p[0] > width_px * 0.7 ? p[0] - 10 : p[0] + 10,
        p[1] - 12,
        area.raids.length > 2
          ? `launch area · ${area.raids.length} raids`
          : `launch: ${area.raids.join(', ')}`,
        MAP_COLORS.launch,
        p[0] > width_px * 0.7 ? 'end' : 'start',
      ),
    );
  }
}

/** A marker (diamond for a C-RAM, square otherwise) and the id of each unit. */
function drawUnitMarkers(out: string[], { projection }: MapCanvas, units: readonly DefenseUnit[]): void {
  for (const u of units) {
    const p = projection(geodeticLonLat(u.position));
    if (!p) continue;
    const marker =
      u.kind === 'c-ram'
        ? `<path d="M${fmt(p[0])},${fmt(p[1] - 6)}L${fmt(p[0] + 6)},${fmt(p[1])}L${fmt(p[0])},${fmt(p[1] + 6)}L${fmt(p[0] - 6)},${fmt(p[1])}Z"`
        : `<rect x="${fmt(p[0] - 5)}" y="${fmt(p[1] - 5)}" width="10" height="10"`;
    out.push(
      `${marker} fill="${MAP_COLORS.unit}" stroke="#fff" stroke-width="1.2"/>`,
      p[0] < 90
        ? label(p[0] + 9, p[1] + 16, u.id, MAP_COLORS.unit, 'start')
        : label(p[0] - 9, p[1] + 4, u.id, MAP_COLORS.unit, 'end'),
    );
  }
}

/** Each asset's name just east of its ring. */
function drawAssetLabels(out: string[], { projection }: MapCanvas, assets: Scenario['assets']): void {
  for (const a of assets) {
    const edge = projection(destination(a.position, Math.PI / 2, a.radius_m));
    const centre = projection(geodeticLonLat(a.position));
    if (!edge || !centre) continue;
    out.push(
      label(Math.max(edge[0], centre[0] + 6) + 6, centre[1] - 8, a.name, MAP_COLORS.asset, 'start', true),
    );
  }
}

/** A haloed label (white outline under the text) so it reads over tracks and sectors. */
function label(
  x: number,
  y: number,
  text: string,
  color: string,
  anchor: 'start' | 'end',
  bold = false,
): string {
  const attrs = `x="${fmt(x)}" y="${fmt(y)}" text-anchor="${anchor}" font-size="12"${bold ? ' font-weight="600"' : ''}`;
  const t = escapeHtml(text);
  return `<text ${attrs} stroke="#fff" stroke-width="3" stroke-linejoin="round" fill="#fff">${t}</text><text ${attrs} fill="${color}">${t}</text>`;
}
