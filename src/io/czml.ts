/**
 * @module io/czml
 * A run as CZML (Cesium's time-dynamic JSON, https://github.com/AnalyticalGraphicsInc/czml-writer/wiki/CZML-Guide):
 * an array of packets. The first is the `document` packet (CZML version 1.0 and a clock over the run); then one
 * packet per asset (ellipse of its radius), per unit (point and label, plus its radar sector as a polygon), per
 * threat and interceptor (time-tagged `cartographicDegrees` samples relative to an epoch, with `path` and `point`
 * graphics coloured by fate), per impact and per intercept (points that appear at their time).
 *
 * Times: the epoch is the scenario start converted to UTC (`…Z`, offset applied); sample times are seconds after
 * it, i.e. simulation time. Ids are prefixed by kind (`threat/wave-1-1`, `interceptor/patriot-1-I1`, `asset/…`,
 * `unit/…`, `sector/…`, `impact/…`, `intercept/…`) so they are unique across kinds.
 */
import type { PathRecord } from '../world/paths.js';
import { interceptorResults, outcomeProperties, outcomesById, type RunData, threatsById } from './runData.js';
import {
  ASSET_COLOR,
  ASSET_OUTLINE,
  deg,
  interceptorColor,
  metres,
  pathSamples,
  type Rgba,
  SECTOR_COLOR,
  SECTOR_OUTLINE,
  seconds,
  sectorRing,
  threatColor,
  UNIT_COLOR,
  utcIso,
} from './runDataGeo.js';

/** A CZML packet (loosely typed: CZML has many optional graphics members). */
export interface CzmlPacket {
  readonly id: string;
  readonly [member: string]: unknown;
}

/** Options of `toCzml`. */
export interface CzmlOptions {
  /** Clock multiplier (simulation seconds per wall second) when the document is played. Default 10. */
  readonly multiplier?: number;
}

const RAD_TO_DEG = 180 / Math.PI;

/** HTML-escapes text for CZML `description` (rendered as HTML in Cesium's info box). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

function table(rows: ReadonlyArray<readonly [string, string | number | null | undefined]>): string {
  const body = rows
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(String(v))}</td></tr>`)
    .join('');
  return `<table>${body}</table>`;
}

/** Drops null and undefined members (CZML custom properties must have values). */
function compact(obj: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== null && v !== undefined));
}

const color = (rgba: Rgba): { rgba: number[] } => ({ rgba: [...rgba] });

const solid = (rgba: Rgba): { solidColor: { color: { rgba: number[] } } } => ({
  solidColor: { color: color(rgba) },
});

function label(text: string): Record<string, unknown> {
  return {
    text,
    font: '12pt sans-serif',
    style: 'FILL_AND_OUTLINE',
    outlineWidth: 2,
    outlineColor: color([0, 0, 0, 255]),
    fillColor: color([255, 255, 255, 255]),
    verticalOrigin: 'BOTTOM',
    pixelOffset: { cartesian2: [0, -12] },
  };
}

/** Makes ids unique (a second `x` becomes `x#2`). */
function uniqueIds(packets: CzmlPacket[]): CzmlPacket[] {
  const seen = new Map<string, number>();
  return packets.map((p) => {
    const n = (seen.get(p.id) ?? 0) + 1;
    seen.set(p.id, n);
    return n === 1 ? p : { ...p, id: `${p.id}#${n}` };
  });
}

function trackPacket(
  run: RunData,
  path: PathRecord,
  id: string,
  rgba: Rgba,
  properties: Record<string, unknown>,
  description: string,
  name: string,
): CzmlPacket | null {
  const samples = pathSamples(path);
  if (samples.length === 0) return null;
  const first = samples[0];
  const last = samples[samples.length - 1];
  const cartographicDegrees: number[] = [];
  for (const s of samples) cartographicDegrees.push(s.t_s, s.lon_deg, s.lat_deg, s.alt_m);
  return {
    id,
    name,
    description,
    availability: `${utcIso(run.time, first.t_s)}/${utcIso(run.time, last.t_s)}`,
    properties: compact(properties),
    position: { epoch: utcIso(run.time, 0), cartographicDegrees },
    point: { pixelSize: 7, color: color(rgba), outlineColor: color([0, 0, 0, 255]), outlineWidth: 1 },
    path: {
      show: true,
      width: 2,
      leadTime: 0,
      trailTime: seconds(last.t_s - first.t_s + 1),
      resolution: 1,
      material: solid(rgba),
    },
  };
}

type Asset = NonNullable<RunData['scenario']>['assets'][number];
type Unit = NonNullable<RunData['scenario']>['units'][number];
type RunEvent = RunData['events'][number];

/** The `document` packet: name, notional-data description and a clock over the run. */
function documentPacket(run: RunData, options: CzmlOptions): CzmlPacket {
  const time = run.time;
  const end_s = run.end_s;
  const firstLaunch = run.events.find((e) => e.type === 'threat.launch');
  return {
    id: 'document',
    name: run.scenarioName || 'aspis run',
    version: '1.0',
    description: escapeHtml(
      `aspis run — ${run.scenarioName}, seed ${run.seed}, start ${run.start}, event-log SHA-256 ${run.hash}. Notional data.`,
    ),
    clock: {
      interval: `${utcIso(time, 0)}/${utcIso(time, end_s)}`,
      currentTime: utcIso(time, firstLaunch ? Math.max(0, firstLaunch.t_s - 10) : 0),
      multiplier: options.multiplier ?? 10,
      range: 'LOOP_STOP',
      step: 'SYSTEM_CLOCK_MULTIPLIER',
    },
  };
}

/** An asset: its defended radius as an ellipse, with a label. */
function assetPacket(a: Asset): CzmlPacket {
  return {
    id: `asset/${a.id}`,
    name: a.name,
    description: table([
      ['asset', a.id],
      ['value', a.value],
      ['radius (m)', a.radius_m],
    ]),
    properties: { kind: 'asset', assetId: a.id, value: a.value, radius_m: a.radius_m },
    position: {
      cartographicDegrees: [
        deg(a.position.lon_rad * RAD_TO_DEG),
        deg(a.position.lat_rad * RAD_TO_DEG),
        metres(a.position.h_m),
      ],
    },
    ellipse: {
      semiMajorAxis: a.radius_m,
      semiMinorAxis: a.radius_m,
      height: metres(a.position.h_m),
      material: solid(ASSET_COLOR),
      outline: true,
      outlineColor: color(ASSET_OUTLINE),
    },
    label: label(a.name),
  };
}

/** A unit: its point and label, and its radar sector as a polygon. */
function unitPackets(u: Unit): CzmlPacket[] {
  const lon = deg(u.position.lon_rad * RAD_TO_DEG);
  const lat = deg(u.position.lat_rad * RAD_TO_DEG);
  const h = metres(u.position.h_m);
  const unit: CzmlPacket = {
    id: `unit/${u.id}`,
    name: u.id,
    description: table([
      ['unit', u.id],
      ['kind', u.kind],
      ['radar', u.radar.type.name],
    ]),
    properties: { kind: 'unit', unitId: u.id, unitKind: u.kind },
    position: { cartographicDegrees: [lon, lat, h] },
    point: {
      pixelSize: 10,
      color: color(UNIT_COLOR),
      outlineColor: color([0, 0, 0, 255]),
      outlineWidth: 2,
    },
    label: label(u.id),
  };
  const ring = sectorRing(
    u.radar.position,
    u.radar.sectorCenter_rad,
    u.radar.type.sectorWidth_rad,
    u.radar.type.maxRange_m,
  );
  const positions: number[] = [];
  for (const [x, y] of ring.slice(0, -1)) positions.push(x, y, h);
  const sector: CzmlPacket = {
    id: `sector/${u.id}`,
    name: `${u.id} radar sector`,
    description: table([
      ['radar', u.radar.type.name],
      ['sector centre (deg)', Math.round(u.radar.sectorCenter_rad * RAD_TO_DEG * 10) / 10],
      ['sector width (deg)', Math.round(u.radar.type.sectorWidth_rad * RAD_TO_DEG * 10) / 10],
      ['max range (km)', Math.round(u.radar.type.maxRange_m / 100) / 10],
    ]),
    properties: { kind: 'sector', unitId: u.id, maxRange_m: u.radar.type.maxRange_m },
    polygon: {
      positions: { cartographicDegrees: positions },
      height: h,
      material: solid(SECTOR_COLOR),
      outline: true,
      outlineColor: color(SECTOR_OUTLINE),
    },
  };
  return [unit, sector];
}

/** Threat tracks, coloured by fate, with why each ended as it did. */
function threatPackets(run: RunData): CzmlPacket[] {
  const out: CzmlPacket[] = [];
  const fates = threatsById(run);
  const outcomes = outcomesById(run);
  for (const path of run.paths.threats) {
    const t = fates.get(path.id);
    const fate = t?.fate ?? 'unknown';
    const why = outcomeProperties(outcomes.get(path.id));
    const packet = trackPacket(
      run,
      path,
      `threat/${path.id}`,
      threatColor(fate),
      { kind: 'threat', threatId: path.id, type: path.type, fate, ...why },
      table([
        ['threat', path.id],
        ['type', path.type],
        ['fate', fate],
        ['impact asset', t?.impact?.assetId ?? null],
        ['interceptors fired', t?.interceptorsFired ?? null],
        ['why', why.why],
      ]),
      `${path.id} (${fate})`,
    );
    if (packet) out.push(packet);
  }
  return out;
}

/** Interceptor tracks, coloured by result. */
function interceptorPackets(run: RunData): CzmlPacket[] {
  const out: CzmlPacket[] = [];
  const results = interceptorResults(run);
  for (const path of run.paths.interceptors) {
    const result = results.get(path.id) ?? null;
    const packet = trackPacket(
      run,
      path,
      `interceptor/${path.id}`,
      interceptorColor(result),
      { kind: 'interceptor', interceptorId: path.id, type: path.type, unitId: path.unitId, result },
      table([
        ['interceptor', path.id],
        ['type', path.type],
        ['unit', path.unitId],
        ['result', result],
      ]),
      `${path.id} (${result ?? 'in flight'})`,
    );
    if (packet) out.push(packet);
  }
  return out;
}

/** An impact, failure or intercept point that appears at its time and stays to the end; null for other events. */
function eventPacket(run: RunData, e: RunEvent, until: string): CzmlPacket | null {
  const time = run.time;
  if (e.type === 'threat.impact' || e.type === 'threat.failed') {
    const fate = e.type === 'threat.impact' ? 'impacted' : 'failed';
    return {
      id: `impact/${e.threatId}`,
      name: `${e.threatId} ${e.type === 'threat.impact' ? 'impact' : 'failure'}`,
      description: table([
        ['threat', e.threatId],
        ['fate', fate],
        ['asset', e.assetId],
        ['time (UTC)', utcIso(time, e.t_s)],
      ]),
      availability: `${utcIso(time, e.t_s)}/${until}`,
      properties: compact({ kind: 'impact', threatId: e.threatId, fate, assetId: e.assetId }),
      position: {
        cartographicDegrees: [deg(e.point.lon_deg), deg(e.point.lat_deg), metres(e.point.alt_m)],
      },
      point: {
        pixelSize: 9,
        color: color(threatColor(fate)),
        outlineColor: color([0, 0, 0, 255]),
        outlineWidth: 1,
      },
    };
  }
  if (e.type === 'interceptor.end' && e.point !== null) {
    return {
      id: `intercept/${e.interceptorId}`,
      name: `${e.interceptorId} ${e.result}`,
      description: table([
        ['interceptor', e.interceptorId],
        ['threat', e.threatId],
        ['result', e.result],
        ['miss distance (m)', e.miss_m === null ? null : Math.round(e.miss_m * 10) / 10],
        ['time (UTC)', utcIso(time, e.t_s)],
      ]),
      availability: `${utcIso(time, e.t_s)}/${until}`,
      properties: compact({
        kind: 'intercept',
        interceptorId: e.interceptorId,
        threatId: e.threatId,
        unitId: e.unitId,
        result: e.result,
        miss_m: e.miss_m,
      }),
      position: {
        cartographicDegrees: [deg(e.point.lon_deg), deg(e.point.lat_deg), metres(e.point.alt_m)],
      },
      point: {
        pixelSize: 6,
        color: color(interceptorColor(e.result)),
        outlineColor: color([0, 0, 0, 255]),
        outlineWidth: 1,
      },
    };
  }
  return null;
}

/**
 * The CZML document (array of packets) of a run.
 * @example
 * ```ts
 * import { writeFileSync } from 'node:fs';
 * import { loadRunData, toCzml } from 'aspis';
 * const run = loadRunData('scenarios/al-asad-2020.yaml', { seed: 1 });
 * writeFileSync('run.czml', JSON.stringify(toCzml(run)));
 * ```
 */
export function toCzml(run: RunData, options: CzmlOptions = {}): CzmlPacket[] {
  const packets: CzmlPacket[] = [documentPacket(run, options)];
  if (run.scenario) {
    for (const a of run.scenario.assets) packets.push(assetPacket(a));
    for (const u of run.scenario.units) for (const p of unitPackets(u)) packets.push(p);
  }
  // appended one by one: a spread of a large raid's paths into push would overflow the stack
  for (const p of threatPackets(run)) packets.push(p);
  for (const p of interceptorPackets(run)) packets.push(p);
  const until = utcIso(run.time, run.end_s);
  for (const e of run.events) {
    const packet = eventPacket(run, e, until);
    if (packet) packets.push(packet);
  }
  return uniqueIds(packets);
}
