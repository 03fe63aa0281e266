/**
 * Shared helpers for whole-run tests: load a shipped scenario, walk every number of a JSON value.
 */
import { join } from 'node:path';
import { packageRoot } from '../src/scenario/catalog.js';
import { loadScenario } from '../src/scenario/load.js';
import type { Scenario } from '../src/scenario/types.js';

export function shipped(name: string): Scenario {
  return loadScenario(join(packageRoot(), 'scenarios', name));
}

/** Every number inside a JSON-like value (to assert there is no NaN/Infinity anywhere). */
export function allNumbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === 'number') out.push(value);
  else if (Array.isArray(value)) for (const v of value) allNumbers(v, out);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) allNumbers(v, out);
  return out;
}
