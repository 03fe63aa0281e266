import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import {
  fractionalRanks,
  halfWidth,
  MeanAccumulator,
  meanInterval,
  quantile95,
  spearmanRho,
  wilsonInterval,
  Z95,
} from './stats.js';

describe('wilsonInterval', () => {
  it('matches the textbook example 8/10 → [0.490, 0.943]', () => {
    const w = wilsonInterval(8, 10);
    expect(w.p).toBe(0.8);
    expect(w.lo).toBeCloseTo(0.4902, 4);
    expect(w.hi).toBeCloseTo(0.9433, 4);
  });

  // Newcombe (1998), Stat. Med. 17:857–872, Table I, method 3 (score interval without continuity correction)
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('matches Newcombe 1998 Table I for %i/%i', (x, n, lo, hi) => {
    const w = wilsonInterval(x, n);
    expect(w.lo).toBeCloseTo(lo, 4);
    expect(w.hi).toBeCloseTo(hi, 4);
  });

  it('stays inside [0, 1], contains p̂ and is symmetric under successes ↔ failures', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, f) => {
        const x = Math.min(n, Math.floor(f * (n + 1)));
        const w = wilsonInterval(x, n);
        const m = wilsonInterval(n - x, n);
        expect(w.lo).toBeGreaterThanOrEqual(0);
        expect(w.hi).toBeLessThanOrEqual(1);
        expect(w.lo).toBeLessThanOrEqual(w.p);
        expect(w.hi).toBeGreaterThanOrEqual(w.p);
        expect(w.lo).toBeCloseTo(1 - m.hi, 12);
        expect(w.hi).toBeCloseTo(1 - m.lo, 12);
      }),
    );
  });

  it('is uninformative for n = 0 and rejects impossible counts', () => {
    expect(wilsonInterval(0, 0)).toEqual({ p: 0, lo: 0, hi: 1 });
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 2)).toThrow(RangeError);
  });

  it('covers the true p in ≈95 % of 2,000 seeded Bernoulli trials (n = 100, p = 0.3)', () => {
    const coverage = wilsonCoverage(0.3, 100, 2000, 20240601);
    expect(coverage).toBeGreaterThan(0.93);
    expect(coverage).toBeLessThan(0.97);
  });

  it('keeps ≈95 % coverage near the boundary where Wald fails (n = 50, p = 0.95)', () => {
    // Wilson's coverage oscillates with n·p; at n = 50, p = 0.95 it is ≈ 0.96 (Brown, Cai & DasGupta 2001, Fig. 5)
    const coverage = wilsonCoverage(0.95, 50, 2000, 7);
    expect(coverage).toBeGreaterThan(0.93);
    expect(coverage).toBeLessThan(0.98);
  });
});

/** Fraction of seeded trials (n Bernoulli(p) draws each) whose 95 % Wilson interval contains p. */
function wilsonCoverage(p: number, n: number, trials: number, seed: number): number {
  const root = createRng(seed);
  let covered = 0;
  for (let t = 0; t < trials; t++) {
    const rng = root.fork(`trial:${t}`);
    let successes = 0;
    for (let i = 0; i < n; i++) if (rng.chance(p)) successes++;
    const w = wilsonInterval(successes, n);
    if (w.lo <= p && p <= w.hi) covered++;
  }
  return covered / trials;
}

describe('quantile95', () => {
  // two-sided 95 % t quantiles from the NIST/SEMATECH e-Handbook table 1.3.6.7.2 (3 decimals)
  it.each([
    [2, 12.706],
    [3, 4.303],
    [5, 2.776],
    [11, 2.228],
    [21, 2.086],
    [30, 2.045],
  ])('uses Student t with n − 1 degrees of freedom for n = %i', (n, t) => {
    expect(quantile95(n)).toBeCloseTo(t, 3);
  });

  it('switches to the normal quantile above 30 samples and is infinite below 2', () => {
    expect(quantile95(31)).toBe(Z95);
    expect(quantile95(1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('meanInterval', () => {
  it('gives mean ± t·s/√n for a small sample', () => {
    const m = meanInterval([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(m.mean).toBe(5);
    expect(m.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    expect(halfWidth(m)).toBeCloseTo((2.364624251592784 * Math.sqrt(32 / 7)) / Math.sqrt(8), 12);
    expect(m.n).toBe(8);
  });

  it('degenerates to the point for n < 2', () => {
    expect(meanInterval([])).toEqual({ mean: 0, sd: 0, lo: 0, hi: 0, n: 0 });
    expect(meanInterval([3])).toEqual({ mean: 3, sd: 0, lo: 3, hi: 3, n: 1 });
  });

  it('equals the online accumulator exactly', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { maxLength: 200 }), (xs) => {
        const acc = new MeanAccumulator();
        for (const x of xs) acc.push(x);
        expect(acc.interval()).toEqual(meanInterval(xs));
      }),
    );
  });

  it('covers the true mean in ≈95 % of 2,000 seeded normal samples (n = 10, Student t)', () => {
    const root = createRng(99);
    let covered = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const rng = root.fork(`trial:${t}`);
      const xs = Array.from({ length: 10 }, () => 3 + 2 * rng.normal());
      const m = meanInterval(xs);
      if (m.lo <= 3 && 3 <= m.hi) covered++;
    }
    expect(covered / trials).toBeGreaterThan(0.93);
    expect(covered / trials).toBeLessThan(0.97);
  });
});

describe('spearmanRho', () => {
  it('reproduces the published IQ / TV-hours example: ρ = −29/165 (Wikipedia, "Spearman\'s rank correlation")', () => {
    const iq = [106, 100, 86, 101, 99, 103, 97, 113, 112, 110];
    const tv = [7, 27, 2, 50, 28, 29, 20, 12, 6, 17];
    expect(spearmanRho(iq, tv)).toBeCloseTo(-29 / 165, 12);
  });

  it('with ties uses mean ranks: x = (1, 2, 2, 3), y = (1, 2, 3, 4) gives 3/√10 by hand', () => {
    expect(fractionalRanks([1, 2, 2, 3])).toEqual([1, 2.5, 2.5, 4]);
    expect(spearmanRho([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(3 / Math.sqrt(10), 12);
  });

  it('is 1 for any increasing map, −1 for a decreasing one, NaN for a constant sample', () => {
    const x = [3, 1, 4, 1.5, 9, 2.6];
    expect(
      spearmanRho(
        x,
        x.map((v) => Math.exp(v)),
      ),
    ).toBeCloseTo(1, 12);
    expect(
      spearmanRho(
        x,
        x.map((v) => -v * v * v),
      ),
    ).toBeCloseTo(-1, 12);
    expect(
      spearmanRho(
        x,
        x.map(() => 7),
      ),
    ).toBeNaN();
    expect(() => spearmanRho([1, 2], [1])).toThrow(RangeError);
  });
});
