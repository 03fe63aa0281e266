/**
 * @module cli/commands/coverage
 * `aspis coverage FILE [--threat TYPE] [--grid 2km] [--azimuths scenario|all] [--altitude 5km] [--rcs 0.1]
 * [--threshold 0.5] [--out DIR] [--json]`: the defended footprint of the scenario's SAM batteries against one threat
 * type. Writes coverage.geojson (cells), footprint.geojson (P(kill) ≥ threshold), radar.geojson (detection areas at
 * the altitude) and coverage.svg (map), and prints per asset the P(kill) at its centre and the share of its area
 * inside the footprint. Units are converted here, once (km, degrees in; SI inside).
 */

import { basename, join } from 'node:path';
import Table from 'cli-table3';
import type { Command } from 'commander';
import { assetCoverage, type CoverageAzimuths, coverageMap } from '../../analysis/coverage.js';
import { radarCoverageAt } from '../../analysis/coverageRadar.js';
import { coverageCellsGeoJson, defendedFootprint } from '../../analysis/footprint.js';
import { AspisError } from '../../errors.js';
import { ensureDir, writeFileAtomic } from '../../files.js';
import { renderCoverageSvg } from '../../report/coverageSvg.js';
import { loadScenario } from '../../scenario/load.js';
import { parseQuantity } from '../../scenario/quantity.js';

/** Parses a length option (`2km`, `500m`, `2000`) to metres. */
export function parseLength(flag: string): (value: string) => number {
  return (value: string) => {
    const metres = parseQuantity(value, 'length', flag);
    if (!(metres >= 0))
      throw new AspisError('E_USAGE', flag, `expected a non-negative length, got "${value}"`);
    return metres;
  };
}

/** Parses a number option within [lo, hi]. */
export function parseNumberIn(flag: string, lo: number, hi: number): (value: string) => number {
  return (value: string) => {
    const x = Number(value);
    if (!(Number.isFinite(x) && x >= lo && x <= hi))
      throw new AspisError('E_USAGE', flag, `expected a number in [${lo}, ${hi}], got "${value}"`);
    return x;
  };
}

function parseAzimuths(value: string): CoverageAzimuths {
  if (value !== 'scenario' && value !== 'all')
    throw new AspisError('E_USAGE', '--azimuths', `expected "scenario" or "all", got "${value}"`);
  return value;
}

interface CoverageFlags {
  threat?: string;
  grid: number;
  extent?: number;
  azimuths: CoverageAzimuths;
  altitude: number;
  rcs: number;
  threshold: number;
  out?: string;
  json?: boolean;
}

const pct = (x: number) => `${(100 * x).toFixed(0)} %`;

/** Registers `aspis coverage` (options only; `runCoverageCommand` does the work). */
export function registerCoverage(program: Command): void {
  program
    .command('coverage')
    .description(
      'defended footprint, per-asset P(kill) and radar coverage of the scenario batteries (GeoJSON + SVG)',
    )
    .argument('<scenario>', 'scenario YAML file')
    .option('--threat <type>', 'threat type id (default: the type with the most rounds in the scenario)')
    .option('--grid <length>', 'aim-point grid spacing, e.g. 2km', parseLength('--grid'), 2000)
    .option(
      '--extent <length>',
      'half-width of the grid around the defended area (default: assets + intercept range + 10 km, grown up to 2× where the coverage reaches the edge)',
      parseLength('--extent'),
    )
    .option(
      '--azimuths <mode>',
      'scenario (the threat axis) or all (12 directions)',
      parseAzimuths,
      'scenario',
    )
    .option('--altitude <length>', 'target altitude of the radar coverage', parseLength('--altitude'), 5000)
    .option('--rcs <m2>', 'target RCS of the radar coverage, m²', parseNumberIn('--rcs', 1e-6, 1e6), 0.1)
    .option('--threshold <pk>', 'P(kill) that counts as defended', parseNumberIn('--threshold', 0, 1), 0.5)
    .option('--out <dir>', 'output directory (default runs/coverage-<scenario>, ignored by git)')
    .option('--json', 'print the per-asset table as JSON')
    .action(runCoverageCommand);
}

/** What a coverage study computes: the map, its footprint, the radar areas and the per-asset table. */
function computeCoverage(file: string, flags: CoverageFlags) {
  const scenario = loadScenario(file);
  const options = {
    threatType: flags.threat,
    grid_m: flags.grid,
    extent_m: flags.extent,
    azimuths: flags.azimuths,
  };
  const started_ms = performance.now();
  const map = coverageMap(scenario, options);
  const footprint = defendedFootprint(map, flags.threshold);
  const radar = radarCoverageAt(scenario, flags.altitude, flags.rcs);
  const assets = assetCoverage(scenario, { ...options, threatType: map.threatTypeId }, flags.threshold);
  const elapsed_s = (performance.now() - started_ms) / 1000;
  return { scenario, map, footprint, radar, assets, elapsed_s };
}

type CoverageStudy = ReturnType<typeof computeCoverage>;

/** Writes coverage.geojson, footprint.geojson, radar.geojson and coverage.svg to `dir`; returns their paths. */
function writeCoverageFiles(dir: string, study: CoverageStudy, pkThreshold: number) {
  const { scenario, map, footprint, radar } = study;
  ensureDir(dir, '--out');
  const files = {
    coverage: join(dir, 'coverage.geojson'),
    footprint: join(dir, 'footprint.geojson'),
    radar: join(dir, 'radar.geojson'),
    svg: join(dir, 'coverage.svg'),
  };
  writeFileAtomic(files.coverage, `${JSON.stringify(coverageCellsGeoJson(map))}\n`);
  writeFileAtomic(files.footprint, `${JSON.stringify(footprint)}\n`);
  writeFileAtomic(files.radar, `${JSON.stringify(radar)}\n`);
  writeFileAtomic(files.svg, renderCoverageSvg({ scenario, map, footprint, radar, pkThreshold }));
  return files;
}

/** The terminal report: a heading, the per-asset table, the footprint area and the files written. */
function printCoverage(study: CoverageStudy, flags: CoverageFlags, files: Record<string, string>): void {
  const { scenario, map, footprint, assets, elapsed_s } = study;
  const table = new Table({
    head: [
      'asset',
      'P(kill) centre',
      'worst axis',
      `area P(kill) ≥ ${flags.threshold}`,
      'mean P(kill) over area',
    ],
    style: { head: [], border: [] },
  });
  for (const a of assets)
    table.push([
      a.name,
      a.pkCenter.toFixed(2),
      a.pkMinCenter.toFixed(2),
      pct(a.areaDefended),
      a.pkMean.toFixed(2),
    ]);
  const area_km2 = footprint.features.reduce((s, f) => s + f.properties.area_km2, 0);
  process.stdout.write(
    `coverage of ${scenario.name} against ${map.threatTypeId} (${map.azimuths === 'all' ? 'all azimuths' : 'scenario threat axis'}), ` +
      `${map.grid.rows} × ${map.grid.cols} aim points at ${flags.grid / 1000} km, ${elapsed_s.toFixed(1)} s\n`,
  );
  process.stdout.write(`${table.toString()}\n`);
  process.stdout.write(
    `footprint P(kill) ≥ ${flags.threshold}: ${footprint.features.length} polygon(s), ${area_km2.toFixed(0)} km²\n` +
      `written ${files.coverage}, ${files.footprint}, ${files.radar}, ${files.svg}\n`,
  );
  if (map.edgeCut.length > 0)
    process.stdout.write(
      `note: P(kill) > 0 reaches the grid edge (${map.edgeCut.join(', ')}): the coverage goes on beyond the map; widen --extent\n`,
    );
}

/** `aspis coverage FILE`: computes, writes the files, then prints the table (or one JSON object). */
function runCoverageCommand(file: string, flags: CoverageFlags): void {
  const study = computeCoverage(file, flags);
  const dir = flags.out ?? join('runs', `coverage-${basename(file).replace(/\.ya?ml$/i, '')}`);
  const files = writeCoverageFiles(dir, study, flags.threshold);
  if (flags.json) {
    const { map, assets } = study;
    process.stdout.write(
      `${JSON.stringify({ threatType: map.threatTypeId, azimuths: map.azimuths, grid_m: flags.grid, pkThreshold: flags.threshold, edgeCut: map.edgeCut, assets, files })}\n`,
    );
    return;
  }
  printCoverage(study, flags, files);
}
