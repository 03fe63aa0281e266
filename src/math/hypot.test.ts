import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hypot2, hypot3 } from './hypot.js';

/** Doubles over the whole range, subnormals, ±0, ±∞ and NaN included. */
const anyDouble = fc.double();
/** A magnitude 10^e with e ∈ [−320, 308] times a mantissa, so components of one call differ by many decades. */
const scaled = fc
  .tuple(fc.double({ min: -1, max: 1, noNaN: true }), fc.integer({ min: -320, max: 308 }))
  .map(([m, e]) => m * 10 ** e);
/** Three components of one common magnitude 10^e (e ∈ [−3, 9]: simulator distances and speeds), where the
 *  compensated sum's last bit differs from a plain sum of squares in a few percent of draws. */
const sameOrder = fc
  .tuple(
    fc.integer({ min: -3, max: 9 }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
    fc.double({ min: -1, max: 1, noNaN: true }),
  )
  .map(([e, x, y, z]) => [x * 10 ** e, y * 10 ** e, z * 10 ** e] as const);
const special = [
  0,
  -0,
  1,
  -1,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
  Number.MIN_VALUE,
  -Number.MIN_VALUE,
  2.2250738585072014e-308,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  1e-300,
  1e300,
  3,
  4,
  12,
];

describe('hypot2 / hypot3', () => {
  it('hypot3 returns the same bits as Math.hypot for components of very different magnitudes', () => {
    fc.assert(
      fc.property(scaled, scaled, scaled, (x, y, z) => Object.is(hypot3(x, y, z), Math.hypot(x, y, z))),
      { numRuns: 20_000 },
    );
  });

  it('hypot3 and hypot2 return the same bits as Math.hypot for components of one magnitude', () => {
    fc.assert(
      fc.property(sameOrder, ([x, y, z]) => {
        return Object.is(hypot3(x, y, z), Math.hypot(x, y, z)) && Object.is(hypot2(x, y), Math.hypot(x, y));
      }),
      { numRuns: 20_000 },
    );
  });

  it('hypot2 returns the same bits as Math.hypot for components of very different magnitudes', () => {
    fc.assert(
      fc.property(scaled, scaled, (x, y) => Object.is(hypot2(x, y), Math.hypot(x, y))),
      { numRuns: 20_000 },
    );
  });

  it('match Math.hypot bit for bit on arbitrary doubles (subnormals, ±0, ±∞, NaN)', () => {
    fc.assert(
      fc.property(anyDouble, anyDouble, anyDouble, (x, y, z) => {
        return Object.is(hypot3(x, y, z), Math.hypot(x, y, z)) && Object.is(hypot2(x, y), Math.hypot(x, y));
      }),
      { numRuns: 20_000 },
    );
  });

  it('match Math.hypot on every combination of the special values', () => {
    for (const x of special) {
      for (const y of special) {
        expect(Object.is(hypot2(x, y), Math.hypot(x, y)), `hypot2(${x}, ${y})`).toBe(true);
        for (const z of special) {
          expect(Object.is(hypot3(x, y, z), Math.hypot(x, y, z)), `hypot3(${x}, ${y}, ${z})`).toBe(true);
        }
      }
    }
  });

  it('give hand-computed norms, +∞ over NaN, NaN without ∞, and +0 for zeros', () => {
    expect(hypot2(3, 4)).toBe(5);
    expect(hypot3(2, 3, 6)).toBe(7);
    expect(hypot3(-4, 0, -3)).toBe(5);
    expect(hypot3(Number.NaN, Number.NEGATIVE_INFINITY, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(hypot2(Number.NaN, 1)).toBeNaN();
    expect(Object.is(hypot3(-0, -0, -0), 0)).toBe(true);
    // scaling keeps squares of huge and tiny components from overflowing or flushing to zero
    expect(hypot2(3e200, 4e200)).toBeCloseTo(5e200, -190);
    expect(hypot3(Number.MIN_VALUE, 0, 0)).toBe(Number.MIN_VALUE);
  });
});
