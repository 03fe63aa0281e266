/**
 * @module scenario/semantic
 * Checks that need the whole compiled scenario, after the schema has passed: things each field allows on its own but
 * that together cannot mean what the author wanted. Errors (the run would be meaningless) and warnings (the run is
 * well defined but likely not what was meant) are returned as lists, so the caller reports them all at once.
 * Thresholds and the measurements behind them: docs/scenario-format.md, "Validation".
 */
import type { AspisIssue, AspisWarning } from '../errors.js';
import { geodesicInverse } from '../geo/geodesic.js';
import type { Catalog } from './catalog.js';
import type { ScenarioFile } from './schema.js';
import type { Scenario } from './types.js';

/**
 * Largest integration step, s, at which the engine still resolves intercepts. Measured on
 * scenarios/al-asad-2020.yaml (seed 1): kills 14 at 0.1 s, 13 at 0.5 s, 12 at 1 s, 6 at 1.5 s, 0 at 2 s — the
 * interceptor's guidance loop and the closest-approach search both run on this step, and an interceptor closing at
 * 3–4 km/s crosses its whole terminal phase in one or two steps above ~1 s.
 */
export const MAX_RESOLVING_STEP_s = 0.5;

/** Problems found by `semanticChecks`. */
export interface SemanticFindings {
  readonly errors: AspisIssue[];
  readonly warnings: AspisWarning[];
}

/** Stand-off jammers that switch off before they switch on (needs only the parsed file, so it runs with the reference checks). */
export function reversedJammerWindows(file: ScenarioFile): AspisIssue[] {
  const issues: AspisIssue[] = [];
  file.jammers.forEach((jammer, index) => {
    if (jammer.kind !== 'stand-off' || jammer.until === undefined) return;
    if (jammer.until < jammer.from) {
      issues.push({
        code: 'E_SCENARIO_FIELD',
        path: `jammers[${index}].until`,
        message: `switch-off ${jammer.until} s is before switch-on (from) ${jammer.from} s; expected until >= from`,
      });
    }
  });
  return issues;
}

/** Raids whose ground range exceeds the threat type's range limits (ballistic and rocket types carry them). */
function outOfRangeRaids(file: ScenarioFile, scenario: Scenario): AspisWarning[] {
  const warnings: AspisWarning[] = [];
  // one check per raid: its first round (the spread adds at most 100 km, far below the range limits' meaning)
  const firstRound = new Map<string, Scenario['threats'][number]>();
  for (const launch of scenario.threats)
    if (!firstRound.has(launch.raid)) firstRound.set(launch.raid, launch);
  file.threats.forEach((raid, index) => {
    const launch = firstRound.get(raid.raid);
    const type = scenario.threatTypes[raid.type];
    if (launch === undefined || type === undefined) return;
    if (type.kind !== 'ballistic' && type.kind !== 'rocket') return;
    const range_m = geodesicInverse(
      launch.from.lat_rad,
      launch.from.lon_rad,
      launch.aim.lat_rad,
      launch.aim.lon_rad,
    ).distance_m;
    const km = (x_m: number) => `${(x_m / 1000).toFixed(1)} km`;
    if (range_m > type.maxRange_m) {
      warnings.push({
        code: 'W_OUT_OF_RANGE',
        path: `threats[${index}].target`,
        message: `target is ${km(range_m)} from the launch point, beyond the maximum range of '${type.id}' (${km(type.maxRange_m)}): the rounds will fall short`,
      });
    } else if (type.kind === 'rocket' && range_m < type.minRange_m) {
      warnings.push({
        code: 'W_OUT_OF_RANGE',
        path: `threats[${index}].target`,
        message: `target is ${km(range_m)} from the launch point, inside the minimum range of '${type.id}' (${km(type.minRange_m)})`,
      });
    }
  });
  return warnings;
}

/** Catalog overrides that set `rcs_m2` on a threat type whose aspect table (`rcsAspect`) the radars use instead. */
function ignoredRcsOverrides(file: ScenarioFile, catalog: Catalog): AspisWarning[] {
  const warnings: AspisWarning[] = [];
  const overrides = file.catalog?.threats ?? {};
  for (const id of Object.keys(overrides).sort()) {
    const entry = overrides[id];
    if (entry === undefined || !('rcs_m2' in entry)) continue;
    const type = catalog.threats.get(id)?.value;
    const hasAspect = type !== undefined && 'rcsAspect' in type && type.rcsAspect !== undefined;
    if (hasAspect || 'rcsAspect' in entry) {
      warnings.push({
        code: 'W_FIELD_IGNORED',
        path: `catalog.threats.${id}.rcs_m2`,
        message: `ignored in runs: '${id}' has an aspect RCS table (rcsAspect), which the radars use instead (rcs_m2 only feeds coverage maps, where the aspect is unknown); override rcsAspect to change the signature`,
      });
    }
  }
  return warnings;
}

/** A step so coarse that intercepts are not resolved, when there is anything to intercept with. */
function coarseStep(scenario: Scenario): AspisWarning[] {
  const hasInterceptors = scenario.units.some((u) => u.kind === 'sam-battery');
  if (!hasInterceptors || scenario.step_s <= MAX_RESOLVING_STEP_s) return [];
  return [
    {
      code: 'W_STEP_COARSE',
      path: 'step',
      message: `${scenario.step_s} s is too coarse for the engine to resolve intercepts (kills on al-asad-2020 fall from 14 at 0.1 s to 6 at 1.5 s and 0 at 2 s); use at most ${MAX_RESOLVING_STEP_s} s`,
    },
  ];
}

/**
 * Whole-scenario checks on a compiled scenario: targets beyond a threat type's range, `rcs_m2` overrides hidden by an
 * aspect table, and an integration step too coarse to resolve intercepts (warnings). Reversed jammer windows, the one
 * error, are checked earlier by `reversedJammerWindows` so that they are reported with the reference problems.
 */
export function semanticChecks(file: ScenarioFile, scenario: Scenario, catalog: Catalog): SemanticFindings {
  return {
    errors: [],
    warnings: [
      ...outOfRangeRaids(file, scenario),
      ...ignoredRcsOverrides(file, catalog),
      ...coarseStep(scenario),
    ],
  };
}
