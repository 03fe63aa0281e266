/**
 * @module sim/output
 * Writes a run to disk: `events.jsonl` (canonical event log), `summary.json` (the `--json` object) and
 * `report.md`. Files are written to temporary names and renamed, so a crash never leaves a partial run that looks
 * complete.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderMarkdownReport } from '../report/markdown.js';
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

/** Writes events, summary and report under `dir` (created). Returns the file paths. */
export function writeRun(
  result: RunResult,
  dir: string,
  scenarioFile: string,
): { events: string; summary: string; report: string } {
  mkdirSync(dir, { recursive: true });
  const paths = {
    events: join(dir, 'events.jsonl'),
    summary: join(dir, 'summary.json'),
    report: join(dir, 'report.md'),
  };
  writeAtomic(paths.events, eventsToJsonl(result.events));
  writeAtomic(paths.summary, `${JSON.stringify(runToJson(result), null, 2)}\n`);
  writeAtomic(
    paths.report,
    renderMarkdownReport(result.summary, { seed: result.seed, hash: result.hash, scenarioFile }),
  );
  return paths;
}
