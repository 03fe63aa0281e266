/**
 * Threat evaluation does not flicker on the shipped runs (docs/impact-prediction.md §4): a track once assessed as a threat is
 * dropped to 'ignore' only when its predicted impact leaves the hysteresis band (or it turns out to miss). Counts
 * the threat → ignore changes in the `c2.assess` events of seed 1 — before the hysteresis: 6 at Al Asad (tracks of
 * missiles that all landed on the base), 1,231 in the layered Al Asad run.
 */
import { describe, expect, it } from 'vitest';
import { runScenario } from '../src/sim/engine.js';
import type { SimEvent } from '../src/world/events.js';
import { shipped } from './helpers.js';

function threatDrops(events: readonly SimEvent[]): number {
  const last = new Map<string, 'threat' | 'ignore'>();
  let drops = 0;
  for (const e of events) {
    if (e.type !== 'c2.assess') continue;
    const key = `${e.unitId}/${e.trackId}`;
    if (last.get(key) === 'threat' && e.decision === 'ignore') drops++;
    last.set(key, e.decision);
  }
  return drops;
}

describe('threat evaluation hysteresis on the shipped runs (seed 1)', () => {
  // measured on the PAC-2-only default: 6 drops without hysteresis, 1 with it. On the GEM-T/MSE default with failure
  // modes, 3 remain: two tracks re-initiated 40 s before impact (confirmed at 888 s and 890 s) whose first velocity
  // estimates move the predicted impact by 10 km between updates, and one on wave 5 — left open (docs/impact-prediction.md)
  it('Al Asad: at most three threat → ignore changes (was 6), and its tracks are still declared threats', () => {
    const run = runScenario(shipped('al-asad-2020.yaml'), { seed: 1 });
    expect(threatDrops(run.events)).toBeLessThanOrEqual(3);
    expect(
      run.events.filter((e) => e.type === 'c2.assess' && e.decision === 'threat').length,
    ).toBeGreaterThan(10);
  });

  it('layered Al Asad: at most a handful of changes (was 1,231)', () => {
    expect(
      threatDrops(runScenario(shipped('al-asad-2020-layered.yaml'), { seed: 1 }).events),
    ).toBeLessThanOrEqual(3);
  });
});
