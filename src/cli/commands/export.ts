/**
 * @module cli/commands/export
 * `aspis export REF --format czml|kml|geojson|csv [--what events|threats] [--out FILE] [--store PATH]
 * [--seed N] [--replication N] [--scenario FILE] [--footprint FILE]`: one run as Cesium CZML, Google Earth KML,
 * GeoJSON or CSV. REF is a run directory, a stored run id (`run-000012`, `12`, a prefix, `latest`) or a scenario
 * file (run here with `--seed`). Output goes to stdout, or atomically to `--out` (temporary file, then rename).
 * Warnings (scenario not found, tracks rebuilt from events) go to stderr.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { AspisError } from '../../errors.js';
import { eventsToCsv, threatsToCsv } from '../../io/csv.js';
import { toCzml } from '../../io/czml.js';
import { featuresOf, toGeoJson } from '../../io/geojson.js';
import { validateGeoJson } from '../../io/geojsonValidate.js';
import { toKml } from '../../io/kml.js';
import { loadRunData, type RunData } from '../../io/runData.js';
import { DEFAULT_STORE_PATH } from '../../store/runStore.js';
import { parseSeed } from './run.js';

export const EXPORT_FORMATS = ['czml', 'kml', 'geojson', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a CSV export holds. */
export const CSV_TABLES = ['events', 'threats'] as const;
export type CsvTable = (typeof CSV_TABLES)[number];

/** Options of `exportRun`. */
export interface ExportOptions {
  readonly format: ExportFormat;
  /** CSV only: the event log (default) or the per-threat summary. */
  readonly what?: CsvTable;
  /** GeoJSON only: a coverage GeoJSON file whose features are merged in as footprints. */
  readonly footprint?: string;
}

function parseFormat(value: string): ExportFormat {
  const v = value.trim().toLowerCase();
  if (!(EXPORT_FORMATS as readonly string[]).includes(v))
    throw new AspisError(
      'E_USAGE',
      '--format',
      `expected one of ${EXPORT_FORMATS.join(', ')}, got "${value}"`,
    );
  return v as ExportFormat;
}

function parseWhat(value: string): CsvTable {
  const v = value.trim().toLowerCase();
  if (!(CSV_TABLES as readonly string[]).includes(v))
    throw new AspisError('E_USAGE', '--what', `expected one of ${CSV_TABLES.join(', ')}, got "${value}"`);
  return v as CsvTable;
}

function parseReplication(value: string): number {
  if (!/^\d+$/.test(value.trim()))
    throw new AspisError('E_USAGE', '--replication', `expected an integer ≥ 0, got "${value}"`);
  return Number(value);
}

/**
 * Reads a coverage GeoJSON file for `--footprint` and checks it against RFC 7946.
 * @throws AspisError `E_USAGE` when the file is missing, not JSON or not conforming GeoJSON
 */
export function readFootprint(path: string): ReturnType<typeof featuresOf> {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const reason =
      (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (err as Error).message;
    throw new AspisError('E_USAGE', '--footprint', `cannot read ${path}: ${reason}`, { cause: err });
  }
  const problems = validateGeoJson(value);
  if (problems.length > 0)
    throw new AspisError(
      'E_USAGE',
      '--footprint',
      `${path} is not valid GeoJSON (RFC 7946): ${problems
        .slice(0, 3)
        .map((p) => `${p.path}: ${p.message}`)
        .join('; ')}${problems.length > 3 ? `; and ${problems.length - 3} more` : ''}`,
    );
  return featuresOf(value);
}

/** Renders a loaded run in one export format (text, newline-terminated). */
export function exportRun(run: RunData, options: ExportOptions): string {
  if (options.what !== undefined && options.format !== 'csv')
    throw new AspisError('E_USAGE', '--what', 'only applies to --format csv');
  if (options.footprint !== undefined && options.format !== 'geojson')
    throw new AspisError('E_USAGE', '--footprint', 'only applies to --format geojson');
  switch (options.format) {
    case 'czml':
      return `${JSON.stringify(toCzml(run))}\n`;
    case 'kml':
      return toKml(run);
    case 'geojson': {
      const footprints = options.footprint === undefined ? [] : readFootprint(options.footprint);
      return `${JSON.stringify(toGeoJson(run, { footprints }))}\n`;
    }
    case 'csv':
      return (options.what ?? 'events') === 'events'
        ? eventsToCsv(run.events, run.time)
        : threatsToCsv(run.summary, run.time);
  }
}

/** Writes `text` to `path` through a temporary file in the same folder and a rename (never a partial file). */
export function writeFileAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.partial-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new AspisError('E_USAGE', '--out', `cannot write ${path}: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

interface ExportCliOptions {
  format: ExportFormat;
  what?: CsvTable;
  out?: string;
  store: string;
  seed?: number;
  replication?: number;
  scenario?: string;
  footprint?: string;
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('export a run as CZML (Cesium), KML (Google Earth), GeoJSON or CSV')
    .argument('<run>', 'run directory, stored run id (run-000012, 12, prefix, latest) or scenario file')
    .requiredOption('--format <format>', `output format: ${EXPORT_FORMATS.join(', ')}`, parseFormat)
    .option(
      '--what <table>',
      'CSV: events (the event log, default) or threats (one row per threat)',
      parseWhat,
    )
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .option('--store <path>', 'run store to look run ids up in', DEFAULT_STORE_PATH)
    .option('--seed <n>', 'seed when <run> is a scenario file (default: the file’s)', parseSeed)
    .option('--replication <n>', 'replication of a stored run or scenario file (default 0)', parseReplication)
    .option('--scenario <file>', 'scenario file of a run directory (default: the one its report names)')
    .option('--footprint <file>', 'GeoJSON: merge the features of this coverage GeoJSON as footprints')
    .action((ref: string, opts: ExportCliOptions) => {
      // check option combinations before any (possibly slow) loading
      if (opts.what !== undefined && opts.format !== 'csv')
        throw new AspisError('E_USAGE', '--what', 'only applies to --format csv');
      if (opts.footprint !== undefined && opts.format !== 'geojson')
        throw new AspisError('E_USAGE', '--footprint', 'only applies to --format geojson');
      const run = loadRunData(ref, {
        store: opts.store,
        seed: opts.seed,
        replication: opts.replication,
        scenario: opts.scenario,
      });
      for (const w of run.warnings) process.stderr.write(`aspis export: warning: ${w}\n`);
      const text = exportRun(run, { format: opts.format, what: opts.what, footprint: opts.footprint });
      if (opts.out === undefined) process.stdout.write(text);
      else {
        writeFileAtomic(opts.out, text);
        process.stdout.write(`${opts.format} written to ${opts.out}\n`);
      }
    });
}
