import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LauncherGroup } from '../scenario/types.js';
import { NOTIONAL_PAC2_GEM, NOTIONAL_PAC3_MSE } from './fixtures.js';
import { createMagazine, readyRounds, startReloads, takeRound, totalRounds } from './launcher.js';

const GROUPS: LauncherGroup[] = [
  { count: 2, interceptor: NOTIONAL_PAC3_MSE, loaded: 3, capacity: 12, reload_s: 600, reserve: 10 },
  { count: 2, interceptor: NOTIONAL_PAC2_GEM, loaded: 4, capacity: 4, reload_s: 900, reserve: 4 },
];

describe('launcher magazine', () => {
  it('takes rounds from the lowest-index ready launcher, by type', () => {
    const m = createMagazine(GROUPS);
    expect(readyRounds(m, 0)).toBe(14);
    expect(readyRounds(m, 0, NOTIONAL_PAC2_GEM.id)).toBe(8);
    expect(takeRound(m, 0, NOTIONAL_PAC2_GEM.id)).toBe(2);
    expect(takeRound(m, 0)).toBe(0);
    for (let i = 0; i < 2; i++) takeRound(m, 0);
    expect(takeRound(m, 0)).toBe(1);
    expect(m.launchers[0].rounds).toBe(0);
  });

  it('reloads empty launchers from the group reserve and keeps them unable to fire until done', () => {
    const m = createMagazine(GROUPS);
    for (let i = 0; i < 3; i++) expect(takeRound(m, 10, NOTIONAL_PAC3_MSE.id)).toBe(0);
    expect(startReloads(m, 20)).toEqual([0]);
    expect(m.reserve[0]).toBe(0);
    expect(m.launchers[0].rounds).toBe(10);
    expect(readyRounds(m, 619, NOTIONAL_PAC3_MSE.id)).toBe(3);
    expect(readyRounds(m, 620, NOTIONAL_PAC3_MSE.id)).toBe(13);
    expect(takeRound(m, 100, NOTIONAL_PAC3_MSE.id)).toBe(1);
  });

  it('never goes negative and conserves rounds over random take/reload sequences', () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('take' as const),
        dt: fc.double({ min: 0, max: 300, noNaN: true }),
        type: fc.integer({ min: 0, max: 2 }),
      }),
      fc.record({
        kind: fc.constant('reload' as const),
        dt: fc.double({ min: 0, max: 300, noNaN: true }),
        type: fc.constant(0),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 200 }), (ops) => {
        const m = createMagazine(GROUPS);
        const initial = totalRounds(m);
        let taken = 0;
        let t = 0;
        const ids = [undefined, NOTIONAL_PAC3_MSE.id, NOTIONAL_PAC2_GEM.id];
        for (const o of ops) {
          t += o.dt;
          if (o.kind === 'take') {
            const before = readyRounds(m, t, ids[o.type]);
            const i = takeRound(m, t, ids[o.type]);
            if (i >= 0) taken++;
            expect(i >= 0).toBe(before > 0);
          } else {
            startReloads(m, t);
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
