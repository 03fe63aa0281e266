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

export const KNOWN_OPEN: readonly KnownOpen[] = [
  {
    class: 'unresponsive',
    match: /GET \/api\/runs waited \d+ ms behind POST \/api\/run/,
    branch: 'limits',
    repro:
      'POST /api/run {"yaml": <scenarios/erbil-2020.yaml>}, then GET /api/runs 20 ms later: the read waits for the whole simulation (1–9 s here), which runs on the event loop',
  },
  {
    class: 'leak',
    match: /E_TERRAIN_FILE/,
    branch: 'resume',
    repro:
      'POST /api/run {"yaml": "name: x\\nstart: 2020-01-01T00:00:00Z\\nterrain: { dem: /etc/passwd }"} → "not a readable TIFF (invalid byte order: 0x6f72)"; dem: /nonexistent/dem.tif → "file not found"',
  },
];

/** The known-open entry a failing result falls under, if any. */
export function knownOpenOf(result: CaseResult): KnownOpen | undefined {
  return KNOWN_OPEN.find(
    (k) =>
      k.class === result.outcome.class &&
      (k.match.test(result.outcome.detail) || k.match.test(JSON.stringify(result.case))),
  );
}
