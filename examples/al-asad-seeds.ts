/**
 * Example: the default scenario over ten seeds — how many of the raid's missiles one battery kills, how many land
 * on the base, and how many interceptors that costs. Run: `npx tsx examples/al-asad-seeds.ts`.
 */
import { join } from 'node:path';
import { packageRoot } from '../src/scenario/catalog.js';
import { loadScenario } from '../src/scenario/load.js';
import { runScenario } from '../src/sim/engine.js';

export interface SeedSweep {
  readonly seeds: number;
  readonly meanKilled: number;
  readonly meanLeakers: number;
  readonly meanInterceptors: number;
}

/** Runs `seeds` replications of the default scenario and averages the headline numbers. */
export function sweepSeeds(seeds = 10): SeedSweep {
  const scenario = loadScenario(join(packageRoot(), 'scenarios', 'al-asad-2020.yaml'));
  let killed = 0;
  let leakers = 0;
  let interceptors = 0;
  for (let seed = 1; seed <= seeds; seed++) {
    const t = runScenario(scenario, { seed }).summary.totals;
    killed += t.killed;
    leakers += t.leakersOnAssets;
    interceptors += t.interceptorsFired;
  }
  return {
    seeds,
    meanKilled: killed / seeds,
    meanLeakers: leakers / seeds,
    meanInterceptors: interceptors / seeds,
  };
}

if (process.argv[1]?.endsWith('al-asad-seeds.ts') || process.argv[1]?.endsWith('al-asad-seeds.js')) {
  const r = sweepSeeds();
  console.log(
    `Al Asad 2020, one battery, ${r.seeds} seeds: ${r.meanKilled.toFixed(1)} killed, ${r.meanLeakers.toFixed(1)} leakers on the base, ${r.meanInterceptors.toFixed(1)} interceptors per night`,
  );
}
