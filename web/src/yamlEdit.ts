/**
 * @module web/yamlEdit
 * What the workbench map can move in a scenario's YAML text, and the text edits that move it: unit positions
 * (`units[i].at.lat/lon`), asset positions (`assets[i].lat/lon`) and radar sector centres
 * (`units[i].radar.sectorCenter`). Read with the `yaml` package's Document API; an edit replaces only the source
 * text of the scalar it changes, so comments, flow mappings and number formats elsewhere stay as written. A field
 * the text does not have yet is added with `Document.setIn` (the whole text re-printed, comments kept).
 */
import { isScalar, type Node, parseDocument } from 'yaml';

/** A key path into the YAML document. */
export type YamlPath = readonly (string | number)[];

/** Something the map can drag: a unit or an asset, where it is, and (units) where its radar looks. */
export interface EditPoint {
  readonly kind: 'unit' | 'asset';
  /** `unit:patriot-1`, `asset:al-asad` (stable while the text changes elsewhere). */
  readonly key: string;
  readonly label: string;
  readonly lat_deg: number;
  readonly lon_deg: number;
  readonly latPath: YamlPath;
  readonly lonPath: YamlPath;
  /** Units: the radar's sector centre, clockwise from north (deg), and its field. */
  readonly sector?: { readonly center_deg: number; readonly path: YamlPath };
}

/** One text change, in offsets of the text it was computed from. */
export interface TextChange {
  readonly from: number;
  readonly to: number;
  readonly insert: string;
}

/** Degrees per radian. */
const DEG_PER_RAD = 180 / Math.PI;

/** An angle as a scenario writes it (`81deg`, `1.4rad`, `-30 deg`, a number in radians) → degrees, or null. */
export function angleDegrees(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value * DEG_PER_RAD : null;
  if (typeof value !== 'string') return null;
  const m = /^\s*(-?\d+(?:\.\d*)?(?:e-?\d+)?)\s*(deg|°|rad|mrad)?\s*$/i.exec(value);
  if (!m) return null;
  const x = Number(m[1]);
  const unit = (m[2] ?? 'rad').toLowerCase();
  if (unit === 'deg' || unit === '°') return x;
  return unit === 'mrad' ? (x / 1000) * DEG_PER_RAD : x * DEG_PER_RAD;
}

function finite(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/**
 * The units and assets of a scenario text that have a readable position (the rest are skipped: the editor's
 * linter says what is wrong with them).
 * @example
 * ```ts
 * import { editPointsOf } from './yamlEdit.js';
 * editPointsOf('assets: [{ id: b, lat: 33.8, lon: 42.4 }]')[0]; // { kind: 'asset', key: 'asset:b', lat_deg: 33.8, … }
 * ```
 */
export function editPointsOf(yamlText: string): EditPoint[] {
  let doc: Record<string, unknown>;
  try {
    doc = parseDocument(yamlText).toJS({ maxAliasCount: 100 }) as Record<string, unknown>;
  } catch {
    return [];
  }
  if (doc === null || typeof doc !== 'object') return [];
  const points: EditPoint[] = [];
  const units = Array.isArray(doc.units) ? doc.units : [];
  units.forEach((u: Record<string, unknown> | null, i: number) => {
    const at = u?.at as Record<string, unknown> | undefined;
    const lat = finite(at?.lat);
    const lon = finite(at?.lon);
    if (lat === null || lon === null) return;
    const radar = u?.radar as Record<string, unknown> | undefined;
    const center = radar?.sectorCenter === undefined ? 0 : angleDegrees(radar.sectorCenter);
    const id = typeof u?.id === 'string' ? u.id : `#${i}`;
    points.push({
      kind: 'unit',
      key: `unit:${id}`,
      label: id,
      lat_deg: lat,
      lon_deg: lon,
      latPath: ['units', i, 'at', 'lat'],
      lonPath: ['units', i, 'at', 'lon'],
      ...(radar && center !== null
        ? { sector: { center_deg: center, path: ['units', i, 'radar', 'sectorCenter'] } }
        : {}),
    });
  });
  const assets = Array.isArray(doc.assets) ? doc.assets : [];
  assets.forEach((a: Record<string, unknown> | null, i: number) => {
    const lat = finite(a?.lat);
    const lon = finite(a?.lon);
    if (lat === null || lon === null) return;
    const id = typeof a?.id === 'string' ? a.id : `#${i}`;
    points.push({
      kind: 'asset',
      key: `asset:${id}`,
      label: typeof a?.name === 'string' ? a.name : id,
      lat_deg: lat,
      lon_deg: lon,
      latPath: ['assets', i, 'lat'],
      lonPath: ['assets', i, 'lon'],
    });
  });
  return points;
}

/** A latitude or longitude as the text writes it: 5 decimals (about a metre), no trailing zeros. */
export function formatDegrees(x: number): string {
  return String(Number(x.toFixed(5)));
}

/** A sector centre as the text writes it: whole degrees in [0, 360), with the unit. */
export function formatAzimuth(deg: number): string {
  return `${(((Math.round(deg) % 360) + 360) % 360).toString()}deg`;
}

/**
 * The text changes that set each path to its value (already formatted as YAML plain scalars): the source text of
 * each existing scalar is replaced in place; when a path is missing, one change re-prints the whole document with
 * `setIn` (comments kept).
 * @example
 * ```ts
 * import { editsFor } from './yamlEdit.js';
 * editsFor('at: { lat: 1, lon: 2 }', [{ path: ['at', 'lat'], value: '1.5' }]); // [{ from: 11, to: 12, insert: '1.5' }]
 * ```
 */
export function editsFor(
  yamlText: string,
  settings: readonly { path: YamlPath; value: string }[],
): TextChange[] {
  const doc = parseDocument(yamlText);
  const changes: TextChange[] = [];
  for (const { path, value } of settings) {
    const node = doc.getIn(path, true) as Node | undefined;
    if (!isScalar(node) || node.range === undefined || node.range === null) {
      for (const s of settings) doc.setIn(s.path, parseDocument(s.value).contents);
      return [{ from: 0, to: yamlText.length, insert: doc.toString() }];
    }
    changes.push({ from: node.range[0], to: node.range[1], insert: value });
  }
  return changes.sort((a, b) => a.from - b.from);
}

/** The text with the changes applied (they are in offsets of `yamlText` and do not overlap). */
export function applyChanges(yamlText: string, changes: readonly TextChange[]): string {
  let out = '';
  let at = 0;
  for (const c of [...changes].sort((a, b) => a.from - b.from)) {
    out += yamlText.slice(at, c.from) + c.insert;
    at = c.to;
  }
  return out + yamlText.slice(at);
}
