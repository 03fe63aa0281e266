/**
 * @module io/kml
 * A run as KML 2.2 (OGC 07-147r2) for Google Earth: one `Document` with shared `Style`s and `Folder`s for the
 * defended assets (circle polygons), the defence units (placemarks and radar-sector wedge polygons), threat and
 * interceptor tracks (`gx:Track` with one `when` per `gx:coord`, altitude absolute, so the time slider animates
 * them), impacts and intercepts (placemarks with a `TimeStamp`). Times are UTC (`…Z`). Every text and attribute is
 * XML-escaped and characters XML 1.0 forbids are dropped. Element order inside features follows the KML schema
 * (name, description, TimePrimitive, styleUrl, ExtendedData, geometry).
 */
import type { PathRecord } from '../world/paths.js';
import { interceptorResults, outcomeProperties, outcomesById, type RunData, threatsById } from './runData.js';
import {
  ASSET_COLOR,
  ASSET_OUTLINE,
  circleRing,
  deg,
  INTERCEPTOR_COLORS,
  type LonLat,
  metres,
  pathSamples,
  type Rgba,
  SECTOR_COLOR,
  SECTOR_OUTLINE,
  sectorRing,
  THREAT_COLORS,
  UNIT_COLOR,
  utcIso,
} from './runDataGeo.js';

export const KML_NAMESPACE = 'http://www.opengis.net/kml/2.2';
export const GX_NAMESPACE = 'http://www.google.com/kml/ext/2.2';

const RAD_TO_DEG = 180 / Math.PI;

/** Whether a code point is an XML 1.0 `Char` (tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD, U+10000–U+10FFFF). */
export function isXmlChar(code: number): boolean {
  return (
    code === 0x9 ||
    code === 0xa ||
    code === 0xd ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

/** Drops characters XML 1.0 cannot carry (C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
function xmlChars(text: string): string {
  let out = '';
  for (const ch of text) if (isXmlChar(ch.codePointAt(0) ?? 0)) out += ch;
  return out;
}

/** Escapes text for XML element content or a quoted attribute value; drops characters XML cannot carry. */
export function escapeXml(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** KML colour `aabbggrr` (hex) from RGBA 0–255. */
export function kmlColor([r, g, b, a]: Rgba): string {
  const hex = (x: number): string =>
    Math.max(0, Math.min(255, Math.round(x)))
      .toString(16)
      .padStart(2, '0');
  return `${hex(a)}${hex(b)}${hex(g)}${hex(r)}`;
}

/** A tiny XML writer: indented elements, escaped text. */
class Xml {
  private readonly lines: string[] = [];
  private depth = 0;

  open(name: string, attrs: Record<string, string> = {}): this {
    this.lines.push(`${'  '.repeat(this.depth)}<${name}${attributes(attrs)}>`);
    this.depth++;
    return this;
  }

  close(name: string): this {
    this.depth--;
    this.lines.push(`${'  '.repeat(this.depth)}</${name}>`);
    return this;
  }

  /** `<name>text</name>` (escaped). */
  leaf(name: string, text: string | number, attrs: Record<string, string> = {}): this {
    this.lines.push(
      `${'  '.repeat(this.depth)}<${name}${attributes(attrs)}>${escapeXml(String(text))}</${name}>`,
    );
    return this;
  }

  raw(line: string): this {
    this.lines.push(line);
    return this;
  }

  toString(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function attributes(attrs: Record<string, string>): string {
  return Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join('');
}

function coordinates(points: readonly (readonly number[])[]): string {
  return points.map((p) => p.join(',')).join(' ');
}

function extendedData(xml: Xml, data: Record<string, string | number | null | undefined>): void {
  xml.open('ExtendedData');
  for (const [name, value] of Object.entries(data)) {
    if (value === null || value === undefined) continue;
    xml.open('Data', { name }).leaf('value', value).close('Data');
  }
  xml.close('ExtendedData');
}

function polygon(xml: Xml, ring: readonly LonLat[], alt_m: number | null): void {
  xml.open('Polygon');
  if (alt_m === null) xml.leaf('tessellate', 1);
  else xml.leaf('altitudeMode', 'absolute');
  xml.open('outerBoundaryIs').open('LinearRing');
  xml.leaf('coordinates', coordinates(ring.map(([x, y]) => (alt_m === null ? [x, y] : [x, y, alt_m]))));
  xml.close('LinearRing').close('outerBoundaryIs').close('Polygon');
}

function point(xml: Xml, lon: number, lat: number, alt: number, absolute: boolean): void {
  xml.open('Point');
  if (absolute) xml.leaf('altitudeMode', 'absolute');
  xml.leaf('coordinates', `${deg(lon)},${deg(lat)},${metres(alt)}`);
  xml.close('Point');
}

function styles(xml: Xml): void {
  const line = (id: string, rgba: Rgba, width: number): void => {
    xml.open('Style', { id: `style-${id}` });
    xml.open('IconStyle').leaf('color', kmlColor(rgba)).leaf('scale', 0.6);
    xml.open('Icon').leaf('href', 'http://maps.google.com/mapfiles/kml/shapes/shaded_dot.png').close('Icon');
    xml.close('IconStyle');
    xml.open('LabelStyle').leaf('scale', 0).close('LabelStyle');
    xml.open('LineStyle').leaf('color', kmlColor(rgba)).leaf('width', width).close('LineStyle');
    xml.close('Style');
  };
  const area = (id: string, fill: Rgba, outline: Rgba): void => {
    xml.open('Style', { id: `style-${id}` });
    xml.open('LineStyle').leaf('color', kmlColor(outline)).leaf('width', 2).close('LineStyle');
    xml.open('PolyStyle').leaf('color', kmlColor(fill)).close('PolyStyle');
    xml.close('Style');
  };
  const icon = (id: string, rgba: Rgba, href: string, scale: number): void => {
    xml.open('Style', { id: `style-${id}` });
    xml.open('IconStyle').leaf('color', kmlColor(rgba)).leaf('scale', scale);
    xml.open('Icon').leaf('href', href).close('Icon');
    xml.close('IconStyle');
    xml.close('Style');
  };
  area('asset', ASSET_COLOR, ASSET_OUTLINE);
  area('sector', SECTOR_COLOR, SECTOR_OUTLINE);
  icon('unit', UNIT_COLOR, 'http://maps.google.com/mapfiles/kml/shapes/target.png', 1.1);
  for (const [fate, rgba] of Object.entries(THREAT_COLORS)) {
    line(`threat-${fate}`, rgba, 2);
    icon(`impact-${fate}`, rgba, 'http://maps.google.com/mapfiles/kml/shapes/star.png', 1);
  }
  for (const [result, rgba] of Object.entries(INTERCEPTOR_COLORS)) {
    line(`interceptor-${result}`, rgba, 1.5);
    icon(`intercept-${result}`, rgba, 'http://maps.google.com/mapfiles/kml/shapes/placemark_circle.png', 0.8);
  }
}

/** A time-tagged track (`gx:Track`: `when`s then `gx:coord`s, as the schema orders them). */
function track(xml: Xml, run: RunData, path: PathRecord): boolean {
  const samples = pathSamples(path);
  if (samples.length === 0) return false;
  xml.open('gx:Track');
  xml.leaf('altitudeMode', 'absolute');
  for (const s of samples) xml.leaf('when', utcIso(run.time, s.t_s));
  for (const s of samples) xml.leaf('gx:coord', `${s.lon_deg} ${s.lat_deg} ${s.alt_m}`);
  xml.close('gx:Track');
  return true;
}

/** Unique XML ids (`xsd:ID`, an NCName): `prefix-id` with other characters as `_`, `-2`, `-3` … on collisions. */
class XmlIds {
  private readonly used = new Set<string>();

  make(prefix: string, id: string): string {
    const base = `${prefix}-${id.replace(/[^A-Za-z0-9_.-]/g, '_')}`;
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}-${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

type Scenario = NonNullable<RunData['scenario']>;

/** The defended assets as circles of their radius. */
function assetFolder(xml: Xml, ids: XmlIds, scenario: Scenario): void {
  xml.open('Folder').leaf('name', 'Defended assets');
  for (const a of scenario.assets) {
    xml.open('Placemark', { id: ids.make('asset', a.id) });
    xml.leaf('name', a.name);
    xml.leaf('description', `${a.id}: value ${a.value}, radius ${a.radius_m} m`);
    xml.leaf('styleUrl', '#style-asset');
    extendedData(xml, { kind: 'asset', assetId: a.id, value: a.value, radius_m: a.radius_m });
    polygon(xml, circleRing(a.position, a.radius_m), null);
    xml.close('Placemark');
  }
  xml.close('Folder');
}

/** The defence units as points, then their radar sectors as polygons. */
function unitFolder(xml: Xml, ids: XmlIds, scenario: Scenario): void {
  xml.open('Folder').leaf('name', 'Defence units');
  for (const u of scenario.units) {
    xml.open('Placemark', { id: ids.make('unit', u.id) });
    xml.leaf('name', u.id);
    xml.leaf('description', `${u.kind}, radar ${u.radar.type.name}`);
    xml.leaf('styleUrl', '#style-unit');
    extendedData(xml, { kind: 'unit', unitId: u.id, unitKind: u.kind });
    point(xml, u.position.lon_rad * RAD_TO_DEG, u.position.lat_rad * RAD_TO_DEG, u.position.h_m, false);
    xml.close('Placemark');
  }
  for (const u of scenario.units) {
    const r = u.radar;
    xml.open('Placemark', { id: ids.make('sector', u.id) });
    xml.leaf('name', `${u.id} radar sector`);
    xml.leaf(
      'description',
      `${r.type.name}: centre ${Math.round(r.sectorCenter_rad * RAD_TO_DEG)}°, width ${Math.round(
        r.type.sectorWidth_rad * RAD_TO_DEG,
      )}°, range ${Math.round(r.type.maxRange_m / 1000)} km`,
    );
    xml.leaf('styleUrl', '#style-sector');
    extendedData(xml, { kind: 'sector', unitId: u.id, maxRange_m: r.type.maxRange_m });
    polygon(xml, sectorRing(r.position, r.sectorCenter_rad, r.type.sectorWidth_rad, r.type.maxRange_m), null);
    xml.close('Placemark');
  }
  xml.close('Folder');
}

/** Threat tracks, styled by fate, with why each ended as it did. */
function threatFolder(xml: Xml, ids: XmlIds, run: RunData): void {
  const fates = threatsById(run);
  const outcomes = outcomesById(run);
  xml.open('Folder').leaf('name', 'Threat tracks');
  for (const path of run.paths.threats) {
    const t = fates.get(path.id);
    const why = outcomeProperties(outcomes.get(path.id));
    const fate = t?.fate ?? 'airborne';
    xml.open('Placemark', { id: ids.make('threat', path.id) });
    xml.leaf('name', path.id);
    xml.leaf('description', `${path.type}: ${why.why ?? fate}`);
    xml.leaf('styleUrl', `#style-threat-${THREAT_COLORS[fate] ? fate : 'airborne'}`);
    extendedData(xml, {
      kind: 'threat',
      threatId: path.id,
      type: path.type,
      fate,
      assetId: t?.impact?.assetId,
      interceptorsFired: t?.interceptorsFired,
      outcomeCode: why.outcomeCode ?? undefined,
      leakCategory: why.leakCategory ?? undefined,
      responsibleUnit: why.responsibleUnit ?? undefined,
    });
    track(xml, run, path);
    xml.close('Placemark');
  }
  xml.close('Folder');
}

/** Interceptor tracks, styled by result. */
function interceptorFolder(xml: Xml, ids: XmlIds, run: RunData): void {
  const results = interceptorResults(run);
  xml.open('Folder').leaf('name', 'Interceptor tracks');
  for (const path of run.paths.interceptors) {
    const result = results.get(path.id) ?? 'unknown';
    xml.open('Placemark', { id: ids.make('interceptor', path.id) });
    xml.leaf('name', path.id);
    xml.leaf('description', `${path.type} from ${path.unitId ?? '?'}: ${result}`);
    xml.leaf('styleUrl', `#style-interceptor-${result}`);
    extendedData(xml, {
      kind: 'interceptor',
      interceptorId: path.id,
      type: path.type,
      unitId: path.unitId,
      result,
    });
    track(xml, run, path);
    xml.close('Placemark');
  }
  xml.close('Folder');
}

/** Impact and failure points at their times. */
function impactFolder(xml: Xml, ids: XmlIds, run: RunData): void {
  xml.open('Folder').leaf('name', 'Impacts');
  for (const e of run.events) {
    if (e.type !== 'threat.impact' && e.type !== 'threat.failed') continue;
    const fate = e.type === 'threat.impact' ? 'impacted' : 'failed';
    xml.open('Placemark', { id: ids.make('impact', e.threatId) });
    xml.leaf('name', `${e.threatId} ${fate}`);
    xml.leaf('description', e.assetId ? `inside ${e.assetId}` : 'outside every asset');
    xml.open('TimeStamp').leaf('when', utcIso(run.time, e.t_s)).close('TimeStamp');
    xml.leaf('styleUrl', `#style-impact-${fate}`);
    extendedData(xml, { kind: 'impact', threatId: e.threatId, fate, assetId: e.assetId, t_s: e.t_s });
    point(xml, e.point.lon_deg, e.point.lat_deg, e.point.alt_m, false);
    xml.close('Placemark');
  }
  xml.close('Folder');
}

/** Intercept points (closest approaches) at their times. */
function interceptFolder(xml: Xml, ids: XmlIds, run: RunData): void {
  xml.open('Folder').leaf('name', 'Intercepts');
  for (const e of run.events) {
    if (e.type !== 'interceptor.end' || e.point === null) continue;
    xml.open('Placemark', { id: ids.make('intercept', e.interceptorId) });
    xml.leaf('name', `${e.interceptorId} ${e.result}`);
    xml.leaf(
      'description',
      `${e.threatId ?? 'false track'}: ${e.result}${e.miss_m === null ? '' : `, miss ${e.miss_m.toFixed(1)} m`}`,
    );
    xml.open('TimeStamp').leaf('when', utcIso(run.time, e.t_s)).close('TimeStamp');
    xml.leaf('styleUrl', `#style-intercept-${e.result}`);
    extendedData(xml, {
      kind: 'intercept',
      interceptorId: e.interceptorId,
      threatId: e.threatId,
      unitId: e.unitId,
      result: e.result,
      miss_m: e.miss_m === null ? null : Math.round(e.miss_m * 100) / 100,
      t_s: e.t_s,
    });
    point(xml, e.point.lon_deg, e.point.lat_deg, e.point.alt_m, true);
    xml.close('Placemark');
  }
  xml.close('Folder');
}

/**
 * The KML document of a run (UTF-8 text).
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { loadRunData, toKml } from 'aspis';
 * writeFileSync('run.kml', toKml(loadRunData('runs/al-asad-2020-seed1')));
 * ```
 */
export function toKml(run: RunData): string {
  const xml = new Xml();
  const ids = new XmlIds();
  xml.raw('<?xml version="1.0" encoding="UTF-8"?>');
  xml.open('kml', { xmlns: KML_NAMESPACE, 'xmlns:gx': GX_NAMESPACE });
  xml.open('Document');
  xml.leaf('name', run.scenarioName || 'aspis run');
  xml.leaf('open', 1);
  xml.leaf(
    'description',
    `aspis run — ${run.scenarioName}, seed ${run.seed}, start ${run.start} (times in UTC), event-log SHA-256 ${run.hash}. All data notional.`,
  );
  styles(xml);

  if (run.scenario) {
    assetFolder(xml, ids, run.scenario);
    unitFolder(xml, ids, run.scenario);
  }
  threatFolder(xml, ids, run);
  interceptorFolder(xml, ids, run);
  impactFolder(xml, ids, run);
  interceptFolder(xml, ids, run);
  xml.close('Document');
  xml.close('kml');
  return xml.toString();
}
