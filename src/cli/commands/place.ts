/**
 * @module cli/commands/place
 * `aspis place FILE --batteries N [--candidates FILE | --grid 10km] [--objective value-saved|coverage] [--runs R]
 * [--seed S] [--iterations K] [--top T] [--out FILE] [--json]`: chooses sites and radar orientations for N SAM
 * batteries (`optimizePlacement`), prints the ranking with each layout's fast objective and its Monte Carlo interval,
 * and prints (or writes) the best layout as the scenario's `units:` section in YAML. Candidate files are a YAML or
 * JSON list of `{lat, lon, alt?}` in degrees and metres (converted here, once).
 */

import { readFileSync } from 'node:fs';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { parse, stringify } from 'yaml';
import {
  type Layout,
  optimizePlacement,
  type PlacementObjective,
  type PlacementResult,
} from '../../analysis/placement.js';
import { AspisError } from '../../errors.js';
import { writeFileAtomic } from '../../files.js';
import { loadScenario, parseScenarioYaml } from '../../scenario/load.js';
import type { Geodetic } from '../../scenario/types.js';
import { parseLength, parseNumberIn } from './coverage.js';
import { parseSeed } from './run.js';

const RAD_PER_DEG = Math.PI / 180;
const DEG_PER_RAD = 180 / Math.PI;

/** Reads a candidate file: a list of {lat, lon, alt?} (degrees, metres). */
export function readCandidates(path: string): Geodetic[] {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AspisError('E_USAGE', '--candidates', `cannot read ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const list = Array.isArray(doc) ? doc : (doc as { candidates?: unknown })?.candidates;
  if (!Array.isArray(list) || list.length === 0)
    throw new AspisError('E_USAGE', '--candidates', `${path}: expected a non-empty list of {lat, lon, alt?}`);
  return list.map((item, i) => {
    const p = item as { lat?: unknown; lon?: unknown; alt?: unknown };
    const lat = Number(p.lat);
    const lon = Number(p.lon);
    const alt = p.alt === undefined ? 0 : Number(p.alt);
    if (!(Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && Number.isFinite(alt)))
      throw new AspisError(
        'E_USAGE',
        `--candidates[${i}]`,
        'expected lat in [−90, 90], lon in [−180, 180] (degrees), alt in metres',
      );
    return { lat_rad: lat * RAD_PER_DEG, lon_rad: lon * RAD_PER_DEG, h_m: alt };
  });
}

function parseObjective(value: string): PlacementObjective {
  if (value !== 'value-saved' && value !== 'coverage')
    throw new AspisError('E_USAGE', '--objective', `expected "value-saved" or "coverage", got "${value}"`);
  return value;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

/** The scenario's `units:` list with the SAM batteries moved to the layout (YAML text). */
export function layoutUnitsYaml(scenarioFile: string, layout: Layout): string {
  const doc = parseScenarioYaml(readFileSync(scenarioFile, 'utf8'), scenarioFile) as {
    units: Record<string, unknown>[];
  };
  const units = doc.units.filter((u) => u.kind !== 'c-ram');
  const others = doc.units.filter((u) => u.kind === 'c-ram');
  const lastSam = units[units.length - 1];
  const placed = layout.placements.map((p) => {
    const source = units.find((u) => u.id === p.unitId) ?? { ...lastSam, id: p.unitId };
    const at: Record<string, unknown> = {
      lat: round(p.position.lat_rad * DEG_PER_RAD, 4),
      lon: round(p.position.lon_rad * DEG_PER_RAD, 4),
      alt: `${round(p.position.h_m, 1)}m`,
    };
    const radar = {
      ...(source.radar as Record<string, unknown>),
      sectorCenter: `${round(p.sectorCenter_rad * DEG_PER_RAD, 1)}deg`,
    };
    const { defends: _all, ...rest } = source;
    return { ...rest, at, radar };
  });
  return stringify({ units: [...placed, ...others] });
}

function describe(layout: Layout): string {
  return layout.placements
    .map((p, b) => {
      const near = layout.nearest[b];
      const where =
        near.distance_m < 1000
          ? `at ${near.assetId}`
          : `${(near.distance_m / 1000).toFixed(0)} km from ${near.assetId}`;
      return `${p.unitId} ${where} (${(p.position.lat_rad * DEG_PER_RAD).toFixed(3)}, ${(p.position.lon_rad * DEG_PER_RAD).toFixed(3)}) facing ${(p.sectorCenter_rad * DEG_PER_RAD).toFixed(0)}°`;
    })
    .join('\n');
}

function mcCell(layout: Layout): [string, string] {
  const mc = layout.monteCarlo;
  if (mc === null) return ['–', '–'];
  return [
    `${mc.valueSaved.mean.toFixed(1)} [${mc.valueSaved.lo.toFixed(1)}, ${mc.valueSaved.hi.toFixed(1)}]`,
    `${mc.pra.p.toFixed(2)} [${mc.pra.lo.toFixed(2)}, ${mc.pra.hi.toFixed(2)}]`,
  ];
}

function renderRanking(result: PlacementResult, objective: PlacementObjective, runs: number): string {
  const table = new Table({
    head: [
      '#',
      'layout',
      objective === 'value-saved' ? 'value saved (fast)' : 'mean P(kill) (fast)',
      `value saved MC (${runs} runs)`,
      'PRA MC',
    ],
    style: { head: [], border: [] },
  });
  const rows: [string, Layout][] = result.ranking.map((l, i) => [String(i + 1), l]);
  if (result.asGiven) rows.push(['as given', result.asGiven]);
  for (const [label, l] of rows)
    table.push([label, describe(l), l.objective.toFixed(objective === 'coverage' ? 3 : 1), ...mcCell(l)]);
  return table.toString();
}

interface PlaceFlags {
  batteries: number;
  candidates?: string;
  /** Grid spacing, m; absent: `DEFAULT_GRID_m`. */
  grid?: number;
  radius?: number;
  objective: PlacementObjective;
  runs: number;
  seed?: number;
  iterations: number;
  top: number;
  out?: string;
  json?: boolean;
}

/** Candidate grid spacing when `--grid` is not given, m. */
const DEFAULT_GRID_m = 10_000;

export function registerPlace(program: Command): void {
  program
    .command('place')
    .description(
      'choose sites and radar orientations for N SAM batteries (greedy + seeded local search, MC-confirmed)',
    )
    .argument('<scenario>', 'scenario YAML file')
    .requiredOption('--batteries <n>', 'number of batteries to place', parseNumberIn('--batteries', 1, 16))
    .option('--candidates <file>', 'YAML/JSON list of candidate sites {lat, lon, alt?} (degrees, metres)')
    .option(
      '--grid <length>',
      'candidate grid spacing around the assets, with a unit (default 10 km)',
      parseLength('--grid'),
    )
    .option(
      '--radius <length>',
      'candidate grid radius around each asset (default: longest intercept range)',
      parseLength('--radius'),
    )
    .option(
      '--objective <name>',
      'value-saved (raid) or coverage (asset centres)',
      parseObjective,
      'value-saved',
    )
    .option(
      '--runs <n>',
      'Monte Carlo replications per ranked layout (0: none)',
      parseNumberIn('--runs', 0, 100_000),
      20,
    )
    .option('--seed <n>', "seed of the search and the replications (default: the scenario's)", parseSeed)
    .option('--iterations <n>', 'random local-search moves', parseNumberIn('--iterations', 0, 1e7), 400)
    .option('--top <n>', 'layouts in the ranking', parseNumberIn('--top', 1, 50), 3)
    .option('--out <file>', 'write the best layout as a units: YAML snippet to this file')
    .option('--json', 'print one JSON object')
    .action((file: string, flags: PlaceFlags) => {
      const scenario = loadScenario(file);
      const started_ms = performance.now();
      const result = optimizePlacement(scenario, {
        batteries: Math.round(flags.batteries),
        candidates: flags.candidates ? readCandidates(flags.candidates) : 'grid',
        // the default is applied here, not given to commander, so help states it once, with its unit
        candidateGrid_m: flags.grid ?? DEFAULT_GRID_m,
        candidateRadius_m: flags.radius,
        objective: flags.objective,
        runs: Math.round(flags.runs),
        seed: flags.seed ?? scenario.seed,
        iterations: Math.round(flags.iterations),
        top: Math.round(flags.top),
      });
      const elapsed_s = (performance.now() - started_ms) / 1000;
      const snippet = layoutUnitsYaml(file, result.best);
      if (flags.out) writeFileAtomic(flags.out, snippet);
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ ...result, candidates: result.candidates.length, snippet })}\n`,
        );
        return;
      }
      process.stdout.write(
        `placement of ${Math.round(flags.batteries)} batteries in ${scenario.name}: objective ${flags.objective} ` +
          `(ceiling ${result.objectiveCeiling.toFixed(flags.objective === 'coverage' ? 3 : 1)}), ${result.candidates.length} sites × ` +
          `${result.orientations_rad.length} orientations, ${result.evaluations} layouts evaluated, ${elapsed_s.toFixed(1)} s\n`,
      );
      process.stdout.write(`${renderRanking(result, flags.objective, Math.round(flags.runs))}\n`);
      process.stdout.write(
        `best layout (units: section)${flags.out ? `, written to ${flags.out}` : ''}:\n${snippet}`,
      );
    });
}
