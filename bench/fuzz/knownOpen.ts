/**
 * @module bench/fuzz/knownOpen
 * Failure classes the fuzzer still finds that other branches of issue 11 are fixing (limits: work limits and a server
 * that computes off its event loop; resume: server file access). `test/fuzz.test.ts` tolerates exactly these and
 * `npm run fuzz` counts them apart; the integrator empties the list after merging those branches (docs/fuzz.md).
 */
import type { FuzzClass } from './execute.js';
import type { CaseResult } from './runner.js';

/** A failure class still open on another branch: which outcomes it covers, where it is fixed, how to see it. */
export interface KnownOpen {
  readonly class: FuzzClass;
  /** Matches the outcome's detail or the case as JSON. */
  readonly match: RegExp;
  readonly branch: 'limits' | 'validation' | 'resume';
  readonly repro: string;
}

// empty since the limits (server runs in worker threads) and resume (confined input files) branches merged; the
// entries they closed: GET /api/runs waiting behind a posted run, and /etc/passwd or a missing DEM revealed in errors
export const KNOWN_OPEN: readonly KnownOpen[] = [];

/** The known-open entry a failing result falls under, if any. */
export function knownOpenOf(result: CaseResult): KnownOpen | undefined {
  return KNOWN_OPEN.find(
    (k) =>
      k.class === result.outcome.class &&
      (k.match.test(result.outcome.detail) || k.match.test(JSON.stringify(result.case))),
  );
}
