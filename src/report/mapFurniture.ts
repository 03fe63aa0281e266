/**
 * @module report/mapFurniture
 * What a printed map needs besides its data, for projected SVG maps (d3-geo Mercator, north up): a scale bar of a
 * round length in km, a north arrow, and a graticule — meridians and parallels at a round spacing in degrees with
 * labels in the margins. Each piece is one `<g>` with an id, so tests and stylesheets can find it. The scale bar
 * is measured on a sphere at the bar's own latitude (Mercator's scale changes with latitude; over a coverage map a
 * hundred km tall the change is about 1 %, and the sphere's error is smaller still).
 */
import type { GeoProjection } from 'd3-geo';

/** Pixel rectangle of the map frame. */
export interface FrameBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const DEG_PER_RAD = 180 / Math.PI;
/** Mean Earth radius for the scale bar's metres per degree, m (the bar is a few % of the map: a sphere is enough). */
const EARTH_RADIUS_m = 6_371_008.8;

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : '0';
}

/**
 * A round length (1, 2 or 5 × 10ⁿ) not above `target`.
 * @example
 * ```ts
 * niceStep(37); // 20
 * niceStep(0.3); // 0.2
 * ```
 */
export function niceStep(target: number): number {
  const exp = 10 ** Math.floor(Math.log10(target));
  for (const f of [5, 2, 1]) if (f * exp <= target * (1 + 1e-9)) return f * exp;
  return exp;
}

/**
 * Scale bar at the lower right of the frame: a round number of km (1, 2 or 5 × 10ⁿ) about a fifth of the frame
 * wide, in two halves (black, white) with 0, the middle and the length labelled.
 * @example
 * ```ts
 * const svg = scaleBarSvg(geoMercator().fitSize([600, 400], area), { x: 0, y: 0, width: 600, height: 400 });
 * ```
 */
export function scaleBarSvg(projection: GeoProjection, frame: FrameBox): string {
  const xRight = frame.x + frame.width - 30; // room for the unit after the bar
  const y = frame.y + frame.height - 18;
  const at = projection.invert?.([xRight, y]);
  if (!at) return '';
  // px per km east–west at the bar's latitude: 1° of longitude spans R·cos(lat)·π/180 m
  const east = projection([at[0] + 0.1, at[1]]);
  if (!east) return '';
  const m_per_0_1deg = (EARTH_RADIUS_m * Math.cos(at[1] / DEG_PER_RAD) * 0.1) / DEG_PER_RAD;
  const px_per_km = ((east[0] - xRight) / m_per_0_1deg) * 1000;
  const length_km = niceStep((frame.width * 0.2) / px_per_km);
  const len_px = length_km * px_per_km;
  const x0 = xRight - len_px;
  const half = len_px / 2;
  const label = (km: number) => `${Number(km.toPrecision(6))}`;
  return [
    `<g id="scale-bar" font-size="10" fill="#222">`,
    `<rect x="${fmt(x0 - 10)}" y="${fmt(y - 22)}" width="${fmt(len_px + 36)}" height="32" rx="3" fill="white" fill-opacity="0.85"/>`,
    `<rect x="${fmt(x0)}" y="${fmt(y - 4)}" width="${fmt(half)}" height="5" fill="#222" stroke="#222" stroke-width="0.8"/>`,
    `<rect x="${fmt(x0 + half)}" y="${fmt(y - 4)}" width="${fmt(half)}" height="5" fill="white" stroke="#222" stroke-width="0.8"/>`,
    `<text x="${fmt(x0)}" y="${fmt(y - 8)}" text-anchor="middle">0</text>`,
    `<text x="${fmt(x0 + half)}" y="${fmt(y - 8)}" text-anchor="middle">${label(length_km / 2)}</text>`,
    `<text x="${fmt(x0 + len_px)}" y="${fmt(y - 8)}" text-anchor="middle">${label(length_km)}</text>`,
    `<text x="${fmt(x0 + len_px + 5)}" y="${fmt(y + 1)}">km</text>`,
    '</g>',
  ].join('');
}

/**
 * North arrow at the upper right of the frame, below a title band of `top_px`. Mercator keeps north straight up.
 * @example
 * ```ts
 * const svg = northArrowSvg({ x: 0, y: 0, width: 600, height: 400 }, 20);
 * ```
 */
export function northArrowSvg(frame: FrameBox, top_px = 0): string {
  const x = frame.x + frame.width - 22;
  const y = frame.y + top_px + 26;
  return [
    `<g id="north-arrow" transform="translate(${fmt(x)},${fmt(y)})">`,
    '<circle r="15" fill="white" fill-opacity="0.85" stroke="#999" stroke-width="0.6"/>',
    '<path d="M0,-11L5,5L0,2Z" fill="#222"/><path d="M0,-11L-5,5L0,2Z" fill="white" stroke="#222" stroke-width="0.8"/>',
    '<text y="-16" text-anchor="middle" font-size="11" font-weight="bold" fill="#222">N</text>',
    '</g>',
  ].join('');
}

/** Graticule spacings in degrees, finest first (1′ … 10°, round in decimal degrees). */
const GRATICULE_STEPS_deg = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10];

/**
 * The finest round spacing (degrees) giving at most `maxLines` lines across `span_deg`.
 * @example
 * ```ts
 * graticuleStep_deg(1.2, 6); // 0.25
 * ```
 */
export function graticuleStep_deg(span_deg: number, maxLines: number): number {
  for (const step of GRATICULE_STEPS_deg) if (span_deg / step <= maxLines) return step;
  return GRATICULE_STEPS_deg[GRATICULE_STEPS_deg.length - 1];
}

function degreeLabel(value_deg: number, step_deg: number, positive: string, negative: string): string {
  const decimals = Math.max(0, Math.ceil(-Math.log10(step_deg) - 1e-9));
  const text = Math.abs(value_deg).toFixed(decimals);
  return `${text}°${value_deg >= 0 ? positive : negative}`;
}

/** Multiples of `step` inside [lo, hi]. */
function ticks(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let k = Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9; k++)
    out.push(Number((k * step).toFixed(6)));
  return out;
}

/**
 * Graticule over the frame: meridians and parallels at one round spacing (the finer of the two axes' choices, at
 * most about 6 lines per axis), thin grey lines under the data, latitudes labelled in the left margin and
 * longitudes in the bottom margin (outside the frame, so they never hide data).
 * @example
 * ```ts
 * const svg = graticuleSvg(projection, { x: 44, y: 10, width: 846, height: 600 });
 * ```
 */
export function graticuleSvg(projection: GeoProjection, frame: FrameBox): string {
  const nw = projection.invert?.([frame.x, frame.y]);
  const se = projection.invert?.([frame.x + frame.width, frame.y + frame.height]);
  if (!nw || !se) return '';
  const [west, north] = nw;
  const [east, south] = se;
  const step = Math.min(graticuleStep_deg(east - west, 6), graticuleStep_deg(north - south, 6));
  const lines: string[] = [];
  const labels: string[] = [];
  const bottom = frame.y + frame.height;
  for (const lon of ticks(west, east, step)) {
    const p = projection([lon, (north + south) / 2]);
    if (!p) continue;
    lines.push(`M${fmt(p[0])},${fmt(frame.y)}V${fmt(bottom)}`);
    labels.push(
      `<text x="${fmt(p[0])}" y="${fmt(bottom + 13)}" text-anchor="middle">${degreeLabel(lon, step, 'E', 'W')}</text>`,
    );
  }
  for (const lat of ticks(south, north, step)) {
    const p = projection([(west + east) / 2, lat]);
    if (!p) continue;
    lines.push(`M${fmt(frame.x)},${fmt(p[1])}H${fmt(frame.x + frame.width)}`);
    labels.push(
      `<text x="${fmt(frame.x - 3)}" y="${fmt(p[1] + 3)}" text-anchor="end">${degreeLabel(lat, step, 'N', 'S')}</text>`,
    );
  }
  return [
    `<g id="graticule" data-step-deg="${step}">`,
    `<path d="${lines.join('')}" fill="none" stroke="#7a7a7a" stroke-width="0.5" stroke-opacity="0.6"/>`,
    `<g font-size="9" fill="#444">${labels.join('')}</g>`,
    '</g>',
  ].join('');
}
