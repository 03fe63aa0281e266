/**
 * The layered Al Asad scenario (scenarios/al-asad-2020-layered.yaml): what follows from the layered-C2 design
 * (docs/layered-defense.md), checked on the seed-1 run.
 */
import { describe, expect, it } from 'vitest';
import { buildStories, LEAK_CATEGORIES } from '../src/outcome/index.js';
import { runScenario } from '../src/sim/engine.js';
import type { SimEvent } from '../src/world/events.js';
import { shipped } from './helpers.js';

const ofType = <T extends SimEvent['type']>(events: readonly SimEvent[], type: T) =>
  events.filter((e): e is Extract<SimEvent, { type: T }> => e.type === type);

describe('al-asad-2020-layered.yaml (seed 1)', () => {
  const result = runScenario(shipped('al-asad-2020-layered.yaml'), { seed: 1, recordPaths: true });
  const events = result.events;

  it('never has two units engaging one track at once (a second only for a leaker)', () => {
    const shooters = new Map<string, Set<string>>();
    for (const e of [...ofType(events, 'c2.engage'), ...ofType(events, 'gun.burst')]) {
      const set = shooters.get(e.trackId) ?? new Set<string>();
      set.add(e.unitId);
      shooters.set(e.trackId, set);
    }
    expect(shooters.size).toBeGreaterThan(0);
    // a second unit on a track only after the first unit's engagement was assessed survived (a leaker)
    const survived = ofType(events, 'c2.killAssessment').filter((e) => e.assessed === 'survived');
    for (const [trackId, set] of shooters) {
      if (set.size === 1) continue;
      const firstSurvived = survived.find((e) => e.trackId === trackId);
      expect(firstSurvived).toBeDefined();
      const byOthers = [...ofType(events, 'c2.engage'), ...ofType(events, 'gun.burst')].filter(
        (e) => e.trackId === trackId && e.unitId !== firstSurvived?.unitId,
      );
      for (const e of byOthers) expect(e.t_s).toBeGreaterThanOrEqual(firstSurvived?.t_s ?? Number.NaN);
    }
  });

  it('rockets are engaged only by the C-RAM, SRBMs only by the battery', () => {
    const launches = ofType(events, 'interceptor.launch');
    expect(launches.some((e) => e.threatId?.startsWith('rockets-'))).toBe(false);
    expect(
      launches.filter((e) => e.threatId?.startsWith('srbm-')).every((e) => e.unitId === 'patriot-1'),
    ).toBe(true);
    const bursts = ofType(events, 'gun.burst');
    expect(bursts.length).toBeGreaterThan(0);
    expect(bursts.every((e) => e.threatId === null || e.threatId.startsWith('rockets-'))).toBe(true);
  });

  it('one shared picture: tracks are the network tracker’s, confirmed once whichever radar saw them', () => {
    const confirmed = events.filter((e) => e.type === 'track.confirmed') as { trackId: string }[];
    expect(confirmed.every((e) => e.trackId.startsWith('al-asad-net'))).toBe(true);
    expect(new Set(confirmed.map((e) => e.trackId)).size).toBe(confirmed.length);
  });

  it('every leaker’s story gives one of the leak categories', () => {
    const stories = buildStories(events);
    const leakers = stories.filter((s) => s.leaked);
    expect(leakers.length).toBe(result.summary.totals.leakersOnAssets);
    for (const s of leakers) {
      expect(LEAK_CATEGORIES).toContain(s.category);
      expect(s.verdict).toMatch(
        /^leaked: (not detected|detected late|no fire channel|no inventory|out of envelope|missed|not engaged): /,
      );
    }
  });
});
