/**
 * Launcher reloads end to end: the shipped Al Asad scenario with a small magazine (3 launchers × 1 round, capacity 2,
 * 20 s reload, 9 reserve rounds) against its 16 threats, so the battery empties, reloads and re-empties launchers;
 * and the miss categories of `interceptor.end` (c2/reasons).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NOTIONAL_PAC2_GEM } from '../../test/support/weaponFixtures.js';
import { packageRoot } from '../scenario/catalog.js';
import { parseScenario } from '../scenario/load.js';
import { runScenario } from '../sim/engine.js';
import { lethalReach_m } from '../weapons/lethality.js';
import { createThreatState } from '../world/threatState.js';
import { interceptReason, noInterceptReason } from './batteryFire.js';
import { INTERCEPTOR_END_REASONS } from './reasons.js';

const LAUNCHERS_SHIPPED =
  '      - { count: 4, interceptor: notional-pac2-gem, loaded: 4, capacity: 4, reload: 15min, reserve: 16 }\n' +
  '      - { count: 2, interceptor: notional-pac3-mse, loaded: 12, capacity: 12, reload: 15min, reserve: 24 }';
const LAUNCHERS_SMALL =
  '      - { count: 3, interceptor: notional-pac2-gem, loaded: 1, capacity: 2, reload: 20s, reserve: 9 }';
const RELOAD_s = 20;

function smallMagazineRun(seed: number) {
  const path = join(packageRoot(), 'scenarios', 'al-asad-2020.yaml');
  const text = readFileSync(path, 'utf8');
  expect(text).toContain(LAUNCHERS_SHIPPED);
  return runScenario(parseScenario(text.replace(LAUNCHERS_SHIPPED, LAUNCHERS_SMALL), path), { seed });
}

describe('battery launcher reloads (small magazine, Al Asad)', () => {
  it.each([1, 2])(
    'reloads each emptied launcher after the reload time and fires its rounds (seed %i)',
    (seed) => {
      const run = smallMagazineRun(seed);
      const rounds = [1, 1, 1];
      const emptiedAt_s = [Number.NaN, Number.NaN, Number.NaN];
      const reloaded: number[] = [];
      let launches = 0;
      for (const e of run.events) {
        if (e.type === 'interceptor.launch') {
          const i = e.launcher;
          // a launcher fires only when it holds a round that is not still being loaded
          expect(rounds[i]).toBeGreaterThan(0);
          rounds[i]--;
          launches++;
          if (rounds[i] === 0) emptiedAt_s[i] = e.t_s;
        }
        if (e.type === 'launcher.reloaded') {
          expect(rounds[e.launcher]).toBe(0);
          expect(e.t_s).toBe(emptiedAt_s[e.launcher] + RELOAD_s);
          rounds[e.launcher] = e.rounds;
          reloaded.push(e.rounds);
        }
      }
      // 9 reserve rounds at capacity 2: four full reloads and a last one of 1 round
      expect(reloaded).toEqual([2, 2, 2, 2, 1]);
      // every round is fired except, at most, a lone last round that cannot make a salvo of two on its own
      expect(launches).toBeGreaterThanOrEqual(3 + 9 - 1);
      expect(launches).toBeLessThanOrEqual(3 + 9);
    },
  );
});

describe('miss categories (interceptor.end reasons)', () => {
  it('a 1,477 m miss is missed-wide, not survived-warhead (the bug: every failed kill draw read "survived the warhead")', () => {
    const reach_m = lethalReach_m(NOTIONAL_PAC2_GEM);
    // 15 m lethal sigma: P(kill) falls to 1 % of pkMax at ≈ 45 m
    expect(reach_m).toBeCloseTo(15 * Math.sqrt(2 * Math.log(100)), 9);
    expect(interceptReason(NOTIONAL_PAC2_GEM, 1477, false)).toBe('missed-wide');
    expect(interceptReason(NOTIONAL_PAC2_GEM, 350, false)).toBe('missed-wide');
    expect(interceptReason(NOTIONAL_PAC2_GEM, 10, false)).toBe('survived-warhead');
    expect(interceptReason(NOTIONAL_PAC2_GEM, reach_m, false)).toBe('survived-warhead');
    expect(interceptReason(NOTIONAL_PAC2_GEM, 10, true)).toBe('lethal');
  });

  it('in a whole run every interceptor.end reason is a listed code, and misses are split by the lethal reach', () => {
    const run = smallMagazineRun(1);
    const ends = run.events.filter((e) => e.type === 'interceptor.end');
    expect(ends.length).toBeGreaterThan(0);
    for (const e of ends) {
      expect(INTERCEPTOR_END_REASONS).toContain(e.reason);
      if (e.reason === 'survived-warhead') expect(e.miss_m!).toBeLessThanOrEqual(e.lethalReach_m!);
      if (e.reason === 'missed-wide') expect(e.miss_m!).toBeGreaterThan(e.lethalReach_m!);
    }
  });
});

describe('a round that arrives after its target broke up', () => {
  it('is target-broken-up, never a kill (a kill on a body that has already broken up must not count)', () => {
    const path = join(packageRoot(), 'scenarios', 'al-asad-2020.yaml');
    const scenario = parseScenario(readFileSync(path, 'utf8'), path);
    const launch = scenario.threats[0];
    const target = createThreatState(launch, scenario.threatTypes[launch.typeId]);
    target.fate = 'failed'; // broke up: its truth ended before the round's closest approach
    const point_ecef = new Float64Array(3);
    const reached = { kind: 'intercept', time_s: 10, miss_m: 3, point_ecef, closingSpeed_mps: 2000 } as const;
    expect(noInterceptReason(reached, target, false)).toBe('target-broken-up');
    // the flight itself saw its target vanish
    expect(noInterceptReason({ kind: 'miss', time_s: 10, reason: 'target-gone' }, target, false)).toBe(
      'target-broken-up',
    );
    target.fate = 'killed';
    expect(noInterceptReason(reached, target, false)).toBe('target-already-destroyed');
    expect(noInterceptReason({ kind: 'miss', time_s: 10, reason: 'self-destruct' }, target, true)).toBe(
      'round-failed',
    );
  });
});
