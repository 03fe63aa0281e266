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
  'al-asad-2020.yaml': '99863919dbad6b2e8335994e38ae9ada4cfa741ca5ff8db0bced0a29accff953',
  'erbil-2020.yaml': '238ba3ecdf59ff0c292ba8063e8622b8225790ada88cfcffcf68d95d3d99fc2e',
  'taji-2020-cram.yaml': '5850bca0b66cd92374036bdb14bc083dd9729d574c3beb892f7fc38c2f225097',
  'four-bases-two-batteries.yaml': '9d60f7b3785ad7aa01a4f03f3a18ceffa7c42aca1d8fccb1e0ca7cf90881816f',
  'al-asad-2020-layered.yaml': 'c472c3c1512c3543060d06b9c3ee2f451079fd8e3fa1da1d9015bbf10ac82588',
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
