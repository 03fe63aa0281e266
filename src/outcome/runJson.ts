/**
 * @module outcome/runJson
 * The machine-readable summary of one run (`aspis run --json`, `summary.json`, the run store's summary): totals,
 * per-threat fates, the scenario file it came from and `why`, each threat's outcome record (`outcome/fate`) with
 * its verdict sentence.
 */
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../sim/engine.js';
import type { RunSummary } from '../sim/summary.js';
import { buildOutcomes } from './build.js';
import type { ThreatOutcome } from './fate.js';
import { storyTimingOf } from './timing.js';
import { verdictText } from './verdict.js';

/** One threat's outcome with its verdict sentence, as `run --json` prints it. */
export interface WhyJson extends ThreatOutcome {
  /** The verdict as people read it (`outcome/verdict`): a rendering of this record. */
  readonly text: string;
}

/** The machine-readable summary (`aspis run --json`, `summary.json`). */
export interface RunJson {
  readonly scenario: string;
  /** The scenario file the run was made from, as given (relative to the working directory), or null. */
  readonly scenarioFile: string | null;
  /** Scenario start, ISO-8601 with offset. */
  readonly start: string;
  readonly seed: number;
  readonly hash: string;
  readonly totals: RunSummary['totals'];
  readonly leakersPerAsset: RunSummary['leakersPerAsset'];
  readonly firstDetection_s: number | null;
  readonly firstIntercept_s: number | null;
  readonly threats: RunSummary['threats'];
  /** Each launched threat's outcome, in launch order. */
  readonly why: readonly WhyJson[];
}

/** Each outcome with its verdict sentence. */
export function whyJson(outcomes: readonly ThreatOutcome[]): WhyJson[] {
  return outcomes.map((o) => ({ ...o, text: verdictText(o) }));
}

/** What `runToJson` may know beside the result. */
export interface RunJsonOptions {
  /** The scenario file, as shown to people. */
  readonly scenarioFile?: string | null;
  /** The compiled scenario (its units' engagement-time floors measure "detected late"); absent: the log's plans. */
  readonly scenario?: Scenario | null;
  /** The outcomes when the caller already built them. */
  readonly outcomes?: readonly ThreatOutcome[];
}

/**
 * The `--json` object of a run.
 * @example
 * ```ts
 * import { loadScenario, runScenario, runToJson } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * console.log(JSON.stringify(runToJson(result, { scenarioFile: 'scenarios/al-asad-2020.yaml' })));
 * ```
 */
export function runToJson(result: RunResult, options: RunJsonOptions = {}): RunJson {
  const s = result.summary;
  const outcomes =
    options.outcomes ??
    buildOutcomes(result.events, options.scenario ? storyTimingOf(options.scenario) : undefined);
  return {
    scenario: s.scenario,
    scenarioFile: options.scenarioFile ?? null,
    start: s.start,
    seed: result.seed,
    hash: result.hash,
    totals: s.totals,
    leakersPerAsset: s.leakersPerAsset,
    firstDetection_s: s.firstDetection_s,
    firstIntercept_s: s.firstIntercept_s,
    threats: s.threats,
    why: whyJson(outcomes),
  };
}
