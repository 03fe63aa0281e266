/**
 * @module analysis/placementMc
 * Monte Carlo confirmation of a battery layout with the full engine. The scenario is rebuilt with its SAM batteries
 * moved (every battery defending every asset, as the fast objective assumes; C-RAM mounts unchanged) and run for R
 * replications (`runReplication`, seed and replication index as in `aspis mc`). Value saved per replication is
 * paired against the same replication with no SAM battery (threat draws come from per-threat streams, so they are
 * identical): Σ asset value × (leakers without − leakers with). Reported with its 95 % mean interval, and PRA with
 * its Wilson interval.
 */

import { type MeanInterval, meanInterval, type ProportionInterval, wilsonInterval } from '../math/stats.js';
import { deepFreeze } from '../scenario/catalog.js';
import type { Geodetic, SamBattery, Scenario } from '../scenario/types.js';
import { placedBattery } from './coverageEngagement.js';
import { type ReplicationResult, raidAnnihilated, runReplication } from './replication.js';

/** One battery's place in a layout. */
export interface BatteryPlacement {
  /** Unit id in the scenario (clones of the last battery get `<id>-2`, `<id>-3`, …). */
  readonly unitId: string;
  readonly position: Geodetic;
  /** Radar sector centre, clockwise from north, rad. */
  readonly sectorCenter_rad: number;
}

/** Monte Carlo confirmation of one layout. */
export interface LayoutMonteCarlo {
  readonly runs: number;
  /** Asset value saved per replication versus no SAM defence (paired), mean and 95 % interval. */
  readonly valueSaved: MeanInterval;
  /** Probability of raid annihilation (no leaker on any asset), Wilson 95 %. */
  readonly pra: ProportionInterval;
  /** Leakers on assets per replication. */
  readonly leakers: MeanInterval;
}

/** The scenario with its SAM batteries replaced by `specs` placed as `placements` (same order), defending all. */
export function scenarioWithLayout(
  scenario: Scenario,
  specs: readonly SamBattery[],
  placements: readonly BatteryPlacement[],
): Scenario {
  const allAssets = scenario.assets.map((a) => a.id);
  const placed = placements.map((p, b) =>
    placedBattery({ ...specs[b], id: p.unitId }, p.position, p.sectorCenter_rad, allAssets),
  );
  const others = scenario.units.filter((u) => u.kind !== 'sam-battery');
  return deepFreeze({ ...scenario, units: [...placed, ...others] });
}

/** Value lost in one replication: Σ asset value × leakers on that asset. */
function valueLost(scenario: Scenario, result: ReplicationResult): number {
  let lost = 0;
  for (const asset of scenario.assets) lost += asset.value * (result.leakersPerAsset[asset.id] ?? 0);
  return lost;
}

/** Cache of the no-SAM baseline losses per (scenario, seed, replication). */
const baselineCache = new WeakMap<Scenario, Map<string, number>>();

function baselineLost(scenario: Scenario, seed: number, replication: number): number {
  let cache = baselineCache.get(scenario);
  if (!cache) {
    cache = new Map();
    baselineCache.set(scenario, cache);
  }
  const key = `${seed}:${replication}`;
  let lost = cache.get(key);
  if (lost === undefined) {
    const bare = deepFreeze({ ...scenario, units: scenario.units.filter((u) => u.kind !== 'sam-battery') });
    lost = valueLost(scenario, runReplication(bare, seed, replication));
    cache.set(key, lost);
  }
  return lost;
}

/** Runs `runs` replications of the layout and pairs them with the no-SAM baseline (see the module header). */
export function layoutMonteCarlo(
  scenario: Scenario,
  specs: readonly SamBattery[],
  placements: readonly BatteryPlacement[],
  runs: number,
  seed: number,
): LayoutMonteCarlo {
  const layoutScenario = scenarioWithLayout(scenario, specs, placements);
  const saved: number[] = [];
  const leakers: number[] = [];
  let annihilated = 0;
  for (let i = 0; i < runs; i++) {
    const result = runReplication(layoutScenario, seed, i);
    saved.push(baselineLost(scenario, seed, i) - valueLost(scenario, result));
    leakers.push(result.totals.leakersOnAssets);
    if (raidAnnihilated(result)) annihilated++;
  }
  return {
    runs,
    valueSaved: meanInterval(saved),
    pra: wilsonInterval(annihilated, runs),
    leakers: meanInterval(leakers),
  };
}
