import { describe, expect, it } from 'vitest';
import { shipped } from '../../test/helpers.js';
import { runScenario } from '../sim/engine.js';
import { magazineRows, magazineSpec } from './chartsMagazine.js';

describe('interceptors-left chart (issue 13)', () => {
  it('a battery ends with its stock less the rounds it fired; reloads refill the launchers, not the total', () => {
    const scenario = shipped('al-asad-2020.yaml');
    const result = runScenario(scenario, { seed: 1 });
    const rows = magazineRows(scenario, result.events);
    const last = (series: string) => rows.filter((r) => r.series === series).at(-1)?.left;
    const first = (series: string) => rows.find((r) => r.series === series)?.left;
    expect(first('with reserve')).toBe(4 * 4 + 16 + 2 * 12 + 24);
    expect(first('ready on launchers')).toBe(4 * 4 + 2 * 12);
    expect(last('with reserve')).toBe((first('with reserve') ?? 0) - result.summary.totals.interceptorsFired);
    const reloaded = result.events.filter((e) => e.type === 'launcher.reloaded').length;
    if (reloaded > 0)
      expect(last('ready on launchers')).toBeGreaterThan((first('ready on launchers') ?? 0) - 28);
    // never below zero, never above the start
    for (const r of rows) expect(r.left).toBeGreaterThanOrEqual(0);
  });

  it('a C-RAM mount counts down by the rounds of each burst; a scenario with no fire unit gets no chart', () => {
    const scenario = shipped('taji-2020-cram.yaml');
    const result = runScenario(scenario, { seed: 1 });
    const rounds = magazineRows(scenario, result.events).filter((r) => r.series === 'gun rounds');
    expect(rounds.length).toBeGreaterThan(2);
    let fired = 0;
    for (const unit of new Set(rounds.map((r) => r.unit))) {
      const own = rounds.filter((r) => r.unit === unit);
      fired += own[0].left - (own.at(-1)?.left ?? 0);
    }
    expect(fired).toBe(result.summary.totals.gunRoundsFired);
    const bare = shipped('al-asad-2020-no-defense.yaml');
    expect(magazineSpec(bare, runScenario(bare, { seed: 1 }).events, 600)).toBeNull();
  });
});
