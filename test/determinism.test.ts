import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/sim/engine.js';
import { eventsToJsonl } from '../src/world/recorder.js';
import { shipped } from './helpers.js';

describe('determinism', () => {
  const scenario = shipped('al-asad-2020.yaml');

  it('same scenario and seed give a byte-identical event log and hash', () => {
    const a = runScenario(scenario, { seed: 7 });
    const b = runScenario(scenario, { seed: 7 });
    expect(a.hash).toBe(b.hash);
    expect(eventsToJsonl(a.events)).toBe(eventsToJsonl(b.events));
  });

  it('a different seed gives a different history', () => {
    const a = runScenario(scenario, { seed: 1 });
    const b = runScenario(scenario, { seed: 2 });
    expect(a.hash).not.toBe(b.hash);
  });

  it('replication i is the same whatever ran before it (no hidden state between runs)', () => {
    const alone = runScenario(scenario, { seed: 3, replication: 5 });
    runScenario(scenario, { seed: 9, replication: 0 });
    runScenario(scenario, { seed: 3, replication: 4 });
    const after = runScenario(scenario, { seed: 3, replication: 5 });
    expect(after.hash).toBe(alone.hash);
  });
});
