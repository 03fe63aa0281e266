/**
 * Shared helpers for whole-run tests: load a shipped scenario, walk every number of a JSON value.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { packageRoot } from '../src/scenario/catalog.js';
import { loadScenario, parseScenario, parseScenarioYaml } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';

export function shipped(name: string): Scenario {
  return loadScenario(join(packageRoot(), 'scenarios', name));
}

/**
 * The shipped Al Asad scenario with its previous default battery — six PAC-2 GEM-T-class launchers of 4 rounds, no
 * reserve, the GAO lethality excursion (F∞ = 0.5) — a night on which the magazine runs dry before the last waves
 * (tests of the "no inventory" and "survived the warhead" stories use it; the shipped default rarely runs dry).
 */
export function alAsadPac2NoReserve(): Scenario {
  const path = join(packageRoot(), 'scenarios', 'al-asad-2020.yaml');
  const doc = parseScenarioYaml(readFileSync(path, 'utf8'), path) as {
    units: { launchers: unknown[] }[];
    catalog?: unknown;
  };
  doc.catalog = {
    interceptors: { 'gem-t-gao': { extends: 'notional-pac2-gem', hardTargetFragmentationFloor: 0.5 } },
  };
  doc.units[0].launchers = [
    { count: 6, interceptor: 'gem-t-gao', loaded: 4, capacity: 4, reload: '15min', reserve: 0 },
  ];
  return parseScenario(stringify(doc), `${path} [PAC-2 only, no reserve, F∞ = 0.5]`);
}

/** Every number inside a JSON-like value (to assert there is no NaN/Infinity anywhere). */
export function allNumbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allNumbers(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allNumbers(v, out);
  return out;
}
