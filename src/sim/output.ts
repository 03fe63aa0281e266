/**
 * @module sim/output
 * Writes a run to disk: `events.jsonl` (canonical event log), `summary.json` (the `--json` object), `report.md`
 * and, when the run recorded them, `paths.json` (threat and interceptor flight paths); `writeRunReport` adds the
 * self-contained `report.html` (asynchronous: its charts render through Vega). Files are written to temporary
 * names and renamed, so a crash never leaves a partial run that looks complete.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type HtmlReportInput, renderHtmlReport } from '../report/html.js';
import { renderMarkdownReport } from '../report/markdown.js';
import { type ReportWhy, reportWhy } from '../report/why.js';
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from './engine.js';
import { eventsToJsonl } from './recorder.js';
import type { RunSummary } from './summary.js';

/** The machine-readable summary (`aspis run --json`, `summary.json`). */
export interface RunJson {
  readonly scenario: string;
  /** Scenario start, ISO-8601 with offset. */
  readonly start: string;
  readonly seed: number;
  readonly hash: string;
  readonly totals: RunSummary['totals'];
  readonly leakersPerAsset: RunSummary['leakersPerAsset'];
  readonly firstDetection_s: number | null;
  readonly firstIntercept_s: number | null;
  readonly threats: RunSummary['threats'];
}

export function runToJson(result: RunResult): RunJson {
  const s = result.summary;
  return {
    scenario: s.scenario,
    start: s.start,
    seed: result.seed,
    hash: result.hash,
    totals: s.totals,
    leakersPerAsset: s.leakersPerAsset,
    firstDetection_s: s.firstDetection_s,
    firstIntercept_s: s.firstIntercept_s,
    threats: s.threats,
  };
}

function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.partial`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
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
 */
export function writeRun(
  result: RunResult,
  dir: string,
  scenarioFile: string,
  why: ReportWhy = reportWhy(result, null),
): RunFiles {
  mkdirSync(dir, { recursive: true });
  const files: RunFiles = {
    events: join(dir, 'events.jsonl'),
    summary: join(dir, 'summary.json'),
    report: join(dir, 'report.md'),
    paths: result.paths ? join(dir, 'paths.json') : null,
  };
  writeAtomic(files.events, eventsToJsonl(result.events));
  writeAtomic(files.summary, `${JSON.stringify(runToJson(result), null, 2)}\n`);
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
 */
export async function writeRunReport(
  result: RunResult,
  scenario: Scenario,
  dir: string,
  scenarioFile: string,
  extra: Pick<HtmlReportInput, 'monteCarlo' | 'coverage' | 'why'> = {},
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'report.html');
  writeAtomic(path, await renderHtmlReport({ scenario, result, scenarioFile, ...extra }));
  return path;
}
