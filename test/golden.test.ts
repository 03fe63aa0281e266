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
  'al-asad-2020.yaml': '100884afe3acbdb1e0aaaaa92c0bd93c56032e975fc4b9e1ee68969d0ff5cfbf',
  'erbil-2020.yaml': '181238b1c91ec3d3b08f665cc10dddc719a246e482436f80e12f619992498aee',
  'taji-2020-cram.yaml': '4c88bcfac71d5e6052fddfc631b1b9cbecfdc31f1d757eaab97bd6e5772766b1',
  'four-bases-two-batteries.yaml': 'c398322d659a820d303ad8a45cb6f7a651e1c26ff11397f800fc2a16ffb6cbe6',
  'al-asad-2020-layered.yaml': '29064a6aa396150ceebb242539178c4925ae5b3bd74c3a9ac8ef5f60c13a30cd',
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
