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
  'al-asad-2020.yaml': '1b08c6d235c8ae2ab8ba184922b7f8a3f5ad6da20604cc977d39f6184af593db',
  'erbil-2020.yaml': 'ae38ef453b2e98aa351bc2c763492cc4c174f8401952ebbae67012ffd91e6d96',
  'taji-2020-cram.yaml': '4c88bcfac71d5e6052fddfc631b1b9cbecfdc31f1d757eaab97bd6e5772766b1',
  'four-bases-two-batteries.yaml': '8f613ad2f418325fa362257e5dc8d266ad230afd147094be8f353d38ac7fd893',
  'al-asad-2020-layered.yaml': '5763598053b0417919d3024e3a62062eaa40f677dcea6b96ace094997b976a17',
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
