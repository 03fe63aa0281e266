import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hermiteState } from './hermite.js';

describe('hermiteState', () => {
  it('reproduces the end states at s = 0 and s = 1', () => {
    const p0 = Float64Array.of(1, 2, 3);
    const v0 = Float64Array.of(4, 5, 6);
    const p1 = Float64Array.of(7, 8, 10);
    const v1 = Float64Array.of(1, 0, -1);
    const pos = new Float64Array(3);
    const vel = new Float64Array(3);
    hermiteState(1, 0.5, p0, v0, 0, p1, v1, 0, pos, vel);
    for (let k = 0; k < 3; k++) {
      expect(pos[k]).toBeCloseTo(p1[k], 12);
      expect(vel[k]).toBeCloseTo(v1[k], 12);
    }
    hermiteState(0, 0.5, p0, v0, 0, p1, v1, 0, pos, vel);
    for (let k = 0; k < 3; k++) {
      expect(pos[k]).toBeCloseTo(p0[k], 12);
      expect(vel[k]).toBeCloseTo(v0[k], 12);
    }
  });

  it('is exact for constant-acceleration motion (a cubic reproduces a quadratic)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x0, v, a, h, s) => {
          const at = (t: number) => x0 + v * t + 0.5 * a * t * t;
          const p0 = Float64Array.of(at(0), 0, 0);
          const v0 = Float64Array.of(v, 0, 0);
          const p1 = Float64Array.of(at(h), 0, 0);
          const v1 = Float64Array.of(v + a * h, 0, 0);
          const pos = new Float64Array(3);
          const vel = new Float64Array(3);
          hermiteState(s, h, p0, v0, 0, p1, v1, 0, pos, vel);
          expect(pos[0]).toBeCloseTo(at(s * h), 8);
          expect(vel[0]).toBeCloseTo(v + a * s * h, 8);
        },
      ),
    );
  });
});
