/**
 * @module store/storeRun
 * Records one finished single run in the run store the way `aspis run` does: the scenario text (deduplicated by
 * hash), a run row, replication 0 with its summary (the `run --json` object: the scenario file and each threat's
 * outcome record under `why`), canonical event log and paths, and the final status.
 */
import { type RunJson, runToJson, type ThreatOutcome } from '../outcome/index.js';
import type { Scenario } from '../scenario/types.js';
import type { RunResult } from '../sim/engine.js';
import { eventsToJsonl } from '../world/recorder.js';
import type { InputDigest, RunStore } from './runStore.js';
import { findSameSingleRun } from './sameRun.js';

/** What to record besides the result. */
export interface StoredRunSource {
  /** The scenario YAML text the run compiled. */
  readonly yaml: string;
  /** The scenario file as shown to people (`scenarios/al-asad-2020.yaml`, or an uploaded file's name). */
  readonly scenarioFile: string;
  /** Where the run came from (`cli`, `web`, `test`), kept in the run's config. */
  readonly source: string;
  /** The run's outcomes when the caller built them (with the scenario's timing); absent: built here. */
  readonly outcomes?: readonly ThreatOutcome[];
  /** The compiled scenario, for the outcomes' "detected late" measure (absent: the log's own plans stand in). */
  readonly scenario?: Scenario;
  /** Digests of the files the scenario read (DEM), folded into the stored scenario hash. */
  readonly inputs?: readonly InputDigest[];
  /**
   * When an identical run is already stored (`store/sameRun`), return it instead of adding a duplicate entry
   * (`aspis run` without `--store-again`). Default false: always a new entry.
   */
  readonly reuseIdentical?: boolean;
}

/**
 * Stores a single run; returns its id (`run-000001`) and the stored summary. `existing` is true when
 * `from.reuseIdentical` found the identical run already stored and nothing was added.
 */
export function storeSingleRun(
  store: RunStore,
  result: RunResult,
  from: StoredRunSource,
): { id: string; summary: RunJson; existing?: boolean } {
  const scenarioHash = store.putScenario(from.yaml, result.summary.scenario, from.inputs ?? []);
  const same = from.reuseIdentical
    ? findSameSingleRun(store, {
        scenarioHash,
        seed: result.seed,
        replication: result.replication,
        recordPaths: result.paths !== null,
        hash: result.hash,
      })
    : null;
  if (same) {
    const summary = runToJson(result, {
      scenarioFile: from.scenarioFile,
      outcomes: from.outcomes,
      scenario: from.scenario,
    });
    return { id: same.id, summary, existing: true };
  }
  const id = store.createRun({
    kind: 'single',
    scenarioHash,
    scenarioName: result.summary.scenario,
    scenarioFile: from.scenarioFile,
    seed: result.seed,
    runsRequested: 1,
    config: {
      seed: result.seed,
      replication: result.replication,
      recordPaths: result.paths !== null,
      source: from.source,
      ...(from.inputs && from.inputs.length > 0 ? { inputs: from.inputs } : {}),
    },
  });
  const summary = runToJson(result, {
    scenarioFile: from.scenarioFile,
    outcomes: from.outcomes,
    scenario: from.scenario,
  });
  store.putReplication(id, {
    replication: result.replication,
    hash: result.hash,
    summary,
    events: eventsToJsonl(result.events),
    paths: result.paths ?? undefined,
  });
  store.finishRun(id, 'done');
  return { id, summary };
}
