/**
 * Golden event-log hashes of the shipped scenarios at seed 1 (Box2D-style determinism check). A change of hash means
 * the simulated history changed: if the change is intended (a model was improved), run
 * `npm run aspis -- run scenarios/<file> --seed 1 --json --no-save --no-store`, check the new summary makes sense,
 * and update the hash here in the same commit, saying why.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/sim/engine.js';
import { shipped } from './helpers.js';

const GOLDEN: Record<string, string> = {
  'al-asad-2020-no-defense.yaml': '29070170038313bcb29797ae46e437f464b51d04ed736963157641c2808bcb58',
  'al-asad-2020.yaml': '1c9378e72fc580dd5d61881c4c5e09eecbf6d843af711d0fec11d13c18f27b24',
  'erbil-2020.yaml': '0b2035f142eb20589cb68f2bf56f1d3012d7eee23c2216b0c0369f2ab9ee6062',
  'taji-2020-cram.yaml': 'a9c52e84881b314b307dab9c3169e9df75345346188e558cc83960e7b6509a12',
  'four-bases-two-batteries.yaml': '68d50f30c841f78e91ecce29212bfc4b42a27f7717c34500d1c5fce9d5d9c3aa',
  'al-asad-2020-layered.yaml': '061aebda5cd95508bf5b9eb1ee6f1994713210437f464934ee61db0f7df52dea',
  'erbil-2021-drones.yaml': '383925c8aeb19b02032955c2b997f31df174497ae230154deffe61d11ae26790',
  'abqaiq-style-2019.yaml': '29dc7695dfddcc664cb8dbb16ee980f7156fb3c7f293aa89d2ecb684b9398836',
};

describe('golden hashes of the shipped scenarios (seed 1)', () => {
  it.each(Object.entries(GOLDEN))('%s', (file, hash) => {
    expect(runScenario(shipped(file), { seed: 1 }).hash).toBe(hash);
  });

  it('recording paths for replay does not change the history', () => {
    const scenario = shipped('al-asad-2020.yaml');
    expect(runScenario(scenario, { seed: 1, recordPaths: true }).hash).toBe(GOLDEN['al-asad-2020.yaml']);
  });
});
