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
  'al-asad-2020.yaml': 'c132ca76125d79b9b953ac352acb02c5a56929febcea05c022a2d585a60b565d',
  'erbil-2020.yaml': 'cf69f0ebf6f01fd35b5d2f34bd06497257ce3c3cfb01a30f5cc5c5bdf2730619',
  'taji-2020-cram.yaml': '670465bbef2d876a5466492c63662914ea94a5d7fe85beebfc18ca5c616a89a6',
  'four-bases-two-batteries.yaml': 'd2ec07fa6cc9ce20c2a041ae0e122358e30cb0bbff7bd0cad21bd68e4652fcaa',
  'al-asad-2020-layered.yaml': '3a29a6d822d890c9a0b70c7970926470954df4a9b1dda852d0c063228fec78c6',
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
