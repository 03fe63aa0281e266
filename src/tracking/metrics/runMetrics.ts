/**
 * @module tracking/metrics/runMetrics
 * Set metrics over a whole tracker run (docs/formats/mtt.md §4).
 * - *Online*: at each scan k, the tracks output after scan k against the truth alive at k; mean over all scans and
 *   the final scan's value. Empty versus empty is 0, one empty set gives c (OSPA) or (c^p/2)·count (GOSPA).
 * - *History*: Stone Soup's `MultiManager` convention: the states of every track history (final histories of every
 *   track ever confirmed, deleted ones included) and all truth states are pooled, and the metric is computed at each
 *   distinct timestamp of the union, then averaged.
 */
import {
  type GospaOptions,
  type GospaResult,
  gospa,
  type MetricPoint,
  type OspaOptions,
  ospa,
} from './ospa.js';

/** Points of one set at one time. */
export interface TimedPointSet {
  /** Time, s. */
  readonly t: number;
  readonly x: readonly MetricPoint[];
}

/** A state sequence (a track history or a truth path): times s and states. */
export interface TimedSequence {
  readonly t: readonly number[];
  readonly x: readonly MetricPoint[];
}

/** Per-time OSPA with its mean and final value (units of the mapped components, m). */
export interface OspaSeries {
  /** Time of each value, s. */
  readonly t: readonly number[];
  readonly values: readonly number[];
  readonly mean: number;
  /** Value at the last time (0 for an empty run). */
  readonly final: number;
}

/** Per-time GOSPA with means of the distance and of its components (components in units^p). */
export interface GospaSeries {
  readonly t: readonly number[];
  readonly values: readonly GospaResult[];
  /** Mean GOSPA distance, units. */
  readonly mean: number;
  /** Final GOSPA distance, units. */
  readonly final: number;
  readonly meanLocalisation: number;
  readonly meanMissed: number;
  readonly meanFalse: number;
}

/** Mean of an array (0 when empty). */
function mean(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return values.length === 0 ? 0 : s / values.length;
}

/** Checks that truth and estimates are given for the same scans. */
function checkAligned(truth: readonly TimedPointSet[], estimates: readonly TimedPointSet[]): void {
  if (truth.length !== estimates.length) {
    throw new RangeError(
      `online metrics need one estimate set per truth scan: ${estimates.length} vs ${truth.length}`,
    );
  }
}

/** Summarises per-time OSPA values. */
function ospaSeries(t: readonly number[], values: readonly number[]): OspaSeries {
  return { t, values, mean: mean(values), final: values.length === 0 ? 0 : values[values.length - 1] };
}

/** Summarises per-time GOSPA values. */
function gospaSeries(t: readonly number[], values: readonly GospaResult[]): GospaSeries {
  return {
    t,
    values,
    mean: mean(values.map((v) => v.distance)),
    final: values.length === 0 ? 0 : values[values.length - 1].distance,
    meanLocalisation: mean(values.map((v) => v.localisation)),
    meanMissed: mean(values.map((v) => v.missed)),
    meanFalse: mean(values.map((v) => v.false)),
  };
}

/**
 * Online OSPA over a run: scan i compares `estimates[i]` (tracks output after scan i) with `truth[i]`.
 * Headline settings: c = 100 m, p = 1, mapping = position indices. docs/formats/mtt.md §4.
 */
export function onlineOspa(
  truth: readonly TimedPointSet[],
  estimates: readonly TimedPointSet[],
  opts: OspaOptions,
): OspaSeries {
  checkAligned(truth, estimates);
  return ospaSeries(
    truth.map((s) => s.t),
    truth.map((s, i) => ospa(s.x, estimates[i].x, opts)),
  );
}

/** Online GOSPA (α = 2) over a run, aligned as {@link onlineOspa}. */
export function onlineGospa(
  truth: readonly TimedPointSet[],
  estimates: readonly TimedPointSet[],
  opts: GospaOptions,
): GospaSeries {
  checkAligned(truth, estimates);
  return gospaSeries(
    truth.map((s) => s.t),
    truth.map((s, i) => gospa(s.x, estimates[i].x, opts)),
  );
}

/**
 * Pools the states of all sequences by exact timestamp (Stone Soup `extract_states` then grouping by
 * `state.timestamp`). Returns the sorted union of times of both pools with the points of each at that time.
 */
function poolByTime(
  truth: readonly TimedSequence[],
  estimates: readonly TimedSequence[],
): { t: number[]; truthAt: MetricPoint[][]; estAt: MetricPoint[][] } {
  const truthMap = new Map<number, MetricPoint[]>();
  const estMap = new Map<number, MetricPoint[]>();
  const add = (map: Map<number, MetricPoint[]>, seqs: readonly TimedSequence[]) => {
    for (const seq of seqs) {
      for (let i = 0; i < seq.t.length; i++) {
        const list = map.get(seq.t[i]);
        if (list === undefined) map.set(seq.t[i], [seq.x[i]]);
        else list.push(seq.x[i]);
      }
    }
  };
  add(truthMap, truth);
  add(estMap, estimates);
  const t = [...new Set([...truthMap.keys(), ...estMap.keys()])].sort((a, b) => a - b);
  return { t, truthAt: t.map((ti) => truthMap.get(ti) ?? []), estAt: t.map((ti) => estMap.get(ti) ?? []) };
}

/**
 * History OSPA (Stone Soup `MultiManager` + `OSPAMetric` convention, docs/formats/mtt.md §4): `histories` are the final
 * state histories of every track ever confirmed, `truth` the truth paths (or per-scan truth sets as one-state
 * sequences). Only for like-for-like checks against Stone Soup; report online OSPA as the headline.
 */
export function historyOspa(
  truth: readonly TimedSequence[],
  histories: readonly TimedSequence[],
  opts: OspaOptions,
): OspaSeries {
  const pool = poolByTime(truth, histories);
  return ospaSeries(
    pool.t,
    pool.t.map((_, i) => ospa(pool.truthAt[i], pool.estAt[i], opts)),
  );
}

/** History GOSPA (α = 2), pooled as {@link historyOspa}. */
export function historyGospa(
  truth: readonly TimedSequence[],
  histories: readonly TimedSequence[],
  opts: GospaOptions,
): GospaSeries {
  const pool = poolByTime(truth, histories);
  return gospaSeries(
    pool.t,
    pool.t.map((_, i) => gospa(pool.truthAt[i], pool.estAt[i], opts)),
  );
}

/** Per-scan truth sets as one-state sequences (for the history metrics, which only group by timestamp). */
export function scansAsSequences(scans: readonly TimedPointSet[]): TimedSequence[] {
  return scans.flatMap((s) => s.x.map((x) => ({ t: [s.t], x: [x] })));
}
