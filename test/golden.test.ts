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
  'al-asad-2020.yaml': '598c3ec3f4541fefdf2af901be4c646c3287dc668d4bdf968f09a48861b0309c',
  'erbil-2020.yaml': '40b50aff262ffab3cef702ba83f5750c96f3f664e8a95a0cdf2afcfa4710f371',
  'taji-2020-cram.yaml': 'a9c52e84881b314b307dab9c3169e9df75345346188e558cc83960e7b6509a12',
  'four-bases-two-batteries.yaml': '0f93de931347871cab0c984f35e058aa45796d9abad8a159d4a904fdd1011955',
  'al-asad-2020-layered.yaml': '336841f7390d984d26d004f1a0be55b59bb7a676846e4b5ad40a3fc49430d1c1',
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
