import { describe, expect, it } from 'vitest';
import { createRng } from '../../math/rng.js';
import { gospa, mappedDistance, ospa } from './ospa.js';

/** Brute-force minimum over all partial matchings of Σ (min(d,c)^p − c^p) restricted to d < c pairs. */
function bruteMinGain(x: number[][], y: number[][], c: number, p: number): { gain: number; matched: number } {
  let best = { gain: 0, matched: 0 };
  const used = new Array(y.length).fill(false);
  const rec = (i: number, gain: number, matched: number) => {
    if (i === x.length) {
      if (gain < best.gain) best = { gain, matched };
      return;
    }
    rec(i + 1, gain, matched);
    for (let j = 0; j < y.length; j++) {
      if (used[j]) continue;
      const d = mappedDistance(x[i], y[j], null);
      if (d >= c) continue;
      used[j] = true;
      rec(i + 1, gain + d ** p - c ** p, matched + 1);
      used[j] = false;
    }
  };
  rec(0, 0, 0);
  return best;
}

describe('OSPA', () => {
  it('averages the matched distances when the sets pair one-to-one within c', () => {
    const truth = [
      [0, 0],
      [10, 0],
    ];
    const est = [
      [10, 1],
      [3, 4],
    ];
    expect(ospa(truth, est, { c: 100, p: 1 })).toBeCloseTo(3, 12);
    expect(ospa(truth, est, { c: 100, p: 2 })).toBeCloseTo(Math.sqrt(13), 12);
  });

  it('finds the optimal pairing where greedy nearest-neighbour would not', () => {
    // greedy pairs 10↔9 then 0↔11 (1 + 121); the optimum is 0↔9, 10↔11 (81 + 1)
    expect(ospa([[0], [10]], [[9], [11]], { c: 100, p: 2 })).toBeCloseTo(Math.sqrt(41), 12);
  });

  it('charges c for each cardinality mismatch and divides by the larger set', () => {
    const truth = [
      [0, 0],
      [100, 0],
    ];
    expect(ospa(truth, [[0, 3]], { c: 10, p: 1 })).toBeCloseTo((3 + 10) / 2, 12);
    expect(ospa([[0, 3]], truth, { c: 10, p: 1 })).toBeCloseTo((3 + 10) / 2, 12);
  });

  it('cuts distances off at c', () => {
    expect(ospa([[0, 0]], [[50, 0]], { c: 10, p: 1 })).toBe(10);
    expect(ospa([[0, 0]], [[50, 0]], { c: 10, p: 2 })).toBeCloseTo(10, 12);
  });

  it('is 0 for two empty sets and c when exactly one is empty', () => {
    expect(ospa([], [], { c: 100, p: 1 })).toBe(0);
    expect(ospa([[1, 2]], [], { c: 100, p: 1 })).toBe(100);
    expect(
      ospa(
        [],
        [
          [1, 2],
          [3, 4],
        ],
        { c: 100, p: 2 },
      ),
    ).toBe(100);
  });

  it('compares only the mapped components (positions of an interleaved state)', () => {
    const truth = [[0, 500, 0, -300]];
    const est = [[3, 0, 4, 0]];
    expect(ospa(truth, est, { c: 100, p: 1, mapping: [0, 2] })).toBeCloseTo(5, 12);
    expect(ospa(truth, est, { c: 100, p: 1 })).toBe(100);
  });

  it('rejects c ≤ 0 and p < 1', () => {
    expect(() => ospa([[0]], [[1]], { c: 0, p: 1 })).toThrow(RangeError);
    expect(() => ospa([[0]], [[1]], { c: 1, p: 0.5 })).toThrow(RangeError);
  });
});

describe('GOSPA (alpha = 2)', () => {
  it('splits into localisation, missed and false in units^p', () => {
    const truth = [
      [0, 0],
      [100, 0],
    ];
    const r = gospa(truth, [[0, 3]], { c: 10, p: 1, alpha: 2 });
    expect(r.localisation).toBeCloseTo(3, 12);
    expect(r.missed).toBe(5);
    expect(r.false).toBe(0);
    expect(r.distance).toBeCloseTo(8, 12);
    expect(Array.from(r.assignment)).toEqual([0, -1]);
  });

  it('treats a pair at or beyond c as one missed and one false target', () => {
    const r = gospa([[0, 0]], [[50, 0]], { c: 10, p: 2 });
    expect(r.localisation).toBe(0);
    expect(r.missed).toBe(50);
    expect(r.false).toBe(50);
    expect(r.distance).toBeCloseTo(10, 12);
    expect(Array.from(r.assignment)).toEqual([-1]);
  });

  it('handles empty sets: all missed or all false', () => {
    expect(gospa([], [], { c: 100, p: 1 }).distance).toBe(0);
    const missed = gospa([[0], [1]], [], { c: 100, p: 1 });
    expect([missed.missed, missed.false, missed.distance]).toEqual([100, 0, 100]);
    const falses = gospa([], [[0], [1], [2]], { c: 100, p: 1 });
    expect([falses.missed, falses.false, falses.distance]).toEqual([0, 150, 150]);
  });

  it('components sum to distance^p and both metrics match a brute-force optimum on random sets', () => {
    const rng = createRng(7);
    for (let trial = 0; trial < 200; trial++) {
      const c = rng.uniformRange(5, 50);
      const p = rng.chance(0.5) ? 1 : 2;
      const pts = (n: number) =>
        Array.from({ length: n }, () => [rng.uniformRange(0, 60), rng.uniformRange(0, 60)]);
      const x = pts(rng.integer(0, 4));
      const y = pts(rng.integer(0, 4));
      const g = gospa(x, y, { c, p });
      expect(g.distance ** p).toBeCloseTo(g.localisation + g.missed + g.false, 9);
      const brute = bruteMinGain(x, y, c, p);
      const cp = c ** p;
      expect(g.distance ** p).toBeCloseTo(brute.gain + (cp / 2) * (x.length + y.length), 9);
      const n = Math.max(x.length, y.length);
      const expectedOspa = n === 0 ? 0 : ((brute.gain + cp * n) / n) ** (1 / p);
      expect(ospa(x, y, { c, p })).toBeCloseTo(expectedOspa, 9);
      expect(ospa(y, x, { c, p })).toBeCloseTo(expectedOspa, 9);
    }
  });
});
