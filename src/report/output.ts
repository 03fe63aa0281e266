/**
 * @module report/output
 * Writes a run to disk: `events.jsonl` (canonical event log), `summary.json` (the `--json` object with the scenario
 * file and each threat's outcome, `outcome/runJson`), `report.md`
 * and, when the run recorded them, `paths.json` (threat and interceptor flight paths); `writeRunReport` adds the
 * self-contained `report.html` (asynchronous: its charts render through Vega). Files are written to temporary
 * names and renamed, so a crash or a full disk never leaves a partial run that looks complete; a folder that cannot
 * be written is a coded `E_OUTPUT` error.
 */
import { join } from 'node:path';
import { ensureDir, writeFileAtomic } from '../files.js';
import { runToJson } from '../outcome/index.js';
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../sim/engine.js';
import { eventsToJsonl } from '../world/recorder.js';
import { type HtmlReportInput, renderHtmlReport } from './html.js';
import { renderMarkdownReport } from './markdown.js';
import { type ReportWhy, reportWhy } from './why.js';

/** Complete or absent (`src/files`); a failure is `E_OUTPUT` naming the file. */
function writeAtomic(path: string, text: string): void {
  writeFileAtomic(path, text, '--out');
}

/** Files written for one run. */
export interface RunFiles {
  readonly events: string;
  readonly summary: string;
  readonly report: string;
  /** Present when the run recorded paths. */
  readonly paths: string | null;
}

/**
 * Writes events, summary, report (and paths when recorded) under `dir` (created). Returns the file paths.
 * @param why the run's verdicts (`reportWhy`): built with the scenario they are the same as `aspis run` prints;
 *   absent, built without it (the batteries' own plans in the log stand in for the engagement times)
 * @example
 * ```ts
 * import { loadScenario, runScenario, writeRun, writeRunReport } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * const files = writeRun(result, 'runs/mine', 'scenarios/al-asad-2020.yaml'); // events.jsonl, summary.json, report.md
 * await writeRunReport(result, scenario, 'runs/mine', 'scenarios/al-asad-2020.yaml'); // report.html
 * ```
 */
export function writeRun(
  result: RunResult,
  dir: string,
  scenarioFile: string,
  why: ReportWhy = reportWhy(result, null),
): RunFiles {
  ensureDir(dir, '--out');
  const files: RunFiles = {
    events: join(dir, 'events.jsonl'),
    summary: join(dir, 'summary.json'),
    report: join(dir, 'report.md'),
    paths: result.paths ? join(dir, 'paths.json') : null,
  };
  writeAtomic(files.events, eventsToJsonl(result.events));
  const summary = runToJson(result, { scenarioFile, outcomes: why.outcomes });
  writeAtomic(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
  writeAtomic(
    files.report,
    renderMarkdownReport(result.summary, { seed: result.seed, hash: result.hash, scenarioFile }, why),
  );
  if (files.paths && result.paths) writeAtomic(files.paths, `${JSON.stringify(result.paths)}\n`);
  return files;
}

/**
 * Writes `report.html` (map, timeline, profiles, tables; one offline file) under `dir` (created) and returns its
 * path. Call after `writeRun`; `scenario` must be the compiled scenario the run used.
 * @example
 * ```ts
 * import { loadScenario, runScenario, writeRun, writeRunReport } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * const files = writeRun(result, 'runs/mine', 'scenarios/al-asad-2020.yaml'); // events.jsonl, summary.json, report.md
 * await writeRunReport(result, scenario, 'runs/mine', 'scenarios/al-asad-2020.yaml'); // report.html
 * ```
 */
export async function writeRunReport(
  result: RunResult,
  scenario: Scenario,
  dir: string,
  scenarioFile: string,
  extra: Pick<HtmlReportInput, 'monteCarlo' | 'coverage' | 'why'> = {},
): Promise<string> {
  ensureDir(dir, '--out');
  const path = join(dir, 'report.html');
  writeAtomic(path, await renderHtmlReport({ scenario, result, scenarioFile, ...extra }));
  return path;
}
