/**
 * @module io/csv
 * A run as CSV (RFC 4180: comma-separated, CRLF line ends, a header row, fields quoted when they hold a comma,
 * a double quote, CR or LF, quotes doubled inside): the event log (`eventsToCsv`, one row per event) and the
 * per-threat summary (`threatsToCsv`, one row per threat). Numbers are written in JavaScript's shortest
 * round-trip form; a missing value is an empty field. Local times use the scenario's UTC offset.
 */
import { type ThreatOutcome, verdictText } from '../outcome/index.js';
import type { ThreatSummary } from '../sim/summary.js';
import type { LogPoint, SimEvent } from '../world/events.js';
import { localIso, parseStart, type TimeBase } from './runDataGeo.js';

/** A CSV field value (null and undefined become empty fields). */
export type CsvValue = string | number | boolean | null | undefined;

/** One RFC 4180 field: quoted when it holds `,`, `"`, CR or LF (quotes doubled). */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' && !Number.isFinite(value) ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first the header) as RFC 4180 text, CRLF after every record. */
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return rows.map((row) => `${row.map(csvField).join(',')}\r\n`).join('');
}

/** Columns of `eventsToCsv`. */
export const EVENT_COLUMNS = [
  't_s',
  'local_time',
  'type',
  'unit',
  'track',
  'threat',
  'result',
  'lat_deg',
  'lon_deg',
  'alt_m',
  'extra',
] as const;

/** Fields of an event that have their own column (everything else goes to `extra` as JSON). */
const COLUMN_FIELDS = new Set(['t_s', 'type', 'unitId', 'trackId', 'threatId']);

/** The one point of an event shown in the lat/lon/alt columns, by field name in order of preference. */
const POINT_FIELDS = ['point', 'position', 'from', 'predictedInterceptPoint', 'predictedImpact'] as const;

/** The outcome of an event for the `result` column, by field name in order of preference. */
const RESULT_FIELDS = ['result', 'decision', 'assessed'] as const;

function isLogPoint(v: unknown): v is LogPoint {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as LogPoint).lat_deg === 'number' &&
    typeof (v as LogPoint).lon_deg === 'number' &&
    typeof (v as LogPoint).alt_m === 'number'
  );
}

function timeBase(start: string | TimeBase | undefined): TimeBase | null {
  if (start === undefined) return null;
  return typeof start === 'string' ? parseStart(start) : start;
}

/**
 * The event log as CSV: t_s, local_time (ISO-8601 in the scenario's offset; empty without `start`), type, unit,
 * track, threat, result (`result`, `decision` or `assessed`; the fate for threat end events), lat_deg, lon_deg,
 * alt_m (the event's point, position, launch point, predicted intercept or predicted impact) and `extra` (every
 * other field as one JSON object).
 * @example
 * ```ts
 * import { eventsToCsv, loadScenario, runScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * const csv = eventsToCsv(result.events, scenario.start); // RFC 4180, one row per event
 * ```
 */
export function eventsToCsv(events: readonly SimEvent[], start?: string | TimeBase): string {
  const base = timeBase(start);
  const rows: CsvValue[][] = [[...EVENT_COLUMNS]];
  for (const event of events) {
    const e = event as unknown as Record<string, unknown>;
    const used = new Set(COLUMN_FIELDS);
    const pointField = POINT_FIELDS.find((k) => isLogPoint(e[k]));
    if (pointField) used.add(pointField);
    const point = pointField ? (e[pointField] as LogPoint) : null;
    const resultField = RESULT_FIELDS.find((k) => typeof e[k] === 'string');
    if (resultField) used.add(resultField);
    let result = resultField ? (e[resultField] as string) : null;
    if (result === null && event.type.startsWith('threat.') && event.type !== 'threat.launch')
      result = event.type.slice('threat.'.length);
    const extra = Object.fromEntries(Object.entries(e).filter(([k]) => !used.has(k)));
    rows.push([
      event.t_s,
      base ? localIso(base, event.t_s) : null,
      event.type,
      e.unitId as CsvValue,
      e.trackId as CsvValue,
      e.threatId as CsvValue,
      result,
      point?.lat_deg,
      point?.lon_deg,
      point?.alt_m,
      Object.keys(extra).length > 0 ? JSON.stringify(extra) : null,
    ]);
  }
  return toCsv(rows);
}

/** Columns of `threatsToCsv`. */
export const THREAT_COLUMNS = [
  'id',
  'type',
  'launch_t_s',
  'launch_local',
  'fate',
  'fate_t_s',
  'fate_local',
  'impact_lat_deg',
  'impact_lon_deg',
  'impact_asset',
  'interceptors_fired',
  'gun_rounds',
  'first_detection_s',
  'warning_s',
  'outcome_code',
  'leak_category',
  'responsible_unit',
  'why',
] as const;

/**
 * One row per threat of a run summary (`summary.threats`), with its outcome record's code, leak category,
 * responsible unit and verdict (`summary.why`, `outcome/`; empty when the summary has none). Local times need `start`.
 * @example
 * ```ts
 * import { loadScenario, runScenario, threatsToCsv } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * const csv = threatsToCsv(result.summary); // one row per threat
 * ```
 */
export function threatsToCsv(
  summary: {
    readonly threats: readonly ThreatSummary[];
    readonly start?: string;
    readonly why?: readonly ThreatOutcome[];
  },
  start: string | TimeBase | undefined = summary.start,
): string {
  const base = timeBase(start);
  const outcomes = new Map((summary.why ?? []).map((o) => [o.threatId, o]));
  const local = (t: number | null): string | null => (base && t !== null ? localIso(base, t) : null);
  const rows: CsvValue[][] = [[...THREAT_COLUMNS]];
  for (const t of summary.threats) {
    const o = outcomes.get(t.id);
    rows.push([
      t.id,
      t.type,
      t.launchTime_s,
      local(t.launchTime_s),
      t.fate,
      t.fateTime_s,
      local(t.fateTime_s),
      t.impact?.lat_deg,
      t.impact?.lon_deg,
      t.impact?.assetId,
      t.interceptorsFired,
      t.gunRounds,
      t.firstDetection_s,
      t.warning_s,
      o?.code,
      o?.category,
      o?.unitId,
      o === undefined ? null : verdictText(o),
    ]);
  }
  return toCsv(rows);
}
