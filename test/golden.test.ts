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
  'al-asad-2020.yaml': 'c786f8b9e911828e2a680fe4611f913e82db3deddd6c3473fc2bbc81e692c8bc',
  'erbil-2020.yaml': '84a08ca1eeca451728469ad642c22ed0f805fcc89fb2f02f3f7b420498ce4f9b',
  'taji-2020-cram.yaml': '190e91569f0d812e0895dacbbd2ca7ae6243ffaad0005bef278cceef695d72da',
  'four-bases-two-batteries.yaml': '2cb68e0014774cd24534fefb017dddfc03445ec0405722c11cc729cb43bc5e15',
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
