/**
 * @module report/chartsRun
 * Vega-Lite specs of one run's charts for the HTML report: the engagement timeline (one row per threat, one panel
 * per raid, x = local clock time) and the altitude-versus-ground-range profiles of threats and interceptors. Specs
 * only; `renderVegaLiteSvg` draws them. Display units (km, clock time) are converted here, at the UI edge.
 */

import { maxOf } from '../math/extent.js';
import { thinnedIndices } from '../math/thin.js';
import type { Scenario } from '../scenario/types.js';
import type { VegaLiteSpec } from './charts.js';
import { localSecondsOfDay } from './clock.js';
import {
  groundDistance_m,
  type RunView,
  type ThreatView,
  TIMELINE_KINDS,
  type TimelineKind,
} from './htmlData.js';
import { fateColor, MAP_COLORS } from './map.js';

const M_PER_KM = 1000;
const MS_PER_S = 1000;
/** Any fixed day: the timeline shows only the time of day, formatted in UTC so the host's time zone cannot leak in. */
const CLOCK_EPOCH_ms = Date.UTC(2000, 0, 1);

/** Colour and shape of each timeline mark kind. */
const TIMELINE_STYLE: Readonly<Record<TimelineKind, { color: string; shape: string }>> = {
  launch: { color: MAP_COLORS.launch, shape: 'triangle-right' },
  warning: { color: '#e6a100', shape: 'diamond' },
  'first detection': { color: '#9467bd', shape: 'circle' },
  'track confirmed': { color: '#17becf', shape: 'square' },
  'interceptor launch': { color: MAP_COLORS.interceptor, shape: 'triangle-up' },
  'gun burst': { color: '#393b79', shape: 'triangle-up' },
  miss: { color: MAP_COLORS.miss, shape: 'cross' },
  killed: { color: MAP_COLORS.killed, shape: 'cross' },
  impact: { color: MAP_COLORS.impacted, shape: 'circle' },
  failed: { color: MAP_COLORS.failed, shape: 'circle' },
};

/** Simulation time → a UTC timestamp whose time of day is the scenario's local clock time, ms. */
export function clockTimestamp(start: string): (t_s: number) => number {
  const base_s = localSecondsOfDay(start) ?? 0;
  return (t_s) => CLOCK_EPOCH_ms + (base_s + t_s) * MS_PER_S;
}

/**
 * The engagement timeline: per threat a bar from launch to its end coloured by fate, and a mark at each event
 * (launch, warning, first detection, track confirmed, interceptor launches / gun bursts, misses, kill / impact /
 * failure). One panel per raid with its own clock axis, so waves hours apart stay readable.
 */
export function timelineSpec(scenario: Scenario, view: RunView, width_px: number): VegaLiteSpec {
  const kinds = TIMELINE_KINDS.filter((k) => view.timeline.some((m) => m.kind === k));
  return {
    data: { values: timelineRows(scenario, view) },
    facet: { row: raidFacet() },
    spacing: 14,
    resolve: { scale: { x: 'independent', y: 'independent' }, axis: { x: 'independent' } },
    spec: {
      width: width_px,
      height: { step: 20 },
      layer: [timelineSpanLayer(), timelineMarkLayer(kinds)],
    },
  } as VegaLiteSpec;
}

/**
 * The timeline's data: one `span` row per threat (launch to end, fate colour), then one `mark` row per event;
 * times on the scenario's local clock.
 */
function timelineRows(scenario: Scenario, view: RunView): Record<string, unknown>[] {
  const clock = clockTimestamp(scenario.start);
  // axis order as numeric fields: a sort *array* compiles in Vega-Lite to one nested ternary per entry, which
  // overflows the stack when Vega compiles it for a 1,000-round salvo
  const threatOrder = new Map(view.threats.map((th, index) => [th.id, index]));
  const raids = [...new Set(view.threats.map((th) => th.raid))];
  const raidOrder = new Map(raids.map((raid, index) => [raid, index]));
  const spans = view.threats.map((th) => ({
    row: 'span',
    threat: th.id,
    threatOrder: threatOrder.get(th.id) ?? 0,
    raid: th.raid,
    raidOrder: raidOrder.get(th.raid) ?? 0,
    time: clock(th.launch_s),
    end: clock(th.end_s ?? scenario.duration_s),
    color: fateColor(th.fate),
  }));
  const marks = view.timeline.map((m) => ({
    row: 'mark',
    threat: m.threatId,
    threatOrder: threatOrder.get(m.threatId) ?? 0,
    raid: m.raid,
    raidOrder: raidOrder.get(m.raid) ?? 0,
    time: clock(m.t_s),
    kind: m.kind,
  }));
  return [...spans, ...marks];
}

/**
 * One timeline panel per raid, in first-launch order, titled at its top left. (The spec pieces are built fresh per
 * call, never shared module constants: a spec handed to Vega must not alias another's objects.)
 */
function raidFacet() {
  return {
    field: 'raid',
    type: 'nominal',
    sort: { field: 'raidOrder', op: 'min' },
    title: null,
    header: {
      labelAngle: 0,
      labelOrient: 'top',
      labelAnchor: 'start',
      labelFontWeight: 600,
      labelFontSize: 13,
    },
  };
}

/** The timeline's y axis: one row per threat, in view order. */
function threatAxis() {
  return {
    field: 'threat',
    type: 'nominal',
    title: null,
    sort: { field: 'threatOrder', op: 'min' },
  };
}

/** The timeline's x axis: local clock time. */
function timeAxis() {
  return {
    field: 'time',
    type: 'temporal',
    scale: { type: 'utc', padding: 10 },
    title: 'local time',
    axis: { format: '%H:%M:%S', labelOverlap: true, tickCount: 8 },
  };
}

/** Each threat's launch-to-end bar. */
function timelineSpanLayer() {
  return {
    transform: [{ filter: "datum.row === 'span'" }],
    mark: { type: 'rule', strokeWidth: 7, opacity: 0.28, strokeCap: 'round' },
    encoding: {
      y: threatAxis(),
      x: timeAxis(),
      x2: { field: 'end' },
      // colour given directly (no scale): one legend, the events', shared by every raid panel
      color: { field: 'color', type: 'nominal', scale: null },
    },
  };
}

/** The event marks, coloured and shaped by kind (the legend lists only the kinds present). */
function timelineMarkLayer(kinds: readonly TimelineKind[]) {
  return {
    transform: [{ filter: "datum.row === 'mark'" }],
    mark: { type: 'point', filled: true, size: 60, opacity: 0.95 },
    encoding: {
      y: threatAxis(),
      x: timeAxis(),
      color: {
        field: 'kind',
        type: 'nominal',
        title: 'event',
        scale: { domain: kinds, range: kinds.map((k) => TIMELINE_STYLE[k].color) },
      },
      shape: {
        field: 'kind',
        type: 'nominal',
        title: 'event',
        scale: { domain: kinds, range: kinds.map((k) => TIMELINE_STYLE[k].shape) },
      },
    },
  };
}

/** Where ground range is measured from for one threat: its target asset, else the first asset, else the first unit. */
function rangeOrigin(scenario: Scenario, targetAssetId: string | null): { lat_deg: number; lon_deg: number } {
  const asset = scenario.assets.find((a) => a.id === targetAssetId) ?? scenario.assets[0];
  const g = asset?.position ?? scenario.units[0]?.position ?? { lat_rad: 0, lon_rad: 0, h_m: 0 };
  return { lat_deg: (g.lat_rad * 180) / Math.PI, lon_deg: (g.lon_rad * 180) / Math.PI };
}

interface ProfileRow {
  readonly id: string;
  readonly group: string;
  readonly order: number;
  readonly range_km: number;
  readonly alt_km: number;
}

/** Profile rows (threats and interceptors) and the end points (kills ×, impacts ●). */
/**
 * Most samples of one flight drawn in the profile chart (issue 12: a 320-threat night has ~400,000 path samples and
 * Vega held them as scenegraph items, 1.1 GB of heap). A longer path is thinned to every k-th sample plus its last;
 * a line of a few hundred vertices at the chart's ~1,000 px width loses nothing visible. Shipped scenarios' paths
 * are shorter and drawn whole.
 */
export const PROFILE_MAX_POINTS_PER_PATH = 300;

/** Indices of the samples of an `n`-sample path the profile draws (the one thinning rule of `math/thin`). */
export function profileSampleIndices(n: number, maxPoints = PROFILE_MAX_POINTS_PER_PATH): number[] {
  return thinnedIndices(n, maxPoints);
}

function profileRows(scenario: Scenario, view: RunView) {
  const rows: ProfileRow[] = [];
  const points: { kind: string; range_km: number; alt_km: number }[] = [];
  const originOf = new Map(view.threats.map((th) => [th.id, rangeOrigin(scenario, th.targetAssetId)]));
  for (const th of view.threats) {
    const origin = originOf.get(th.id)!;
    const t = th.track;
    for (const i of profileSampleIndices(t.t_s.length))
      rows.push({
        id: th.id,
        group: `threat — ${th.fate}`,
        order: i,
        range_km: groundDistance_m(origin, { lat_deg: t.lat_deg[i], lon_deg: t.lon_deg[i] }) / M_PER_KM,
        alt_km: t.alt_m[i] / M_PER_KM,
      });
    if (th.endPoint && th.fate !== 'killed')
      points.push({
        kind: th.fate,
        range_km: groundDistance_m(origin, th.endPoint) / M_PER_KM,
        alt_km: th.endPoint.alt_m / M_PER_KM,
      });
  }
  for (const icpt of view.interceptors) {
    const origin = originOf.get(icpt.threatId ?? '') ?? rangeOrigin(scenario, null);
    const t = icpt.track;
    if (t)
      for (const i of profileSampleIndices(t.t_s.length))
        rows.push({
          id: icpt.id,
          group: 'interceptor',
          order: i,
          range_km: groundDistance_m(origin, { lat_deg: t.lat_deg[i], lon_deg: t.lon_deg[i] }) / M_PER_KM,
          alt_km: t.alt_m[i] / M_PER_KM,
        });
    if (icpt.endPoint && (icpt.result === 'kill' || icpt.result === 'miss'))
      points.push({
        kind: icpt.result === 'kill' ? 'kill' : 'miss',
        range_km: groundDistance_m(origin, icpt.endPoint) / M_PER_KM,
        alt_km: icpt.endPoint.alt_m / M_PER_KM,
      });
  }
  return { rows, points };
}

const POINT_STYLE: Readonly<Record<string, { color: string; shape: string }>> = {
  kill: { color: MAP_COLORS.killed, shape: 'cross' },
  miss: { color: MAP_COLORS.miss, shape: 'cross' },
  impacted: { color: MAP_COLORS.impacted, shape: 'circle' },
  failed: { color: MAP_COLORS.failed, shape: 'circle' },
  airborne: { color: MAP_COLORS.airborne, shape: 'circle' },
};

function profilePanel(
  rows: readonly ProfileRow[],
  points: readonly { kind: string; range_km: number; alt_km: number }[],
  title: string,
  width_px: number,
  domain: { range_km: number; alt_km: number } | null,
) {
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const groupColor = (g: string) =>
    g === 'interceptor'
      ? MAP_COLORS.interceptor
      : fateColor(g.replace('threat — ', '') as ThreatView['fate']);
  const x = {
    field: 'range_km',
    type: 'quantitative',
    title: 'ground range to the defended asset (km)',
    scale: domain ? { domain: [0, domain.range_km], nice: false } : { zero: true },
  };
  const y = {
    field: 'alt_km',
    type: 'quantitative',
    title: 'altitude (km)',
    scale: domain ? { domain: [0, domain.alt_km], nice: false } : { zero: true },
  };
  return {
    title,
    width: width_px,
    height: Math.min(Math.round(width_px * 0.6), 380),
    layer: [
      {
        data: { values: rows },
        mark: { type: 'line', clip: true, strokeWidth: 1.4, opacity: 0.85 },
        encoding: {
          x,
          y,
          detail: { field: 'id', type: 'nominal' },
          order: { field: 'order', type: 'quantitative' },
          color: {
            field: 'group',
            type: 'nominal',
            title: 'track',
            scale: { domain: groups, range: groups.map(groupColor) },
            legend: { symbolType: 'stroke', symbolStrokeWidth: 2.5 },
          },
        },
      },
      ...(points.length > 0
        ? [
            {
              data: { values: points.map((p) => ({ ...p, ...POINT_STYLE[p.kind] })) },
              mark: { type: 'point', clip: true, filled: true, size: 70 },
              encoding: {
                x,
                y,
                // colour and shape given directly: the map legend explains × and ●
                color: { field: 'color', type: 'nominal', scale: null },
                shape: { field: 'shape', type: 'nominal', scale: null },
              },
            },
          ]
        : []),
    ],
  };
}

/**
 * Altitude versus ground range to each threat's defended asset: the whole flight, and — when interceptors flew —
 * a second panel zoomed on the engagement zone (the interceptors' reach plus a margin).
 */
export function profileSpec(scenario: Scenario, view: RunView, width_px: number): VegaLiteSpec {
  const { rows, points } = profileRows(scenario, view);
  const interceptorRows = rows.filter((r) => r.group === 'interceptor');
  // nothing flew (no threats): a fixed unit domain, or vega labels the empty axes "values from NaN to NaN"
  const emptyDomain = rows.length === 0 && points.length === 0 ? { range_km: 1, alt_km: 1 } : null;
  const whole = profilePanel(rows, points, 'Whole flight', width_px, emptyDomain);
  if (interceptorRows.length === 0) return whole as VegaLiteSpec;
  const zoom = {
    range_km: maxOf(interceptorRows.map((r) => r.range_km)) * 1.5,
    alt_km: maxOf(interceptorRows.map((r) => r.alt_km)) * 1.5,
  };
  const half_px = Math.round((width_px - 80) / 2);
  return {
    hconcat: [
      profilePanel(rows, points, 'Whole flight', half_px, null),
      profilePanel(rows, points, 'Engagement zone', half_px, zoom),
    ],
    config: { legend: { orient: 'bottom' } },
  } as VegaLiteSpec;
}
