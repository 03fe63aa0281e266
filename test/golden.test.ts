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
  'al-asad-2020-no-defense.yaml': 'ced3e76422f2779cefa059ed37fdcd57a06b7dd415707e8133e648af9069870d',
  'al-asad-2020.yaml': 'cafe94d0093facc3151c87d92408c8d5f47f2f6d4af43b3370c6384a5fe0b0a0',
  'erbil-2020.yaml': 'fb01eb4318f4318b112816ffd538f7de83f4b0b470e7da74fcff0b50d056de9c',
  'taji-2020-cram.yaml': '5850bca0b66cd92374036bdb14bc083dd9729d574c3beb892f7fc38c2f225097',
  'four-bases-two-batteries.yaml': 'bdec9daf076893b2f835ee6c41acf54824af9ae19c3da7ede3d70d85fdd650f3',
  'al-asad-2020-layered.yaml': '23799c74a739a0e533436a961faf8bf463a7b54772a97d9ad573db736675eebf',
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
