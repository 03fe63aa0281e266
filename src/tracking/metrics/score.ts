/**
 * @module tracking/metrics/score
 * Scoring of an `mtt-tracks` run against its `mtt-scenario` truth (docs/formats/mtt.md §2 and §4): online OSPA
 * and GOSPA (c = 100 m, p = 1, α = 2, positions only; mean and final), history OSPA/GOSPA when the tracks file holds
 * `track_history` lines, and track counts. This is what `aspis mtt score` and `aspis track --score` print.
 */

import { maxOf, minOf } from '../../math/extent.js';
import { mttFormatError } from '../format/lines.js';
import type { MeasurementFile } from '../format/measurementFile.js';
import { positionMapping, truthAt } from '../format/measurementFile.js';
import type { TrackFile } from '../format/trackFile.js';
import { historyGospa, historyOspa, onlineGospa, onlineOspa, scansAsSequences } from './runMetrics.js';

/** Metric settings of a score (defaults: c = 100 m, p = 1, α = 2, positions). */
export interface MttScoreOptions {
  /** Cut-off, m. */
  readonly c: number;
  /** Order. */
  readonly p: number;
}

/** Default score settings of docs/formats/mtt.md §4: c = 100 m, p = 1. */
export function defaultMttScoreOptions(): MttScoreOptions {
  return { c: 100, p: 1 };
}

/** Mean, minimum and maximum of a per-scan count. */
export interface CountStats {
  readonly mean: number;
  readonly min: number;
  readonly max: number;
}

/** Score of one run. Distances in m; GOSPA components in m^p. */
export interface MttScoreReport {
  readonly scans: number;
  readonly c: number;
  readonly p: number;
  readonly alpha: 2;
  readonly mapping: readonly number[];
  readonly ospaOnline: { readonly mean: number; readonly final: number };
  readonly gospaOnline: {
    readonly mean: number;
    readonly final: number;
    readonly meanLocalisation: number;
    readonly meanMissed: number;
    readonly meanFalse: number;
  };
  /** Stone Soup MultiManager-convention metrics; null when the tracks file has no histories. */
  readonly ospaHistory: { readonly mean: number; readonly final: number } | null;
  readonly gospaHistory: { readonly mean: number; readonly final: number } | null;
  readonly tracksPerScan: CountStats;
  readonly truthPerScan: CountStats;
  /** Number of track histories (tracks ever confirmed); null when absent. */
  readonly confirmedTotal: number | null;
}

/** Stats of a count series. */
function countStats(counts: readonly number[]): CountStats {
  if (counts.length === 0) return { mean: 0, min: 0, max: 0 };
  return {
    mean: counts.reduce((a, b) => a + b, 0) / counts.length,
    min: minOf(counts),
    max: maxOf(counts),
  };
}

/** Checks that a tracks file covers exactly the measurement file's scans at the same times and state size. */
export function checkTracksMatchMeasurements(
  measurements: MeasurementFile,
  tracks: TrackFile,
  label = 'tracks',
): void {
  const h = measurements.header;
  if (tracks.scans.length !== h.num_scans) {
    throw mttFormatError(
      label,
      null,
      `has ${tracks.scans.length} tracks lines but the scenario has num_scans = ${h.num_scans}`,
    );
  }
  for (const s of tracks.scans) {
    const expected = measurements.scans[s.k]?.t ?? h.t0 + s.k * h.dt;
    if (Math.abs(s.t - expected) > 1e-9 * Math.max(1, Math.abs(expected))) {
      throw mttFormatError(
        label,
        `k=${s.k}`,
        `t = ${s.t} s does not match the scenario's scan time ${expected} s`,
      );
    }
    if (s.x.length > 0 && s.x[0].length !== h.state_dim) {
      throw mttFormatError(
        label,
        `k=${s.k}`,
        `states have ${s.x[0].length} elements, scenario state_dim = ${h.state_dim}`,
      );
    }
  }
}

/** Scores a track file against its measurement file (truth) (position metrics, formats/mtt.md §4). */
export function scoreMttRun(
  measurements: MeasurementFile,
  tracks: TrackFile,
  options: MttScoreOptions = defaultMttScoreOptions(),
): MttScoreReport {
  checkTracksMatchMeasurements(measurements, tracks);
  const h = measurements.header;
  const truth = Array.from({ length: h.num_scans }, (_, k) => truthAt(measurements, k));
  const mapping = positionMapping(h.dim);
  const opts = { c: options.c, p: options.p, mapping };
  const o = onlineOspa(truth, tracks.scans, opts);
  const g = onlineGospa(truth, tracks.scans, opts);
  const hasHistories = tracks.histories.length > 0;
  const truthSeq = hasHistories ? scansAsSequences(truth) : [];
  const ho = hasHistories ? historyOspa(truthSeq, tracks.histories, opts) : null;
  const hg = hasHistories ? historyGospa(truthSeq, tracks.histories, opts) : null;
  return {
    scans: h.num_scans,
    c: options.c,
    p: options.p,
    alpha: 2,
    mapping,
    ospaOnline: { mean: o.mean, final: o.final },
    gospaOnline: {
      mean: g.mean,
      final: g.final,
      meanLocalisation: g.meanLocalisation,
      meanMissed: g.meanMissed,
      meanFalse: g.meanFalse,
    },
    ospaHistory: ho === null ? null : { mean: ho.mean, final: ho.final },
    gospaHistory: hg === null ? null : { mean: hg.mean, final: hg.final },
    tracksPerScan: countStats(tracks.scans.map((s) => s.x.length)),
    truthPerScan: countStats(truth.map((s) => s.x.length)),
    confirmedTotal: hasHistories ? tracks.histories.length : null,
  };
}

/** Human-readable lines of a score report. */
export function formatMttScore(r: MttScoreReport): string[] {
  const f = (v: number) => v.toFixed(3);
  const lines = [
    `online OSPA  (c=${r.c} m, p=${r.p}, positions): mean ${f(r.ospaOnline.mean)}  final ${f(r.ospaOnline.final)}`,
    `online GOSPA (c=${r.c} m, p=${r.p}, alpha=2, positions): mean ${f(r.gospaOnline.mean)}  final ${f(r.gospaOnline.final)}` +
      `  (per-scan mean: localisation ${f(r.gospaOnline.meanLocalisation)}, missed ${f(r.gospaOnline.meanMissed)},` +
      ` false ${f(r.gospaOnline.meanFalse)})`,
  ];
  if (r.ospaHistory !== null && r.gospaHistory !== null) {
    lines.push(
      `history OSPA (Stone Soup MultiManager convention): mean ${f(r.ospaHistory.mean)}  final ${f(r.ospaHistory.final)}` +
        `; history GOSPA mean ${f(r.gospaHistory.mean)}`,
    );
  }
  lines.push(
    `tracks per scan: mean ${r.tracksPerScan.mean.toFixed(2)} (min ${r.tracksPerScan.min}, max ${r.tracksPerScan.max});` +
      ` truth per scan: mean ${r.truthPerScan.mean.toFixed(2)} (min ${r.truthPerScan.min}, max ${r.truthPerScan.max})` +
      (r.confirmedTotal === null ? '' : `; tracks ever confirmed: ${r.confirmedTotal}`),
  );
  return lines;
}
