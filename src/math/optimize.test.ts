import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { goldenMax, goldenMin } from './optimize.js';

describe('golden-section search', () => {
  it('finds the vertex of a parabola to the tolerance (max and min)', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), (x0) => {
        expect(goldenMax((x) => -((x - x0) ** 2), -10, 10, 1e-9)).toBeCloseTo(x0, 7);
        expect(goldenMin((x) => (x - x0) ** 2 + 3, -10, 10, 1e-9)).toBeCloseTo(x0, 7);
      }),
    );
  });

  it('finds 45° as the vacuum max-range elevation (R ∝ sin 2θ)', () => {
    expect(goldenMax((t) => Math.sin(2 * t), 0.05, 1.5, 1e-10)).toBeCloseTo(Math.PI / 4, 6);
  });
});
