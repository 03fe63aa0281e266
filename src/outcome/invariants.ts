/**
 * @module outcome/invariants
 * The invariant checker: a pure function over one run's typed event log (plus, when known, its summary and its
 * compiled scenario) that returns every broken rule as a `Violation` with a stable code, the threat and the events
 * involved, and a message. It trusts nothing the engine decided: every rule is re-derived from the events, so it
 * catches bookkeeping slips (a threat with two fates, totals that do not add up) and physics slips (a kill above the
 * interceptor's ceiling, an intercept the round could not have reached, a detection beyond the radar horizon).
 *
 * Three levels, by what is available:
 * - **log only**: fates, kill timing, pairing of weapon events, event order, finite numbers, detection before launch;
 * - **with the summary** (`RunSummary` or the stored `summary.json` object): totals, per-unit and per-threat counts;
 * - **with the scenario**: envelope (ceiling, floor, range), reachable geometry (flyout table, closing geometry),
 *   radar horizon and instrumented range, magazine and ammunition limits, threats that never launched.
 *
 * `INVARIANTS` lists every code with its rule, tolerance and the reason for that tolerance (docs/invariants.md). In
 * short:
 * - counts (fates, totals, per-unit and per-threat counts, magazines, pairing): exact — they are integers;
 * - times (order, kill or burst after impact, detection before launch): 1 µs — the canonical log keeps 12
 *   significant digits;
 * - envelope (ceiling, floor, range of a kill): the miss distance + 1 m — the logged point is the round's at closest
 *   approach, the target is within the miss distance of it;
 * - reach: 1 s on the flyout table's time of flight — bilinear interpolation on a 250 m grid, and the table is
 *   conservative by one cell near its edge (judged from the nearer neighbour cell);
 * - behind the battery: 1 km along the track and 10° past a crossing shot — the aimpoint may sit near the battery,
 *   and the threat's velocity is a finite difference of its 2 s path samples (or a chord to its aimpoint);
 * - horizon and instrumented range: 6 σ of range noise and 1 % on the apex — the log holds the measured range and
 *   the apex sampled at step ends; ellipsoid heights make the horizon an upper bound;
 * - non-finite numbers: none.
 * Equations: flyout table `weapons/flyout`; radar horizon √(2kRh₁) + √(2kRh₂), Skolnik §8.2 (`geo/horizon`).
 */

import type { RunToCheck, Violation } from './invariantCodes.js';
import { checkDetectionRange, checkIntercepts, checkMagazines } from './invariantGeometry.js';
import {
  checkFates,
  checkKillTiming,
  checkNumbers,
  checkOrder,
  checkPairing,
  checkSummary,
  detectionsBeforeLaunch,
  indexLog,
} from './invariantLog.js';

export * from './invariantCodes.js';

/**
 * Checks one run against every invariant (`INVARIANTS`) its inputs allow: the log alone, plus the summary's rules
 * when `summary` is given and the scenario's (envelope, reach, horizon, magazines) when `scenario` is given.
 * Pure: reads its arguments only (the flyout tables are memoised per interceptor type, `c2/battery`).
 * @returns the violations in rule order, then log order; empty when the run is clean
 * @example
 * ```ts
 * import { checkInvariants, loadScenario, runScenario } from 'aspis';
 * const scenario = loadScenario('scenarios/al-asad-2020.yaml');
 * const result = runScenario(scenario, { seed: 1 });
 * const violations = checkInvariants({ events: result.events, summary: result.summary, scenario });
 * if (violations.length > 0) console.error(violations);
 * ```
 */
export function checkInvariants(run: RunToCheck): Violation[] {
  const out: Violation[] = [];
  const events = run.events;
  const scenario = run.scenario ?? null;
  checkOrder(events, out);
  checkNumbers(events, out);
  const index = indexLog(run, out);
  checkFates(index, scenario, out);
  if (run.summary) checkSummary(events, index, run.summary, out);
  checkPairing(run, index, out);
  checkKillTiming(events, index, out);
  detectionsBeforeLaunch(events, index, out);
  if (scenario !== null) {
    checkMagazines(events, scenario, out);
    checkIntercepts(run, index, scenario, out);
    checkDetectionRange(events, index, scenario, out);
  }
  return out;
}
