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
  'al-asad-2020.yaml': '5071af2a4289360493060806606d91e6af59125e298b93eafe3f57f416a9161e',
  'erbil-2020.yaml': 'e1b57ee4161378598911134a8a8923a02b9001ab14bce0c71a279cad2c99f93f',
  'taji-2020-cram.yaml': 'fd086aa8dc4fbadd42dad0733d9adeeabb908f22ad8233685b35721e143e1cdb',
  'four-bases-two-batteries.yaml': '0a51753517a14b494d352e6d04c0b982469955643a8e9a197ecce98568c01d92',
  'al-asad-2020-layered.yaml': '4575be7438644d2d1ae4c35c1aa8df7bbd166004bb7978cef03c6a83d2b64278',
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
