/**
 * Golden input/output files of the exporters and reports (Turf-style fixtures): each folder under `test/goldenIo/`
 * holds an `input.json` (a shipped scenario and a seed) and the files `aspis export` and `aspis run --out` write for
 * that run — CSV (events, threats), GeoJSON, KML, CZML, `report.md`, `summary.json` and the engagement-area map SVG
 * — compared byte for byte. The self-contained `report.html` (≈ 140 kB: Vega charts and the embedded run data) is
 * compared by its SHA-256 only, to keep the fixtures small; it is deterministic (same bytes in every process).
 *
 * A difference means an output format changed. If the change is intended, regenerate and review the diff in the
 * same commit: `ASPIS_REGENERATE=1 npx vitest run test/goldenIo.test.ts` (the switch of
 * test/plannerConsistency.test.ts). The run itself is pinned by test/golden.test.ts; this test pins what is
 * written about it.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exportRun } from '../src/cli/commands/export.js';
import { runDataFromResult } from '../src/io/runData.js';
import { buildRunView } from '../src/report/htmlData.js';
import { renderMapSvg } from '../src/report/map.js';
import { writeRun, writeRunReport } from '../src/report/output.js';
import { reportWhy } from '../src/report/why.js';
import { packageRoot } from '../src/scenario/catalog.js';
import { loadScenario } from '../src/scenario/load.js';
import { runScenario } from '../src/sim/engine.js';

const ROOT = join(packageRoot(), 'test', 'goldenIo');
const REGENERATE = process.env.ASPIS_REGENERATE === '1';

/** What one fixture folder runs: a scenario file relative to the package root (as people type it) and a seed. */
interface GoldenInput {
  readonly scenario: string;
  readonly seed: number;
}

/** Every output of one run, by fixture file name (text as written to disk). */
async function outputsOf(input: GoldenInput, scratch: string): Promise<Record<string, string>> {
  const scenario = loadScenario(join(packageRoot(), input.scenario));
  const result = runScenario(scenario, { seed: input.seed, recordPaths: true });
  // the scenario file as `aspis` shows it (relative), so no output carries this clone's absolute path
  const scenarioFile = input.scenario;
  const run = runDataFromResult(result, scenario, { kind: 'scenario', ref: scenarioFile }, scenarioFile);
  const why = reportWhy(result, scenario);
  const written = writeRun(result, scratch, scenarioFile, why);
  const html = readFileSync(await writeRunReport(result, scenario, scratch, scenarioFile, { why }), 'utf8');
  const view = buildRunView(scenario, result);
  return {
    'events.csv': exportRun(run, { format: 'csv', what: 'events' }),
    'threats.csv': exportRun(run, { format: 'csv', what: 'threats' }),
    'run.geojson': exportRun(run, { format: 'geojson' }),
    'run.kml': exportRun(run, { format: 'kml' }),
    'run.czml': exportRun(run, { format: 'czml' }),
    'report.md': readFileSync(written.report, 'utf8'),
    'summary.json': readFileSync(written.summary, 'utf8'),
    'map-defended.svg': `${renderMapSvg({ scenario, view, coverage: null }, { frame: 'defended', width_px: 640, idPrefix: 'map' })}\n`,
    'report.html.sha256': `${createHash('sha256').update(html).digest('hex')}\n`,
  };
}

const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();
const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

describe('golden exporter and report files (ASPIS_REGENERATE=1 rewrites them)', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThan(0));

  it.each(cases)('%s', async (name) => {
    const dir = join(ROOT, name);
    const input = JSON.parse(readFileSync(join(dir, 'input.json'), 'utf8')) as GoldenInput;
    const scratch = mkdtempSync(join(tmpdir(), 'aspis-goldenIo-'));
    scratchDirs.push(scratch);
    const outputs = await outputsOf(input, scratch);
    const expectedFiles = readdirSync(dir)
      .filter((f) => f !== 'input.json')
      .sort();
    if (REGENERATE) {
      for (const f of expectedFiles) if (!(f in outputs)) rmSync(join(dir, f));
      for (const [file, text] of Object.entries(outputs)) writeFileSync(join(dir, file), text);
      return;
    }
    expect(expectedFiles).toEqual(Object.keys(outputs).sort());
    // compare every file, then fail once naming those whose bytes moved; their new text is kept for a diff
    const actualDir = join(tmpdir(), 'aspis-golden-io-actual', name);
    const moved = Object.entries(outputs)
      .filter(([file, text]) => text !== readFileSync(join(dir, file), 'utf8'))
      .map(([file, text]) => {
        mkdirSync(actualDir, { recursive: true });
        writeFileSync(join(actualDir, file), text);
        return file;
      });
    expect(
      moved,
      `changed outputs written to ${actualDir} (diff them against ${dir}; ASPIS_REGENERATE=1 accepts them)`,
    ).toEqual([]);
  });
});
