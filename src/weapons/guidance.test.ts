import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { augmentedPN, type GuidanceInputs, limitLateral, proportionalNavigation } from './guidance.js';

const coord = fc.double({ min: -5e4, max: 5e4, noNaN: true });
const speed = fc.double({ min: -3e3, max: 3e3, noNaN: true });
const vec = (c: fc.Arbitrary<number>) => fc.tuple(c, c, c).map((v) => Float64Array.from(v));

const inputs = fc.record({
  interceptorPos: vec(coord),
  interceptorVel: vec(speed),
  targetPos: vec(coord),
  targetVel: vec(speed),
  targetAccel: vec(fc.double({ min: -100, max: 100, noNaN: true })),
  navigationConstant: fc.double({ min: 2, max: 6, noNaN: true }),
  maxAccel_mps2: fc.double({ min: 1, max: 500, noNaN: true }),
});

describe('guidance laws', () => {
  it('commands are normal to the interceptor velocity and never exceed maxAccel_mps2 (PN and APN)', () => {
    fc.assert(
      fc.property(inputs, (g: GuidanceInputs) => {
        for (const law of [proportionalNavigation, augmentedPN]) {
          const a = law(new Float64Array(3), g);
          const mag = Math.hypot(a[0], a[1], a[2]);
          expect(mag).toBeLessThanOrEqual(g.maxAccel_mps2 * (1 + 1e-12));
          const v = g.interceptorVel;
          const vmag = Math.hypot(v[0], v[1], v[2]);
          if (vmag > 1e-6)
            expect(Math.abs(a[0] * v[0] + a[1] * v[1] + a[2] * v[2]) / vmag).toBeLessThan(1e-9 * (1 + mag));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('true PN is zero on a collision course (no LOS rotation)', () => {
    const g: GuidanceInputs = {
      interceptorPos: Float64Array.of(0, 0, 0),
      interceptorVel: Float64Array.of(1000, 0, 0),
      targetPos: Float64Array.of(10_000, 0, 0),
      targetVel: Float64Array.of(-2000, 0, 0),
      targetAccel: Float64Array.of(0, 0, 0),
      navigationConstant: 4,
      maxAccel_mps2: 300,
    };
    expect(Array.from(proportionalNavigation(new Float64Array(3), g))).toEqual([0, 0, 0]);
  });

  it('true PN equals N′ V_c λ̇ for a crossing target, and APN adds N′/2 of the target acceleration normal to the LOS', () => {
    // target 10 km ahead on x, crossing at 100 m/s along y; interceptor flies along x at 1000 m/s
    const g: GuidanceInputs = {
      interceptorPos: Float64Array.of(0, 0, 0),
      interceptorVel: Float64Array.of(1000, 0, 0),
      targetPos: Float64Array.of(10_000, 0, 0),
      targetVel: Float64Array.of(0, 100, 0),
      targetAccel: Float64Array.of(5, 0, 20),
      navigationConstant: 4,
      maxAccel_mps2: 1000,
    };
    const pn = proportionalNavigation(new Float64Array(3), g);
    // V_c = 1000, λ̇ = 100 / 10000 → a = 4 · 1000 · 0.01 = 40 along +y
    expect(pn[0]).toBeCloseTo(0, 12);
    expect(pn[1]).toBeCloseTo(40, 9);
    expect(pn[2]).toBeCloseTo(0, 12);
    const apn = augmentedPN(new Float64Array(3), g);
    // the x part of the target accel is along the LOS (dropped); z gets 2 · 20
    expect(apn[0]).toBeCloseTo(0, 12);
    expect(apn[1]).toBeCloseTo(40, 9);
    expect(apn[2]).toBeCloseTo(40, 9);
  });

  it('limitLateral works in place (out aliases the input)', () => {
    const a = Float64Array.of(30, 40, 0);
    const out = limitLateral(a, Float64Array.of(1, 0, 0), 10);
    expect(out).toBe(a);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(10, 12);
  });
});
