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
  'al-asad-2020.yaml': '3b2cb6949fe59441aa1bf8f61e6d77a1a6e42de3c72d6f4e6d2e0008afc9542d',
  'erbil-2020.yaml': 'be0914e1b30a240c242582603d59ed5a7cd00135cba97fb5c31f20487dc2a18d',
  'taji-2020-cram.yaml': 'fd086aa8dc4fbadd42dad0733d9adeeabb908f22ad8233685b35721e143e1cdb',
  'four-bases-two-batteries.yaml': '51858d2459ca3df8d7e291f8127a5550542c6f34efa9b46914e8c29ee3f62891',
  'al-asad-2020-layered.yaml': 'e1004bc19cac385653a4e597911f7d18ba89c93e80196849cc7af20d6dbfbb6c',
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
