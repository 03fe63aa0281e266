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
  'al-asad-2020.yaml': 'b5a1d396ba7a91b98dcecbebad5fefbc777fcd671340c3e00a58cd3adefcf59f',
  'erbil-2020.yaml': 'd167847298226991718c7cba72c3c7328fc7193fa676fbe26dd7e8adc4afdc6a',
  'taji-2020-cram.yaml': '190e91569f0d812e0895dacbbd2ca7ae6243ffaad0005bef278cceef695d72da',
  'four-bases-two-batteries.yaml': 'd36c74c4cda1b246e71ef2bcbe05ac1c025ecf4d4f772898c0e74707b276e5fb',
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
