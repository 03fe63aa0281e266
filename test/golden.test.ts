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
  'al-asad-2020.yaml': 'fc1f1b965b068166edb0e1de934feb790510ed3b4babccbba3901b5dbce1eeb7',
  'erbil-2020.yaml': '579ca193d052990ca35f10907845638eb8333e0155b0e9f5071c499863fc3cf0',
  'taji-2020-cram.yaml': '982cd3044ff8bcbb5bffbb845fac00adbdc7ed33552395b235d480d171982197',
  'four-bases-two-batteries.yaml': '3f1e1f2bb34536da2cd51c6555727f74c380b434fddad9f66e95a56096bd04a9',
  'al-asad-2020-layered.yaml': 'f4d50d771008d57e9df2e81e6a5115879453f92ae5f61249fe6cb2b9d5924959',
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
