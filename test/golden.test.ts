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
  'al-asad-2020-no-defense.yaml': 'bf50754935244cbdb8bda37ffc93aa480e03d90858397d3e00305c740eccac18',
  'al-asad-2020.yaml': 'f4fa8cb8e71fa0b740e362c6ceb06336ed57eb05db801c40c61290837d671dfe',
  'erbil-2020.yaml': '970a0d7bedb1c32b899d6f37b8e41b3fb82203ed97571f4625dcbb9135de6981',
  'taji-2020-cram.yaml': '3dfe5e5e3b7a9375dddf9eca0320abfbfa4a3d35516161ecf5227e704f6a3639',
  'four-bases-two-batteries.yaml': '6eef15c2f46e70a3ac9ce3acd4b5a1c7345875771acb585226898ac9f44be753',
  'al-asad-2020-layered.yaml': '6646bab74007de406d6df0b4de23023d2c663dfe582f237facd7200f9b35dcd6',
  'erbil-2021-drones.yaml': '2f4c45d7bedae23f13c89d0b8e510d801f93fa795930832c18a28b4566289cc7',
  'abqaiq-style-2019.yaml': '4b52b03c74be257fd2bfc1773372930a148948c75a295d068cf572d5be99025f',
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
