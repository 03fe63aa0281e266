/**
 * @module store/sameRun
 * The duplicate rule of the run store: an identical re-run of a single run — same scenario content hash (the YAML
 * text and every input file's bytes), same seed, same replication, same options that shape the stored record (flight
 * paths recorded) and the same event-log hash — is the run already stored, so `aspis run` points at that entry
 * instead of adding another (`--store-again` stores a new one anyway). Only finished (`done`) single runs match.
 */
import type { RunRow, RunStore } from './runStore.js';

/** What makes two single runs the same run. */
export interface SingleRunKey {
  readonly scenarioHash: string;
  readonly seed: number;
  readonly replication: number;
  readonly recordPaths: boolean;
  /** SHA-256 of the run's canonical event log: equal for an identical re-run (determinism). */
  readonly hash: string;
}

/** The stored single run identical to `key`, oldest first; null when there is none. */
export function findSameSingleRun(store: RunStore, key: SingleRunKey): RunRow | null {
  const candidates = store
    .listRuns()
    .filter((r) => r.kind === 'single' && r.status === 'done' && r.scenarioHash === key.scenarioHash)
    .filter((r) => r.seed === key.seed)
    .filter((r) => {
      const config = (r.config ?? {}) as { replication?: number; recordPaths?: boolean };
      return (
        (config.replication ?? 0) === key.replication && (config.recordPaths ?? false) === key.recordPaths
      );
    })
    .sort((a, b) => a.createdSeq - b.createdSeq);
  // the event log must match too: a different build of aspis may have changed the result of the same inputs
  return candidates.find((r) => store.getReplication(r.id, key.replication)?.hash === key.hash) ?? null;
}
