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
  'al-asad-2020.yaml': 'dc40c34671c67ed59ba86ad63be0b46b6d3bdbe1b25132dcd1ba26072154cda6',
  'erbil-2020.yaml': '51720d56985210e0a674680f964d4adaa5433507c6299ecfe7df55811da23ab8',
  'taji-2020-cram.yaml': '1b70384e93200b5ae360f4a5d897bf6c4a24989f89e09d2b2fb4533b346220cf',
  'four-bases-two-batteries.yaml': 'e9534d779c9587390c0a7516d9e3b8cacd83c12e5c2bfb6d2cbc1827d41acf0a',
  'al-asad-2020-layered.yaml': '79c1d96a1c6b74f0eba29a7e806a8b0e5ae88e80da94057b119f8a582f87fba3',
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
