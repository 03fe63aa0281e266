/**
 * @module store/runStoreIds
 * The identifiers of stored things: run ids from the store's sequence, and the scenario hash that keys scenarios.
 */
import { createHash } from 'node:crypto';

/** `run-000012` for sequence number 12. */
export function runIdForSeq(seq: number): string {
  return `run-${String(seq).padStart(6, '0')}`;
}

/** One input file of a scenario as the hash sees it: the field that named it and the SHA-256 of its bytes. */
export interface InputDigest {
  readonly field: string;
  readonly sha256: string;
}

/**
 * The key `putScenario` uses: SHA-256 (hex) of the YAML text, and, when the scenario read files (a DEM), of the text
 * followed by each file's field and byte digest, so two runs share a hash only when their inputs are identical.
 * Without input files it is the SHA-256 of the text alone (the hash runs stored before inputs were hashed have).
 */
export function scenarioHash(yamlText: string, inputs: readonly InputDigest[] = []): string {
  const hash = createHash('sha256').update(yamlText, 'utf8');
  if (inputs.length > 0) {
    hash.update('\0aspis-inputs\n', 'utf8');
    for (const input of inputs) hash.update(`${input.field}=${input.sha256}\n`, 'utf8');
  }
  return hash.digest('hex');
}
