/**
 * @module report/chartsMonteCarlo
 * Vega-Lite specs of the HTML report's Monte Carlo section: the leaker distribution, the headline probabilities
 * with their intervals (PRA first) and an optional parameter sweep. Input is the structural subset of the Monte
 * Carlo aggregate the report draws (`McAggregate` fits it), so any present part is drawn and absent parts skipped.
 */
import type { VegaLiteSpec } from './charts.js';
import { MAP_COLORS } from './map.js';

/** A proportion with its interval (e.g. Wilson 95 %). */
export interface ProportionWithInterval {
  readonly p: number;
  readonly lo: number;
  readonly hi: number;
}

/** One point of a parameter sweep: the parameter's value and the measured proportion. */
export interface SweepPoint extends ProportionWithInterval {
  /** Parameter value, in the unit named by `SweepResult.parameter`. */
  readonly value: number;
}

/** A sweep of one scenario parameter. */
export interface SweepResult {
  /** Parameter with its unit, e.g. "shots per threat" or "radar range (km)". */
  readonly parameter: string;
  /** What `p` measures, e.g. "PRA". */
  readonly metric: string;
  readonly points: readonly SweepPoint[];
}

/** A mean (or ratio) with its 95 % interval; `n` values behind it when known. */
export interface EstimateWithInterval {
  readonly mean: number;
  readonly lo: number;
  readonly hi: number;
  readonly n?: number;
}

/** The Monte Carlo results the report can draw; every part but `runs` is optional (`McAggregate` fits it). */
export interface MonteCarloReport {
  readonly runs: number;
  /** Probability of raid annihilation. */
  readonly pra?: ProportionWithInterval;
  /** Probability that no threat impacted inside an asset footprint. */
  readonly noLeakerOnAssets?: ProportionWithInterval;
  /** Leakers on assets per replication: `histogram[k]` = replications with exactly k; mean with its interval. */
  readonly leakers?: {
    readonly histogram: readonly number[];
    readonly mean?: number;
    readonly lo?: number;
    readonly hi?: number;
  };
  /** Kill fraction per threat class, by threat type id (kills per replication when known). */
  readonly killsPerThreatClass?: Readonly<
    Record<
      string,
      {
        readonly killFraction: ProportionWithInterval;
        readonly launched?: number;
        readonly kills?: EstimateWithInterval;
      }
    >
  >;
  /** Interceptors fired per replication. */
  readonly interceptorsFired?: EstimateWithInterval;
  /** Interceptors fired ÷ threats killed; null ratio when nothing was killed. */
  readonly interceptorsPerKill?: {
    readonly ratio: number | null;
    readonly lo: number | null;
    readonly hi: number | null;
  };
  /** Defender ÷ attacker spend per replication (`n` = replications with attacker spend; 0: no cost data). */
  readonly costExchange?: EstimateWithInterval;
  /** Defender spend per replication, USD (the caller's mean over the replications' totals). */
  readonly defenderCost_usd?: EstimateWithInterval;
  /** Interceptors left after each raid: mean and minimum over replications. */
  readonly magazineAfterWave?: Readonly<Record<string, { readonly mean: number; readonly min: number }>>;
  /** Interceptors the scenario starts with. */
  readonly magazineStart?: number;
  readonly sweep?: SweepResult;
}

/** Bars of the leaker distribution: share of replications with k leakers on assets. */
export function leakerHistogramSpec(mc: MonteCarloReport, width_px: number): VegaLiteSpec | null {
  const histogram = mc.leakers?.histogram;
  if (!histogram || histogram.length === 0) return null;
  const total = histogram.reduce((a, b) => a + b, 0) || 1;
  return {
    title: 'Leakers on assets per replication',
    width: width_px,
    height: 220,
    data: { values: histogram.map((n, k) => ({ leakers: k, share: n / total, replications: n })) },
    mark: { type: 'bar', color: MAP_COLORS.impacted, opacity: 0.85 },
    encoding: {
      x: { field: 'leakers', type: 'ordinal', title: 'leakers on assets', axis: { labelAngle: 0 } },
      y: { field: 'share', type: 'quantitative', title: 'share of replications', axis: { format: '.0%' } },
    },
  } as VegaLiteSpec;
}

/** Point estimates with interval bars on a 0–1 axis: PRA, no leaker on assets, kill fraction per class. */
export function probabilitySpec(mc: MonteCarloReport, width_px: number): VegaLiteSpec | null {
  const rows: { measure: string; p: number; lo: number; hi: number }[] = [];
  if (mc.pra) rows.push({ measure: 'probability of raid annihilation (PRA)', ...pick(mc.pra) });
  if (mc.noLeakerOnAssets) rows.push({ measure: 'no leaker on assets', ...pick(mc.noLeakerOnAssets) });
  for (const [type, m] of Object.entries(mc.killsPerThreatClass ?? {}))
    rows.push({ measure: `killed: ${type}`, ...pick(m.killFraction) });
  if (rows.length === 0) return null;
  // labelLimit 0: full labels (the default 180 px cut threat types to "killed: notional-sr…")
  const y = {
    field: 'measure',
    type: 'nominal',
    title: null,
    sort: rows.map((r) => r.measure),
    axis: { labelLimit: 0 },
  };
  const x = {
    type: 'quantitative',
    scale: { domain: [0, 1] },
    axis: { format: '.0%' },
    title: 'probability (95 % interval)',
  };
  return {
    title: `Probabilities over ${mc.runs} replications`,
    width: width_px,
    height: { step: 28 },
    data: { values: rows },
    layer: [
      {
        mark: { type: 'rule', strokeWidth: 3, color: '#5d7290' },
        encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } },
      },
      {
        mark: { type: 'point', filled: true, size: 90, color: MAP_COLORS.asset },
        encoding: { y, x: { ...x, field: 'p' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 8, dy: -10, fontSize: 11, color: '#333' },
        encoding: { y, x: { ...x, field: 'p' }, text: { field: 'p', type: 'quantitative', format: '.1%' } },
      },
    ],
  } as VegaLiteSpec;
}

/** The sweep: the measured proportion versus the parameter, with its interval as a band. */
export function sweepSpec(mc: MonteCarloReport, width_px: number): VegaLiteSpec | null {
  const sweep = mc.sweep;
  if (!sweep || sweep.points.length === 0) return null;
  const x = { field: 'value', type: 'quantitative', title: sweep.parameter };
  return {
    title: `${sweep.metric} versus ${sweep.parameter}`,
    width: width_px,
    height: 260,
    data: { values: sweep.points.map((p) => ({ value: p.value, p: p.p, lo: p.lo, hi: p.hi })) },
    layer: [
      {
        mark: { type: 'area', opacity: 0.2, color: MAP_COLORS.asset },
        encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
      {
        mark: { type: 'line', point: true, color: MAP_COLORS.asset },
        encoding: {
          x,
          y: {
            field: 'p',
            type: 'quantitative',
            title: sweep.metric,
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
          },
        },
      },
    ],
  } as VegaLiteSpec;
}

function pick(p: ProportionWithInterval): ProportionWithInterval {
  return { p: p.p, lo: p.lo, hi: p.hi };
}
