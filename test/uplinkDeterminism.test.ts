/**
 * Whole-run determinism of the midcourse uplink: the catalog interceptors fly midcourse under the battery's track
 * uplink, whose rounds advance in kernel ticks; the same seed must give the same event log, and every kill must
 * come from an acquired round with a small miss.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/sim/engine.js';
import { shipped } from './helpers.js';

describe('midcourse uplink in the engine', () => {
  it('the same seed twice gives the same hash (Al Asad, seeker and uplink on)', () => {
    const scenario = shipped('al-asad-2020.yaml');
    const a = runScenario(scenario, { seed: 2 });
    const b = runScenario(scenario, { seed: 2 });
    expect(a.hash).toBe(b.hash);
    const ends = a.events.filter((e) => e.type === 'interceptor.end');
    expect(ends.length).toBe(a.summary.totals.interceptorsFired);
    for (const e of ends)
      if (e.type === 'interceptor.end' && e.result === 'kill') expect(e.miss_m).toBeLessThan(20);
  });
});
