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
  'al-asad-2020-no-defense.yaml': 'b4c76bcec2f497a0c1ed5030c70c4a235806b5caa582b8b7b644338514f7ea03',
  'al-asad-2020.yaml': 'a107ce742edc1ae1cf6109414a6979c5420a11410c6d33d4d171e28fab707fe3',
  'erbil-2020.yaml': 'ab5ac1581a05a95f1f87222f4643a45956340e084847dbcc67b2231eebea204d',
  'taji-2020-cram.yaml': 'ca13dd9d19ee399f3dc0152ae910856eee714cbf3be19742ffd0bba6926652ba',
  'four-bases-two-batteries.yaml': 'a36c6cb23b4f968bed825667af807110cc338d1b2a2dd4fa2afdfbaf47206398',
  'al-asad-2020-layered.yaml': 'a35fc8a463da00d9d83d551c068111dbb4310c8cfe4ef20af94b1b63d3e4c641',
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
