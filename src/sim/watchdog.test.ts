import { describe, expect, it } from 'vitest';
import { oneBatteryYaml, raidLine } from '../../test/support/scenarioYaml.js';
import { AspisError } from '../errors.js';
import { loadCatalog } from '../scenario/catalog.js';
import { parseScenario } from '../scenario/load.js';
import { runScenario } from './engine.js';
import { wallTimeWatchdog } from './watchdog.js';

/** A small scenario: one battery, three rounds. */
const YAML = oneBatteryYaml({ raids: raidLine('w', 3, '20s', '+2min'), duration: '20min' });
const scenario = parseScenario(YAML, 'watchdog.yaml', { catalog: loadCatalog() });

describe('wallTimeWatchdog', () => {
  it('throws E_WALL_TIME once its clock passes the budget, and not before', () => {
    let now_ms = 0;
    const check = wallTimeWatchdog(2, () => now_ms);
    now_ms = 2000;
    expect(() => check()).not.toThrow();
    now_ms = 2001;
    expect(() => check()).toThrow(AspisError);
    try {
      check();
    } catch (err) {
      expect((err as AspisError).code).toBe('E_WALL_TIME');
    }
  });

  it('stops a run whose clock runs out, with the coded error', () => {
    // a clock that advances 1 s per reading: the 10 s budget ends after about ten kernel events
    let now_ms = 0;
    const interrupt = wallTimeWatchdog(10, () => (now_ms += 1000));
    expect(() => runScenario(scenario, { interrupt })).toThrow(/E_WALL_TIME/);
  });

  it('never changes a run that finishes: same hash and events with and without it', () => {
    const plain = runScenario(scenario, { seed: 3 });
    let calls = 0;
    const watched = runScenario(scenario, {
      seed: 3,
      interrupt: () => {
        calls++;
      },
    });
    expect(calls).toBeGreaterThan(100);
    expect(watched.hash).toBe(plain.hash);
    expect(watched.events.length).toBe(plain.events.length);
    expect(runScenario(scenario, { seed: 3, interrupt: wallTimeWatchdog(3600) }).hash).toBe(plain.hash);
  });
});
