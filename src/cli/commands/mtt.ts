/**
 * @module cli/commands/mtt
 * `aspis mtt generate` writes a seeded `mtt-scenario` v1 file (docs/formats/mtt.md §1 defaults), and
 * `aspis mtt score` scores an `mtt-tracks` file against its scenario (online OSPA/GOSPA, c = 100 m, p = 1, α = 2,
 * positions; history OSPA when histories are present; track counts), or with `--compare` checks two runs against
 * each other (same count per scan, optimally matched full states within `--tol`; exit 1 otherwise).
 * Bad files raise `E_MTT_FORMAT line N: …` (exit 2) and nothing is written.
 */
import type { Command } from 'commander';
import { AspisError } from '../../errors.js';
import { readMeasurementFile, readTrackFile } from '../../io/mtt.js';
import { linesToText, writeOutput } from '../../io/mttOutput.js';
import { checkSeed } from '../../math/rng.js';
import { compareMttTracks } from '../../tracking/metrics/compare.js';
import { checkTracksMatchMeasurements, formatMttScore, scoreMttRun } from '../../tracking/metrics/score.js';
import { generateMeasurementFile } from '../../tracking/mttGenerate.js';

/** Parses an integer flag value ≥ min, as an `E_USAGE` error naming the flag. */
export function intFlag(flag: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new AspisError('E_USAGE', flag, `expected an integer ≥ ${min}, got "${value}"`);
  return n;
}

/** Parses a positive finite number flag value, as an `E_USAGE` error naming the flag. */
export function positiveFlag(flag: string, value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new AspisError('E_USAGE', flag, `expected a number > 0, got "${value}"`);
  return n;
}

interface GenerateFlags {
  n: string;
  seed: string;
  dim: string;
  maneuver?: boolean;
  scans?: string;
  out?: string;
}

interface ScoreFlags {
  compare?: string;
  tol: string;
  json?: boolean;
  out?: string;
}

/** `aspis mtt generate`. */
function generateAction(flags: GenerateFlags): void {
  const dim = intFlag('--dim', flags.dim, 2);
  if (dim !== 2 && dim !== 3) throw new AspisError('E_USAGE', '--dim', `expected 2 or 3, got ${dim}`);
  const scenario = generateMeasurementFile({
    n: intFlag('--n', flags.n, 0),
    seed: checkSeed(intFlag('--seed', flags.seed, 0), '--seed'),
    dim,
    maneuver: flags.maneuver === true,
    numScans: flags.scans === undefined ? undefined : intFlag('--scans', flags.scans, 1),
  });
  writeOutput(flags.out ?? null, linesToText(scenario.lines));
  const totals = scenario.header.totals;
  if (flags.out !== undefined && totals !== undefined) {
    process.stderr.write(
      `wrote ${flags.out}: ${scenario.header.num_scans} scans, ${totals.truth_states} truth states, ` +
        `${totals.detections} detections (${totals.clutter} clutter)\n`,
    );
  }
}

/** `aspis mtt score`. */
function scoreAction(scenarioPath: string, tracksPath: string, flags: ScoreFlags): void {
  const scenario = readMeasurementFile(scenarioPath);
  const stateDim = scenario.header.state_dim;
  const tracks = readTrackFile(tracksPath, stateDim);
  if (flags.compare !== undefined) {
    const tol = positiveFlag('--tol', flags.tol);
    const other = readTrackFile(flags.compare, stateDim);
    checkTracksMatchMeasurements(scenario, tracks, tracksPath);
    checkTracksMatchMeasurements(scenario, other, flags.compare);
    const report = compareMttTracks(tracks.scans, other.scans, tol);
    const text = flags.json
      ? `${JSON.stringify(report)}\n`
      : `${[
          `compare ${tracksPath} vs ${flags.compare}: ${report.ok ? 'MATCH' : 'DIFFER'}`,
          `scans ${report.scans}; scans with different track counts: ${report.countMismatches.length}` +
            (report.countMismatches.length > 0
              ? ` (first k=${report.countMismatches[0].k}: ${report.countMismatches[0].a} vs ${report.countMismatches[0].b})`
              : ''),
          `max |difference| of optimally matched full states: ${report.maxAbsDiff.toExponential(3)}` +
            ` (scan ${report.worstScan}; tol ${tol})`,
        ].join('\n')}\n`;
    writeOutput(flags.out ?? null, text);
    if (!report.ok) process.exitCode = 1;
    return;
  }
  const report = scoreMttRun(scenario, tracks);
  const text = flags.json ? `${JSON.stringify(report)}\n` : linesToText(formatMttScore(report));
  writeOutput(flags.out ?? null, text);
}

/** Registers `aspis mtt generate` and `aspis mtt score`. */
export function registerMtt(program: Command): void {
  const mtt = program
    .command('mtt')
    .description('multi-target tracking files: generate scenarios, score track files');
  mtt
    .command('generate')
    .description(
      'write a seeded mtt-scenario v1 file (docs/formats/mtt.md §1 defaults: K=100, dt=1 s, σ=20 m, Pd=0.9)',
    )
    .requiredOption('--n <N>', 'number of targets')
    .option('--seed <S>', 'RNG seed', '1')
    .option('--dim <2|3>', 'spatial dimension', '2')
    .option('--maneuver', 'add coordinated-turn legs (3–6 °/s) to the truth')
    .option('--scans <K>', 'number of scans (default 100)')
    .option('--out <FILE>', 'output file (default stdout)')
    .action((flags: GenerateFlags) => generateAction(flags));
  mtt
    .command('score')
    .description(
      'score an mtt-tracks file: online OSPA/GOSPA (c=100 m, p=1, α=2, positions), history OSPA, counts',
    )
    .argument('<scenario>', 'mtt-scenario v1 file (truth)')
    .argument('<tracks>', 'mtt-tracks v1 file')
    .option('--compare <OTHER>', 'compare with another mtt-tracks file instead (exit 1 when they differ)')
    .option('--tol <TOL>', 'compare tolerance on matched full states (m, m/s)', '1e-6')
    .option('--json', 'print the report as JSON')
    .option('--out <FILE>', 'write the report to a file (default stdout)')
    .action((scenarioPath: string, tracksPath: string, flags: ScoreFlags) =>
      scoreAction(scenarioPath, tracksPath, flags),
    );
}
