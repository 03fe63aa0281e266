/**
 * Launcher reloads end to end: the shipped Al Asad scenario with a small magazine (3 launchers × 1 round, capacity 2,
 * 20 s reload, 9 reserve rounds) against its 16 threats, so the battery empties, reloads and re-empties launchers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../scenario/catalog.js';
import { parseScenario } from '../scenario/load.js';
import { runScenario } from '../sim/engine.js';

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
    'reloads each emptied launcher after the reload time and fires all 12 rounds (seed %i)',
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
      expect(launches).toBe(3 + 9);
    },
  );
});
