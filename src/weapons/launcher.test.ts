import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE } from '../../test/support/weaponFixtures.js';
import type { LauncherGroup } from '../scenario/types.js';
import { createMagazine, type MagazineState, readyRounds, startReload, takeRound } from './launcher.js';

/** Launchers 0–1 are group 0 (PAC-3 MSE), launchers 2–3 group 1 (PAC-2 GEM). */
const GROUPS: LauncherGroup[] = [
  { count: 2, interceptor: NOTIONAL_PAC3_MSE, loaded: 3, capacity: 12, reload_s: 600, reserve: 10 },
  { count: 2, interceptor: NOTIONAL_PAC2_GEM, loaded: 4, capacity: 4, reload_s: 900, reserve: 4 },
];

/** Every round the battery still owns: on launchers (loading included) and in reserve. */
function totalRounds(m: MagazineState): number {
  let n = 0;
  for (const l of m.launchers) n += l.rounds;
  for (const r of m.reserve) n += r;
  return n;
}

describe('launcher magazine', () => {
  it('counts ready rounds per group and takes them from the lowest-index launcher of the group', () => {
    const m = createMagazine(GROUPS);
    expect(m.launchers.map((l) => l.group)).toEqual([0, 0, 1, 1]);
    expect(readyRounds(m, 0, 0)).toBe(6);
    expect(readyRounds(m, 1, 0)).toBe(8);
    expect(takeRound(m, 1, 0)).toBe(2);
    expect(takeRound(m, 0, 0)).toBe(0);
    for (let i = 0; i < 2; i++) takeRound(m, 0, 0);
    expect(takeRound(m, 0, 0)).toBe(1);
    expect(m.launchers[0].rounds).toBe(0);
    expect(readyRounds(m, 0, 0)).toBe(2);
    expect(readyRounds(m, 1, 0)).toBe(7);
  });

  it('returns −1 when the group has no round left', () => {
    const m = createMagazine(GROUPS);
    for (let i = 0; i < 6; i++) expect(takeRound(m, 0, 0)).toBeGreaterThanOrEqual(0);
    expect(takeRound(m, 0, 0)).toBe(-1);
    expect(readyRounds(m, 1, 0)).toBe(8);
  });

  it('reloads an empty launcher from its group reserve and keeps the rounds unready until the reload ends', () => {
    const m = createMagazine(GROUPS);
    expect(startReload(m, 0, 5)).toBeNull(); // not empty
    for (let i = 0; i < 3; i++) expect(takeRound(m, 0, 10)).toBe(0);
    // reserve 10 < capacity 12: the launcher takes all of it
    expect(startReload(m, 0, 20)).toEqual({ rounds: 10, ready_s: 620 });
    expect(m.reserve).toEqual([0, 4]);
    expect(readyRounds(m, 0, 619)).toBe(3);
    expect(readyRounds(m, 0, 620)).toBe(13);
    expect(takeRound(m, 0, 100)).toBe(1);
    expect(startReload(m, 0, 100)).toBeNull(); // already reloading
    for (let i = 0; i < 2; i++) takeRound(m, 0, 100);
    expect(startReload(m, 1, 100)).toBeNull(); // empty but the reserve is spent
    expect(takeRound(m, 0, 620)).toBe(0);
  });

  it('reloads a full capacity when the reserve allows', () => {
    const m = createMagazine(GROUPS);
    for (let i = 0; i < 4; i++) expect(takeRound(m, 1, 0)).toBe(2);
    expect(startReload(m, 2, 30)).toEqual({ rounds: 4, ready_s: 930 });
    expect(m.reserve).toEqual([10, 0]);
  });

  it('never goes negative and conserves rounds over random take/reload sequences', () => {
    const op = fc.record({
      kind: fc.constantFrom('take' as const, 'reload' as const),
      dt: fc.double({ min: 0, max: 300, noNaN: true }),
      index: fc.integer({ min: 0, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const m = createMagazine(GROUPS);
        const initial = totalRounds(m);
        let taken = 0;
        let t = 0;
        for (const o of ops) {
          t += o.dt;
          if (o.kind === 'take') {
            const group = o.index % 2;
            const before = readyRounds(m, group, t);
            const i = takeRound(m, group, t);
            if (i >= 0) {
              taken++;
              expect(m.launchers[i].group).toBe(group);
            }
            expect(i >= 0).toBe(before > 0);
          } else {
            startReload(m, o.index, t);
          }
          for (const l of m.launchers) {
            expect(l.rounds).toBeGreaterThanOrEqual(0);
            expect(l.rounds).toBeLessThanOrEqual(l.capacity);
          }
          for (const r of m.reserve) expect(r).toBeGreaterThanOrEqual(0);
          expect(totalRounds(m)).toBe(initial - taken);
        }
      }),
    );
  });
});
