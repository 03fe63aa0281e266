import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assignWeapons, type WtaCandidate } from './weaponAssignment.js';

describe('assignWeapons', () => {
  it('beats the greedy choice: gives the only weapon that can reach Y to Y, the other to X', () => {
    // greedy best-first would take X with group 1 (10) and leave Y unengaged (total 10); optimal is 9 + 8 = 17
    const candidates: WtaCandidate[] = [
      { group: 0, targetId: 'X', shots: 1, value: 9 },
      { group: 1, targetId: 'X', shots: 1, value: 10 },
      { group: 1, targetId: 'Y', shots: 1, value: 8 },
    ];
    const chosen = assignWeapons(candidates, { readyRounds: [1, 1], freeChannels: 5 });
    expect(chosen.map((c) => `${c.targetId}${c.group}`).sort()).toEqual(['X0', 'Y1']);
  });

  it('ranks by value when channels are short: the more valuable engagement is committed', () => {
    const candidates: WtaCandidate[] = [
      { group: 0, targetId: 'low', shots: 2, value: 3 },
      { group: 0, targetId: 'high', shots: 2, value: 12 },
    ];
    const chosen = assignWeapons(candidates, { readyRounds: [8], freeChannels: 1 });
    expect(chosen.map((c) => c.targetId)).toEqual(['high']);
  });

  it('fire channels count targets, not rounds: two salvos of two on two channels both go', () => {
    // the bug: a salvo of 2 took 2 channels, so 2 free channels served one target and the second was held
    const candidates: WtaCandidate[] = [
      { group: 0, targetId: 'low', shots: 2, value: 3 },
      { group: 0, targetId: 'high', shots: 2, value: 12 },
    ];
    const chosen = assignWeapons(candidates, { readyRounds: [8], freeChannels: 2 });
    expect(chosen.map((c) => c.targetId)).toEqual(['high', 'low']);
  });

  it('never exceeds rounds or channels, never engages a target twice, and only picks offered pairs (property)', () => {
    const candidate = fc.record({
      group: fc.integer({ min: 0, max: 2 }),
      targetId: fc.constantFrom('a', 'b', 'c', 'd', 'e'),
      shots: fc.integer({ min: 1, max: 3 }),
      value: fc.double({ min: 0.1, max: 100, noNaN: true }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(candidate, { selector: (c) => `${c.group}${c.targetId}`, maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 3, maxLength: 3 }),
        fc.integer({ min: 0, max: 8 }),
        (candidates, readyRounds, freeChannels) => {
          const chosen = assignWeapons(candidates, { readyRounds, freeChannels });
          const targets = chosen.map((c) => c.targetId);
          expect(new Set(targets).size).toBe(targets.length);
          expect(chosen.length).toBeLessThanOrEqual(freeChannels);
          for (let g = 0; g < 3; g++) {
            expect(chosen.filter((c) => c.group === g).reduce((n, c) => n + c.shots, 0)).toBeLessThanOrEqual(
              readyRounds[g],
            );
          }
          for (const c of chosen) expect(candidates).toContain(c);
        },
      ),
    );
  });

  it('with ample resources engages every target with its best group value (matches brute force on small cases)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 50, noNaN: true }), { minLength: 4, maxLength: 4 }),
        (v) => {
          const candidates: WtaCandidate[] = [
            { group: 0, targetId: 'a', shots: 1, value: v[0] },
            { group: 1, targetId: 'a', shots: 1, value: v[1] },
            { group: 0, targetId: 'b', shots: 1, value: v[2] },
            { group: 1, targetId: 'b', shots: 1, value: v[3] },
          ];
          const chosen = assignWeapons(candidates, { readyRounds: [1, 1], freeChannels: 4 });
          const total = chosen.reduce((n, c) => n + c.value, 0);
          expect(total).toBeCloseTo(Math.max(v[0] + v[3], v[1] + v[2]), 9);
        },
      ),
    );
  });
});
