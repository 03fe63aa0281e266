/**
 * @module cli/commands/track
 * `aspis track SCENARIO.jsonl`: runs the multi-target tracker over an `mtt-scenario` v1 file and writes an
 * `mtt-tracks` v1 file (docs/formats/mtt.md §2): header, one `tracks` line per scan, `track_history` lines and a
 * `summary` line with the loop speed (measurements per second of `step` time only) and, with `--score`, the online
 * and history metrics, which are also printed to stderr. The output is written only when the run is complete.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import { AspisError } from '../../errors.js';
import {
  type MeasurementFile,
  measurementScanFlatZ,
  mttSetupFromHeader,
  readMeasurementFile,
  type TrackFileScan,
  type TrackHistoryRecord,
  trackFileHeaderLine,
  trackFileScanLine,
  trackFileSummaryLine,
  trackHistoryLine,
  writeTrackFile,
} from '../../io/mtt.js';
import { linesToText, TextChunks, writeOutputChunks } from '../../io/mttOutput.js';
import type { MttSetup, MttTracker, MttTrackerConfig } from '../../tracking/mttTracker.js';

/** Result of running a tracker over a scenario. */
export interface MttRunResult {
  readonly scans: TrackFileScan[];
  readonly histories: TrackHistoryRecord[];
  /** Wall time spent inside `step`, s. */
  readonly loopTime_s: number;
  /** Wall time of each scan's `step`, s. */
  readonly scanTime_s: number[];
  /** Number of detections processed. */
  readonly measurements: number;
}

/**
 * Feeds every scan of `scenario` to `tracker` in order (t = the scan time, s) and collects its outputs and final
 * histories. Only `step` is timed (performance.now at the I/O edge; the tracker never sees a clock). With `onScan`,
 * each scan's output goes there as soon as it is made and `scans` stays empty (`aspis track` formats each line
 * while the next scan's output is still to come, instead of keeping every state of the run).
 */
export function runMttTracker(
  scenario: MeasurementFile,
  tracker: MttTracker,
  withCovariance = false,
  onScan?: (scan: TrackFileScan) => void,
): MttRunResult {
  const measDim = scenario.header.meas_dim;
  const scans: TrackFileScan[] = [];
  const scanTime_s: number[] = [];
  let loopTime_s = 0;
  let measurements = 0;
  for (const scan of scenario.scans) {
    // detections the reader kept flat go to the tracker flat when it takes them so (same result, no row arrays)
    const zFlat = tracker.stepFlat === undefined ? undefined : measurementScanFlatZ(scan);
    const start = performance.now();
    const out =
      zFlat === undefined || tracker.stepFlat === undefined
        ? tracker.step(scan.k, scan.t, scan.z)
        : tracker.stepFlat(scan.k, scan.t, zFlat);
    const elapsed_s = (performance.now() - start) / 1000;
    loopTime_s += elapsed_s;
    scanTime_s.push(elapsed_s);
    // the flat detections' count: reading `z` would build the rows the flat path avoids
    measurements += zFlat === undefined ? scan.z.length : zFlat.length / measDim;
    const result: TrackFileScan =
      withCovariance && out.P !== undefined
        ? { k: scan.k, t: scan.t, ids: out.ids, x: out.x, P: out.P }
        : { k: scan.k, t: scan.t, ids: out.ids, x: out.x };
    if (onScan === undefined) scans.push(result);
    else onScan(result);
  }
  // the tracker's own records (id, t, x, isUpdate: a track file's history record), not copies: reading `x` may
  // build its rows (the fast path keeps them flat until then)
  const histories: TrackHistoryRecord[] = tracker
    .histories()
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { scans, histories, loopTime_s, scanTime_s, measurements };
}

interface TrackFlags {
  out?: string;
  filter?: string;
  assoc?: string;
  gate?: string;
  confirm?: string;
  deleteMisses?: string;
  deleteCovariance?: string;
  compat?: string;
  score?: boolean;
  covariance?: boolean;
}

/** Tracker config fields set by the flags; every bad value is an `E_USAGE` error naming its flag. */
export function trackerOverridesFromFlags(flags: TrackFlags): Partial<MttTrackerConfig> {
  const config: { -readonly [K in keyof MttTrackerConfig]?: MttTrackerConfig[K] } = {};
  if (flags.compat !== undefined) {
    if (flags.compat !== 'stonesoup') {
      throw new AspisError('E_USAGE', '--compat', `only "stonesoup" is supported, got "${flags.compat}"`);
    }
    config.compat = 'stonesoup';
  }
  if (flags.filter !== undefined) {
    if (!['kf', 'ekf', 'ukf', 'imm'].includes(flags.filter)) {
      throw new AspisError('E_USAGE', '--filter', `expected kf, ekf, ukf or imm, got "${flags.filter}"`);
    }
    config.filter = flags.filter as MttTrackerConfig['filter'];
  }
  if (flags.assoc !== undefined) {
    if (flags.assoc !== 'gnn' && flags.assoc !== 'jpda') {
      throw new AspisError('E_USAGE', '--assoc', `expected gnn or jpda, got "${flags.assoc}"`);
    }
    config.assoc = flags.assoc;
  }
  if (flags.gate !== undefined) {
    const gate = Number(flags.gate);
    if (!(gate > 0) || !Number.isFinite(gate)) {
      throw new AspisError('E_USAGE', '--gate', `expected a Mahalanobis gate > 0, got "${flags.gate}"`);
    }
    config.gate = gate;
  }
  if (flags.confirm !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(flags.confirm);
    const confirmM = m === null ? Number.NaN : Number(m[1]);
    const confirmN = m === null ? Number.NaN : Number(m[2]);
    if (m === null || confirmM < 1 || confirmN < confirmM) {
      throw new AspisError(
        'E_USAGE',
        '--confirm',
        `expected M/N with 1 ≤ M ≤ N (e.g. 3/5), got "${flags.confirm}"`,
      );
    }
    config.confirmM = confirmM;
    config.confirmN = confirmN;
  }
  if (flags.deleteMisses !== undefined) {
    const k = Number(flags.deleteMisses);
    if (!Number.isInteger(k) || k < 1) {
      throw new AspisError(
        'E_USAGE',
        '--delete-misses',
        `expected an integer ≥ 1, got "${flags.deleteMisses}"`,
      );
    }
    config.deleteMisses = k;
  }
  if (flags.deleteCovariance !== undefined) {
    const trace = Number(flags.deleteCovariance);
    if (flags.deleteCovariance.trim() === '' || !(trace > 0) || !Number.isFinite(trace)) {
      throw new AspisError(
        'E_USAGE',
        '--delete-covariance',
        `expected a position-covariance trace threshold > 0 (m²), got "${flags.deleteCovariance}"`,
      );
    }
    if (config.compat === 'stonesoup') {
      throw new AspisError(
        'E_USAGE',
        '--delete-covariance',
        'not available with --compat stonesoup (the reference tracker deletes on misses only)',
      );
    }
    config.deleteCovariance_m2 = trace;
  }
  return config;
}

/**
 * The tracker for `config`, loading only the modules it runs on (keeps CLI start-up light): the per-axis fast path
 * (kf + gnn, the Stone Soup compatible mode among them) never loads the full-covariance filters. The same choice and
 * checks as `createMttTracker`, the composition root, which builds the others.
 */
async function loadTracker(setup: MttSetup, config: MttTrackerConfig): Promise<MttTracker> {
  const { usesAxisTracker, validateMttTrackerConfig } = await import('../../tracking/mtt/config.js');
  if (!usesAxisTracker(config))
    return (await import('../../tracking/mttTracker.js')).createMttTracker(setup, config);
  validateMttTrackerConfig(setup, config);
  return (await import('../../tracking/mtt/axisTracker.js')).createAxisTracker(setup, config);
}

/** Name written in the tracks header. */
function trackerName(config: MttTrackerConfig): string {
  return config.compat === 'stonesoup' ? 'aspis stonesoup-compat' : `aspis ${config.filter}-${config.assoc}`;
}

/** `aspis track` action. */
async function trackAction(scenarioPath: string, flags: TrackFlags): Promise<void> {
  const overrides = trackerOverridesFromFlags(flags);
  const scenario = readMeasurementFile(scenarioPath);
  const { defaultMttTrackerConfig } = await import('../../tracking/mtt/config.js');
  const config: MttTrackerConfig = { ...defaultMttTrackerConfig(), ...overrides };
  const tracker = await loadTracker(mttSetupFromHeader(scenario.header), config);
  const header = { tracker: trackerName(config), scenario: basename(scenarioPath), config };
  // without --score the file is formatted as the run goes, in ~1 MB chunks, and written only once it is complete
  // (a numeric failure leaves no file); scoring needs every scan's tracks, so it keeps them and formats at the end
  const text = new TextChunks();
  const streaming = flags.score !== true;
  if (streaming) text.write(`${trackFileHeaderLine(header)}\n`);
  const run = runMttTracker(
    scenario,
    tracker,
    flags.covariance === true,
    streaming ? (scan) => text.write(`${trackFileScanLine(scan)}\n`) : undefined,
  );
  const last10 = run.scanTime_s.slice(-10);
  const summary: Record<string, unknown> = {
    tracker: trackerName(config),
    scenario: basename(scenarioPath),
    scans: run.scanTime_s.length,
    measurements: run.measurements,
    loop_time_s: run.loopTime_s,
    meas_per_s: run.loopTime_s > 0 ? run.measurements / run.loopTime_s : null,
    ms_per_scan_last10: last10.length > 0 ? (1000 * last10.reduce((a, b) => a + b, 0)) / last10.length : null,
    confirmed_total: run.histories.length,
    config,
  };
  if (flags.score === true) {
    // loaded only to score: a plain run does not pay for the metrics modules
    const { formatMttScore, scoreMttRun } = await import('../../tracking/metrics/score.js');
    const report = scoreMttRun(scenario, {
      header: {
        type: 'header',
        format: 'mtt-tracks',
        version: 1,
        tracker: trackerName(config),
        scenario: basename(scenarioPath),
        config,
      },
      scans: run.scans,
      histories: run.histories,
      summary: null,
    });
    summary.metrics = report;
    process.stderr.write(linesToText(formatMttScore(report)));
    process.stderr.write(
      `${run.measurements} measurements in ${run.loopTime_s.toFixed(3)} s: ` +
        `${(run.measurements / Math.max(run.loopTime_s, 1e-12)).toFixed(0)} meas/s\n`,
    );
  }
  if (streaming) {
    for (const h of run.histories) text.write(`${trackHistoryLine(h)}\n`);
    text.write(`${trackFileSummaryLine(summary)}\n`);
  } else writeTrackFile(text, header, run.scans, run.histories, summary);
  writeOutputChunks(flags.out ?? null, text.finish());
}

/** Registers `aspis track`. */
export function registerTrack(program: Command): void {
  program
    .command('track')
    .description(
      'run the multi-target tracker on an mtt-scenario v1 file; writes mtt-tracks v1 (stdout by default)',
    )
    .argument('<scenario>', 'mtt-scenario v1 file (JSON Lines)')
    .option('--out <FILE>', 'output mtt-tracks file (default stdout)')
    .option('--filter <kf|ekf|ukf|imm>', 'state filter')
    .option('--assoc <gnn|jpda>', 'data association')
    .option('--gate <G>', 'Mahalanobis gate (distance, not squared)')
    .option('--confirm <M/N>', 'confirmation rule: M hits in N scans')
    .option('--delete-misses <K>', 'delete a confirmed track after K consecutive misses')
    .option(
      '--delete-covariance <m2>',
      'also delete a confirmed track once the trace of its position covariance exceeds m2 (m²; not with --compat)',
    )
    .option(
      '--compat <stonesoup>',
      'reproduce the Stone Soup reference tracker exactly (docs/formats/mtt.md §3)',
    )
    .option('--covariance', 'include covariances (P) in the tracks lines')
    .option('--score', 'print OSPA/GOSPA and counts to stderr and add them to the summary line')
    .action((scenarioPath: string, flags: TrackFlags) => trackAction(scenarioPath, flags));
}
