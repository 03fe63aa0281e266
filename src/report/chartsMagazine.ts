/**
 * @module report/chartsMagazine
 * The run report's interceptors-remaining-over-time chart (issue 13): per fire unit, a step line of what it has left
 * — a SAM battery's rounds ready on its launchers (down one at each `interceptor.launch`, up at each
 * `launcher.reloaded`) and its total with the reserve (down one at each launch; a reload moves rounds, it adds none);
 * a gun mount's rounds (down by each `gun.burst`). Read off the event log, like every other report part; one panel
 * per unit with its own y scale, so a gun's 1,500 rounds and a battery's 40 interceptors both read.
 */

import type { DefenseUnit, Scenario } from '../scenario/types.js';
import type { SimEvent } from '../world/events.js';
import type { VegaLiteSpec } from './charts.js';
import { clockTimestamp } from './chartsRun.js';

/** One step of one series. */
interface MagazineRow {
  readonly unit: string;
  readonly series: string;
  /** Local clock time as a UTC timestamp (the time of day is the scenario's clock), ms. */
  readonly time: number;
  readonly left: number;
}

const SERIES_READY = 'ready on launchers';
const SERIES_TOTAL = 'with reserve';
const SERIES_ROUNDS = 'gun rounds';

/** What a unit starts with: [series, count] pairs (none for a unit that fires nothing). */
function startingStock(unit: DefenseUnit): [string, number][] {
  if (unit.kind === 'sam-battery') {
    let ready = 0;
    let reserve = 0;
    for (const g of unit.launchers) {
      ready += g.count * g.loaded;
      reserve += g.reserve;
    }
    return [
      [SERIES_READY, ready],
      [SERIES_TOTAL, ready + reserve],
    ];
  }
  if (unit.kind === 'c-ram') return [[SERIES_ROUNDS, unit.gun.ammunition]];
  return [];
}

/** The change each event makes to a unit's series, or null. */
function stockChange(e: SimEvent): { unitId: string; deltas: [string, number][] } | null {
  switch (e.type) {
    case 'interceptor.launch':
      return {
        unitId: e.unitId,
        deltas: [
          [SERIES_READY, -1],
          [SERIES_TOTAL, -1],
        ],
      };
    case 'launcher.reloaded':
      return { unitId: e.unitId, deltas: [[SERIES_READY, e.rounds]] };
    case 'gun.burst':
      return { unitId: e.unitId, deltas: [[SERIES_ROUNDS, -e.rounds]] };
    default:
      return null;
  }
}

/**
 * Rows of the chart: each series starts at t = 0 with the unit's stock, steps at each event that changes it and
 * ends at the scenario's end. Units that fire nothing are left out.
 */
export function magazineRows(scenario: Scenario, events: readonly SimEvent[]): MagazineRow[] {
  const time = clockTimestamp(scenario.start);
  const stock = new Map<string, Map<string, number>>();
  const rows: MagazineRow[] = [];
  for (const unit of scenario.units) {
    const series = new Map(startingStock(unit));
    if (series.size === 0) continue;
    stock.set(unit.id, series);
    for (const [name, left] of series) rows.push({ unit: unit.id, series: name, time: time(0), left });
  }
  for (const e of events) {
    const change = stockChange(e);
    const series = change ? stock.get(change.unitId) : undefined;
    if (!change || !series) continue;
    for (const [name, delta] of change.deltas) {
      const left = (series.get(name) ?? 0) + delta;
      series.set(name, left);
      rows.push({ unit: change.unitId, series: name, time: time(e.t_s), left });
    }
  }
  for (const [unit, series] of stock)
    for (const [name, left] of series)
      rows.push({ unit, series: name, time: time(scenario.duration_s), left });
  return rows;
}

/** The chart: one panel per unit, a step line per series, x = local clock time. Null when no unit fires anything. */
export function magazineSpec(
  scenario: Scenario,
  events: readonly SimEvent[],
  width_px: number,
): VegaLiteSpec | null {
  const rows = magazineRows(scenario, events);
  if (rows.length === 0) return null;
  return {
    data: { values: rows },
    facet: {
      row: {
        field: 'unit',
        type: 'nominal',
        title: null,
        header: { labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 600 },
      },
    },
    spacing: 12,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: width_px,
      height: 110,
      mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 },
      encoding: {
        x: {
          field: 'time',
          type: 'temporal',
          scale: { type: 'utc' },
          title: 'local time',
          axis: { format: '%H:%M', labelOverlap: true, tickCount: 8 },
        },
        y: { field: 'left', type: 'quantitative', title: 'left', scale: { zero: true } },
        color: {
          field: 'series',
          type: 'nominal',
          title: null,
          scale: {
            domain: [SERIES_READY, SERIES_TOTAL, SERIES_ROUNDS],
            range: ['#1f77b4', '#9ecae1', '#393b79'],
          },
          legend: { orient: 'top' },
        },
      },
    },
  } as VegaLiteSpec;
}
